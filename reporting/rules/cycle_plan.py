"""The quarterly cycle's rules, as pure functions of dates and the calendar: the days of a
round (:class:`RoundPlan`), when a quarter's round opens, on time or late
(:func:`opening_for`), which quarters a tick acts on (:func:`quarters_to_run`) and which
of a round's steps are due on a day (:func:`steps_due`). The tick
(``reporting.cycle.services``) and the cycle page's preview of it both ask these.

The calendar is anything with the partnership calendar's numbers (``PartnershipCalendar``
in the database, or a plain object in a test); nothing here reads the clock or the
database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from partnership.periods import Period as PeriodRef
from partnership.periods import quarter_range
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


def plan_opened_late(calendar: Calendar, today: date) -> RoundPlan:
    """The dates of a round opened late, on ``today``: the calendar's working days counted
    from then, so that its leads have their usual time."""
    due_on = add_working_days(today, calendar.due_working_days)
    closes_on = add_working_days(due_on, calendar.closes_working_days_after_due)
    return plan_for_dates(calendar, opens_on=today, due_on=due_on, closes_on=closes_on)


@dataclass(frozen=True)
class Opening:
    """How a quarter's round opens today: on its own days, or late."""

    plan: RoundPlan
    late: bool


def opening_for(
    calendar: Calendar,
    quarter: PeriodRef,
    *,
    today: date,
    scheduled: RoundDates | None,
    missed: bool,
) -> Opening | None:
    """How a quarter's round not yet open opens on ``today``, or None when it does not.

    It opens on the calendar's days (or a scheduled round on its own) from its opening day
    until its closing day. After its closing day it opens late (see
    :func:`plan_opened_late`) when the cycle missed it (``missed``: the quarter comes after
    the partnership's newest round) or when an officer scheduled it; otherwise, before the
    partnership's first round, it is left to the performance team.
    """
    if scheduled is not None:
        plan = plan_for_round(calendar, scheduled)
    else:
        plan = plan_for_quarter(calendar, quarter)
    if today < plan.opens_on:
        return None
    if today < plan.closes_on:
        return Opening(plan, late=False)
    if scheduled is None and not missed:
        return None
    return Opening(plan_opened_late(calendar, today), late=True)


@dataclass(frozen=True)
class QuarterToRun:
    quarter: PeriodRef
    missed: bool  # after the partnership's newest round: the cycle did not open it


def quarters_to_run(
    latest: PeriodRef, *, newest_round: PeriodRef | None, unfinished: Iterable[PeriodRef]
) -> list[QuarterToRun]:
    """The quarters a tick acts on, oldest first, when ``latest`` is the latest completed
    quarter: every quarter from the partnership's newest round to ``latest`` (only
    ``latest`` before the first round), and any earlier round not finished (open or
    scheduled). A quarter after the newest round has no round: the cycle missed it."""
    first = latest if newest_round is None else min(newest_round, latest)
    quarters = set(quarter_range(first, latest)) | {q for q in unfinished if q <= latest}
    return [
        QuarterToRun(quarter, missed=newest_round is not None and quarter > newest_round)
        for quarter in sorted(quarters)
    ]


# The steps of an opened round's cycle, in the order a tick takes them; a step that emails
# is named by the kind of its emails (``Notification.kind``).
TELL, REMIND, CHASE_LEAD, CHASE_BOARD, CLOSE, REPORT = (
    "round_opened",
    "reminder",
    "chase_lead",
    "chase_board",
    "closed",
    "exception_report",
)
ROUND_STEPS = (TELL, REMIND, CHASE_LEAD, CHASE_BOARD, CLOSE, REPORT)


def steps_due(plan: RoundPlan, *, state: str, reported: bool, today: date) -> tuple[str, ...]:
    """The steps of a round's cycle due on ``today``, in order, for a round in ``state``
    (``"scheduled"``, ``"open"`` or ``"closed"``) whose exception report is ``reported``
    or not. An email step being due means its emails not yet recorded go.

    While open: the leads are told from the opening day to the due date; the latest
    reminder day reached is due until the due date; late returns are chased after the
    due date, from each chase day, but not from the closing day, when the round closes and
    the exception report tells the PSB instead. A closed round not reported is reported;
    a round reported once (then extended by an officer) closes again without a report.
    """
    if state == "closed":
        return () if reported else (REPORT,)
    if state != "open":
        return ()
    steps = []
    if plan.opens_on <= today <= plan.due_on:
        steps.append(TELL)
    if plan.reminder_due(today) is not None:
        steps.append(REMIND)
    chasing = plan.due_on < today < plan.closes_on
    if chasing and today >= plan.chase_lead_on:
        steps.append(CHASE_LEAD)
    if chasing and today >= plan.chase_board_on:
        steps.append(CHASE_BOARD)
    if today >= plan.closes_on:
        steps += [CLOSE] if reported else [CLOSE, REPORT]
    return tuple(steps)
