"""The cycle's email steps: whom each tells, about what, in what words.

Shared by the tick (:mod:`reporting.cycle.services`), which records the emails, and the
cycle page's preview (:mod:`reporting.cycle.selectors.preview`), which only counts those
not yet recorded: both call :func:`email_step` with the same round, one with a real
:class:`~reporting.cycle.emails.Sender` and one with a dry run. Whether a step is due is
decided by :func:`reporting.rules.cycle_plan.steps_due`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from partnership import access
from partnership.models import Period
from partnership.people import display_name
from reporting.cycle.emails import Sender, day_text, return_context, return_title
from reporting.cycle.report import CycleAction, plural, worded
from reporting.notifications.outbox import site_url
from reporting.returns.models import QuarterlyReturn
from reporting.rules.cycle_plan import (
    CHASE_BOARD,
    CHASE_LEAD,
    CLOSE,
    REMIND,
    REPORT,
    TELL,
    Opening,
    RoundPlan,
)


@dataclass(frozen=True)
class RoundToday:
    """What a round's emails are about: its quarter, its plan, the day, and its returns not
    yet submitted (with their outcome's block, lead organisation and lead person)."""

    period: Period
    plan: RoundPlan
    today: date
    returns: list[QuarterlyReturn]
    dry_run: bool = False

    def sender(self, kind: str) -> Sender:
        return Sender(self.period, kind, dry_run=self.dry_run)


def email_step(step: str, round_: RoundToday) -> CycleAction | None:
    """Send (or count, in a dry run) the emails of ``step`` not yet recorded."""
    return _EMAIL_STEPS[step](round_)


def _tell_opened(round_: RoundToday) -> CycleAction | None:
    plan, today = round_.plan, round_.today
    people = access.ReturnAudience(round_.returns)
    sent = round_.sender(TELL)
    for quarterly_return in round_.returns:
        sent.send(
            people=people.leads(quarterly_return),
            about=f"return-{quarterly_return.pk}",
            subject=f"Your {return_title(quarterly_return)} is open: due {day_text(plan.due_on)}",
            context=lambda r=quarterly_return: return_context(r, plan=plan, today=today),
        )
    return sent.action("tell the leads the round is open")


def _remind(round_: RoundToday) -> CycleAction | None:
    plan, today = round_.plan, round_.today
    reminder = plan.reminder_due(today)
    if reminder is None:  # steps_due asks the same: it is due only when reached
        return None
    days, _ = reminder
    people = access.ReturnAudience(round_.returns)
    sent = round_.sender(REMIND)
    due = day_text(plan.due_on)
    for quarterly_return in round_.returns:
        sent.send(
            people=people.leads(quarterly_return),
            about=f"return-{quarterly_return.pk}-{days}d",
            subject=f"Reminder: your {return_title(quarterly_return)} is due on {due}",
            context=lambda r=quarterly_return: return_context(r, plan=plan, today=today),
        )
    return sent.action(f"remind the leads, {plural(days, 'working day')} before due")


def _chase_leads(round_: RoundToday) -> CycleAction | None:
    plan, today = round_.plan, round_.today
    people = access.ReturnAudience(round_.returns)
    sent = round_.sender(CHASE_LEAD)

    def context(quarterly_return: QuarterlyReturn) -> dict[str, Any]:
        context = return_context(quarterly_return, plan=plan, today=today)
        if plan.chase_board_on > today:
            context["board_chase_on"] = plan.chase_board_on
        return context

    due = day_text(plan.due_on)
    for quarterly_return in round_.returns:
        sent.send(
            people=people.leads(quarterly_return) + people.officers(quarterly_return),
            about=f"return-{quarterly_return.pk}",
            subject=f"Late: the {return_title(quarterly_return)} was due on {due}",
            context=lambda r=quarterly_return: context(r),
        )
    return sent.action("chase the leads and officers of late returns")


def _chase_boards(round_: RoundToday) -> CycleAction | None:
    by_block: dict[Any, list[QuarterlyReturn]] = defaultdict(list)
    for quarterly_return in round_.returns:
        by_block[quarterly_return.outcome.block].append(quarterly_return)
    people = access.ReturnAudience(round_.returns)
    sent = round_.sender(CHASE_BOARD)
    period, plan = round_.period, round_.plan

    def context(block: Any, late: list[QuarterlyReturn]) -> dict[str, Any]:
        return {
            "block": block,
            "quarter": period.label,
            "due_on": plan.due_on,
            "closes_on": plan.closes_on,
            "late": [
                {
                    "outcome": str(r.outcome),
                    "state": r.get_state_display(),
                    "lead": display_name(r.outcome.lead_person, nobody="not named"),
                    "organisation": str(r.outcome.lead_organisation),
                }
                for r in late
            ],
            "link": site_url(f"/returns/?round={period.code}"),
        }

    for block, late in by_block.items():
        sent.send(
            people=people.board(block.pk),
            about=f"block-{block.pk}",
            subject=f"Late returns for {period.label}: {block}",
            context=lambda b=block, late=late: context(b, late),
        )
    return sent.action("tell the boards of blocks with late returns")


_EMAIL_STEPS: dict[str, Callable[[RoundToday], CycleAction | None]] = {
    TELL: _tell_opened,
    REMIND: _remind,
    CHASE_LEAD: _chase_leads,
    CHASE_BOARD: _chase_boards,
}
EMAIL_STEPS = tuple(_EMAIL_STEPS)


# ------------------------------------------------------------ the other steps' words


def opened_action(code: str, *, returns: int, opening: Opening, done: bool) -> CycleAction:
    """Opening the round: on its days, or late."""
    plan = opening.plan
    to_do = (
        f"open the round{' late' if opening.late else ''} ({plural(returns, 'return')}), "
        f"due {day_text(plan.due_on)}, closing {day_text(plan.closes_on)}"
    )
    if opening.late:
        to_do += ", as the cycle did not run while it was due to be open"
    return CycleAction(code, "opened", worded(to_do, done=done))


def closed_action(code: str, *, done: bool) -> CycleAction:
    return CycleAction(code, CLOSE, worded("close the round", done=done))


def reported_action(code: str, *, members: int, done: bool) -> CycleAction:
    to_do = f"send the exception report to {plural(members, 'PSB member')}"
    return CycleAction(code, REPORT, worded(to_do, done=done), emails=members)
