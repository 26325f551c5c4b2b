"""The Celery tasks of the outbox, and the one way to hand notifications to the broker.

Every other module that sends email records it in the outbox and calls
:func:`notifications_enqueue` (or :func:`notification_enqueue`) from here once its
transaction commits; the outbox itself never imports this module, so there is no import
circle. Task names keep the form they were first scheduled under (``reporting.tasks.*``),
which django-celery-beat stores.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from celery import shared_task
from django.utils import timezone

from reporting.notifications import outbox

logger = logging.getLogger(__name__)


@shared_task(name="reporting.tasks.send_notification", bind=True, acks_late=True, max_retries=None)
def send_notification(self, notification_id: int) -> str:  # noqa: ANN001 - Celery's task
    """Send one recorded email; retried with back-off while it fails.

    The number of attempts is kept on the notification, which is marked failed after
    ``outbox.MAX_ATTEMPTS``: so Celery's own retry count is not limited here.
    """
    delivery = outbox.notification_deliver(notification_id)
    # Run eagerly (the demo, the tests) there is no worker to wait out the back-off: the
    # notification stays pending, due again at its next attempt, for the sweep.
    if delivery.outcome == "retry" and not self.request.is_eager:
        raise self.retry(countdown=delivery.retry_in)
    return delivery.outcome


@shared_task(name="reporting.tasks.sweep_notifications", acks_late=True)
def sweep_notifications() -> int:
    """Enqueue again the emails left pending, for example while the broker was down."""
    return notifications_sweep(now=timezone.now())


def notifications_sweep(*, now: datetime | None = None) -> int:
    """Enqueue again the pending notifications the broker never took (see the outbox)."""
    return outbox.notifications_sweep(enqueue=notifications_enqueue, now=now)


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
