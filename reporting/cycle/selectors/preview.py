"""What running the quarterly cycle today would do, without doing it: the cycle page's
preview, shown before the performance team presses "Run today's cycle".

It is the tick (:func:`reporting.cycle.services.cycle_run`) in a dry run: the same
quarters (:func:`~reporting.cycle.selectors.tick.tick_quarters`), the same rules of
which steps are due (:func:`~reporting.rules.cycle_plan.steps_due`), and the same email
steps (:func:`~reporting.cycle.steps.email_step`) counting the emails not yet recorded,
with the same words. It writes, renders and sends nothing. A round it would open is
previewed with the returns opening would create.

A fixed number of queries for each quarter the run would act on (usually one or two),
whatever the number of returns, people and emails.
"""

from __future__ import annotations

from datetime import date

from partnership import access
from partnership.models import Period
from partnership.periods import Period as PeriodRef
from reporting.calendar.models import PartnershipCalendar
from reporting.calendar.selectors import calendar_current
from reporting.cycle.report import CycleAction, CycleReport
from reporting.cycle.risk_reviews import risk_review_emails
from reporting.cycle.selectors.tick import TickQuarter, returns_not_submitted, tick_quarters
from reporting.cycle.steps import (
    EMAIL_STEPS,
    RoundToday,
    closed_action,
    email_step,
    opened_action,
    reported_action,
)
from reporting.exception_reports.models import ExceptionReport
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.rounds import outcomes_due
from reporting.rules.cycle_plan import CLOSE, opening_for, plan_for_round, steps_due


def cycle_preview(*, today: date) -> CycleReport:
    """What a run of the cycle on ``today`` would do, step by step, worded as to do."""
    calendar = calendar_current()
    quarters = tick_quarters(today=today)
    rounds = [item.round for item in quarters if item.round is not None]
    reported = set(
        ExceptionReport.objects.filter(
            period_id__in=[r.period_id for r in rounds], sent_at__isnull=False
        ).values_list("period_id", flat=True)
    )
    returns = returns_not_submitted(r.pk for r in rounds)
    preview = _Preview(calendar=calendar, today=today, reported=reported, returns=returns)
    actions = [action for item in quarters for action in preview.quarter(item)]
    actions += risk_review_emails(today=today, dry_run=True)
    quarter = PeriodRef.latest_completed_quarter(today)
    return CycleReport(today=today, quarter=quarter.code, actions=tuple(actions))


class _Preview:
    def __init__(
        self,
        *,
        calendar: PartnershipCalendar,
        today: date,
        reported: set[int],
        returns: dict[int, list[QuarterlyReturn]],
    ) -> None:
        self.calendar, self.today = calendar, today
        self.reported, self.returns = reported, returns
        self._members: int | None = None

    def members(self) -> int:
        """The PSB members the report goes to (see ``exception_report_recipients``)."""
        if self._members is None:
            self._members = len(access.psb_members())
        return self._members

    def quarter(self, item: TickQuarter) -> list[CycleAction]:
        round_, code = item.round, item.quarter.code
        actions: list[CycleAction] = []
        if round_ is None or round_.state == ReturnRound.State.SCHEDULED:
            opening = opening_for(
                self.calendar, item.quarter, today=self.today, scheduled=round_, missed=item.missed
            )
            if opening is None:
                return actions
            period = round_.period if round_ else _unsaved_period(item.quarter)
            returns = self._returns_opened(item.quarter, period, round_)
            actions.append(opened_action(code, returns=len(returns), opening=opening, done=False))
            plan, state, reported = opening.plan, ReturnRound.State.OPEN, False
        else:
            period, returns = round_.period, self.returns[round_.pk]
            plan, state = plan_for_round(self.calendar, round_), round_.state
            reported = round_.period_id in self.reported
        for step in steps_due(plan, state=state, reported=reported, today=self.today):
            if step in EMAIL_STEPS:
                at = RoundToday(period, plan, self.today, returns, dry_run=True)
                action = email_step(step, at)
                actions += [action] if action else []
            elif step == CLOSE:
                actions.append(closed_action(code, done=False))
            else:
                actions.append(reported_action(code, members=self.members(), done=False))
        return actions

    def _returns_opened(
        self, quarter: PeriodRef, period: Period, scheduled: ReturnRound | None
    ) -> list[QuarterlyReturn]:
        """The returns the round would have once open: a scheduled round's own, and one
        (not started) for each other outcome with a value due, as opening creates."""
        own = self.returns.get(scheduled.pk, []) if scheduled else []
        opened = ReturnRound(period=period, state=ReturnRound.State.OPEN)
        new = outcomes_due(quarter).exclude(pk__in=[r.outcome_id for r in own])
        new = new.select_related("block", "lead_organisation", "lead_person").order_by(
            "block__order", "code"
        )
        return own + [QuarterlyReturn(round=opened, outcome=outcome) for outcome in new]


def _unsaved_period(quarter: PeriodRef) -> Period:
    """The quarter as the round would name it, without storing it."""
    return Period(code=quarter.code, start_date=quarter.start_date, end_date=quarter.end_date)
