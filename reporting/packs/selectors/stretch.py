"""A pack's stretch targets: each one's values against its trajectory, for a line chart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from partnership.models import Area
from partnership.periods import Period as PeriodRef
from reporting.packs.selectors.values import Point
from reporting.scorecard.selectors import ScorecardRow
from targets.selectors import target_context

CHART_AHEAD = 8  # at most this many quarters of trajectory after the pack's quarter


@dataclass(frozen=True)
class StretchChart:
    """A stretch target's values against its trajectory, for a line chart."""

    row: ScorecardRow
    periods: tuple[PeriodRef, ...]
    values: tuple[Decimal | None, ...]
    milestones: tuple[Decimal | None, ...]


def stretch_charts(
    area: Area | None,
    rows: list[ScorecardRow],
    history: dict[int, dict[PeriodRef, Point]],
    history_periods: tuple[PeriodRef, ...],
) -> tuple[StretchChart, ...]:
    """Each stretch target's values for the last eight quarters against its trajectory,
    carried on to its target period (at most two years ahead). Two queries."""
    stretch = [row for row in rows if row.is_stretch]
    if area is None or not stretch:
        return ()
    ahead = {row.target_id: _ahead(history_periods[-1], row.target_period) for row in stretch}
    wanted = set(history_periods) | {p for periods in ahead.values() for p in periods}
    contexts = target_context(
        indicator_ids=[row.indicator_id for row in stretch], area=area, periods=wanted
    )
    charts = []
    for row in stretch:
        periods = (*history_periods, *ahead[row.target_id])
        context = contexts.get(row.indicator_id)
        values = history.get(row.indicator_id, {})
        charts.append(
            StretchChart(
                row=row,
                periods=periods,
                values=tuple(values[p].value if p in values else None for p in periods),
                milestones=tuple(context.milestone(p) if context else None for p in periods),
            )
        )
    return tuple(charts)


def _ahead(last: PeriodRef, target_period: PeriodRef) -> list[PeriodRef]:
    """The quarters after ``last`` up to the target period (its Q4 for a year), at most
    :data:`CHART_AHEAD`."""
    end = PeriodRef(target_period.start_year, 4) if target_period.is_year else target_period
    return [last.shift(n) for n in range(1, CHART_AHEAD + 1) if last.shift(n) <= end]
