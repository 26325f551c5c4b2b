from django.urls import path

from reporting.exception_reports import views

urlpatterns = [
    path("reports/exceptions/", views.exception_reports, name="exception_reports"),
    path("reports/exceptions/<str:code>/", views.exception_report, name="exception_report"),
    path(
        "reports/exceptions/<str:code>/pack/",
        views.exception_report_pack_download,
        name="exception_report_pack",
    ),
]
