"""Financial years and quarters (April to March), with no database."""

from __future__ import annotations

from datetime import date

import pytest

from partnership.periods import (
    PERIOD_CODE_PATTERN,
    Period,
    PeriodError,
    is_period_code,
    last_quarters,
    quarter_range,
)

Y2025 = Period(2025)
Q1, Q2, Q3, Q4 = (Period(2025, q) for q in range(1, 5))


# ------------------------------------------------------------------ parsing codes


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("2025-26", Period(2025), id="financial year"),
        pytest.param("2025-26-Q1", Period(2025, 1), id="first quarter"),
        pytest.param("2025-26-Q2", Period(2025, 2), id="second quarter"),
        pytest.param("2025-26-Q3", Period(2025, 3), id="third quarter"),
        pytest.param("2025-26-Q4", Period(2025, 4), id="fourth quarter"),
        pytest.param("1999-00", Period(1999), id="year across the century"),
        pytest.param("2099-00-Q4", Period(2099, 4), id="quarter across the century"),
        pytest.param("1900-01", Period(1900), id="earliest year allowed"),
        pytest.param("2999-00", Period(2999), id="latest year allowed"),
        pytest.param("  2025-26-Q2\n", Period(2025, 2), id="surrounding spaces are ignored"),
    ],
)
def test_parse_valid_codes(code: str, expected: Period) -> None:
    assert Period.parse(code) == expected
    assert is_period_code(code)


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("2025-27", id="wrong second year"),
        pytest.param("2025-25", id="second year same as first"),
        pytest.param("2025-24", id="second year before first"),
        pytest.param("1999-99", id="wrong second year across the century"),
        pytest.param("2025-26-Q0", id="quarter zero"),
        pytest.param("2025-26-Q5", id="quarter five"),
        pytest.param("2025-26-q2", id="lower-case q"),
        pytest.param("2025-26Q2", id="missing dash before quarter"),
        pytest.param("2025/26", id="slash instead of dash"),
        pytest.param("2025-2026", id="four-digit second year"),
        pytest.param("25-26", id="two-digit first year"),
        pytest.param("2025", id="calendar year"),
        pytest.param("Q2 2025-26", id="label rather than code"),
        pytest.param("2025-26-Q2x", id="trailing garbage"),
        pytest.param("garbage", id="garbage"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="only spaces"),
        pytest.param("1899-00", id="year before 1900"),
        pytest.param("0000-01", id="year zero"),
    ],
)
def test_parse_invalid_codes(code: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(code)
    assert not is_period_code(code)


def test_parse_none_is_an_error_not_a_crash() -> None:
    # Form data can hand over None; it must be a PeriodError like any other bad code.
    with pytest.raises(PeriodError):
        Period.parse(None)  # type: ignore[arg-type]


def test_wrong_second_year_message_says_which_year_follows() -> None:
    with pytest.raises(PeriodError, match="2025 is followed by 26"):
        Period.parse("2025-27")


def test_period_error_is_a_value_error() -> None:
    assert issubclass(PeriodError, ValueError)


def test_code_pattern_matches_codes_only() -> None:
    import re

    assert re.match(PERIOD_CODE_PATTERN, "2025-26-Q2")
    assert not re.match(PERIOD_CODE_PATTERN, "2025-26-Q5")


@pytest.mark.parametrize(
    ("start_year", "quarter"),
    [
        pytest.param(2025, 0, id="quarter zero"),
        pytest.param(2025, 5, id="quarter five"),
        pytest.param(2025, -1, id="negative quarter"),
        pytest.param(1899, None, id="year before 1900"),
        pytest.param(3000, None, id="year after 2999"),
        pytest.param(3000, 1, id="quarter of a year after 2999"),
    ],
)
def test_invalid_periods_cannot_be_built(start_year: int, quarter: int | None) -> None:
    with pytest.raises(PeriodError):
        Period(start_year, quarter)


# ------------------------------------------------------------------ codes and labels


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(code, id=code)
        for code in ("2025-26", "2025-26-Q1", "2025-26-Q4", "1999-00", "1999-00-Q3", "2009-10")
    ],
)
def test_code_round_trip(code: str) -> None:
    period = Period.parse(code)
    assert period.code == code
    assert str(period) == code
    assert Period.parse(period.code) == period


