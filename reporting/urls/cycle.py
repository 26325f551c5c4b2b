from django.urls import path

from reporting.views import cycle as views

urlpatterns = [
    path("returns/cycle/", views.cycle, name="cycle"),
]
