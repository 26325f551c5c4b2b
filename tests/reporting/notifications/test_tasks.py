"""The reporting tasks and the outbox behind them: thin, idempotent, retried with back-off,
swept when the broker lost them, and scheduled in django-celery-beat."""

import importlib
import threading
from datetime import date, timedelta
from smtplib import SMTPException

import pytest
from celery.exceptions import Retry
from django.apps import apps
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from kombu.exceptions import OperationalError

from partnership.errors import ApplicationError
from reporting import tasks
from reporting.cycle import tasks as cycle_tasks
from reporting.models import Notification, PartnershipCalendar
from reporting.notifications.outbox import (
    MAX_ATTEMPTS,
    backoff_seconds,
    notification_deliver,
    notification_record,
)
from reporting.notifications.services import notification_send, notifications_retry
from reporting.notifications.tasks import notifications_sweep
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db


def record(person, key="test:1", **extra):
    notification, _ = notification_record(
        kind="test", key=key, recipient=person, subject="A subject", text="Plain words", **extra
    )
    return notification


def state_of(notification):
    notification.refresh_from_db()
    return notification.state


# --- send_notification ----------------------------------------------------------------


def test_the_tasks_are_acknowledged_late():
    assert all(
        task.acks_late
        for task in (tasks.send_notification, tasks.sweep_notifications, tasks.run_cycle_today)
    )


def test_sending_a_notification_twice_sends_it_once(lead, mailoutbox):
    notification = record(lead)

    assert tasks.send_notification.delay(notification.pk).get() == "sent"
    assert tasks.send_notification.delay(notification.pk).get() == "done"  # a duplicate message

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (Notification.State.SENT, 1)


def test_a_task_for_a_notification_that_is_not_there_does_nothing(mailoutbox):
    assert tasks.send_notification.delay(123456).get() == "missing"
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(1, 60), (2, 120), (3, 240), (4, 480), (7, 3600), (20, 3600)]
)
def test_each_failed_attempt_doubles_the_wait_up_to_an_hour(attempts, seconds):
    assert backoff_seconds(attempts) == seconds


