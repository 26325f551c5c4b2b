"""The pure rules of funding: money in words, totals aligned against pooled, years twice."""

from decimal import Decimal

import pytest

from reporting.funding.rules import KindTotals, duplicate_years, kind_totals, pounds


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (None, ""),
        (Decimal("0"), "£0"),
        (Decimal("1234567"), "£1,234,567"),
        (Decimal("1234567.00"), "£1,234,567"),
        (Decimal("1234.5"), "£1,234.50"),
        (Decimal("999.999"), "£1,000.00"),
        (Decimal("0.01"), "£0.01"),
        (Decimal("-2500"), "-£2,500"),
    ],
)
def test_pounds(amount, shown):
    assert pounds(amount) == shown


def test_kind_totals_adds_each_kind_apart():
    totals = kind_totals(
        [("aligned", Decimal(100)), ("pooled", Decimal(50)), ("aligned", Decimal("0.5"))]
    )
    assert totals == KindTotals(aligned=Decimal("100.5"), pooled=Decimal(50))
    assert totals.total == Decimal("150.5")


def test_kind_totals_of_nothing_is_nothing():
    totals = kind_totals([])
    assert (totals.aligned, totals.pooled, totals.total, totals.pooled_share) == (0, 0, 0, None)


def test_a_kind_neither_aligned_nor_pooled_is_an_error():
    with pytest.raises(ValueError, match="aligned or pooled, not 'shared'"):
        kind_totals([("shared", Decimal(1))])


@pytest.mark.parametrize(
    ("aligned", "pooled", "share"), [(100, 0, 0), (0, 5, 100), (2, 1, 33), (1, 1, 50), (1, 7, 88)]
)
def test_pooled_share_is_a_whole_percentage(aligned, pooled, share):
    assert KindTotals(Decimal(aligned), Decimal(pooled)).pooled_share == share


@pytest.mark.parametrize(
    ("codes", "repeated"),
    [
        ([], []),
        (["2025-26", "2026-27"], []),
        (["2025-26", "2025-26"], ["2025-26"]),
        (["2026-27", "2025-26", "2026-27", "2026-27", "2025-26"], ["2026-27", "2025-26"]),
    ],
)
def test_duplicate_years(codes, repeated):
    assert duplicate_years(codes) == repeated
