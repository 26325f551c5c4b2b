"""The quarterly cycle: one daily tick that does whatever the partnership's calendar says.

``cycle_run(today=...)`` looks at the round for the latest completed quarter (and any
earlier round still left open) and, from its state and the emails already recorded,
does each step that is due on or before ``today`` and not yet done:

1. **Open** the round on the calendar's opening day (``opens_after_quarter_working_days``
   working days after the quarter ends), due ``due_working_days`` working days later and
   closing ``closes_working_days_after_due`` working days after that; a scheduled round
   opens on its own dates. A round whose closing day has passed unopened is left to the
   performance team.
2. **Tell the leads** the round is open, until the due date.
3. **Remind** the leads of returns not yet submitted, on each reminder day before the
   due date (the latest reminder day reached only, so a run after a gap sends one
   reminder, not a backlog of them).
4. **Chase** a late return (not submitted by the due date): its leads and the performance
   officers of the lead organisation on the lead-chase day; the block's board members,
   once per block with the late returns listed, on the board-chase day. A run after a
   gap sends a chase it missed, but none from the closing day on: the exception report
   tells the PSB about returns still missing then.
5. **Close** the round on its closing day and, in the same transaction, store the
   **exception report** and record its email to each PSB member; a round closed by hand
   gets its report at the next tick.

Once a round is open, its own due and closing dates decide steps 2 to 5, so an officer's
extension moves them. Nothing depends on the day the tick last ran: what is done is read
from the round's state, the exception reports and the ``Notification`` keys (kind,
recipient, object, quarter), so running twice for a day sends nothing twice and a run
after days without one catches up. Each step commits on its own; its emails are sent by
tasks once it has.

Each step's emails are recorded by :class:`reporting.cycle.emails.Sender`; what the tick
did is a :class:`reporting.cycle.report.CycleReport`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Period
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from reporting.calendar.models import PartnershipCalendar
from reporting.calendar.selectors import calendar_current
from reporting.cycle.emails import Sender, day_text, return_context, return_title
from reporting.cycle.report import CycleAction, CycleReport
from reporting.exception_reports.models import ExceptionReport
from reporting.exception_reports.services import exception_report_send
from reporting.notifications.outbox import site_url
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.services.rounds import round_close, round_open
from reporting.rules.cycle_plan import RoundPlan, plan_for_quarter, plan_for_round
from reporting.rules.return_states import NOT_SUBMITTED

State = QuarterlyReturn.State

__all__ = ["CycleAction", "CycleReport", "cycle_run"]

# ------------------------------------------------------------------ the tick


def cycle_run(*, today: date) -> CycleReport:
    """Do every step of the quarterly cycle due on or before ``today`` and not yet done."""
    calendar = calendar_current()
    quarter = PeriodRef.latest_completed_quarter(today)
    actions: list[CycleAction] = []
    # A round of an earlier quarter still open (left by an outage, or extended) first.
    earlier = ReturnRound.objects.filter(
        state=ReturnRound.State.OPEN, period__end_date__lt=quarter.start_date
    ).order_by("period__end_date")
    for round_ in earlier:
        actions += _advance(round_.pk, calendar=calendar, today=today)
    round_ = _open_if_due(quarter, calendar=calendar, today=today, actions=actions)
    if round_ is not None:
        actions += _advance(round_.pk, calendar=calendar, today=today)
    return CycleReport(today=today, quarter=quarter.code, actions=tuple(actions))


def _open_if_due(
    quarter: PeriodRef, *, calendar: PartnershipCalendar, today: date, actions: list[CycleAction]
) -> ReturnRound | None:
    """The quarter's round, opened first if the calendar says it is time."""
    round_ = ReturnRound.objects.filter(period__code=quarter.code).first()
    if round_ is not None and round_.state != ReturnRound.State.SCHEDULED:
        return round_
    if round_ is not None:  # scheduled by an officer, with dates of its own
        plan = plan_for_round(calendar, round_)
    else:
        plan = plan_for_quarter(calendar, quarter)
    if not plan.opens_on <= today < plan.closes_on:
        return round_
    try:
        with transaction.atomic():
            period, _ = Period.objects.get_or_create(
                code=quarter.code,
                defaults={"start_date": quarter.start_date, "end_date": quarter.end_date},
            )
            round_ = round_open(
                period=period,
                opens_on=plan.opens_on,
                due_on=plan.due_on,
                closes_on=plan.closes_on,
                actor=None,
            )
    except (ApplicationError, IntegrityError):
        # Another run of the cycle opened it a moment ago: carry on with that round.
        opened = ReturnRound.objects.filter(
            period__code=quarter.code, state=ReturnRound.State.OPEN
        ).first()
        if opened is None:
            raise
        return opened
    count = round_.returns.count()
    actions.append(
        CycleAction(
            quarter.code,
            "opened",
            f"opened the round ({count} return{'s' if count != 1 else ''}), due "
            f"{day_text(plan.due_on)}, closing {day_text(plan.closes_on)}",
        )
    )
    return round_


