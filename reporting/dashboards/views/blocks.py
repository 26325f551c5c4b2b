"""The list of blocks (``/blocks/``) and a block's board view (``/blocks/<slug>/``).

Thin views: a form parses the address, one selector reads the page, the chart is built
from what it read, and a template shows it. An unknown block or quarter is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from partnership import access
from partnership.downloads import table_download, wants_csv
from partnership.models import Period
from reporting.dashboards.charts.rag_counts import rag_counts_chart
from reporting.dashboards.downloads import blocks_tables, board_tables, sub_areas_tables
from reporting.dashboards.forms import QuarterForm
from reporting.dashboards.selectors.board import BlockNotFound, block_named, blocks_page, board_page
from reporting.dashboards.selectors.board_sub_areas import board_sub_areas
from reporting.dashboards.views.exceptions import no_role, quarter_or_404
from reporting.formats.spc_key import SPC_KEY
from reporting.scorecard.selectors import QuarterNote, quarter_note


@login_required
def blocks(request: HttpRequest) -> HttpResponse:
    """Every block, with its targets by RAG for a quarter, to open its board view."""
    if not access.can_use_site(request.user):
        return no_role(request)
    period = quarter_or_404(QuarterForm(request.GET).period_code)
    page = (
        blocks_page(user=request.user, period=period, today=timezone.localdate())
        if period is not None
        else None
    )
    if wants_csv(request):
        if page is None:
            raise Http404("There is no quarter to download yet.")
        return table_download(request, blocks_tables(page))
    return render(
        request,
        "reporting/dashboards/blocks.html",
        {"page": page, "quarter_note": _note(period, request)},
    )


@login_required
def block_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A board's view of its block: every target, the balanced scorecard, risks, actions."""
    if not access.can_use_site(request.user):
        return no_role(request)
    try:
        block = block_named(slug)
    except BlockNotFound:
        raise Http404("There is no such block.") from None
    period = quarter_or_404(QuarterForm(request.GET).period_code)
    # Not "block": inside a template's {% block %}, ``block`` is that block itself, so
    # {{ block.name }} would print "content" or "title".
    context: dict = {"board": block, "page": None, "spc_key": SPC_KEY}
    if period is not None:
        page = board_page(user=request.user, block=block, period=period, today=timezone.localdate())
        context["page"] = page
        context["quarter_note"] = _note(period, request)
        context["chart"] = rag_counts_chart(
            id="outcomes-chart",
            title=f"Targets by outcome and RAG rating, {page.period_label}",
            groups=[
                (card.outcome.code, card.counts) for card in page.outcomes if card.counts.total
            ],
            what="outcome",
            period_label=page.period_label,
        )
        if wants_csv(request):
            return table_download(request, board_tables(page, context["chart"]))
    elif wants_csv(request):
        raise Http404("There is no quarter to download yet.")
    context["downloads"] = True
    return render(request, "reporting/dashboards/board.html", context)


@login_required
def block_sub_areas(request: HttpRequest, slug: str) -> HttpResponse:
    """The block's indicators by sub-area: the latest approved value of each sub-area."""
    if not access.can_use_site(request.user):
        return no_role(request)
    try:
        block = block_named(slug)
    except BlockNotFound:
        raise Http404("There is no such block.") from None
    page = board_sub_areas(user=request.user, block=block)
    if wants_csv(request):
        return table_download(request, sub_areas_tables(page))
    return render(request, "reporting/dashboards/board_sub_areas.html", {"page": page})


def _note(period: Period | None, request: HttpRequest) -> QuarterNote | None:
    """Which quarter the page shows and why (None when there is no quarter to show)."""
    if period is None:
        return None
    return quarter_note(period, chosen=bool(QuarterForm(request.GET).period_code))
