"""Every email the product sends: recorded in ``Notification`` first, then sent by a task.

``Notification`` is an outbox. Deciding to send an email writes its row (pending) with
an idempotency key naming what it is about and who it is for; writing the same key
again, from a retried job or a second run of the same step, finds the row and sends
nothing. Once the deciding transaction has committed, ``reporting.tasks.send_notification``
is enqueued with the row's id; the task calls :func:`notification_deliver`, which locks
the row, sends it only if it is still pending and marks it sent. A failure is recorded
on the row (attempts, last error) and retried with exponential back-off, and the row is
marked failed after :data:`MAX_ATTEMPTS`; an administrator can retry it from the admin.

If the broker cannot be reached when a task is enqueued, the row simply stays pending:
the periodic sweep (:func:`notifications_sweep`) re-enqueues pending rows whose next
attempt is more than a minute old, so the email goes out once the broker is back, and
the lock and the pending check mean it goes out once.

With Celery eager (the demo without Redis, and the tests) the task runs in the process
as soon as it is enqueued; a failed attempt is then left pending for the sweep rather
than retried on the spot.

Keys have the form ``kind:recipient:object:period`` (:func:`notification_key`); the
emails about a return's review keep their original form,
``return-<event>:<return>:<version>:<recipient>``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Period, Role, RoleAssignment
from partnership.periods import Period as PeriodRef
from reporting.models import Notification, QuarterlyReturn

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A pending notification this long past its next attempt is presumed lost on the way to
# the broker (or never enqueued) and is enqueued again by the sweep.
SWEEP_GRACE = timedelta(minutes=1)
# After the sweep enqueues a notification it leaves it this long before enqueuing it again.
SWEEP_PAUSE = timedelta(minutes=5)
SWEEP_BATCH = 500


# --- Keys and content -------------------------------------------------------------------


def notification_key(kind: str, recipient: Any, about: str | None, period: Any = None) -> str:
    """``reminder:12:return-7-5d:2026-27-Q3``: kind, recipient, object and period.

    An email about the quarter as a whole (the exception report) has no object:
    ``exception_report:12:2026-27-Q3``.
    """
    parts = [kind, str(recipient.pk), about, period.code if period is not None else None]
    return ":".join(part for part in parts if part)


def email_render(kind: str, context: dict[str, Any]) -> tuple[str, str]:
    """The plain text and HTML of an email, from ``templates/emails/<kind>.txt|.html``."""
    context = {"site_url": site_url(""), "partnership_name": settings.PARTNERSHIP_NAME} | context
    text = render_to_string(f"emails/{kind}.txt", context).strip() + "\n"
    html = render_to_string(f"emails/{kind}.html", context)
    return text, html


def site_url(path: str) -> str:
    """An address on the site, for links in emails."""
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


# --- Recording and enqueuing ------------------------------------------------------------


def notification_record(
    *,
    kind: str,
    key: str,
    recipient: Any,
    subject: str,
    text: str,
    html: str = "",
    period: Period | None = None,
    attachment: str = "",
) -> tuple[Notification, bool]:
    """Record one email to send, once: the row for ``key`` and whether it is new.

    Only records: the caller enqueues (see :func:`notification_send`).
    """
    return Notification.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "kind": kind,
            "recipient": recipient,
            "email": recipient.email,
            "subject": subject,
            "body_text": text,
            "body_html": html,
            "period": period,
            "attachment": attachment,
        },
    )


def notification_send(
    *,
    kind: str,
    key: str,
    recipient: Any,
    subject: str,
    text: str,
    html: str = "",
    period: Period | None = None,
    attachment: str = "",
) -> Notification:
    """Send one email, once: the first call for ``key`` records it, any later call does not.

    The sending task is enqueued when the current transaction commits (at once outside
    one), so it never runs before the row is there to read. The row is returned as
    recorded (pending); read it again to see whether it has been sent.
    """
    notification, created = notification_record(
        kind=kind,
        key=key,
        recipient=recipient,
        subject=subject,
        text=text,
        html=html,
        period=period,
        attachment=attachment,
    )
    if created:
        transaction.on_commit(lambda: notification_enqueue(notification.pk))
    return notification


def notification_enqueue(notification_id: int) -> bool:
    """Hand one notification to the broker; False (logged, not raised) if it cannot be."""
    return bool(notifications_enqueue([notification_id]))


def notifications_enqueue(ids: Sequence[int]) -> list[int]:
    """Hand notifications to the broker; the ids it took.

    Never waits on the broker: one attempt to reach it, on one pooled connection for the
    lot, and if that fails the failure is logged, not raised. A notification not enqueued
    stays pending and the sweep enqueues it later, so a user's action (a submission, say)
    is neither slowed nor undone by a broker that is down.
    """
    from reporting.tasks import send_notification  # the tasks module imports this one

    app = send_notification.app
    enqueued: list[int] = []
    if app.conf.task_always_eager:  # the demo and the tests: each runs here and now
        for pk in ids:
            # A failure here is the task's own, not the broker's: log it in full.
            run = partial(send_notification.apply_async, (pk,))
            if _logged_if_failing(run, [pk], traceback=True):
                enqueued.append(pk)
        return enqueued

    def publish_all() -> None:
        with app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=0)
            for pk in ids:
                send_notification.apply_async((pk,), producer=producer, retry=False)
                enqueued.append(pk)

    if ids:
        _logged_if_failing(publish_all, ids)
    return enqueued


def _logged_if_failing(
    publish: Callable[[], Any], ids: Sequence[int], *, traceback: bool = False
) -> bool:
    try:
        publish()
    except Exception as error:  # noqa: BLE001 - any broker failure leaves it for the sweep
        logger.warning(
            "Could not enqueue notification %s (%s: %s); the sweep will send it later.",
            ", ".join(str(pk) for pk in ids),
            type(error).__name__,
            error,
            exc_info=traceback,
        )
        return False
    return True


# --- Delivering (in the worker) ---------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    """What one attempt did: ``sent``, ``retry`` (in ``retry_in`` seconds), ``failed``,
    ``done`` (not pending: sent or failed already), ``busy`` (another worker holds it) or
    ``missing`` (no such notification)."""

    outcome: str
    retry_in: int | None = None


def backoff_seconds(attempts: int) -> int:
    """Rule: "Wait 1, 2, 4, 8... minutes after each failed attempt, at most an hour"."""
    return int(min(60 * 2 ** max(attempts - 1, 0), 3600))


def notification_deliver(notification_id: int, *, now: datetime | None = None) -> Delivery:
    """Send a pending notification, once, even with several workers at once.

    The row is locked while the email is sent (``skip_locked``: a second worker with the
    same notification gives up at once rather than waiting to send it again). A failure
    is recorded, and the notification stays pending for a retry after the back-off until
    it has had :data:`MAX_ATTEMPTS`, when it is marked failed.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            exists = Notification.objects.filter(pk=notification_id).exists()
            return Delivery("busy" if exists else "missing")
        if notification.state != Notification.State.PENDING:
            return Delivery("done")
        notification.attempts += 1
        message = EmailMultiAlternatives(
            notification.subject, notification.body_text, to=[notification.email]
        )
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        if notification.attachment:
            with notification.attachment.open("rb") as attached:
                message.attach(
                    notification.attachment.name.rsplit("/", 1)[-1],
                    attached.read(),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - any backend's failure is recorded
            logger.warning("Could not send notification %s: %s", notification.pk, error)
            notification.last_error = f"{type(error).__name__}: {error}"
            if notification.attempts >= MAX_ATTEMPTS:
                notification.state = Notification.State.FAILED
                delivery = Delivery("failed")
            else:
                retry_in = backoff_seconds(notification.attempts)
                notification.next_attempt_at = (now or timezone.now()) + timedelta(seconds=retry_in)
                delivery = Delivery("retry", retry_in)
        else:
            notification.state = Notification.State.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
            delivery = Delivery("sent")
        notification.save(
            update_fields=["attempts", "state", "last_error", "sent_at", "next_attempt_at"]
        )
    return delivery


def notifications_sweep(*, now: datetime | None = None) -> int:
    """Enqueue again the pending notifications whose next attempt is over a minute past.

    They are the ones whose task never reached the broker (it was down) or was lost.
    Returns how many were enqueued. A duplicate in the queue is harmless: the lock and
    the pending check in :func:`notification_deliver` send each email once.
    """
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            state=Notification.State.PENDING, next_attempt_at__lte=now - SWEEP_GRACE
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    enqueued = notifications_enqueue(ids)
    # Not again at the next sweep while the worker works through the queue.
    Notification.objects.filter(pk__in=enqueued, state=Notification.State.PENDING).update(
        next_attempt_at=now + SWEEP_PAUSE
    )
    return len(enqueued)


@transaction.atomic
def notifications_retry(*, notifications: QuerySet[Notification], actor: Any) -> int:
    """Try failed notifications again, from the start of their back-off (admin action).

    Only failed ones are touched; sent ones are never sent twice. Returns how many.
    """
    if not access.can_manage_users(actor):
        raise ApplicationError("Only an administrator can retry sending emails.")
    ids = list(
        notifications.select_for_update()
        .filter(state=Notification.State.FAILED)
        .values_list("pk", flat=True)
    )
    Notification.objects.filter(pk__in=ids).update(
        state=Notification.State.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: notifications_enqueue(ids))
    return len(ids)


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


def person_name(user: Any) -> str:
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
            "submitted_by": person_name(quarterly_return.submitted_by),
            "approved_by": person_name(quarterly_return.approved_by),
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
        recipients=performance_officers_for(quarterly_return),
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
        recipients=outcome_leads_for(quarterly_return),
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
        recipients=outcome_leads_for(quarterly_return),
        subject=f"{_title(quarterly_return)} needs changes",
    )
