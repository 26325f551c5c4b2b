"""The emails about a return's review: submitted (to the officers), approved and sent
back (to the leads). Recorded in the outbox once per return version and recipient."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from partnership import access
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from reporting.notifications.models import Notification
from reporting.notifications.outbox import email_render, notification_record, site_url
from reporting.notifications.tasks import notifications_enqueue
from reporting.returns.models import QuarterlyReturn

# --- The emails about a return's review -------------------------------------------------


def return_link(quarterly_return: QuarterlyReturn) -> str:
    """Where to open the return; the list of returns if the return page is not there."""
    try:
        path = reverse("return_detail", args=[quarterly_return.pk])
    except NoReverseMatch:
        path = "/returns/"
    return site_url(path)


def _label(quarterly_return: QuarterlyReturn) -> str:
    """``Q2 2025-26``: the return's quarter, in the users' words."""
    return PeriodRef.parse(quarterly_return.round.period.code).label


def _title(quarterly_return: QuarterlyReturn) -> str:
    """``CYP 2 return for Q2 2025-26``."""
    return f"{quarterly_return.outcome.code} return for {_label(quarterly_return)}"


def _load(return_id: int) -> QuarterlyReturn:
    return QuarterlyReturn.objects.select_related(
        "round__period",
        "outcome__lead_organisation",
        "outcome__lead_person",
        "submitted_by",
        "approved_by",
    ).get(pk=return_id)


def _send_all(
    *,
    quarterly_return: QuarterlyReturn,
    kind: str,
    event: str,
    version: int | None,
    recipients: list[Any],
    subject: str,
) -> list[Notification]:
    """Record the email for each recipient, then enqueue the new ones at once.

    These functions run once the return's change has committed (the services call them
    with ``transaction.on_commit``), so the rows are already there for the task to read.
    """
    version = quarterly_return.version if version is None else version
    text, html = email_render(
        kind,
        {
            "quarterly_return": quarterly_return,
            "quarter": _label(quarterly_return),
            "submitted_by": display_name(quarterly_return.submitted_by, nobody="Someone"),
            "approved_by": display_name(quarterly_return.approved_by, nobody="Someone"),
            "link": return_link(quarterly_return),
        },
    )
    recorded = [
        notification_record(
            kind=kind,
            key=f"return-{event}:{quarterly_return.pk}:{version}:{person.pk}",
            recipient=person,
            subject=subject,
            text=text,
            html=html,
            period=quarterly_return.round.period,
        )
        for person in recipients
    ]
    notifications_enqueue([notification.pk for notification, created in recorded if created])
    return [notification for notification, _ in recorded]


def notify_return_submitted(return_id: int, *, version: int | None = None) -> list[Notification]:
    """Tell the performance officers that a return is waiting for their review.

    ``version`` is the return's version just after it was submitted (the current one
    when not given): a later resubmission is a new version, so it is told again.
    """
    quarterly_return = _load(return_id)
    return _send_all(
        quarterly_return=quarterly_return,
        kind="return_submitted",
        event="submitted",
        version=version,
        recipients=access.ReturnAudience([quarterly_return]).reviewers(quarterly_return),
        subject=f"{_title(quarterly_return)} is submitted for review",
    )


def notify_return_approved(return_id: int, *, version: int | None = None) -> list[Notification]:
    """Tell the outcome's leads that their return is approved and its values published."""
    quarterly_return = _load(return_id)
    return _send_all(
        quarterly_return=quarterly_return,
        kind="return_approved",
        event="approved",
        version=version,
        recipients=access.ReturnAudience([quarterly_return]).leads(quarterly_return),
        subject=f"{_title(quarterly_return)} is approved",
    )


def notify_return_sent_back(return_id: int, *, version: int | None = None) -> list[Notification]:
    """Tell the outcome's leads that their return needs changes, and why."""
    quarterly_return = _load(return_id)
    return _send_all(
        quarterly_return=quarterly_return,
        kind="return_returned",
        event="returned",
        version=version,
        recipients=access.ReturnAudience([quarterly_return]).leads(quarterly_return),
        subject=f"{_title(quarterly_return)} needs changes",
    )
