"""Which series statistical process control charts for an indicator, as plain functions.

Most indicators are charted as reported. A year-to-date count (cumulative, in a unit that
adds up: a number, money or a rate) rises through the year and drops back every April, so
charted as reported it would show a saw tooth that the XmR rules read as signals that are
not there (a trend every year, points outside the limits at every Q4 and every Q1).

Such an indicator is charted on its quarterly increments instead: what each quarter added
(Q1's figure as reported; a later quarter's figure less the one before it in the same
year). Year-end figures alone would give one point a year, five in five years, never the
twelve the method needs. A quarter whose previous quarter of the same year has no value
is left out, as its increment is not known; a year's own figure (no quarter) is left out
too. The target, a year-end figure, is compared as a quarter's share of it (a quarter).

Nothing here touches Django or the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from indicators.enums import ADDITIVE_UNITS, Accumulation, Unit
from partnership.periods import Period

QUARTERS_IN_YEAR = 4
INCREMENTS_NOTE = (
    "This indicator counts the year to date, so it rises through the year and starts again "
    "every April. The chart uses what each quarter added (the first quarter's figure, then "
    "each quarter's figure less the quarter before it), and compares them with a quarter "
    "of the target; a quarter is left out when the quarter before it has no value."
)


def is_year_to_date(accumulation: str, unit: str) -> bool:
    """Whether an indicator's figures are a year-to-date count that resets every April."""
    return accumulation == Accumulation.CUMULATIVE and Unit(unit) in ADDITIVE_UNITS


def quarterly_increments(
    points: Sequence[tuple[Period, Decimal]],
) -> list[tuple[Period, Decimal]]:
    """What each quarter added to a year-to-date series, in time order (see the module)."""
    by_period = dict(points)
    out = []
    for period, value in sorted(by_period.items()):
        if period.quarter is None:
            continue
        if period.quarter == 1:
            out.append((period, value))
            continue
        before = by_period.get(Period(period.start_year, period.quarter - 1))
        if before is not None:
            out.append((period, value - before))
    return out


@dataclass(frozen=True)
class ChartSeries:
    points: list[tuple[Period, Decimal]]  # what the chart plots, in time order
    target: Decimal | None  # the target as the chart compares it
    increments: bool  # whether the points are quarterly increments of a year to date


def chart_series(
    points: Sequence[tuple[Period, Decimal]],
    *,
    accumulation: str,
    unit: str,
    target: Decimal | None,
) -> ChartSeries:
    """The series and target the chart judges for an indicator's approved ``points``."""
    if not is_year_to_date(accumulation, unit):
        return ChartSeries(sorted(points), target, increments=False)
    share = target / QUARTERS_IN_YEAR if target is not None else None
    return ChartSeries(quarterly_increments(points), share, increments=True)


@dataclass(frozen=True)
class ProcessOptions:
    """How a recorded change of process is applied to a series: ``spc``'s arguments, and
    why a recorded rebase is not applied yet ("" when it is, or none is recorded)."""

    rebase_at: tuple[int, ...]
    baseline_points: int | None
    waiting: str


def process_options(
    periods: Sequence[Period],
    *,
    rebased_from: Period | None,
    baseline_points: int | None,
    min_points: int,
) -> ProcessOptions:
    """Rule: "A rebase from a quarter starts a new process at the first point on or after
    it, once each side has ``min_points`` points; until then the series is one process."

    A rebase at or before the first point leaves the whole series one (new) process. Fixed
    limits come from each part's first ``baseline_points`` points (2 or more)."""
    fixed = baseline_points if baseline_points is not None and baseline_points >= 2 else None
    if rebased_from is None:
        return ProcessOptions((), fixed, "")
    at = next((i for i, period in enumerate(periods) if period >= rebased_from), len(periods))
    after = len(periods) - at
    if at == 0:
        return ProcessOptions((), fixed, "")
    if after < min_points:
        return ProcessOptions(
            (),
            fixed,
            f"The process was rebased from {rebased_from.label}: {after} of the "
            f"{min_points} points needed since then, so the limits still come from the "
            "whole series.",
        )
    if at < min_points:
        return ProcessOptions(
            (),
            fixed,
            f"The process was rebased from {rebased_from.label}, but fewer than {min_points} "
            "points come before it, so the series is charted as one process.",
        )
    return ProcessOptions((at,), fixed, "")
