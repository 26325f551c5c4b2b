"""The daily tick of the quarterly cycle, run by django-celery-beat."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from reporting.cycle.services import cycle_run


@shared_task(name="reporting.tasks.run_cycle_today", acks_late=True)
def run_cycle_today() -> list[str]:
    """The daily tick of the quarterly cycle, for today in the partnership's time zone."""
    return cycle_run(today=timezone.localdate()).lines()
