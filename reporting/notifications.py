"""Emails about quarterly returns, each recorded in ``Notification`` so none is sent twice.

Every email has an idempotency key naming what it is about and who it is for. Sending
the same key again, from a retried job or a second run of the same step, finds the
recorded notification and sends nothing. The services call the ``notify_*`` functions
once their transaction has committed; the next step moves sending into a Celery task
that calls the same functions.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from partnership.models import Role, RoleAssignment
from partnership.periods import Period as PeriodRef
from reporting.models import Notification, QuarterlyReturn

logger = logging.getLogger(__name__)


def notification_send(
    *, kind: str, key: str, recipient: Any, subject: str, text: str, html: str = ""
) -> Notification:
    """Send one email, once: the first call for ``key`` sends it, any later call does not.

    The notification is recorded before sending. A failure to send is recorded on it
    (state failed, the error and the attempt count) rather than raised, so one bad
    address does not stop the others; a failed notification is not sent again here.
    """
    notification, _ = Notification.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "kind": kind,
            "recipient": recipient,
            "email": recipient.email,
            "subject": subject,
            "body_text": text,
            "body_html": html,
        },
    )
    if notification.state != Notification.State.PENDING:
        return notification
    with transaction.atomic():
        # The row lock makes a second worker with the same key wait, then see it sent.
        notification = Notification.objects.select_for_update().get(pk=notification.pk)
        if notification.state != Notification.State.PENDING:
            return notification
        notification.attempts += 1
        message = EmailMultiAlternatives(
            notification.subject, notification.body_text, to=[notification.email]
        )
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - any backend's failure is recorded
            logger.warning("Could not send notification %s: %s", key, error)
            notification.state = Notification.State.FAILED
            notification.last_error = f"{type(error).__name__}: {error}"
        else:
            notification.state = Notification.State.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
        notification.save(update_fields=["attempts", "state", "last_error", "sent_at"])
    return notification


# --- Who is told ------------------------------------------------------------------------


def _people(ids: QuerySet | list[int]) -> list[Any]:
    """Active people with an email address, in a stable order."""
    return list(
        get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="").order_by("pk")
    )


def performance_officers_for(quarterly_return: QuarterlyReturn) -> list[Any]:
    """The partnership's performance team and the officers for the lead organisation."""
    whole_partnership = Q(
        block__isnull=True, outcome__isnull=True, indicator__isnull=True, organisation__isnull=True
    )
    assignments = RoleAssignment.objects.filter(
        whole_partnership | Q(organisation_id=quarterly_return.outcome.lead_organisation_id),
        role=Role.PERFORMANCE_OFFICER,
    )
    return _people(assignments.values("user_id"))


def outcome_leads_for(quarterly_return: QuarterlyReturn) -> list[Any]:
    """The outcome's lead person and everyone holding the outcome lead role for it."""
    ids = set(
        RoleAssignment.objects.filter(
            role=Role.OUTCOME_LEAD, outcome_id=quarterly_return.outcome_id
        ).values_list("user_id", flat=True)
    )
    if quarterly_return.outcome.lead_person_id:
        ids.add(quarterly_return.outcome.lead_person_id)
    return _people(sorted(ids))


# --- The emails -------------------------------------------------------------------------


def _return_link(quarterly_return: QuarterlyReturn) -> str:
    """Where to open the return; the list of returns until the return page exists."""
    try:
        path = reverse("return_detail", args=[quarterly_return.pk])
    except NoReverseMatch:
        path = "/returns/"
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def _label(quarterly_return: QuarterlyReturn) -> str:
    """``Q2 2025-26``: the return's quarter, in the users' words."""
    return PeriodRef.parse(quarterly_return.round.period.code).label


def _title(quarterly_return: QuarterlyReturn) -> str:
    """``CYP 2 return for Q2 2025-26``."""
    return f"{quarterly_return.outcome.code} return for {_label(quarterly_return)}"


def _name(user: Any) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


def _load(return_id: int) -> QuarterlyReturn:
    return QuarterlyReturn.objects.select_related(
        "round__period", "outcome__lead_organisation", "submitted_by", "approved_by"
    ).get(pk=return_id)


def _send_all(
    *,
    quarterly_return: QuarterlyReturn,
    kind: str,
    event: str,
    version: int | None,
    recipients: list[Any],
    subject: str,
    paragraphs: list[str],
) -> list[Notification]:
    version = quarterly_return.version if version is None else version
    link = _return_link(quarterly_return)
    text = "\n\n".join([*paragraphs, f"Open the return: {link}"])
    html = format_html(
        '{}<p><a href="{}">Open the return</a></p>',
        format_html_join("", "<p>{}</p>", ((p,) for p in paragraphs)),
        link,
    )
    return [
        notification_send(
            kind=kind,
            key=f"return-{event}:{quarterly_return.pk}:{version}:{person.pk}",
            recipient=person,
            subject=subject,
            text=text,
            html=html,
        )
        for person in recipients
    ]


def notify_return_submitted(return_id: int, *, version: int | None = None) -> list[Notification]:
    """Tell the performance officers that a return is waiting for their review.

    ``version`` is the return's version just after it was submitted (the current one
    when not given): a later resubmission is a new version, so it is told again.
    """
    quarterly_return = _load(return_id)
    what = f"{quarterly_return.outcome} ({_label(quarterly_return)})"
    return _send_all(
        quarterly_return=quarterly_return,
        kind="return_submitted",
        event="submitted",
        version=version,
        recipients=performance_officers_for(quarterly_return),
        subject=f"{_title(quarterly_return)} is submitted for review",
        paragraphs=[
            f"{_name(quarterly_return.submitted_by)} submitted the return for {what}.",
            "Please check it, then approve it or send it back with a reason.",
        ],
    )


def notify_return_approved(return_id: int, *, version: int | None = None) -> list[Notification]:
    """Tell the outcome's leads that their return is approved and its values published."""
    quarterly_return = _load(return_id)
    return _send_all(
        quarterly_return=quarterly_return,
        kind="return_approved",
        event="approved",
        version=version,
        recipients=outcome_leads_for(quarterly_return),
        subject=f"{_title(quarterly_return)} is approved",
        paragraphs=[
            f"{_name(quarterly_return.approved_by)} approved the return for "
            f"{quarterly_return.outcome} ({_label(quarterly_return)}).",
            "Its values are now seen by the boards, the Public Service Board and scrutiny.",
        ],
    )


def notify_return_sent_back(return_id: int, *, version: int | None = None) -> list[Notification]:
    """Tell the outcome's leads that their return needs changes, and why."""
    quarterly_return = _load(return_id)
    return _send_all(
        quarterly_return=quarterly_return,
        kind="return_returned",
        event="returned",
        version=version,
        recipients=outcome_leads_for(quarterly_return),
        subject=f"{_title(quarterly_return)} needs changes",
        paragraphs=[
            f"The return for {quarterly_return.outcome} "
            f"({_label(quarterly_return)}) has been sent back to you.",
            f"The reason given: {quarterly_return.returned_reason}",
            "Please correct it and submit it again.",
        ],
    )
