"""The pure rules of the quarterly cycle: a round's days, which steps a tick takes on a
day, when a quarter's round opens (on time or late), and which quarters a tick acts on.

The quarter used is Q4 2026-27 with the default calendar: the round opens on Thursday
1 April 2027, reminders go on 15 and 21 April, returns are due on 22 April, leads are
chased on 23 April and boards on 29 April, and it closes on Friday 7 May (Monday 3 May is
a bank holiday).
"""

from dataclasses import dataclass
from datetime import date

import pytest

from partnership.periods import Period as PeriodRef
from reporting.rules.cycle_plan import (
    CHASE_BOARD,
    CHASE_LEAD,
    CLOSE,
    REMIND,
    REPORT,
    TELL,
    Opening,
    QuarterToRun,
    opening_for,
    plan_for_quarter,
    plan_opened_late,
    quarters_to_run,
    steps_due,
)


@dataclass(frozen=True)
class Calendar:
    opens_after_quarter_working_days: int = 1
    due_working_days: int = 15
    closes_working_days_after_due: int = 10
    chase_lead_working_days_after_due: int = 1
    chase_board_working_days_after_due: int = 5
    reminder_days: tuple[int, ...] = (5, 1)


@dataclass(frozen=True)
class Dates:
    opens_on: date
    due_on: date
    closes_on: date


CALENDAR = Calendar()
Q4 = PeriodRef.parse("2026-27-Q4")
PLAN = plan_for_quarter(CALENDAR, Q4)


def q(code):
    return PeriodRef.parse(code)


# --- Which steps are due on a day ---------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2027, 3, 31), ()),  # not open yet
        (date(2027, 4, 1), (TELL,)),
        (date(2027, 4, 14), (TELL,)),
        (date(2027, 4, 15), (TELL, REMIND)),  # 5 working days before due
        (date(2027, 4, 22), (TELL, REMIND)),  # the due day: the latest reminder still goes
        (date(2027, 4, 23), (CHASE_LEAD,)),  # late: reminders and telling are over
        (date(2027, 4, 28), (CHASE_LEAD,)),
        (date(2027, 4, 29), (CHASE_LEAD, CHASE_BOARD)),
        (date(2027, 5, 6), (CHASE_LEAD, CHASE_BOARD)),
        (date(2027, 5, 7), (CLOSE, REPORT)),  # the closing day: no chase, the report
        (date(2027, 6, 30), (CLOSE, REPORT)),  # long after: the same, never a backlog
    ],
)
def test_the_steps_of_an_open_round_on_each_day(today, due):
    assert steps_due(PLAN, state="open", reported=False, today=today) == due


def test_an_open_round_already_reported_closes_without_a_second_report():
    """Reported, then extended by an officer: it closes again, and is not reported twice."""
    assert steps_due(PLAN, state="open", reported=True, today=date(2027, 5, 7)) == (CLOSE,)


@pytest.mark.parametrize(
    ("state", "reported", "due"),
    [
        ("closed", False, (REPORT,)),  # closed by hand: reported at the next tick
        ("closed", True, ()),
        ("scheduled", False, ()),  # opening is decided by opening_for
    ],
)
def test_a_round_not_open_is_only_reported(state, reported, due):
    assert steps_due(PLAN, state=state, reported=reported, today=date(2027, 4, 23)) == due


def test_a_calendar_without_reminders_sends_none():
    plan = plan_for_quarter(Calendar(reminder_days=()), Q4)
    assert steps_due(plan, state="open", reported=False, today=date(2027, 4, 21)) == (TELL,)


# --- When a quarter's round opens -----------------------------------------------------------


def test_a_round_opened_late_gets_the_calendars_working_days_from_that_day():
    plan = plan_opened_late(CALENDAR, date(2027, 5, 20))
    # 15 working days from Thursday 20 May, over the spring bank holiday (31 May), then 10.
    assert (plan.opens_on, plan.due_on, plan.closes_on) == (
        date(2027, 5, 20),
        date(2027, 6, 11),
        date(2027, 6, 25),
    )
    assert plan.reminders == ((5, date(2027, 6, 4)), (1, date(2027, 6, 10)))


@pytest.mark.parametrize("missed", [False, True])
def test_a_round_does_not_open_before_its_opening_day(missed):
    opening = opening_for(CALENDAR, Q4, today=date(2027, 3, 31), scheduled=None, missed=missed)
    assert opening is None


@pytest.mark.parametrize("today", [date(2027, 4, 1), date(2027, 4, 23), date(2027, 5, 6)])
def test_a_round_opens_on_its_calendar_days_until_its_closing_day(today):
    opening = opening_for(CALENDAR, Q4, today=today, scheduled=None, missed=True)
    assert opening == Opening(PLAN, late=False)


def test_a_quarter_the_cycle_missed_opens_late_after_its_closing_day():
    today = date(2027, 5, 20)
    opening = opening_for(CALENDAR, Q4, today=today, scheduled=None, missed=True)
    assert opening == Opening(plan_opened_late(CALENDAR, today), late=True)


def test_before_the_first_round_a_quarter_past_its_closing_day_is_left_to_the_team():
    assert opening_for(CALENDAR, Q4, today=PLAN.closes_on, scheduled=None, missed=False) is None


def test_a_scheduled_round_opens_on_its_own_days_and_late_after_them():
    own = Dates(date(2027, 4, 6), date(2027, 4, 30), date(2027, 5, 14))
    assert opening_for(CALENDAR, Q4, today=date(2027, 4, 1), scheduled=own, missed=False) is None
    opening = opening_for(CALENDAR, Q4, today=date(2027, 4, 6), scheduled=own, missed=False)
    assert opening is not None
    assert (opening.plan.opens_on, opening.plan.due_on, opening.late) == (
        date(2027, 4, 6),
        date(2027, 4, 30),
        False,
    )
    late = opening_for(CALENDAR, Q4, today=date(2027, 5, 14), scheduled=own, missed=False)
    assert late == Opening(plan_opened_late(CALENDAR, date(2027, 5, 14)), late=True)


# --- Which quarters a tick acts on -----------------------------------------------------------


def test_before_the_first_round_only_the_latest_completed_quarter():
    assert quarters_to_run(Q4, newest_round=None, unfinished=()) == [QuarterToRun(Q4, False)]


def test_the_newest_round_s_quarter_alone_when_it_is_the_latest():
    assert quarters_to_run(Q4, newest_round=Q4, unfinished=[Q4]) == [QuarterToRun(Q4, False)]


def test_after_a_gap_every_quarter_since_the_newest_round_in_order():
    quarters = quarters_to_run(q("2027-28-Q2"), newest_round=Q4, unfinished=[Q4])
    assert quarters == [
        QuarterToRun(Q4, missed=False),
        QuarterToRun(q("2027-28-Q1"), missed=True),
        QuarterToRun(q("2027-28-Q2"), missed=True),
    ]


def test_an_earlier_round_still_open_comes_first_and_a_future_one_not_at_all():
    quarters = quarters_to_run(
        q("2027-28-Q1"),
        newest_round=q("2027-28-Q1"),
        unfinished=[q("2026-27-Q2"), q("2027-28-Q1"), q("2027-28-Q2")],
    )
    assert quarters == [
        QuarterToRun(q("2026-27-Q2"), missed=False),
        QuarterToRun(q("2027-28-Q1"), missed=False),
    ]


def test_a_round_for_a_quarter_not_yet_over_does_not_start_the_range():
    assert quarters_to_run(Q4, newest_round=q("2027-28-Q1"), unfinished=()) == [
        QuarterToRun(Q4, missed=False)
    ]
