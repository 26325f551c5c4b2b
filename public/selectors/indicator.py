"""One published indicator's public page: its latest value judged, its target, and its
trend against the target and the comparator areas as a chart and a table.

It reuses the indicator page's parts (:mod:`reporting.dashboards.selectors.indicator_page`)
over the public values only. A constant number of queries, whatever the number of areas
or periods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from indicators.models import Indicator, IndicatorValue
from partnership import access
from partnership.charts import Chart
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from public import rules
from public.selectors.home import month_year
from public.selectors.quarters import closed_until, last_updated, latest_closed_quarter
from reporting.dashboards.charts.trend import trend_chart
from reporting.dashboards.selectors.indicator_page.definition import frequency_label
from reporting.dashboards.selectors.indicator_page.latest import Latest, latest_value
from reporting.dashboards.selectors.indicator_page.trend import indicator_trend
from reporting.dashboards.selectors.indicator_page.values import (
    TREND_AREA_KINDS,
    YEARLY_FREQUENCIES,
    Seen,
    column,
    partnership_area_or_none,
    seen_of,
    trend_periods,
    up_to_target,
)
from reporting.returns.selectors.value_text import format_value
from targets.models import Target
from targets.rules import Rag
from targets.selectors import TargetContext, target_context


class NotPublished(LookupError):
    """No published indicator has this address (the page answers 404)."""


@dataclass(frozen=True)
class PublicTarget:
    kind_label: str
    baseline_text: str
    baseline_period: str
    target_text: str
    target_period: str
    target_when: str  # "March 2027"


@dataclass(frozen=True)
class PublicIndicatorPage:
    code: str
    slug: str
    title: str
    definition: str
    unit_label: str
    frequency_label: str
    data_source: str
    organisation: str
    area_name: str
    quarter_label: str  # the latest quarter whose round has closed
    last_updated: datetime | None
    target: PublicTarget | None
    latest: Latest | None
    rag: Rag
    line: str
    chart: Chart | None

    @property
    def rag_shape(self) -> str:
        return rules.RAG_SHAPES[self.rag]


def public_indicator_page(*, slug: str) -> PublicIndicatorPage:
    """The page of the published indicator at ``slug``; NotPublished for any other."""
    indicator = (
        Indicator.objects.filter(slug=slug, published=True, is_active=True)
        .select_related("lead_organisation")
        .first()
    )
    if indicator is None:
        raise NotPublished(slug)
    quarter = latest_closed_quarter()
    by_year = indicator.frequency in YEARLY_FREQUENCIES
    area = partnership_area_or_none()
    rows = access.public_values(
        IndicatorValue.objects.filter(indicator=indicator, area__kind__in=TREND_AREA_KINDS),
        closed_until=closed_until(quarter),
    )
    seen = seen_of(rows, by_year=by_year)
    own = seen.of_area(area)
    periods, context = _columns_and_target(indicator, area, seen, by_year=by_year)
    latest_period = max(own) if own else None
    latest = (
        latest_value(indicator, own, latest_period, context, by_year=by_year)
        if latest_period
        else None
    )
    trend = indicator_trend(indicator, seen, area, periods, context, by_year=by_year)
    target = _target(indicator, context)
    rag = latest.rag if latest else Rag.GREY
    return PublicIndicatorPage(
        code=indicator.code,
        slug=indicator.slug,
        title=indicator.title,
        definition=indicator.definition,
        unit_label=indicator.unit_label,
        frequency_label=frequency_label(indicator),
        data_source=indicator.data_source,
        organisation=indicator.lead_organisation.name,
        area_name=area.name if area else "",
        quarter_label=quarter.label if quarter else "",
        last_updated=last_updated(),
        target=target,
        latest=latest,
        rag=rag,
        line=rules.plain_line(
            against_last_year=latest.travel.against_last_year,
            against_previous=latest.travel.against_previous,
            rag=rag,
            target_when=target.target_when if target else "",
        )
        if latest
        else "No published figures yet.",
        chart=trend_chart(trend) if seen.values else None,
    )


def _columns_and_target(
    indicator: Indicator, area: Area | None, seen: Seen, *, by_year: bool
) -> tuple[list[PeriodRef], TargetContext | None]:
    """The trend's columns (carried on to the target's period) and the partnership area's
    target with its milestone at each column and at each public value's period."""
    periods = trend_periods(seen, by_year=by_year)
    target_code = (
        Target.objects.filter(indicator=indicator, area=area)
        .values_list("target_period__code", flat=True)
        .first()
    )
    if not target_code:
        return periods, None
    if periods:
        periods = up_to_target(periods, column(PeriodRef.parse(target_code), by_year=by_year))
    judged = [*periods, *seen.of_area(area)]
    contexts = target_context(indicator_ids=[indicator.pk], area=area, periods=judged)
    return periods, contexts.get(indicator.pk)


def _target(indicator: Indicator, context: TargetContext | None) -> PublicTarget | None:
    if context is None:
        return None
    unit, places = indicator.unit, indicator.decimal_places
    return PublicTarget(
        kind_label=context.kind_label,
        baseline_text=format_value(context.baseline_value, unit=unit, decimal_places=places),
        baseline_period=context.baseline_period.label,
        target_text=format_value(context.target_value, unit=unit, decimal_places=places),
        target_period=context.target_period.label,
        target_when=month_year(context.target_period.end_date),
    )
