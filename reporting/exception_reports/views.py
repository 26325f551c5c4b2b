"""The exception reports as sent to the Public Service Board (``/reports/exceptions/``):
the list, each report as it was sent, and the pack that went with it. For the PSB's
members, the performance team and performance officers (403 for anyone else)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from partnership import access
from partnership.downloads import table_download, wants_csv
from partnership.pages import forbidden
from reporting.exception_reports.downloads import reports_tables
from reporting.exception_reports.selectors import (
    exception_report_pack,
    exception_report_page,
    exception_reports_page,
)
from reporting.packs.selectors.page import pack_line
from reporting.returns.workbook import XLSX_CONTENT_TYPE


def _refused(request: HttpRequest) -> HttpResponse:
    return forbidden(
        request,
        title="Only the PSB and performance officers read the exception reports",
        message="The exception reports as sent are for the Public Service Board's members, "
        "the performance team and performance officers. The exception dashboard shows "
        "the quarter's exceptions as they are now.",
    )


@login_required
def exception_reports(request: HttpRequest) -> HttpResponse:
    """Every exception report sent, newest quarter first."""
    if not access.can_view_exception_reports(request.user):
        return _refused(request)
    reports = exception_reports_page()
    if wants_csv(request):
        return table_download(request, reports_tables(reports))
    return render(request, "reporting/exception_reports/list.html", {"reports": reports})


@login_required
def exception_report(request: HttpRequest, code: str) -> HttpResponse:
    """A quarter's exception report exactly as it was sent."""
    if not access.can_view_exception_reports(request.user):
        return _refused(request)
    page = exception_report_page(code=code)
    if page is None:
        raise Http404("No exception report was sent for that quarter.")
    return render(request, "reporting/exception_reports/report.html", {"page": page})


@login_required
def exception_report_pack_download(request: HttpRequest, code: str) -> HttpResponse:
    """The pack sent with the quarter's report, as it was sent."""
    if not access.can_view_exception_reports(request.user):
        return _refused(request)
    pack = exception_report_pack(code=code)
    if pack is None:
        raise Http404("No pack was sent with that report.")
    response = FileResponse(
        pack.file.open("rb"),
        as_attachment=True,
        filename=pack_line(pack).file_name,
        content_type=XLSX_CONTENT_TYPE,
    )
    response["Cache-Control"] = "private, no-store"
    return response
