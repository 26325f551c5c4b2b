"""The indicator pages: the list of indicators (``/indicators/``) and one indicator's page
(``/indicators/<slug>/``).

Every indicator is open to people who use the site; what its page shows depends on who
is looking (only approved values and returns for boards, the PSB and scrutiny), which the
selector decides through :mod:`partnership.access`. Someone signed in without a role gets
403; an address that names no indicator, 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from partnership import access
from partnership.downloads import chart_table, table_download, wants_csv
from partnership.pages import no_role
from reporting.dashboards.charts.spc import spc_chart
from reporting.dashboards.charts.sub_areas import sub_areas_chart
from reporting.dashboards.charts.trend import trend_chart
from reporting.dashboards.downloads import indicator_list_tables
from reporting.dashboards.forms import IndicatorSearchForm
from reporting.dashboards.selectors.indicator_page import (
    IndicatorNotFound,
    indicator_list,
    indicator_page,
)


def _no_role(request: HttpRequest) -> HttpResponse:
    return no_role(request, nothing="are no indicators", roles="board member or scrutiny")


@login_required
@require_GET
def indicators(request: HttpRequest) -> HttpResponse:
    """Every active indicator by block and outcome, with a search by code or title and
    filters by variation and assurance."""
    if not access.can_use_site(request.user):
        return _no_role(request)
    form = IndicatorSearchForm(request.GET or None)
    listing = (
        indicator_list(
            user=request.user,
            query=form.query(),
            variation=form.chosen_variation(),
            assurance=form.chosen_assurance(),
        )
        if form.is_bound
        else indicator_list(user=request.user)
    )
    if wants_csv(request):
        return table_download(request, indicator_list_tables(listing))
    return render(
        request, "reporting/dashboards/indicators.html", {"form": form, "listing": listing}
    )


@login_required
@require_GET
def indicator_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An indicator: its definition, target, trend, values by sub-area, SPC chart,
    direction of travel and commentary."""
    if not access.can_use_site(request.user):
        return _no_role(request)
    try:
        page = indicator_page(slug=slug, user=request.user)
    except IndicatorNotFound as error:
        raise Http404("No such indicator") from error
    trend = trend_chart(page.trend) if page.trend is not None else None
    spc = spc_chart(page.spc) if page.spc.enough_data else None
    by_sub_area = sub_areas_chart(page.sub_areas) if page.sub_areas else None
    if wants_csv(request):
        tables = {**chart_table(trend), **chart_table(spc), **chart_table(by_sub_area)}
        if not tables:
            raise Http404("This indicator has no table to download yet.")
        return table_download(request, tables)
    return render(
        request,
        "reporting/dashboards/indicator_detail.html",
        {
            "page": page,
            "chart": trend,
            "spc_chart": spc,
            "sub_areas_chart": by_sub_area,
            "can_record_process": access.spc_process_refusal(request.user) is None,
            "can_publish": access.publish_refusal(request.user) is None,
            "downloads": True,
        },
    )
