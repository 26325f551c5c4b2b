"""One indicator's page (``/indicators/<slug>/``): every part of it, read in order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from indicators.enums import Polarity
from indicators.models import Indicator
from partnership import access
from partnership.models import Area
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from reporting.dashboards.selectors.indicator_page.commentary import (
    CommentaryEntry,
    commentary_entries,
    outcome_returns,
)
from reporting.dashboards.selectors.indicator_page.definition import (
    OutcomeLink,
    RelatedLink,
    accumulation_label,
    contributes_to,
    frequency_label,
    primary_outcome,
    read_indicator,
    related,
)
from reporting.dashboards.selectors.indicator_page.latest import Latest, latest_value
from reporting.dashboards.selectors.indicator_page.projection import (
    ProjectionSummary,
    projection_summary,
)
from reporting.dashboards.selectors.indicator_page.spc import SpcSummary, indicator_spc
from reporting.dashboards.selectors.indicator_page.sub_areas import SubAreas, sub_area_values
from reporting.dashboards.selectors.indicator_page.target import (
    TargetSummary,
    target_extra,
    target_summary,
)
from reporting.dashboards.selectors.indicator_page.trend import Trend, indicator_trend
from reporting.dashboards.selectors.indicator_page.values import (
    YEARLY_FREQUENCIES,
    Seen,
    column,
    partnership_area_or_none,
    read_values,
    trend_periods,
    up_to_target,
)
from reporting.returns.selectors.return_page import POLARITY_LABELS
from targets.selectors import TargetContext, target_context


@dataclass(frozen=True)
class IndicatorPage:
    code: str
    slug: str
    title: str
    definition: str
    kind_label: str
    polarity: Polarity
    polarity_label: str
    unit_label: str
    decimal_places: int
    frequency_label: str
    accumulation_label: str
    data_source: str
    lead_person: str
    lead_organisation: str
    is_active: bool
    area_name: str  # the partnership's own area, "" when not set up
    primary_outcome: OutcomeLink
    contributes_to: tuple[OutcomeLink, ...]
    related: tuple[RelatedLink, ...]
    target: TargetSummary | None
    trend: Trend | None  # None when there is no value to show
    latest: Latest | None
    projection: ProjectionSummary | None
    spc: SpcSummary  # the XmR chart of the partnership area's approved values
    sub_areas: SubAreas | None  # the latest values by sub-area seen; None when there are none
    commentary: tuple[CommentaryEntry, ...]
    drafts_shown: bool  # whether the person sees values not yet approved
    published: bool = False  # on the public pages (``public/``)


def indicator_page(*, slug: str, user: Any) -> IndicatorPage:
    """Everything the indicator's page shows to ``user``; IndicatorNotFound for a bad slug.

    Eleven queries (and two more to read the person's roles, if not yet read), whatever the
    number of areas, periods, values, returns or outcomes.
    """
    indicator = read_indicator(slug)
    polarity = Polarity(indicator.polarity)
    by_year = indicator.frequency in YEARLY_FREQUENCIES
    area = partnership_area_or_none()
    seen = read_values(user, indicator, by_year=by_year)
    own = seen.of_area(area)
    extra = target_extra(indicator, area)
    periods = _columns(seen, extra, by_year=by_year)
    latest_period = max(own) if own else None
    context = _target_context(indicator, area, periods, latest_period, extra)
    trend = (
        indicator_trend(indicator, seen, area, periods, context, by_year=by_year)
        if seen.values
        else None
    )
    returns = outcome_returns(user, indicator)
    return IndicatorPage(
        code=indicator.code,
        slug=indicator.slug,
        title=indicator.title,
        definition=indicator.definition,
        kind_label=indicator.get_kind_display(),
        polarity=polarity,
        polarity_label=POLARITY_LABELS[polarity],
        unit_label=indicator.unit_label,
        decimal_places=indicator.decimal_places,
        frequency_label=frequency_label(indicator),
        accumulation_label=accumulation_label(indicator),
        data_source=indicator.data_source,
        lead_person=display_name(indicator.lead_person),
        lead_organisation=indicator.lead_organisation.name,
        is_active=indicator.is_active,
        area_name=area.name if area else "",
        primary_outcome=primary_outcome(user, indicator, returns.current),
        contributes_to=contributes_to(indicator),
        related=related(indicator),
        target=target_summary(indicator, context, extra),
        trend=trend,
        latest=(
            latest_value(indicator, own, latest_period, context, by_year=by_year)
            if latest_period
            else None
        ),
        projection=projection_summary(indicator, own, periods, context, by_year=by_year),
        spc=indicator_spc(indicator, own, context, area.name if area else ""),
        sub_areas=sub_area_values(user, indicator, own, area, by_year=by_year),
        commentary=commentary_entries(indicator, returns.visible, own),
        drafts_shown=access.can_view_unapproved(
            user, lead_organisation_id=indicator.primary_outcome.lead_organisation_id
        ),
        published=indicator.published,
    )


def _columns(seen: Seen, extra: dict[str, Any] | None, *, by_year: bool) -> list[PeriodRef]:
    """The trend's columns, carried on to the target's period when that is still to come."""
    periods = trend_periods(seen, by_year=by_year)
    if extra is not None and periods:
        target_period = PeriodRef.parse(extra["target_period__code"])
        periods = up_to_target(periods, column(target_period, by_year=by_year))
    return periods


def _target_context(
    indicator: Indicator,
    area: Area | None,
    periods: list[PeriodRef],
    latest_period: PeriodRef | None,
    extra: dict[str, Any] | None,
) -> TargetContext | None:
    """The partnership area's target with its milestone at each column, and at the latest
    value's period: that is judged even when it is older than the trend shows."""
    if extra is None:
        return None
    judged = [*periods, latest_period] if latest_period else periods
    return target_context(indicator_ids=[indicator.pk], area=area, periods=judged).get(indicator.pk)