def _advance(round_id: int, *, calendar: PartnershipCalendar, today: date) -> list[CycleAction]:
    """Steps 2 to 5 for one round, each in its own transaction with the round locked."""
    actions: list[CycleAction] = []
    round_ = ReturnRound.objects.get(pk=round_id)
    if round_.state == ReturnRound.State.SCHEDULED or (
        round_.state == ReturnRound.State.CLOSED
        and ExceptionReport.objects.filter(
            period_id=round_.period_id, sent_at__isnull=False
        ).exists()
    ):
        return actions  # nothing to do: not open yet, or closed and reported
    for step in (_tell_opened, _remind, _chase_leads, _chase_boards, _close_and_report):
        with transaction.atomic():
            round_ = (
                ReturnRound.objects.select_for_update(of=("self",))
                .select_related("period")
                .get(pk=round_id)
            )
            action = step(round_, plan=plan_for_round(calendar, round_), today=today)
        actions += [action] if isinstance(action, CycleAction) else (action or [])
    return actions


def _is_open(round_: ReturnRound) -> bool:
    return round_.state == ReturnRound.State.OPEN


def _chasing(round_: ReturnRound, *, today: date) -> bool:
    """Late returns are chased while the round is open after its due date; not on the day it
    closes, when the exception report tells the PSB instead."""
    return _is_open(round_) and round_.due_on < today < round_.closes_on


def _not_submitted(round_: ReturnRound) -> list[QuarterlyReturn]:
    return list(
        QuarterlyReturn.objects.filter(round=round_, state__in=NOT_SUBMITTED)
        .select_related(
            "round__period", "outcome__block", "outcome__lead_organisation", "outcome__lead_person"
        )
        .order_by("outcome__block__order", "outcome__code")
    )


def _tell_opened(round_: ReturnRound, *, plan: RoundPlan, today: date) -> CycleAction | None:
    if not (_is_open(round_) and round_.opens_on <= today <= round_.due_on):
        return None
    returns = _not_submitted(round_)
    people = access.ReturnAudience(returns)
    sent = Sender(round_.period, "round_opened")
    for quarterly_return in returns:
        sent.send(
            people=people.leads(quarterly_return),
            about=f"return-{quarterly_return.pk}",
            subject=f"Your {return_title(quarterly_return)} is open: due {day_text(plan.due_on)}",
            context=lambda r=quarterly_return: return_context(r, plan=plan, today=today),
        )
    return sent.action("told the leads the round is open")


