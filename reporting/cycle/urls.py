from django.urls import path

from reporting.cycle import views

urlpatterns = [
    path("returns/cycle/", views.cycle, name="cycle"),
    path("returns/cycle/run/", views.cycle_run_today, name="cycle_run"),
]