@pytest.mark.parametrize(
    ("period", "label", "long_label"),
    [
        pytest.param(Y2025, "2025-26", "2025-26 (April 2025 to March 2026)", id="year"),
        pytest.param(Q1, "Q1 2025-26", "Q1 2025-26 (April to June 2025)", id="Q1"),
        pytest.param(Q2, "Q2 2025-26", "Q2 2025-26 (July to September 2025)", id="Q2"),
        pytest.param(Q3, "Q3 2025-26", "Q3 2025-26 (October to December 2025)", id="Q3"),
        pytest.param(Q4, "Q4 2025-26", "Q4 2025-26 (January to March 2026)", id="Q4"),
        pytest.param(
            Period(1999), "1999-00", "1999-00 (April 1999 to March 2000)", id="year 1999-00"
        ),
    ],
)
def test_labels(period: Period, label: str, long_label: str) -> None:
    assert period.label == label
    assert period.long_label == long_label


@pytest.mark.parametrize(
    ("period", "is_year"),
    [pytest.param(Y2025, True, id="year"), pytest.param(Q2, False, id="quarter")],
)
def test_is_year(period: Period, is_year: bool) -> None:
    assert period.is_year is is_year


# ------------------------------------------------------ dates into years and quarters


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [
        pytest.param(date(2026, 3, 31), Period(2025), Period(2025, 4), id="31 March ends Q4"),
        pytest.param(date(2026, 4, 1), Period(2026), Period(2026, 1), id="1 April starts Q1"),
        pytest.param(date(2025, 4, 1), Period(2025), Period(2025, 1), id="1 April 2025"),
        pytest.param(date(2025, 6, 30), Period(2025), Period(2025, 1), id="30 June ends Q1"),
        pytest.param(date(2025, 7, 1), Period(2025), Period(2025, 2), id="1 July starts Q2"),
        pytest.param(date(2025, 9, 30), Period(2025), Period(2025, 2), id="30 Sept ends Q2"),
        pytest.param(date(2025, 10, 1), Period(2025), Period(2025, 3), id="1 Oct starts Q3"),
        pytest.param(date(2025, 12, 31), Period(2025), Period(2025, 3), id="31 Dec ends Q3"),
        pytest.param(date(2026, 1, 1), Period(2025), Period(2025, 4), id="1 Jan starts Q4"),
        pytest.param(date(2024, 2, 29), Period(2023), Period(2023, 4), id="leap day"),
        pytest.param(date(2025, 8, 15), Period(2025), Period(2025, 2), id="mid August"),
    ],
)
def test_year_of_and_quarter_of(day: date, year: Period, quarter: Period) -> None:
    assert Period.year_of(day) == year
    assert Period.quarter_of(day) == quarter


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_falls_in_the_quarter_that_holds_it(month: int) -> None:
    day = date(2026 if month < 4 else 2025, month, 15)
    quarter = Period.quarter_of(day)
    assert quarter.year() == Period(2025)
    assert quarter.start_date <= day <= quarter.end_date


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        pytest.param(Y2025, date(2025, 4, 1), date(2026, 3, 31), id="year"),
        pytest.param(Q1, date(2025, 4, 1), date(2025, 6, 30), id="Q1"),
        pytest.param(Q2, date(2025, 7, 1), date(2025, 9, 30), id="Q2"),
        pytest.param(Q3, date(2025, 10, 1), date(2025, 12, 31), id="Q3"),
        pytest.param(Q4, date(2026, 1, 1), date(2026, 3, 31), id="Q4"),
        pytest.param(Period(2023, 4), date(2024, 1, 1), date(2024, 3, 31), id="Q4 in leap year"),
        pytest.param(Period(2999), date(2999, 4, 1), date(3000, 3, 31), id="latest year"),
        pytest.param(Period(2999, 4), date(3000, 1, 1), date(3000, 3, 31), id="Q4 of latest year"),
    ],
)
def test_start_and_end_dates(period: Period, start: date, end: date) -> None:
    assert period.start_date == start
    assert period.end_date == end


