from django.urls import path

from reporting.packs import views

urlpatterns = [
    path("packs/", views.packs, name="packs"),
    path("packs/<int:pk>/progress/", views.pack_progress, name="pack_progress"),
    path("packs/<int:pk>/download/", views.pack_download, name="pack_download"),
]
