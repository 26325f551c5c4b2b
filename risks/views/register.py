"""The risk register, its CSV download and a risk's page.

Thin views: a form parses the address, a selector reads, a chart is built from what it
read. Anyone who uses the site may read the register; an id that does not exist, or a
risk the person may not see, is a page that does not exist (404).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from partnership import access
from partnership.downloads import csv_response
from partnership.pages import no_role
from risks.charts import heat_map, heat_map_chart, target_counts, trend_chart
from risks.decision_forms import decision_context
from risks.forms import RegisterFiltersForm
from risks.selectors.proposals import has_proposals_to_decide
from risks.selectors.register import Position, RegisterPage, register_page
from risks.selectors.risk_page import RiskNotFound, RiskPage, risk_page

# The register lists this many risks a page; counts, the heat map and the CSV cover them all.
ROWS_PER_PAGE = 50

CSV_COLUMNS = (
    "Risk",
    "Level",
    "Hangs on",
    "Block",
    "Owner",
    "Owner's organisation",
    "Status",
    "Inherent score",
    "Current likelihood",
    "Current impact",
    "Current score",
    "Band",
    "Target score",
    "Review by",
    "Review overdue",
)


def _no_role(request: HttpRequest) -> HttpResponse:
    return no_role(request, nothing="is no risk register", roles="board member or scrutiny")


def _query_without(request: HttpRequest, *names: str) -> str:
    """The address's query without ``names``, ready for one more parameter."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


def _register(request: HttpRequest) -> tuple[RegisterFiltersForm, RegisterPage]:
    form = RegisterFiltersForm(request.GET)
    page = register_page(user=request.user, filters=form.filters, today=timezone.localdate())
    return form, page


@login_required
def register(request: HttpRequest) -> HttpResponse:
    """Every risk the person may see, filtered from the address, with the heat map."""
    if not access.can_use_site(request.user):
        return _no_role(request)
    form, page = _register(request)
    position = page.filters.position
    label = dict(Position.CHOICES)[position]
    context = {
        "form": form,
        "page": page,
        "position": position,
        "position_label": label,
        "positions": Position.CHOICES,
        "shown": Paginator(page.rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
        "without_page": _query_without(request, "page"),
        "without_band": _query_without(request, "band", "page"),
        "without_position": _query_without(request, "position", "likelihood", "impact", "page"),
        "without_cell": _query_without(request, "likelihood", "impact", "page"),
        "can_add": access.can_add_risk(request.user),
        "has_proposals_to_decide": has_proposals_to_decide(request.user),
    }
    if position == Position.TARGET:
        context["target_counts"] = target_counts(page.rows)
    else:
        matrix = heat_map(page.rows, position)
        context["matrix"] = matrix
        context["chart"] = heat_map_chart(matrix, position_label=label)
    return render(request, "risks/register.html", context)


@login_required
def register_csv(request: HttpRequest) -> HttpResponse:
    """The register as shown (same filters, same permission, every page), as a CSV file."""
    if not access.can_use_site(request.user):
        return _no_role(request)
    _form, page = _register(request)
    rows = (
        (
            row.title,
            row.level_label,
            row.hangs_on,
            row.block_name,
            row.owner,
            row.owner_organisation,
            row.status_label,
            row.inherent_score,
            row.current_likelihood,
            row.current_impact,
            row.score,
            row.band_label,
            row.target_score or "",
            row.review_date.isoformat() if row.review_date else "",
            bool(row.review_overdue),
        )
        for row in page.rows
    )
    return csv_response("risk-register.csv", CSV_COLUMNS, rows)


@login_required
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A risk's page; 404 for a risk that does not exist or that the person may not see."""
    try:
        page = risk_page(user=request.user, risk_id=pk, today=timezone.localdate())
    except RiskNotFound:
        raise Http404("There is no such risk.") from None
    return render_risk_page(request, page)


def render_risk_page(
    request: HttpRequest, page: RiskPage, *, decision_form: Any = None, status: int = 200
) -> HttpResponse:
    """A risk's page, with the form to decide its pending proposal for those who may
    (``decision_form`` as posted, to show its errors and what was typed)."""
    chart = trend_chart(page.trend, title=page.risk.title)
    can_edit = access.can_edit_risk(request.user, page.risk)
    context = {"page": page, "chart": chart, "can_edit": can_edit}
    context.update(decision_context(request.user, page, decision_form))
    return render(request, "risks/detail.html", context, status=status)
