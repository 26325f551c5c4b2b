"""The exception dashboard (``/exceptions/``), the list of blocks and a block's board view.

Thin views: a form parses the address, one selector reads the page, the chart is built
from what it read, and a template shows it. Anyone who uses the site may read them; a
malformed or unknown quarter, or an unknown block, is a page that does not exist (404).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from partnership import access, pages
from partnership.downloads import table_download, wants_csv
from partnership.models import Period
from reporting.dashboards.charts.rag_counts import rag_counts_chart
from reporting.dashboards.downloads import exceptions_tables
from reporting.dashboards.forms import ExceptionFiltersForm
from reporting.dashboards.selectors.exceptions import exceptions_page
from reporting.scorecard.selectors import (
    PeriodNotFound,
    default_quarter,
    quarter_named,
    quarter_note,
)


def no_role(request: HttpRequest) -> HttpResponse:
    return pages.no_role(request, nothing="is no performance", roles="board member or scrutiny")


def quarter_or_404(code: str) -> Period | None:
    """The quarter asked for (404 if there is no such quarter), else the default one."""
    if not code:
        return default_quarter()
    try:
        return quarter_named(code)
    except PeriodNotFound:
        raise Http404("There is no such quarter.") from None


@login_required
def exceptions(request: HttpRequest) -> HttpResponse:
    """The exceptions the Public Service Board reviews for a quarter, with the headline."""
    if not access.can_use_site(request.user):
        return no_role(request)
    form = ExceptionFiltersForm(request.GET)
    period = quarter_or_404(form.period_code)
    context: dict = {"form": form, "page": None}
    if period is not None:
        page = exceptions_page(
            user=request.user, period=period, today=timezone.localdate(), filters=form.filters
        )
        form.not_options(page.ignored)
        context["page"] = page
        context["quarter_note"] = quarter_note(period, chosen=bool(form.period_code))
        context["chart"] = rag_counts_chart(
            id="headline-chart",
            title=f"Targets by block and RAG rating, {page.period_label}",
            groups=[(line.name, line.counts) for line in page.headline],
            what="block",
            period_label=page.period_label,
        )
        if wants_csv(request):
            return table_download(request, exceptions_tables(page, context["chart"]))
    elif wants_csv(request):
        raise Http404("There is no quarter to download yet.")
    context["downloads"] = True
    return render(request, "reporting/dashboards/exceptions.html", context)
