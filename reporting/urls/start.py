from django.urls import path

from reporting.views import start

urlpatterns = [
    path("", start.start, name="start"),
]
