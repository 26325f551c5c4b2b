"""The quarterly cycle: one daily tick that does whatever the partnership's calendar says.

``cycle_run(today=...)`` brings every quarter up to date, oldest first: each quarter from
the partnership's newest round to the latest completed quarter, and any earlier round
still open (left by an outage, or extended). For each it does every step due on or before
``today`` and not yet done:

1. **Open** the round on the calendar's opening day (``opens_after_quarter_working_days``
   working days after the quarter ends), due ``due_working_days`` working days later and
   closing ``closes_working_days_after_due`` working days after that; a scheduled round
   opens on its own dates. A quarter whose closing day passed while the cycle was not
   running (it comes after the newest round, or an officer scheduled it) is **opened
   late**, on the day the cycle runs again, with the calendar's working days counted from
   that day: its leads get their usual time and the PSB a report of real returns, rather
   than a round closed at once with every return missing. Before the partnership's first
   round, a quarter whose closing day has passed is left to the performance team (the
   rounds page opens it).
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
6. **Risk reviews**: remind each risk owner of reviews due within five working days and
   chase overdue ones weekly (:mod:`reporting.cycle.risk_reviews`), whatever the round.

So one run after months without one closes and reports the old round, then opens each
quarter since, in order, and does its due steps. Which quarters, and which steps are due,
are the pure rules of :mod:`reporting.rules.cycle_plan`; the cycle page's preview
(:mod:`reporting.cycle.selectors.preview`) asks the same rules and counts the same emails.

Once a round is open, its own due and closing dates decide steps 2 to 5, so an officer's
extension moves them. Nothing depends on the day the tick last ran: what is done is read
from the round's state, the exception reports and the ``Notification`` keys (kind,
recipient, object, quarter), so running twice for a day sends nothing twice and a run
after days without one catches up. Each step commits on its own; its emails are sent by
tasks once it has. The daily job runs as the partnership's calendar (``actor`` None); the
performance team may run it from the cycle page, and history then names who did.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Period
from partnership.periods import Period as PeriodRef
from reporting.calendar.models import PartnershipCalendar
from reporting.calendar.selectors import calendar_current
from reporting.cycle.report import CycleAction, CycleReport
from reporting.cycle.risk_reviews import risk_review_emails
from reporting.cycle.selectors.tick import TickQuarter, returns_not_submitted, tick_quarters
from reporting.cycle.steps import (
    RoundToday,
    closed_action,
    email_step,
    opened_action,
    reported_action,
)
from reporting.exception_reports.models import ExceptionReport
from reporting.exception_reports.services import exception_report_send
from reporting.returns.models import ReturnRound
from reporting.returns.services.rounds import round_close, round_open
from reporting.rules.cycle_plan import (
    CHASE_BOARD,
    CHASE_LEAD,
    CLOSE,
    REMIND,
    REPORT,
    TELL,
    opening_for,
    plan_for_round,
    steps_due,
)

__all__ = ["RUN_REFUSED", "CycleAction", "CycleReport", "cycle_run"]

RUN_REFUSED = "Only the performance team can run the quarterly cycle."

# ------------------------------------------------------------------ the tick


def cycle_run(*, today: date, actor: Any | None = None) -> CycleReport:
    """Do every step of the quarterly cycle due on or before ``today`` and not yet done,
    quarter by quarter, oldest first. ``actor`` None is the partnership's calendar (the
    daily job); a person must be one the permission module lets run it."""
    if actor is not None and not access.can_run_cycle(actor):
        raise ApplicationError(RUN_REFUSED)
    calendar = calendar_current()
    actions: list[CycleAction] = []
    for item in tick_quarters(today=today):
        round_ = item.round
        if round_ is None or round_.state == ReturnRound.State.SCHEDULED:
            opened = _open_if_due(item, calendar=calendar, today=today, actor=actor)
            if opened is None:
                continue
            round_, action = opened
            actions += [action] if action else []
        actions += _advance(round_, calendar=calendar, today=today, actor=actor)
    with transaction.atomic():
        actions += risk_review_emails(today=today)
    quarter = PeriodRef.latest_completed_quarter(today)
    return CycleReport(today=today, quarter=quarter.code, actions=tuple(actions))


def _open_if_due(
    item: TickQuarter, *, calendar: PartnershipCalendar, today: date, actor: Any | None
) -> tuple[ReturnRound, CycleAction | None] | None:
    """The quarter's round opened now, with the words for it, if the calendar says it is
    time; None if it is not."""
    quarter, scheduled = item.quarter, item.round
    opening = opening_for(calendar, quarter, today=today, scheduled=scheduled, missed=item.missed)
    if opening is None:
        return None
    plan = opening.plan
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
                actor=actor,
            )
    except (ApplicationError, IntegrityError):
        # Another run of the cycle opened it a moment ago: carry on with that round.
        opened = ReturnRound.objects.filter(
            period__code=quarter.code, state=ReturnRound.State.OPEN
        ).first()
        if opened is None:
            raise
        return opened, None
    count = round_.returns.count()
    return round_, opened_action(quarter.code, returns=count, opening=opening, done=True)


def _advance(
    opened: ReturnRound, *, calendar: PartnershipCalendar, today: date, actor: Any | None
) -> list[CycleAction]:
    """Steps 2 to 5 for one round, each in its own transaction with the round locked."""
    actions: list[CycleAction] = []
    round_id, reported = opened.pk, _reported(opened)
    for step in (TELL, REMIND, CHASE_LEAD, CHASE_BOARD, CLOSE):
        with transaction.atomic():
            round_ = (
                ReturnRound.objects.select_for_update(of=("self",))
                .select_related("period")
                .get(pk=round_id)
            )
            plan = plan_for_round(calendar, round_)
            due = steps_due(plan, state=round_.state, reported=reported, today=today)
            if not due:
                break
            if step == CLOSE:
                actions += _close_and_report(round_, due=due, today=today, actor=actor)
            elif step in due:
                returns = returns_not_submitted([round_id])[round_id]
                action = email_step(step, RoundToday(round_.period, plan, today, returns))
                actions += [action] if action else []
    return actions


def _reported(round_: ReturnRound) -> bool:
    return ExceptionReport.objects.filter(
        period_id=round_.period_id, sent_at__isnull=False
    ).exists()


def _close_and_report(
    round_: ReturnRound, *, due: tuple[str, ...], today: date, actor: Any | None
) -> list[CycleAction]:
    """Close the round on its closing day and send the exception report, together: if the
    report cannot be made, the round stays open and the next tick tries both again. A
    round closed by hand gets its report here too."""
    actions = []
    code = round_.period.code
    if CLOSE in due:
        round_ = round_close(round=round_, actor=actor)
        actions.append(closed_action(code, done=True))
    if REPORT not in due or _reported(round_):  # sent by a run a moment ago
        return actions
    exception_report_send(period=round_.period, today=today)
    members = round_.period.notifications.filter(kind=REPORT).count()
    actions.append(reported_action(code, members=members, done=True))
    return actions
