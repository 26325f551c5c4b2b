"""Working days in England and Wales: weekends and bank holidays are skipped."""

from datetime import date

import pytest

from reporting.rules.working_days import (
    add_working_days,
    is_bank_holiday,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2027, 1, 4), True),  # a Monday
        (date(2027, 1, 2), False),  # a Saturday
        (date(2027, 1, 3), False),  # a Sunday
        (date(2027, 1, 1), False),  # New Year's Day, a Friday
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 28), False),  # Boxing Day falls on a Saturday: the Monday instead
        (date(2027, 3, 26), False),  # Good Friday
        (date(2027, 3, 29), False),  # Easter Monday
        (date(2027, 5, 3), False),  # the early May bank holiday
        (date(2027, 5, 4), True),
        (date(2027, 8, 30), False),  # the summer bank holiday in England, not Scotland's
    ],
)
def test_a_working_day_is_a_weekday_that_is_not_a_bank_holiday(day, working):
    assert is_working_day(day) is working


def test_the_scottish_and_northern_irish_holidays_are_not_ours():
    assert not is_bank_holiday(date(2027, 1, 4))  # 2 January in Scotland, observed
    assert not is_bank_holiday(date(2027, 3, 17))  # St Patrick's Day
    assert not is_bank_holiday(date(2027, 11, 30))  # St Andrew's Day


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2027, 1, 4), 0, date(2027, 1, 4)),
        (date(2027, 1, 4), 1, date(2027, 1, 5)),
        (date(2027, 1, 8), 1, date(2027, 1, 11)),  # Friday to Monday
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # over New Year's Day and a weekend
        (date(2026, 12, 24), 1, date(2026, 12, 29)),  # over Christmas and Boxing Day observed
        (date(2027, 3, 25), 1, date(2027, 3, 30)),  # over Easter
        (date(2027, 1, 4), 15, date(2027, 1, 25)),
        (date(2027, 1, 25), -5, date(2027, 1, 18)),
        (date(2027, 1, 4), -1, date(2026, 12, 31)),
        (date(2027, 3, 30), -1, date(2027, 3, 25)),  # back over Easter
    ],
)
def test_adding_working_days(start, count, expected):
    assert add_working_days(start, count) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2027, 1, 4), date(2027, 1, 4), 0),
        (date(2027, 1, 4), date(2027, 1, 25), 15),
        (date(2026, 12, 31), date(2027, 1, 4), 1),
        (date(2027, 1, 2), date(2027, 1, 3), 0),  # a weekend
        (date(2027, 1, 25), date(2027, 1, 18), -5),
    ],
)
def test_counting_working_days_between_two_days(start, end, expected):
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize("count", [1, 5, 15, 40])
def test_counting_undoes_adding(count):
    start = date(2026, 12, 20)
    assert working_days_between(start, add_working_days(start, count)) == count
