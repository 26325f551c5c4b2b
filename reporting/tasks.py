"""Every Celery task of reporting, gathered for Celery's autodiscovery.

Each lives in its feature (``reporting/<feature>/tasks.py``): thin, idempotent and
acknowledged late; each takes ids or nothing, calls one service, and holds only its
retry policy. Their names keep the ``reporting.tasks.*`` form that django-celery-beat
stores in its schedule.
"""

from reporting.cycle.tasks import run_cycle_today
from reporting.notifications.tasks import send_notification, sweep_notifications
from reporting.packs.tasks import build_pack

__all__ = ["build_pack", "run_cycle_today", "send_notification", "sweep_notifications"]
