"""``python manage.py setup_schedule``: the periodic jobs of the quarterly cycle, in the admin.

Creates, once, the django-celery-beat entries that beat runs:

* every day at 07:00 (Europe/London): ``reporting.tasks.run_cycle_today``, the daily tick
  of the quarterly cycle;
* every five minutes: ``reporting.tasks.sweep_notifications``, which re-enqueues emails
  left pending (for example while the broker was down).

Running it again changes nothing, and never undoes an administrator's change to an
entry's time or to whether it is enabled. A data migration calls :func:`schedule_ensure`
with the migration's models, so a deployment has the entries after ``migrate``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

TIME_ZONE = "Europe/London"

# (name shown in the admin, task, crontab fields)
SCHEDULE = (
    (
        "Quarterly cycle: daily tick",
        "reporting.tasks.run_cycle_today",
        {"minute": "0", "hour": "7"},
    ),
    (
        "Quarterly cycle: send pending emails",
        "reporting.tasks.sweep_notifications",
        {"minute": "*/5", "hour": "*"},
    ),
)


def schedule_ensure(
    *, crontab_model: Any, task_model: Any, changes_model: Any
) -> list[tuple[str, bool]]:
    """Create the periodic tasks that are missing; each comes back as (name, created).

    Takes the models as arguments so that a migration can pass its historical ones.
    """
    results = []
    for name, task, fields in SCHEDULE:
        if task_model.objects.filter(name=name).exists():
            results.append((name, False))
            continue
        crontab, _ = crontab_model.objects.get_or_create(
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=TIME_ZONE,
            **fields,
        )
        task_model.objects.create(name=name, task=task, crontab=crontab, enabled=True)
        results.append((name, True))
    if any(created for _, created in results):
        # Beat reloads its schedule when this changes; a migration's models send no signal.
        changes_model.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})
    return results


class Command(BaseCommand):
    help = "Create the periodic jobs of the quarterly cycle (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        from django_celery_beat.models import CrontabSchedule, PeriodicTask, PeriodicTasks

        for name, created in schedule_ensure(
            crontab_model=CrontabSchedule, task_model=PeriodicTask, changes_model=PeriodicTasks
        ):
            self.stdout.write(f"{'Created' if created else 'Already there'}: {name}")
