"""The quarterly cycle page (``/returns/cycle/``): what has happened, what is next, who
has been chased, for the quarter whose cycle is under way.

Read in a fixed number of queries, whatever the number of returns and emails: the
calendar, the round, its returns, the quarter's cycle emails and its exception report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from reporting.calendar.selectors import calendar_current
from reporting.exception_reports.models import ExceptionReport
from reporting.notifications.models import Notification
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.rules.cycle_plan import RoundPlan, plan_for_quarter, plan_for_round
from reporting.rules.return_states import NOT_SUBMITTED

CYCLE_KINDS = ("round_opened", "reminder", "chase_lead", "chase_board", "exception_report")
DONE, DUE, PLANNED, NOTHING_SENT, PASSED = "done", "due", "planned", "nothing_sent", "passed"
STATUS_LABELS = {
    DONE: "Done",
    DUE: "Due",
    PLANNED: "Planned",
    NOTHING_SENT: "Nothing sent",
    PASSED: "Passed",
}


@dataclass(frozen=True)
class CycleStep:
    label: str
    day: date
    status: str  # done, due, planned, nothing_sent, passed
    detail: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ChasedLine:
    """One chasing email: who, about what, when it was recorded and whether it went."""

    person: str
    email: str
    stage: str  # "Lead chased" or "Board told"
    about: str
    recorded_on: date
    state: str
    state_label: str


@dataclass(frozen=True)
class CyclePage:
    today: date
    quarter_code: str
    quarter_label: str
    round_state: str  # scheduled, open, closed, or "" when there is no round yet
    round_state_label: str
    returns: int
    submitted: int  # submitted or approved
    not_submitted: int
    steps: tuple[CycleStep, ...]
    chased: tuple[ChasedLine, ...]
    report_sent_at: datetime | None

    @property
    def next_step(self) -> CycleStep | None:
        return next((s for s in self.steps if s.status in (DUE, PLANNED)), None)


def _plural(count: int, word: str, words: str = "") -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def _emails_detail(notifications: list[Notification]) -> str:
    people = len({n.email for n in notifications})
    detail = f"{_plural(len(notifications), 'email')} to {_plural(people, 'person', 'people')}"
    waiting = sum(1 for n in notifications if n.state == Notification.State.PENDING)
    failed = sum(1 for n in notifications if n.state == Notification.State.FAILED)
    if waiting:
        detail += f"; {waiting} not sent yet"
    if failed:
        detail += f"; {failed} failed"
    return detail


def cycle_page(*, today: date) -> CyclePage:
    """The cycle of the latest completed quarter as at ``today``."""
    calendar = calendar_current()
    quarter = PeriodRef.latest_completed_quarter(today)
    round_ = ReturnRound.objects.select_related("period").filter(period__code=quarter.code).first()
    returns = (
        list(QuarterlyReturn.objects.filter(round=round_).select_related("outcome__block"))
        if round_
        else []
    )
    notifications = list(
        Notification.objects.filter(period__code=quarter.code, kind__in=CYCLE_KINDS)
        .select_related("recipient")
        .order_by("created_at", "pk")
    )
    report = (
        ExceptionReport.objects.filter(period__code=quarter.code, sent_at__isnull=False)
        .order_by("sent_at")
        .first()
    )
    opened = round_ is not None and round_.state != ReturnRound.State.SCHEDULED
    plan = plan_for_round(calendar, round_) if round_ else plan_for_quarter(calendar, quarter)
    not_submitted = sum(1 for r in returns if r.state in NOT_SUBMITTED)
    closed = round_ is not None and round_.state == ReturnRound.State.CLOSED
    steps = _steps(
        plan=plan,
        today=today,
        opened=opened,
        closed=closed,
        returns=len(returns),
        not_submitted=not_submitted,
        notifications=notifications,
        report=report,
    )
    return CyclePage(
        today=today,
        quarter_code=quarter.code,
        quarter_label=quarter.label,
        round_state=round_.state if round_ else "",
        round_state_label=round_.get_state_display() if round_ else "Not opened yet",
        returns=len(returns),
        submitted=len(returns) - not_submitted,
        not_submitted=not_submitted,
        steps=steps,
        chased=_chased(notifications, returns),
        report_sent_at=report.sent_at if report else None,
    )


def _status(*, done: bool, day: date, today: date, needed: bool = True) -> str:
    if done:
        return DONE
    if day > today:
        return PLANNED
    return DUE if needed else NOTHING_SENT


def _steps(
    *,
    plan: RoundPlan,
    today: date,
    opened: bool,
    closed: bool,
    returns: int,
    not_submitted: int,
    notifications: list[Notification],
    report: ExceptionReport | None,
) -> tuple[CycleStep, ...]:
    emails = _EmailSteps.of(
        notifications,
        today=today,
        closed=closed,
        # Emails to leads are needed only while some return is not in and the round is open.
        needed=opened and not closed and not_submitted > 0,
    )
    return (
        CycleStep(
            "The round opens",
            plan.opens_on,
            _status(done=opened, day=plan.opens_on, today=today),
            f"Opened with {_plural(returns, 'return')}" if opened else "",
        ),
        emails.step("Leads told the round is open", plan.opens_on, plan.due_on, "round_opened"),
        *emails.reminders(plan),
        CycleStep(
            "Returns due",
            plan.due_on,
            PASSED if plan.due_on < today or closed else PLANNED,
            f"{returns - not_submitted} of {returns} in" if opened else "",
        ),
        emails.step(
            "Late returns: leads chased",
            plan.chase_lead_on,
            plan.closes_on - timedelta(days=1),
            "chase_lead",
        ),
        emails.step(
            "Late returns: boards told",
            plan.chase_board_on,
            plan.closes_on - timedelta(days=1),
            "chase_board",
        ),
        CycleStep(
            "The round closes",
            plan.closes_on,
            _status(done=closed, day=plan.closes_on, today=today),
        ),
        CycleStep(
            "Exception report sent to the PSB",
            plan.closes_on,
            _status(done=report is not None, day=plan.closes_on, today=today),
            _emails_detail(emails.sent("exception_report")) if report is not None else "",
        ),
    )


@dataclass(frozen=True)
class _EmailSteps:
    """The cycle's email steps, each done once an email of its kind is recorded."""

    by_kind: dict[str, list[Notification]]
    today: date
    closed: bool
    needed: bool  # some return is not in and the round is open

    @classmethod
    def of(
        cls, notifications: list[Notification], *, today: date, closed: bool, needed: bool
    ) -> _EmailSteps:
        by_kind: dict[str, list[Notification]] = {}
        for notification in notifications:
            by_kind.setdefault(notification.kind, []).append(notification)
        return cls(by_kind, today=today, closed=closed, needed=needed)

    def sent(self, kind: str) -> list[Notification]:
        return self.by_kind.get(kind, [])

    def step(self, label: str, day: date, last_day: date, kind: str) -> CycleStep:
        return self._step(label, day, last_day, self.sent(kind))

    def reminders(self, plan: RoundPlan) -> list[CycleStep]:
        """A step for each reminder day, superseded by the next one (or by the due date):
        see RoundPlan."""
        reminders = self.sent("reminder")
        ends = [day - timedelta(days=1) for _, day in plan.reminders[1:]] + [plan.due_on]
        steps = []
        for (days, day), last_day in zip(plan.reminders, ends, strict=True):
            stage = f"-{days}d:"
            sent = [n for n in reminders if stage in n.idempotency_key]
            label = f"Reminder, {_plural(days, 'working day')} before due"
            steps.append(self._step(label, day, last_day, sent))
        return steps

    def _step(self, label: str, day: date, last_day: date, sent: list[Notification]) -> CycleStep:
        """An email step is sent from ``day`` to ``last_day``; after that it is not."""
        if sent:
            status = DONE
        elif self.closed or self.today > last_day:
            status = NOTHING_SENT
        else:
            status = _status(done=False, day=day, today=self.today, needed=self.needed)
        return CycleStep(label, day, status, _emails_detail(sent) if sent else "")


def _chased(
    notifications: list[Notification], returns: list[QuarterlyReturn]
) -> tuple[ChasedLine, ...]:
    outcomes = {f"return-{r.pk}": r.outcome.code for r in returns}
    blocks = {f"block-{r.outcome.block_id}": r.outcome.block.name for r in returns}
    lines = []
    for notification in notifications:
        if notification.kind not in ("chase_lead", "chase_board"):
            continue
        about_key = notification.idempotency_key.split(":")[2]
        if notification.kind == "chase_lead":
            stage, about = "Lead chased", f"Return for {outcomes.get(about_key, about_key)}"
        else:
            stage, about = "Board told", f"Late returns of {blocks.get(about_key, about_key)}"
        lines.append(
            ChasedLine(
                person=display_name(notification.recipient, nobody=notification.email),
                email=notification.email,
                stage=stage,
                about=about,
                recorded_on=timezone.localdate(notification.created_at),
                state=notification.state,
                state_label=notification.get_state_display(),
            )
        )
    return tuple(lines)
