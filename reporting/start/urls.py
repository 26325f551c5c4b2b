from django.urls import path

from reporting.start import views

urlpatterns = [
    path("", views.start, name="start"),
]
