"""Rules of delivery plans: when an action is overdue, live, or missing its quarter's
progress, and when an off-track target has no plan. Plain functions of plain values.

A *live* action is one still being delivered: not complete, and not past its due date
(an action with no due date stays live until it is complete). A target has a live
action when an action linked to it is live, or when a live action of its outcome is
linked to no target at all (an action for the outcome as a whole covers all its
targets). A red or amber target with no live action is "off track with no action plan".

The quarter whose progress is due is the one the quarterly returns report on: the
latest quarter completed by ``today`` (in October to December, Q2, July to September).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from partnership.periods import Period
from targets.rules import Rag

COMPLETE = "complete"
OVERDUE = "Overdue"
NO_PROGRESS = "No progress reported this quarter"
OFF_TRACK_NO_PLAN = "Off track with no action plan"
DATES_OUT_OF_ORDER = "The due date must be the same as or after the start date."
NEGATIVE_AMOUNT = "The money from the funding stream cannot be negative."
AMOUNT_WITHOUT_STREAM = "Choose the funding stream the money comes from, or leave the amount empty."


def is_overdue(*, status: str, due_date: date | None, today: date) -> bool:
    """Not complete, and its due date has passed."""
    return status != COMPLETE and due_date is not None and due_date < today


def is_live(*, status: str, due_date: date | None, today: date) -> bool:
    """Still being delivered: not complete and not overdue."""
    return status != COMPLETE and not is_overdue(status=status, due_date=due_date, today=today)


def reporting_quarter(today: date) -> Period:
    """The quarter whose progress the quarterly returns report now."""
    return Period.latest_completed_quarter(today)


def progress_missing(
    *, status: str, start_date: date | None, reported: Iterable[Period], today: date
) -> bool:
    """No progress reported for the reporting quarter, for an action not complete that
    had started by the end of that quarter (one starting later has nothing to report)."""
    if status == COMPLETE:
        return False
    quarter = reporting_quarter(today)
    if start_date is not None and start_date > quarter.end_date:
        return False
    return quarter not in set(reported)


def action_flags(
    *,
    status: str,
    start_date: date | None,
    due_date: date | None,
    reported: Iterable[Period],
    today: date,
) -> tuple[str, ...]:
    """What the board is told of an action, in words: overdue, no progress this quarter."""
    flags = []
    if is_overdue(status=status, due_date=due_date, today=today):
        flags.append(OVERDUE)
    if progress_missing(status=status, start_date=start_date, reported=reported, today=today):
        flags.append(NO_PROGRESS)
    return tuple(flags)


def off_track_without_plan(*, rag: Rag, has_live_action: bool) -> bool:
    """A red or amber target with no live action."""
    return rag in (Rag.RED, Rag.AMBER) and not has_live_action


@dataclass(frozen=True)
class PlanState:
    """A target's plan in a word or two, for the board and the plan page."""

    label: str
    off_track_without_plan: bool


def plan_state(*, rag: Rag, live_actions: int) -> PlanState:
    """``live_actions``: how many live actions cover the target."""
    if off_track_without_plan(rag=rag, has_live_action=live_actions > 0):
        return PlanState(OFF_TRACK_NO_PLAN, True)
    if live_actions == 0:
        return PlanState("No live action", False)
    return PlanState(
        "1 live action" if live_actions == 1 else f"{live_actions} live actions", False
    )


def action_problems(
    *,
    start_date: date | None,
    due_date: date | None,
    funding_amount: Decimal | None,
    has_funding_stream: bool,
) -> dict[str, str]:
    """What is wrong with an action's dates and money, by field (empty: nothing)."""
    problems = {}
    if start_date is not None and due_date is not None and due_date < start_date:
        problems["due_date"] = DATES_OUT_OF_ORDER
    if funding_amount is not None and funding_amount < 0:
        problems["funding_amount"] = NEGATIVE_AMOUNT
    elif funding_amount is not None and not has_funding_stream:
        problems["funding_stream"] = AMOUNT_WITHOUT_STREAM
    return problems