def _remind(round_: ReturnRound, *, plan: RoundPlan, today: date) -> CycleAction | None:
    reminder = plan.reminder_due(today)
    if not _is_open(round_) or reminder is None:
        return None
    days, _ = reminder
    returns = _not_submitted(round_)
    people = access.ReturnAudience(returns)
    sent = Sender(round_.period, "reminder")
    due = day_text(plan.due_on)
    for quarterly_return in returns:
        sent.send(
            people=people.leads(quarterly_return),
            about=f"return-{quarterly_return.pk}-{days}d",
            subject=f"Reminder: your {return_title(quarterly_return)} is due on {due}",
            context=lambda r=quarterly_return: return_context(r, plan=plan, today=today),
        )
    plural = "s" if days != 1 else ""
    return sent.action(f"reminded the leads, {days} working day{plural} before due")


def _chase_leads(round_: ReturnRound, *, plan: RoundPlan, today: date) -> CycleAction | None:
    if not (_chasing(round_, today=today) and today >= plan.chase_lead_on):
        return None
    returns = _not_submitted(round_)
    people = access.ReturnAudience(returns)
    sent = Sender(round_.period, "chase_lead")

    def context(quarterly_return: QuarterlyReturn) -> dict[str, Any]:
        context = return_context(quarterly_return, plan=plan, today=today)
        if plan.chase_board_on > today:
            context["board_chase_on"] = plan.chase_board_on
        return context

    due = day_text(plan.due_on)
    for quarterly_return in returns:
        sent.send(
            people=people.leads(quarterly_return) + people.officers(quarterly_return),
            about=f"return-{quarterly_return.pk}",
            subject=f"Late: the {return_title(quarterly_return)} was due on {due}",
            context=lambda r=quarterly_return: context(r),
        )
    return sent.action("chased the leads and officers of late returns")


def _chase_boards(round_: ReturnRound, *, plan: RoundPlan, today: date) -> CycleAction | None:
    if not (_chasing(round_, today=today) and today >= plan.chase_board_on):
        return None
    by_block: dict[Any, list[QuarterlyReturn]] = defaultdict(list)
    returns = _not_submitted(round_)
    for quarterly_return in returns:
        by_block[quarterly_return.outcome.block].append(quarterly_return)
    people = access.ReturnAudience(returns)
    sent = Sender(round_.period, "chase_board")

    def context(block: Any, late: list[QuarterlyReturn]) -> dict[str, Any]:
        return {
            "block": block,
            "quarter": round_.period.label,
            "due_on": round_.due_on,
            "closes_on": round_.closes_on,
            "late": [
                {
                    "outcome": str(r.outcome),
                    "state": r.get_state_display(),
                    "lead": display_name(r.outcome.lead_person, nobody="not named"),
                    "organisation": str(r.outcome.lead_organisation),
                }
                for r in late
            ],
            "link": site_url(f"/returns/?round={round_.period.code}"),
        }

    for block, late in by_block.items():
        sent.send(
            people=people.board(block.pk),
            about=f"block-{block.pk}",
            subject=f"Late returns for {round_.period.label}: {block}",
            context=lambda b=block, late=late: context(b, late),
        )
    return sent.action("told the boards of blocks with late returns")


def _close_and_report(round_: ReturnRound, *, plan: RoundPlan, today: date) -> list[CycleAction]:
    """Close the round on its closing day and send the exception report, together: if the
    report cannot be made, the round stays open and the next tick tries both again. A
    round closed by hand gets its report here too."""
    actions = []
    if _is_open(round_) and today >= round_.closes_on:
        round_ = round_close(round=round_, actor=None)
        actions.append(CycleAction(round_.period.code, "closed", "closed the round"))
    if round_.state != ReturnRound.State.CLOSED:
        return actions
    if ExceptionReport.objects.filter(period=round_.period, sent_at__isnull=False).exists():
        return actions
    exception_report_send(period=round_.period, today=today)
    members = round_.period.notifications.filter(kind="exception_report").count()
    actions.append(
        CycleAction(
            round_.period.code,
            "exception_report",
            f"sent the exception report to {members} PSB member{'s' if members != 1 else ''}",
            emails=members,
        )
    )
    return actions
