from django.urls import path

from reporting.views import dashboard as views

urlpatterns = [
    path("exceptions/", views.exceptions, name="exceptions"),
    path("blocks/", views.blocks, name="blocks"),
    path("blocks/<slug:slug>/", views.block_detail, name="block_detail"),
]
