from django.urls import path

from reporting.returns.views import return_page, returns_list, rounds, workbook

urlpatterns = [
    path("returns/", returns_list.returns_list, name="returns"),
    path("returns/approve/", returns_list.returns_bulk_approve, name="returns_bulk_approve"),
    path("returns/rounds/", rounds.rounds, name="rounds"),
    path("returns/rounds/open/", rounds.round_open_view, name="round_open"),
    path("returns/rounds/<int:pk>/extend/", rounds.round_extend_view, name="round_extend"),
    path("returns/rounds/<int:pk>/close/", rounds.round_close_view, name="round_close"),
    path("returns/<int:pk>/", return_page.return_detail, name="return_detail"),
    path(
        "returns/<int:pk>/rag/<int:indicator_id>/",
        return_page.return_live_rag,
        name="return_live_rag",
    ),
    path("returns/<int:pk>/approve/", return_page.return_approve, name="return_approve"),
    path("returns/<int:pk>/send-back/", return_page.return_send_back, name="return_send_back"),
    path("returns/<int:pk>/reopen/", return_page.return_reopen, name="return_reopen"),
    path("returns/<int:pk>/workbook/", workbook.return_workbook, name="return_workbook"),
    path("returns/<int:pk>/upload/", workbook.return_upload, name="return_upload"),
]
