"""Where the trend of the partnership area's values leads by the target period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from indicators.enums import ADDITIVE_UNITS, Accumulation, Unit
from indicators.models import Indicator
from partnership.periods import Period as PeriodRef
from reporting.dashboards.selectors.indicator_page.values import YEARLY_FREQUENCIES
from reporting.returns.selectors.return_page import format_value
from targets import rules
from targets.selectors import TargetContext

NOT_ENOUGH_VALUES = "There are not enough values yet to project the trend to the target."


@dataclass(frozen=True)
class ProjectionSummary:
    text: str
    on_course: bool | None  # None: not judged (no direction is better, or too few values)
    method: str  # which values the line is drawn through


def trend_points(
    indicator: Indicator, own: dict[PeriodRef, dict[str, Any]], periods: Sequence[PeriodRef]
) -> list[tuple[PeriodRef, Decimal]]:
    """The partnership values the projection's line is drawn through, in the trend's window.

    A year-to-date indicator is projected from year-end figures: each year's Q4, or for a
    year not yet complete its latest quarter scaled to a full year (a count so far times
    four quarters over the quarters counted; a share as it is).
    """
    shown = [(p, own[p]["value"]) for p in periods if p in own]
    if indicator.accumulation != Accumulation.CUMULATIVE or indicator.frequency in (
        YEARLY_FREQUENCIES
    ):
        return shown
    additive = indicator.unit in ADDITIVE_UNITS
    latest_by_year: dict[PeriodRef, tuple[PeriodRef, Decimal]] = {}
    for period, value in shown:
        year = period.year()
        if year not in latest_by_year or latest_by_year[year][0] < period:
            latest_by_year[year] = (period, value)
    points = []
    for year, (period, value) in sorted(latest_by_year.items()):
        quarter = period.quarter or 4
        points.append((year, value * 4 / quarter if additive and quarter < 4 else value))
    return points


def projected(
    indicator: Indicator,
    own: dict[PeriodRef, dict[str, Any]],
    periods: Sequence[PeriodRef],
    context: TargetContext,
) -> rules.Projection | None:
    """The trend carried on to the target period; None with fewer than two points."""
    points = trend_points(indicator, own, periods)
    if len({p.index for p, _ in points}) < 2:
        return None
    return rules.projection(
        points=points,
        target_period=context.target_period,
        target_value=context.target_value,
        polarity=context.polarity,
    )


def projection_summary(
    indicator: Indicator,
    own: dict[PeriodRef, dict[str, Any]],
    periods: Sequence[PeriodRef],
    context: TargetContext | None,
    *,
    by_year: bool,
) -> ProjectionSummary | None:
    """Where the trend of the values shown leads by the target period, in words."""
    if context is None:
        return None
    method = _method(indicator, by_year=by_year)
    result = projected(indicator, own, periods, context)
    if result is None or result.projected_value is None:
        return ProjectionSummary(NOT_ENOUGH_VALUES, None, method)
    unit, places = indicator.unit, indicator.decimal_places
    label = context.target_period.label
    target = format_value(context.target_value, unit=unit, decimal_places=places)
    projected_text = format_value(result.projected_value, unit=unit, decimal_places=places)
    if result.on_course is None:
        return ProjectionSummary(f"Projected {projected_text} by {label}.", None, method)
    if result.on_course:
        return ProjectionSummary(
            f"On course to reach the target of {target} by {label}.", True, method
        )
    return ProjectionSummary(
        f"Projected {projected_text} by {label}: short of the target of {target} by "
        f"{_gap(indicator, result.gap)}.",
        False,
        method,
    )


def _method(indicator: Indicator, *, by_year: bool) -> str:
    """Which values the projection's line is drawn through, in words."""
    if indicator.accumulation == Accumulation.CUMULATIVE and not by_year:
        return (
            "A straight line fitted through the year-end figures shown (for the year not yet "
            "complete, its latest quarter scaled to a full year), carried on to the target "
            "period."
        )
    return "A straight line fitted through the values shown, carried on to the target period."


def _gap(indicator: Indicator, gap: Decimal | None) -> str:
    """How far short of the target the projection falls: percentage points for a share."""
    unit, places = indicator.unit, indicator.decimal_places
    if unit == Unit.PERCENTAGE:
        return f"{gap:,.{places}f} percentage points"
    return format_value(gap, unit=unit, decimal_places=places)
