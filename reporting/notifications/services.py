"""Sending email through the outbox: record it once by key, enqueue it once committed.

See :mod:`reporting.notifications.outbox` for how an email is recorded, sent once and
retried, and :mod:`reporting.notifications.tasks` for the tasks that send it and sweep
up what the broker never took.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Period
from reporting.notifications.models import Notification
from reporting.notifications.outbox import notification_record
from reporting.notifications.tasks import notification_enqueue, notifications_enqueue


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
