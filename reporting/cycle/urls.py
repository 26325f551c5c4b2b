from django.urls import path

from reporting.cycle import views

urlpatterns = [
    path("returns/cycle/", views.cycle, name="cycle"),
]
