"""The cycle's emails: recording each once by its key, and what they say.

:class:`Sender` records a step's emails of one kind and enqueues them once the step has
committed; the functions below give the words and context the emails are rendered with.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction

from partnership.models import Period
from reporting.cycle.report import CycleAction, plural, worded
from reporting.notifications.models import Notification
from reporting.notifications.outbox import email_render, notification_key, notification_record
from reporting.notifications.tasks import notifications_enqueue
from reporting.returns.models import QuarterlyReturn
from reporting.returns.services.emails import return_link
from reporting.rules.cycle_plan import RoundPlan
from reporting.rules.working_days import working_days_between


def day_text(day: date) -> str:
    """``25 January 2027``."""
    return f"{day.day} {day:%B %Y}"


def return_title(quarterly_return: QuarterlyReturn) -> str:
    """``CYP 2 return for Q3 2026-27``."""
    return f"{quarterly_return.outcome.code} return for {quarterly_return.round.period.label}"


def return_context(
    quarterly_return: QuarterlyReturn, *, plan: RoundPlan, today: date
) -> dict[str, Any]:
    """What an email to a return's leads is rendered with."""
    outcome = quarterly_return.outcome
    return {
        "outcome": outcome,
        "block": outcome.block,
        "organisation": outcome.lead_organisation,
        "quarter": quarterly_return.round.period.label,
        "state": quarterly_return.get_state_display(),
        "due_on": plan.due_on,
        "closes_on": plan.closes_on,
        "days": max(working_days_between(today, plan.due_on), 0),
        "link": return_link(quarterly_return),
    }


class Sender:
    """Records a step's emails of one kind, each once by key, and enqueues the new ones on
    commit. An email already recorded is neither rendered nor written again.

    With ``dry_run`` it only counts the emails it would record, for the cycle page's
    preview: it renders, writes and enqueues nothing.
    """

    def __init__(self, period: Period, kind: str, *, dry_run: bool = False) -> None:
        self.period, self.kind, self.dry_run = period, kind, dry_run
        self.recorded: set[str] = set()
        if period.pk is not None:  # a quarter not yet stored (a preview) has no emails
            self.recorded = set(
                Notification.objects.filter(period=period, kind=kind).values_list(
                    "idempotency_key", flat=True
                )
            )
        self.new: list[int | None] = []
        self.people: set[int] = set()

    def send(
        self,
        *,
        people: list[Any],
        about: str,
        subject: str,
        context: Callable[[], dict[str, Any]],
    ) -> None:
        """Email ``people`` about ``about``, rendering the email once if anyone needs it."""
        keys = [(p, notification_key(self.kind, p, about, self.period)) for p in people]
        todo = [(person, key) for person, key in keys if key not in self.recorded]
        if not todo:
            return
        if self.dry_run:
            for person, key in todo:
                self.recorded.add(key)
                self.new.append(None)
                self.people.add(person.pk)
            return
        text, html = email_render(self.kind, context())
        for person, key in todo:
            notification, created = notification_record(
                kind=self.kind,
                key=key,
                recipient=person,
                subject=subject,
                text=text,
                html=html,
                period=self.period,
            )
            self.recorded.add(key)
            if created:
                self.new.append(notification.pk)
                self.people.add(person.pk)

    def action(self, to_do: str) -> CycleAction | None:
        """The step, worded as done (or, in a dry run, to do), or None if it sends nothing."""
        if not self.new:
            return None
        if not self.dry_run:
            ids = [pk for pk in self.new if pk is not None]
            transaction.on_commit(lambda: notifications_enqueue(ids))
        emails, people = len(self.new), len(self.people)
        what = worded(to_do, done=not self.dry_run)
        return CycleAction(
            self.period.code,
            self.kind,
            f"{what} ({plural(emails, 'email')} to {plural(people, 'person', 'people')})",
            emails=emails,
        )
