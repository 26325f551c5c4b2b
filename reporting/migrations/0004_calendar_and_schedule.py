"""The partnership's calendar with its defaults, and the periodic jobs of the cycle."""

from django.db import migrations

from reporting.management.commands.setup_schedule import schedule_ensure


def create_calendar_and_schedule(apps, schema_editor):
    apps.get_model("reporting", "PartnershipCalendar").objects.get_or_create(id=1)
    schedule_ensure(
        crontab_model=apps.get_model("django_celery_beat", "CrontabSchedule"),
        task_model=apps.get_model("django_celery_beat", "PeriodicTask"),
        changes_model=apps.get_model("django_celery_beat", "PeriodicTasks"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0003_partnership_calendar_and_outbox"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(create_calendar_and_schedule, migrations.RunPython.noop),
    ]
