"""The indicator's trend: the partnership area's values over time against the trajectory
to its target, with the comparator areas, the region and England."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from indicators.enums import ValueStatus
from indicators.models import Indicator
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from reporting.dashboards.selectors.indicator_page.projection import projected
from reporting.dashboards.selectors.indicator_page.values import Seen, column, value_text
from reporting.returns.selectors.return_page import format_value
from targets.selectors import TargetContext


@dataclass(frozen=True)
class TrendPoint:
    value: Decimal | None
    text: str  # formatted, with "(estimated)" when it is
    estimated: bool = False


@dataclass(frozen=True)
class TrendSeries:
    """One row of the trend table, one line of the chart: a value for each period."""

    name: str
    kind: str  # an Area.Kind, or "milestone" for the trajectory
    points: tuple[TrendPoint, ...]

    @property
    def has_values(self) -> bool:
        return any(p.value is not None for p in self.points)


@dataclass(frozen=True)
class TrendMark:
    """A single point of the chart: the target, or where the trend is projected to be."""

    period_label: str  # the column of the trend it is drawn in
    value: Decimal
    text: str
    when: str  # the period it is for, in words: "2026-27"


@dataclass(frozen=True)
class Trend:
    """The indicator's values over time, for the chart and its table."""

    code: str
    unit: str
    unit_label: str
    decimal_places: int
    by_year: bool  # columns are years (annual indicators), not quarters
    period_labels: tuple[str, ...]
    partnership: TrendSeries | None
    comparators: tuple[TrendSeries, ...]
    regions: tuple[TrendSeries, ...]
    england: tuple[TrendSeries, ...]
    trajectory: TrendSeries | None
    target: TrendMark | None
    projected: TrendMark | None

    @property
    def areas(self) -> tuple[TrendSeries, ...]:
        """Every area's series, in the order of the table."""
        first = (self.partnership,) if self.partnership else ()
        return (*first, *self.comparators, *self.regions, *self.england)


def indicator_trend(
    indicator: Indicator,
    seen: Seen,
    area: Area | None,
    periods: Sequence[PeriodRef],
    context: TargetContext | None,
    *,
    by_year: bool,
) -> Trend:
    """The values seen for each area over ``periods``, the trajectory, target and projection."""
    target, projected_mark = _marks(indicator, seen, area, periods, context, by_year=by_year)
    return Trend(
        code=indicator.code,
        unit=indicator.unit,
        unit_label=indicator.unit_label,
        decimal_places=indicator.decimal_places,
        by_year=by_year,
        period_labels=tuple(p.label for p in periods),
        partnership=(
            _area_series(indicator, seen, periods, area.pk, area.name) if area is not None else None
        ),
        comparators=_of_kind(indicator, seen, periods, Area.Kind.COMPARATOR),
        regions=_of_kind(indicator, seen, periods, Area.Kind.REGION),
        england=_of_kind(indicator, seen, periods, Area.Kind.ENGLAND),
        trajectory=_trajectory(indicator, periods, context),
        target=target,
        projected=projected_mark,
    )


def _point(indicator: Indicator, row: dict[str, Any] | None) -> TrendPoint:
    value = row["value"] if row else None
    estimated = bool(row and row["status"] == ValueStatus.ESTIMATED)
    text = value_text(
        value, unit=indicator.unit, places=indicator.decimal_places, estimated=estimated
    )
    return TrendPoint(value, text, estimated)


def _area_series(
    indicator: Indicator,
    seen: Seen,
    periods: Sequence[PeriodRef],
    area_id: int,
    name: str = "",
) -> TrendSeries:
    """An area's values over ``periods``; ``name`` for the partnership's own area when
    none of its values are seen."""
    found = seen.by_area.get(area_id, {})
    points = tuple(_point(indicator, found.get(period)) for period in periods)
    info = seen.areas.get(area_id) or {"name": name, "kind": Area.Kind.PARTNERSHIP}
    return TrendSeries(info["name"], info["kind"], points)


def _of_kind(
    indicator: Indicator, seen: Seen, periods: Sequence[PeriodRef], kind: str
) -> tuple[TrendSeries, ...]:
    """The series of every area of ``kind`` with a value shown, by name."""
    ids = sorted(
        (i for i, a in seen.areas.items() if a["kind"] == kind),
        key=lambda i: (seen.areas[i]["name"], seen.areas[i]["code"]),
    )
    series = (_area_series(indicator, seen, periods, i) for i in ids)
    return tuple(s for s in series if s.has_values)


def _trajectory(
    indicator: Indicator, periods: Sequence[PeriodRef], context: TargetContext | None
) -> TrendSeries | None:
    """The milestone at each period, when the target has a trajectory."""
    if context is None or not context.milestones:
        return None
    unit, places = indicator.unit, indicator.decimal_places
    return TrendSeries(
        "Milestone (trajectory)",
        "milestone",
        tuple(
            TrendPoint(m, format_value(m, unit=unit, decimal_places=places))
            for m in (context.milestone(p) for p in periods)
        ),
    )


def _marks(
    indicator: Indicator,
    seen: Seen,
    area: Area | None,
    periods: Sequence[PeriodRef],
    context: TargetContext | None,
    *,
    by_year: bool,
) -> tuple[TrendMark | None, TrendMark | None]:
    """The target and where the trend is projected to be, when the target's period is
    one of the trend's columns."""
    if context is None:
        return None, None
    at = column(context.target_period, by_year=by_year)
    if not (periods and periods[0] <= at <= periods[-1]):
        return None, None
    target = _mark(indicator, at, context.target_value, context)
    result = projected(indicator, seen.of_area(area), periods, context)
    if result is None or result.projected_value is None:
        return target, None
    return target, _mark(indicator, at, result.projected_value, context)


def _mark(indicator: Indicator, at: PeriodRef, value: Decimal, context: TargetContext) -> TrendMark:
    text = format_value(value, unit=indicator.unit, decimal_places=indicator.decimal_places)
    return TrendMark(at.label, value, text, context.target_period.label)
