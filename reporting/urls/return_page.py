from django.urls import path

from reporting.views import return_page as views

urlpatterns = [
    path("returns/<int:pk>/", views.return_detail, name="return_detail"),
    path(
        "returns/<int:pk>/rag/<int:indicator_id>/",
        views.return_live_rag,
        name="return_live_rag",
    ),
    path("returns/<int:pk>/approve/", views.return_approve, name="return_approve"),
    path("returns/<int:pk>/send-back/", views.return_send_back, name="return_send_back"),
    path("returns/<int:pk>/reopen/", views.return_reopen, name="return_reopen"),
]