@pytest.mark.parametrize(
    "period", [pytest.param(p, id=p.code) for p in (Q1, Q2, Q3, Q4, Period(2024, 4))]
)
def test_quarters_follow_on_without_gaps(period: Period) -> None:
    assert (period.next().start_date - period.end_date).days == 1


# ------------------------------------------------------------------ moving in time


@pytest.mark.parametrize(
    ("period", "following"),
    [
        pytest.param(Q1, Q2, id="Q1 to Q2"),
        pytest.param(Q2, Q3, id="Q2 to Q3"),
        pytest.param(Q3, Q4, id="Q3 to Q4"),
        pytest.param(Q4, Period(2026, 1), id="Q4 to next year's Q1"),
        pytest.param(Y2025, Period(2026), id="year to next year"),
        pytest.param(Period(1999, 4), Period(2000, 1), id="across the century"),
    ],
)
def test_next_and_previous(period: Period, following: Period) -> None:
    assert period.next() == following
    assert following.previous() == period


@pytest.mark.parametrize(
    ("period", "last_year"),
    [
        pytest.param(Q2, Period(2024, 2), id="quarter"),
        pytest.param(Period(2025, 1), Period(2024, 1), id="Q1"),
        pytest.param(Y2025, Period(2024), id="year"),
    ],
)
def test_same_quarter_last_year(period: Period, last_year: Period) -> None:
    assert period.same_quarter_last_year() == last_year


@pytest.mark.parametrize(
    ("period", "steps", "expected"),
    [
        pytest.param(Q2, 0, Q2, id="no steps"),
        pytest.param(Q2, 1, Q3, id="one quarter on"),
        pytest.param(Q2, 3, Period(2026, 1), id="into next year"),
        pytest.param(Q2, 4, Period(2026, 2), id="a year on"),
        pytest.param(Q2, -2, Period(2024, 4), id="back into last year"),
        pytest.param(Q1, -1, Period(2024, 4), id="back one from Q1"),
        pytest.param(Q4, -4, Period(2024, 4), id="a year back"),
        pytest.param(Q1, -9, Period(2022, 4), id="several years back"),
        pytest.param(Y2025, 2, Period(2027), id="years forward"),
        pytest.param(Y2025, -3, Period(2022), id="years back"),
    ],
)
def test_shift(period: Period, steps: int, expected: Period) -> None:
    assert period.shift(steps) == expected


def test_year_and_quarters() -> None:
    assert Q3.year() == Y2025
    assert Y2025.year() == Y2025
    assert Y2025.quarters() == [Q1, Q2, Q3, Q4]
    assert Q3.quarters() == [Q3]


@pytest.mark.parametrize(
    ("today", "quarter"),
    [
        pytest.param(date(2025, 7, 1), Period(2025, 1), id="day after Q1 ends: Q1"),
        pytest.param(date(2025, 6, 30), Period(2024, 4), id="last day of Q1: not yet complete"),
        pytest.param(date(2025, 4, 1), Period(2024, 4), id="1 April: last year's Q4"),
        pytest.param(date(2026, 1, 1), Period(2025, 3), id="New Year's Day: Q3"),
        pytest.param(date(2025, 12, 31), Period(2025, 2), id="31 December: Q2"),
    ],
)
def test_latest_completed_quarter(today: date, quarter: Period) -> None:
    assert Period.latest_completed_quarter(today) == quarter