def test_a_worker_retries_a_failed_send_after_the_back_off(lead, monkeypatch):
    notification = record(lead)

    def refuse(self, fail_silently=False):
        raise SMTPException("down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    countdowns = []

    def retry(**options):
        countdowns.append(options["countdown"])
        return Retry("retry", when=options["countdown"])

    monkeypatch.setattr(tasks.send_notification, "retry", retry)
    tasks.send_notification.push_request(is_eager=False, retries=0)
    try:
        for _ in range(MAX_ATTEMPTS - 1):
            with pytest.raises(Retry):
                tasks.send_notification.run(notification.pk)
        assert tasks.send_notification.run(notification.pk) == "failed"  # no more retries
    finally:
        tasks.send_notification.pop_request()

    assert countdowns == [60, 120, 240, 480]
    notification.refresh_from_db()
    assert (notification.state, notification.attempts, notification.last_error) == (
        Notification.State.FAILED,
        MAX_ATTEMPTS,
        "SMTPException: down",
    )


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_a_notification_once(lead, monkeypatch):
    if connection.vendor != "postgresql":
        skip_or_fail("Row locks that skip a locked row need PostgreSQL: set DATABASE_URL")
    notification = record(lead)
    sending, may_finish = threading.Event(), threading.Event()
    sent = []

    def slow_send(self, fail_silently=False):
        sent.append(self.to)
        sending.set()
        may_finish.wait(5)
        return 1

    monkeypatch.setattr(EmailMultiAlternatives, "send", slow_send)
    outcomes = {}

    def first_worker():
        outcomes["first"] = notification_deliver(notification.pk).outcome
        connections.close_all()

    thread = threading.Thread(target=first_worker)
    thread.start()
    assert sending.wait(5)
    outcomes["second"] = notification_deliver(notification.pk).outcome  # while it sends
    may_finish.set()
    thread.join(5)
    outcomes["third"] = notification_deliver(notification.pk).outcome  # a late duplicate

    assert outcomes == {"first": "sent", "second": "busy", "third": "done"}
    assert sent == [[lead.email]]


# --- Enqueuing after commit, and the sweep --------------------------------------------------


def test_the_task_is_enqueued_only_after_the_transaction_commits(
    lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notification_send(
            kind="test", key="test:1", recipient=lead, subject="S", text="T"
        )
    assert (len(callbacks), mailoutbox, state_of(notification)) == (1, [], "pending")
    callbacks[0]()
    assert state_of(notification) == Notification.State.SENT


def test_a_broker_that_cannot_be_reached_leaves_the_notification_pending(
    lead, mailoutbox, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6399. Connection refused.")

    monkeypatch.setattr(tasks.send_notification, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_send(
            kind="test", key="test:1", recipient=lead, subject="S", text="T"
        )

    assert (state_of(notification), notification.attempts, mailoutbox) == ("pending", 0, [])
    assert "the sweep will send it later" in caplog.text


def test_the_sweep_sends_what_was_left_pending_and_nothing_else(lead, other_lead, mailoutbox):
    now = timezone.now()
    lost = record(lead, key="test:lost")
    just_made = record(other_lead, key="test:new")
    waiting = record(other_lead, key="test:waiting")
    Notification.objects.filter(pk=lost.pk).update(next_attempt_at=now - timedelta(minutes=5))
    Notification.objects.filter(pk=just_made.pk).update(next_attempt_at=now)
    Notification.objects.filter(pk=waiting.pk).update(next_attempt_at=now + timedelta(minutes=4))
    failed = record(lead, key="test:failed")
    Notification.objects.filter(pk=failed.pk).update(
        state=Notification.State.FAILED, next_attempt_at=now - timedelta(hours=1)
    )

    assert notifications_sweep(now=now) == 1

    assert [m.to for m in mailoutbox] == [[lead.email]]
    assert [state_of(n) for n in (lost, just_made, waiting, failed)] == [
        "sent",
        "pending",
        "pending",
        "failed",
    ]
    assert notifications_sweep(now=now) == 0


def test_the_sweep_task_sweeps(lead, mailoutbox):
    notification = record(lead)
    Notification.objects.filter(pk=notification.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=2)
    )
    assert tasks.sweep_notifications.delay().get() == 1
    assert state_of(notification) == Notification.State.SENT


def test_the_sweep_does_not_enqueue_again_at_once_what_it_has_just_enqueued(lead, monkeypatch):
    enqueued = []
    monkeypatch.setattr(tasks.send_notification, "apply_async", lambda a, **k: enqueued.append(a))
    notification = record(lead)
    now = timezone.now() + timedelta(minutes=2)

    assert notifications_sweep(now=now) == 1
    assert notifications_sweep(now=now + timedelta(minutes=1)) == 0  # the worker is busy
    assert notifications_sweep(now=now + timedelta(minutes=7)) == 1  # it was lost after all
    assert enqueued == [(notification.pk,), (notification.pk,)]


# --- Retry sending (the admin action) ---------------------------------------------------------


def failed(person, key):
    notification = record(person, key=key)
    Notification.objects.filter(pk=notification.pk).update(
        state=Notification.State.FAILED, attempts=MAX_ATTEMPTS, last_error="SMTPException: no"
    )
    return notification


def test_an_administrator_retries_failed_emails_from_the_admin(
    admin_client, lead, other_lead, mailoutbox, django_capture_on_commit_callbacks
):
    gone_wrong = failed(lead, "test:failed")
    sent = record(other_lead, key="test:sent")
    Notification.objects.filter(pk=sent.pk).update(state=Notification.State.SENT)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:reporting_notification_changelist"),
            {"action": "retry_sending", "_selected_action": [gone_wrong.pk, sent.pk]},
            follow=True,
        )

    assert "Sending 1 failed email again." in response.content.decode()
    assert [m.to for m in mailoutbox] == [[lead.email]]
    gone_wrong.refresh_from_db()
    assert (gone_wrong.state, gone_wrong.attempts) == (Notification.State.SENT, 1)


def test_only_an_administrator_may_retry_emails(officer, lead):
    notification = failed(lead, "test:failed")
    with pytest.raises(ApplicationError, match="Only an administrator"):
        notifications_retry(notifications=Notification.objects.all(), actor=officer)
    assert state_of(notification) == Notification.State.FAILED


# --- The daily tick and its schedule ----------------------------------------------------------


def test_the_daily_task_runs_the_cycle_for_today(monkeypatch):
    days = []

    class Report:
        def lines(self):
            return ["done"]

    def cycle_run(*, today):
        days.append(today)
        return Report()

    monkeypatch.setattr(cycle_tasks, "cycle_run", cycle_run)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2027, 4, 1))

    assert tasks.run_cycle_today.delay().get() == ["done"]
    assert days == [date(2027, 4, 1)]


def test_the_schedule_is_set_up_once_and_keeps_an_administrators_changes(capsys):
    PeriodicTask.objects.all().delete()  # the migration has made them: start afresh

    call_command("setup_schedule")
    daily = PeriodicTask.objects.get(task="reporting.tasks.run_cycle_today")
    assert (daily.crontab.minute, daily.crontab.hour, str(daily.crontab.timezone)) == (
        "0",
        "7",
        "Europe/London",
    )
    sweep = PeriodicTask.objects.get(task="reporting.tasks.sweep_notifications")
    assert (sweep.crontab.minute, sweep.crontab.hour) == ("*/5", "*")

    daily.crontab = CrontabSchedule.objects.create(minute="30", hour="6", timezone="Europe/London")
    daily.save()
    call_command("setup_schedule")

    assert PeriodicTask.objects.filter(task__startswith="reporting.").count() == 2
    assert PeriodicTask.objects.get(pk=daily.pk).crontab.hour == "6"
    assert "Already there: Quarterly cycle: daily tick" in capsys.readouterr().out


def test_the_migration_sets_up_the_calendar_and_the_schedule():
    PeriodicTask.objects.all().delete()
    PartnershipCalendar.objects.all().delete()
    migration = importlib.import_module("reporting.migrations.0004_calendar_and_schedule")

    migration.create_calendar_and_schedule(apps, None)

    assert PartnershipCalendar.objects.get().due_working_days == 15
    assert set(PeriodicTask.objects.values_list("task", flat=True)) >= {
        "reporting.tasks.run_cycle_today",
        "reporting.tasks.sweep_notifications",
    }
