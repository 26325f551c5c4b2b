"""Working days and times of day for the demo's calendar, as plain functions.

Working days skip Saturdays and Sundays only: the demo ignores bank holidays, so its
dates do not move when a holiday list changes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from partnership.periods import Period

LONDON = ZoneInfo("Europe/London")
DAYS_TO_DUE = 15  # working days from a round opening to returns being due
DAYS_TO_CLOSE = 7  # calendar days from due to the round closing


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def first_working_day_after(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    """The working day ``count`` working days after ``day`` (before it when negative)."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def round_dates(quarter: Period) -> tuple[date, date, date]:
    """When a quarter's return round opens, is due and closes.

    It opens on the first working day after the quarter, is due 15 working days later
    and closes a week after that.
    """
    opens = first_working_day_after(quarter.end_date)
    due = add_working_days(opens, DAYS_TO_DUE)
    return opens, due, due + timedelta(days=DAYS_TO_CLOSE)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment of a day in the partnership's time zone."""
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def not_after(moment: datetime, today: date) -> datetime:
    """``moment``, or the start of the working day of ``today`` if it would be later."""
    latest = at(today, 9)
    return min(moment, latest)
