from django.urls import path

from reporting.views import returns_list as views

urlpatterns = [
    path("returns/", views.returns_list, name="returns"),
    path("returns/approve/", views.returns_bulk_approve, name="returns_bulk_approve"),
    path("returns/rounds/", views.rounds, name="rounds"),
    path("returns/rounds/open/", views.round_open_view, name="round_open"),
    path("returns/rounds/<int:pk>/extend/", views.round_extend_view, name="round_extend"),
    path("returns/rounds/<int:pk>/close/", views.round_close_view, name="round_close"),
]
