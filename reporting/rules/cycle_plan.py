"""The days of a round's quarterly cycle, as pure functions of dates and the calendar.

The calendar is anything with the partnership calendar's numbers (``PartnershipCalendar``
in the database, or a plain object in a test); nothing here reads the clock or the
database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from partnership.periods import Period as PeriodRef
from reporting.rules.working_days import add_working_days


class Calendar(Protocol):
    """The numbers of the partnership's calendar that decide a round's days."""

    opens_after_quarter_working_days: int
    due_working_days: int
    closes_working_days_after_due: int
    chase_lead_working_days_after_due: int
    chase_board_working_days_after_due: int

    @property
    def reminder_days(self) -> tuple[int, ...]: ...


class RoundDates(Protocol):
    opens_on: date
    due_on: date
    closes_on: date


@dataclass(frozen=True)
class RoundPlan:
    """The days of a round's cycle, from its dates and the calendar."""

    opens_on: date
    due_on: date
    closes_on: date
    reminders: tuple[tuple[int, date], ...]  # (working days before due, day), earliest first
    chase_lead_on: date
    chase_board_on: date

    def reminder_due(self, today: date) -> tuple[int, date] | None:
        """The latest reminder day reached by ``today``, while the return is not yet due."""
        if today > self.due_on:
            return None
        reached = [(days, day) for days, day in self.reminders if day <= today]
        return reached[-1] if reached else None


def plan_for_dates(
    calendar: Calendar, *, opens_on: date, due_on: date, closes_on: date
) -> RoundPlan:
    """The reminder and chase days of a round with these dates."""
    return RoundPlan(
        opens_on=opens_on,
        due_on=due_on,
        closes_on=closes_on,
        reminders=tuple((days, add_working_days(due_on, -days)) for days in calendar.reminder_days),
        chase_lead_on=add_working_days(due_on, calendar.chase_lead_working_days_after_due),
        chase_board_on=add_working_days(due_on, calendar.chase_board_working_days_after_due),
    )


def plan_for_quarter(calendar: Calendar, quarter: PeriodRef) -> RoundPlan:
    """The calendar's dates for a quarter's round that is not open yet.

    Rule: "The round opens N working days after the quarter ends, returns are due M
    working days after it opens, and it closes K working days after they are due."
    """
    opens_on = add_working_days(quarter.end_date, calendar.opens_after_quarter_working_days)
    due_on = add_working_days(opens_on, calendar.due_working_days)
    closes_on = add_working_days(due_on, calendar.closes_working_days_after_due)
    return plan_for_dates(calendar, opens_on=opens_on, due_on=due_on, closes_on=closes_on)


def plan_for_round(calendar: Calendar, round_: RoundDates) -> RoundPlan:
    return plan_for_dates(
        calendar, opens_on=round_.opens_on, due_on=round_.due_on, closes_on=round_.closes_on
    )
