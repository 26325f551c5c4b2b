from django.urls import path

from reporting.funding import views

urlpatterns = [
    path("funding/", views.funding, name="funding"),
    path("funding/new/", views.stream_new, name="funding_stream_new"),
    path("funding/<int:pk>/", views.stream_detail, name="funding_stream"),
    path("funding/<int:pk>/edit/", views.stream_edit, name="funding_stream_edit"),
]
