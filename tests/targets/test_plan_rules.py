"""The rules of delivery plans: overdue, live, progress missing, off track with no plan."""

from datetime import date
from decimal import Decimal

import pytest

from partnership.periods import Period
from targets import plan_rules
from targets.plan_rules import (
    AMOUNT_WITHOUT_STREAM,
    DATES_OUT_OF_ORDER,
    NEGATIVE_AMOUNT,
    NO_PROGRESS,
    OFF_TRACK_NO_PLAN,
    OVERDUE,
    PlanState,
)
from targets.rules import Rag

TODAY = date(2025, 11, 20)  # Q3 2025-26: the returns report Q2 (July to September)
Q1, Q2 = Period.parse("2025-26-Q1"), Period.parse("2025-26-Q2")


@pytest.mark.parametrize(
    ("status", "due", "overdue", "live"),
    [
        ("on_track", date(2025, 11, 19), True, False),  # due yesterday
        ("on_track", TODAY, False, True),  # due today: not yet overdue
        ("delayed", date(2026, 3, 31), False, True),
        ("not_started", None, False, True),  # no due date: live until complete
        ("complete", date(2025, 1, 1), False, False),  # complete is never overdue
        ("complete", None, False, False),
    ],
)
def test_overdue_and_live(status, due, overdue, live):
    assert plan_rules.is_overdue(status=status, due_date=due, today=TODAY) is overdue
    assert plan_rules.is_live(status=status, due_date=due, today=TODAY) is live


def test_the_reporting_quarter_is_the_latest_one_completed():
    assert plan_rules.reporting_quarter(TODAY) == Q2
    assert plan_rules.reporting_quarter(date(2025, 10, 1)) == Q2
    assert plan_rules.reporting_quarter(date(2025, 9, 30)) == Q1


@pytest.mark.parametrize(
    ("status", "start", "reported", "missing"),
    [
        ("on_track", None, [], True),
        ("on_track", date(2025, 4, 1), [Q1], True),  # last quarter's report is not this one's
        ("on_track", date(2025, 4, 1), [Q1, Q2], False),
        ("at_risk", date(2025, 9, 30), [], True),  # started within the quarter
        ("not_started", date(2025, 10, 1), [], False),  # starts after the quarter
        ("complete", None, [], False),
    ],
)
def test_progress_missing(status, start, reported, missing):
    assert (
        plan_rules.progress_missing(status=status, start_date=start, reported=reported, today=TODAY)
        is missing
    )


@pytest.mark.parametrize(
    ("status", "due", "reported", "flags"),
    [
        ("on_track", date(2025, 10, 1), [], (OVERDUE, NO_PROGRESS)),
        ("on_track", date(2025, 10, 1), [Q2], (OVERDUE,)),
        ("on_track", date(2026, 1, 1), [], (NO_PROGRESS,)),
        ("on_track", date(2026, 1, 1), [Q2], ()),
        ("complete", date(2025, 10, 1), [], ()),
    ],
)
def test_action_flags(status, due, reported, flags):
    assert (
        plan_rules.action_flags(
            status=status, start_date=None, due_date=due, reported=reported, today=TODAY
        )
        == flags
    )


@pytest.mark.parametrize(
    ("rag", "live", "state"),
    [
        (Rag.RED, 0, PlanState(OFF_TRACK_NO_PLAN, True)),
        (Rag.AMBER, 0, PlanState(OFF_TRACK_NO_PLAN, True)),
        (Rag.RED, 1, PlanState("1 live action", False)),
        (Rag.AMBER, 3, PlanState("3 live actions", False)),
        (Rag.GREEN, 0, PlanState("No live action", False)),
        (Rag.GREY, 0, PlanState("No live action", False)),
        (Rag.GREEN, 2, PlanState("2 live actions", False)),
    ],
)
def test_plan_state_of_a_target(rag, live, state):
    assert plan_rules.plan_state(rag=rag, live_actions=live) == state
    assert plan_rules.off_track_without_plan(rag=rag, has_live_action=live > 0) is (
        state.off_track_without_plan
    )


@pytest.mark.parametrize(
    ("start", "due", "amount", "stream", "problems"),
    [
        (date(2025, 4, 1), date(2026, 3, 31), Decimal(100), True, {}),
        (date(2025, 4, 1), date(2025, 4, 1), None, False, {}),  # same day is fine
        (None, date(2025, 4, 1), None, False, {}),
        (date(2025, 4, 1), None, Decimal(0), True, {}),
        (date(2025, 4, 2), date(2025, 4, 1), None, False, {"due_date": DATES_OUT_OF_ORDER}),
        (None, None, Decimal("-0.01"), True, {"funding_amount": NEGATIVE_AMOUNT}),
        (None, None, Decimal(5), False, {"funding_stream": AMOUNT_WITHOUT_STREAM}),
        (
            date(2025, 4, 2),
            date(2025, 4, 1),
            Decimal(-1),
            False,
            {"due_date": DATES_OUT_OF_ORDER, "funding_amount": NEGATIVE_AMOUNT},
        ),
    ],
)
def test_action_problems(start, due, amount, stream, problems):
    assert (
        plan_rules.action_problems(
            start_date=start, due_date=due, funding_amount=amount, has_funding_stream=stream
        )
        == problems
    )
