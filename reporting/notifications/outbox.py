"""Every email the product sends: recorded in ``Notification`` first, then sent by a task.

``Notification`` is an outbox. Deciding to send an email writes its row (pending) with
an idempotency key naming what it is about and who it is for; writing the same key
again, from a retried job or a second run of the same step, finds the row and sends
nothing. Once the deciding transaction has committed,
``reporting.notifications.tasks.send_notification``
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
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from partnership.models import Period
from reporting.notifications.models import Notification

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


# --- Recording ---------------------------------------------------------------------------


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


def notifications_sweep(
    *, enqueue: Callable[[Sequence[int]], list[int]], now: datetime | None = None
) -> int:
    """Enqueue again the pending notifications whose next attempt is over a minute past.

    They are the ones whose task never reached the broker (it was down) or was lost.
    ``enqueue`` hands ids to the broker (the tasks module's); returns how many it took.
    A duplicate in the queue is harmless: the lock and
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
    enqueued = enqueue(ids)
    # Not again at the next sweep while the worker works through the queue.
    Notification.objects.filter(pk__in=enqueued, state=Notification.State.PENDING).update(
        next_attempt_at=now + SWEEP_PAUSE
    )
    return len(enqueued)
