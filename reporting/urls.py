from django.urls import path

from reporting import views

urlpatterns = [
    path("", views.start, name="start"),
]
