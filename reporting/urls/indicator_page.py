from django.urls import path

from reporting.views import indicator_page as views

urlpatterns = [
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator_detail"),
]
