"""Which series SPC charts: a year-to-date count on its quarterly increments."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from indicators.enums import Accumulation, Unit
from partnership.periods import Period
from targets.spc_series import (
    chart_series,
    is_year_to_date,
    process_options,
    quarterly_increments,
)


def q(code: str) -> Period:
    return Period.parse(code)


@pytest.mark.parametrize(
    ("accumulation", "unit", "expected"),
    [
        (Accumulation.CUMULATIVE, Unit.NUMBER, True),
        (Accumulation.CUMULATIVE, Unit.MONEY, True),
        (Accumulation.CUMULATIVE, Unit.PERCENTAGE, False),
        (Accumulation.DISCRETE, Unit.NUMBER, False),
        (Accumulation.SNAPSHOT, Unit.NUMBER, False),
    ],
)
def test_is_year_to_date(accumulation, unit, expected):
    assert is_year_to_date(accumulation, unit) is expected


def test_increments_reset_every_april():
    points = [
        (q("2025-26-Q2"), D("45")),
        (q("2025-26-Q1"), D("20")),
        (q("2025-26-Q3"), D("70")),
        (q("2025-26-Q4"), D("100")),
        (q("2026-27-Q1"), D("30")),
    ]
    assert quarterly_increments(points) == [
        (q("2025-26-Q1"), D("20")),
        (q("2025-26-Q2"), D("25")),
        (q("2025-26-Q3"), D("25")),
        (q("2025-26-Q4"), D("30")),
        (q("2026-27-Q1"), D("30")),
    ]


def test_a_quarter_after_a_gap_and_a_year_figure_are_left_out():
    points = [
        (q("2025-26-Q1"), D("20")),
        (q("2025-26-Q3"), D("70")),
        (q("2025-26-Q4"), D("100")),
        (q("2025-26"), D("100")),
    ]
    assert quarterly_increments(points) == [
        (q("2025-26-Q1"), D("20")),
        (q("2025-26-Q4"), D("30")),
    ]


def test_chart_series_of_a_year_to_date_count_compares_a_quarter_of_the_target():
    points = [(q("2025-26-Q2"), D("45")), (q("2025-26-Q1"), D("20"))]
    charted = chart_series(
        points, accumulation=Accumulation.CUMULATIVE, unit=Unit.NUMBER, target=D("120")
    )
    assert charted.increments is True
    assert charted.target == D("30")
    assert charted.points == [(q("2025-26-Q1"), D("20")), (q("2025-26-Q2"), D("25"))]
    none = chart_series(points, accumulation=Accumulation.CUMULATIVE, unit=Unit.NUMBER, target=None)
    assert none.target is None


def test_chart_series_of_anything_else_is_the_values_as_reported():
    points = [(q("2025-26-Q2"), D("45")), (q("2025-26-Q1"), D("20"))]
    charted = chart_series(
        points, accumulation=Accumulation.SNAPSHOT, unit=Unit.NUMBER, target=D("120")
    )
    assert charted.increments is False
    assert charted.target == D("120")
    assert charted.points == sorted(points)


# --- A recorded change of process ------------------------------------------------------


def quarters(first: str, count: int) -> list[Period]:
    start = q(first)
    return [start.shift(n) for n in range(count)]


SERIES = quarters("2020-21-Q1", 30)  # 2020-21-Q1 to 2027-28-Q2


@pytest.mark.parametrize(
    ("rebased_from", "baseline", "rebase_at", "fixed", "waiting"),
    [
        (None, None, (), None, ""),  # nothing recorded
        (None, 12, (), 12, ""),  # fixed limits only
        (None, 1, (), None, ""),  # fewer than 2 points cannot fix limits
        ("2023-24-Q1", None, (12,), None, ""),  # 12 before, 18 after: cut
        ("2023-24-Q1", 6, (12,), 6, ""),  # both
        ("2019-20-Q1", None, (), None, ""),  # before the series: all one, new, process
        ("2020-21-Q1", None, (), None, ""),  # at its first point: the same
        ("2025-26-Q3", None, (), None, "8 of the 12 points"),  # too few since
        ("2030-31-Q1", None, (), None, "0 of the 12 points"),  # after the last point
        ("2022-23-Q4", None, (), None, "fewer than 12 points come before it"),  # 11 before
    ],
)
def test_process_options(rebased_from, baseline, rebase_at, fixed, waiting):
    options = process_options(
        SERIES,
        rebased_from=q(rebased_from) if rebased_from else None,
        baseline_points=baseline,
        min_points=12,
    )
    assert options.rebase_at == rebase_at
    assert options.baseline_points == fixed
    assert waiting in options.waiting
    assert bool(options.waiting) == bool(waiting)


def test_a_rebase_between_quarters_starts_at_the_next_point():
    # The series skips 2023-24-Q1: the new process starts at the next point there is.
    gappy = [p for p in SERIES if p.code != "2023-24-Q1"]
    options = process_options(
        gappy, rebased_from=q("2023-24-Q1"), baseline_points=None, min_points=12
    )
    assert options.rebase_at == (12,)
    assert gappy[12].code == "2023-24-Q2"
