from django.urls import path

from partnership import views

urlpatterns = [
    path("", views.start, name="start"),
]