# ------------------------------------------------------------------ order and index


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        pytest.param(Q1, Q2, id="quarters in order"),
        pytest.param(Q4, Period(2026, 1), id="Q4 before next year's Q1"),
        pytest.param(Q4, Y2025, id="a year after its Q4"),
        pytest.param(Q1, Y2025, id="a year after its Q1"),
        pytest.param(Y2025, Period(2026, 1), id="a year before next year's Q1"),
        pytest.param(Period(2024), Y2025, id="years in order"),
        pytest.param(Period(2024), Q1, id="last year before this year's Q1"),
    ],
)
def test_ordering(earlier: Period, later: Period) -> None:
    assert earlier < later
    assert earlier <= later
    assert later > earlier
    assert later >= earlier
    assert not later < earlier
    assert not earlier > later
    assert not later <= earlier
    assert not earlier >= later


def test_mixed_years_and_quarters_sort_in_time_order() -> None:
    mixed = [Period(2026, 1), Y2025, Q4, Period(2024), Q1]
    assert sorted(mixed) == [Period(2024), Q1, Q4, Y2025, Period(2026, 1)]


def test_equal_periods_compare_equal_and_hash_alike() -> None:
    assert Period(2025, 2) == Q2
    assert Period(2025, 2) <= Q2
    assert Period(2025, 2) >= Q2
    assert hash(Period(2025, 2)) == hash(Q2)
    assert {Q2: "x"}[Period(2025, 2)] == "x"
    assert Y2025 != Q4


@pytest.mark.parametrize(
    "op",
    [
        pytest.param(lambda p: p < "2025-26", id="<"),
        pytest.param(lambda p: p <= "2025-26", id="<="),
        pytest.param(lambda p: p > "2025-26", id=">"),
        pytest.param(lambda p: p >= "2025-26", id=">="),
    ],
)
def test_periods_do_not_compare_with_codes(op: object) -> None:
    with pytest.raises(TypeError):
        op(Q2)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("period", "index"),
    [
        pytest.param(Q1, 2025 * 4, id="Q1"),
        pytest.param(Q2, 2025 * 4 + 1, id="Q2"),
        pytest.param(Q4, 2025 * 4 + 3, id="Q4"),
        pytest.param(Y2025, 2025 * 4 + 3, id="a year sits on its Q4"),
        pytest.param(Period(2026, 1), 2026 * 4, id="next Q1 follows Q4"),
    ],
)
def test_index(period: Period, index: int) -> None:
    assert period.index == index


def test_index_steps_by_one_quarter() -> None:
    assert Q4.next().index - Q4.index == 1
    assert Y2025.next().index - Y2025.index == 4


# ------------------------------------------------------------------ ranges


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        pytest.param(Q2, Q2, [Q2], id="one quarter"),
        pytest.param(Q1, Q4, [Q1, Q2, Q3, Q4], id="whole year"),
        pytest.param(Q3, Period(2026, 2), [Q3, Q4, Period(2026, 1), Period(2026, 2)], id="across"),
        pytest.param(Q3, Q1, [], id="backwards range is empty"),
    ],
)
def test_quarter_range(first: Period, last: Period, expected: list[Period]) -> None:
    assert quarter_range(first, last) == expected


@pytest.mark.parametrize(
    ("first", "last"),
    [
        pytest.param(Y2025, Q2, id="first is a year"),
        pytest.param(Q1, Y2025, id="last is a year"),
    ],
)
def test_quarter_range_takes_quarters_only(first: Period, last: Period) -> None:
    with pytest.raises(PeriodError):
        quarter_range(first, last)


@pytest.mark.parametrize(
    ("last", "count", "expected"),
    [
        pytest.param(Q2, 1, [Q2], id="just the last"),
        pytest.param(Q2, 4, [Period(2024, 3), Period(2024, 4), Q1, Q2], id="four across years"),
        pytest.param(Q2, 0, [], id="none"),
        pytest.param(Y2025, 2, [Period(2024), Y2025], id="years"),
    ],
)
def test_last_quarters(last: Period, count: int, expected: list[Period]) -> None:
    assert last_quarters(last, count) == expected
