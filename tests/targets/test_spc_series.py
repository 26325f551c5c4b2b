"""Which series SPC charts: a year-to-date count on its quarterly increments."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from indicators.enums import Accumulation, Unit
from partnership.periods import Period
from targets.spc_series import chart_series, is_year_to_date, quarterly_increments


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
