"""Working days in England and Wales, as pure functions of dates.

A working day is Monday to Friday and not a bank holiday in England and Wales. The bank
holidays come from the maintained ``holidays`` package (``GB``, subdivision ``ENG``,
which England and Wales share), never from a hand-typed list, so a new or moved bank
holiday arrives with an update of the package. Nothing here reads the clock: pass the
day in.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=1)
def _bank_holidays() -> holidays.HolidayBase:
    # The object fills in each year's holidays the first time a date in it is asked about.
    return holidays.country_holidays("GB", subdiv="ENG")


@lru_cache(maxsize=4096)
def is_bank_holiday(day: date) -> bool:
    """A bank holiday in England and Wales, substitute days included."""
    return day in _bank_holidays()


def is_working_day(day: date) -> bool:
    """Rule: "A working day is Monday to Friday and not a bank holiday in England and Wales"."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(day: date, count: int) -> date:
    """The working day ``count`` working days after ``day`` (before it when negative).

    ``day`` itself need not be a working day: one working day after Friday 1 January
    2027 (a bank holiday) is Monday 4 January. ``count`` 0 gives ``day`` unchanged.
    """
    step = _ONE_DAY if count >= 0 else -_ONE_DAY
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days come after ``start`` up to and including ``end``.

    So ``add_working_days(start, working_days_between(start, end)) == end`` whenever
    ``end`` is a working day. Negative when ``end`` is before ``start``.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += _ONE_DAY
        if is_working_day(day):
            count += 1
    return count
