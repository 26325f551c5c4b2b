"""Celery tasks of the reporting app: thin, idempotent, acknowledged late.

Each takes ids or nothing, calls one service, and holds only its retry policy. Running
one twice does nothing new: the services read what is done from the database.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from reporting import notifications
from reporting.services.cycle import cycle_run


@shared_task(acks_late=True)
def run_cycle_today() -> list[str]:
    """The daily tick of the quarterly cycle, for today in the partnership's time zone."""
    return cycle_run(today=timezone.localdate()).lines()


@shared_task(bind=True, acks_late=True, max_retries=None)
def send_notification(self, notification_id: int) -> str:  # noqa: ANN001 - Celery's task
    """Send one recorded email; retried with back-off while it fails.

    The number of attempts is kept on the notification, which is marked failed after
    ``notifications.MAX_ATTEMPTS``: so Celery's own retry count is not limited here.
    """
    delivery = notifications.notification_deliver(notification_id)
    # Run eagerly (the demo, the tests) there is no worker to wait out the back-off: the
    # notification stays pending, due again at its next attempt, for the sweep.
    if delivery.outcome == "retry" and not self.request.is_eager:
        raise self.retry(countdown=delivery.retry_in)
    return delivery.outcome


@shared_task(acks_late=True)
def sweep_notifications() -> int:
    """Enqueue again the emails left pending, for example while the broker was down."""
    return notifications.notifications_sweep(now=timezone.now())


@shared_task(acks_late=True)
def build_pack(pack_id: int) -> str:
    """Build a performance pack someone asked for; a pack already built is left alone."""
    from reporting.services.pack.requests import pack_build  # imports this module

    pack = pack_build(pack_id=pack_id)
    return pack.state if pack is not None else "missing"
