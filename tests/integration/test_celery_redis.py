"""Emails through the real broker: Redis, and a real Celery worker started by the test.

Set ``REDIS_URL`` to run these (``redis://127.0.0.1:6379/5``: a database of its own is
best; only the Celery queue in it is purged). Without it they are skipped on a
developer's machine and fail in CI (``REQUIRE_SERVICES=1``). The worker runs in a thread
of the test process, so it uses the test database (committed data: ``transaction=True``)
and the in-memory email outbox.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.db import close_old_connections, connections
from django.utils import timezone
from kombu import pools

from config.celery import app
from reporting import tasks
from reporting.models import Notification, QuarterlyReturn
from reporting.notifications.services import notification_send
from reporting.notifications.tasks import notifications_sweep
from reporting.returns.services import return_submit
from tests import factories as f
from tests.conftest import skip_or_fail

# One Celery queue on the broker: these run on one test worker (pytest -n, --dist loadgroup).
pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("celery-broker"),
]

REDIS_URL = os.environ.get("REDIS_URL", "")
DEAD_BROKER = "redis://127.0.0.1:6399/0"  # nothing listens there
WAIT_SECONDS = 10


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def point_app_at(url: str) -> None:
    """Send the app's tasks to ``url`` from now on, dropping connections to the old one."""
    app.conf.broker_url = url
    pools.reset()  # closes every pooled connection and forgets the pools
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def broker() -> Iterator[Callable[[str], None]]:
    """The app pointed at a broker of the test's choice, not eager; restored afterwards."""
    if not REDIS_URL or not redis_reachable(REDIS_URL):
        skip_or_fail("Redis not running: set REDIS_URL=redis://127.0.0.1:6379/0")
    saved = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "worker_hijack_root_logger")
    }
    app.conf.task_always_eager = False
    app.conf.worker_hijack_root_logger = False
    point_app_at(REDIS_URL)
    app.control.purge()  # messages left by an earlier run name rows that are gone
    yield point_app_at
    point_app_at(saved.pop("broker_url"))
    for key, value in saved.items():
        app.conf[key] = value


@pytest.fixture
def finished() -> Iterator[list[str]]:
    """The names of the tasks the worker has finished; the worker thread's database
    connections are closed after each, so the test database can be dropped at the end."""
    done: list[str] = []
    lock = threading.Lock()

    def on_postrun(sender=None, **kwargs) -> None:  # noqa: ANN001 - Celery's signal
        connections.close_all()
        with lock:
            done.append(sender.name)

    task_postrun.connect(on_postrun, weak=False)
    yield done
    task_postrun.disconnect(on_postrun)


@pytest.fixture
def worker(broker, finished):
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    close_old_connections()


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Gave up after {WAIT_SECONDS} seconds waiting for the worker.")
        time.sleep(0.05)


def test_a_notification_goes_through_redis_and_a_worker(worker, finished, lead, mailoutbox):
    notification = notification_send(
        kind="test", key="test:redis", recipient=lead, subject="Through Redis", text="Hello"
    )  # outside a transaction: enqueued at once

    wait_for(lambda: finished.count("reporting.tasks.send_notification") == 1)

    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (Notification.State.SENT, 1)
    assert [(m.to, m.subject) for m in mail.outbox] == [([lead.email], "Through Redis")]


@pytest.fixture
def ready_return(outcome, lead_role, lead, officer):
    """A draft return of ``lead``'s outcome with its one value entered, ready to submit."""
    round_ = f.ReturnRoundFactory(period=f.period("2025-26-Q2"))
    indicator = f.IndicatorFactory(primary_outcome=outcome)
    f.IndicatorValueFactory(
        indicator=indicator, area=f.PartnershipAreaFactory(), period=round_.period, value=Decimal(7)
    )
    return f.QuarterlyReturnFactory(
        round=round_, outcome=outcome, state=QuarterlyReturn.State.DRAFT
    )


def test_a_submission_while_the_broker_is_down_is_emailed_once_it_is_back(
    broker, finished, ready_return, lead, officer, caplog
):
    broker(DEAD_BROKER)
    started = time.monotonic()

    submitted = return_submit(
        quarterly_return=ready_return, version=ready_return.version, actor=lead
    )

    assert time.monotonic() - started < 2  # the lead is not kept waiting on the broker
    assert QuarterlyReturn.objects.get(pk=submitted.pk).state == QuarterlyReturn.State.SUBMITTED
    notification = Notification.objects.get()
    assert (notification.email, notification.state, notification.attempts) == (
        officer.email,
        Notification.State.PENDING,
        0,
    )
    assert mail.outbox == []
    assert "the sweep will send it later" in caplog.text

    broker(REDIS_URL)
    later = timezone.now() + timedelta(minutes=2)
    # The sweep runs before the worker starts: SQLite's shared in-memory test database
    # refuses a write while another thread's transaction holds the table.
    assert notifications_sweep(now=later) == 1
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        wait_for(lambda: "reporting.tasks.send_notification" in finished)
        # The sweep again, and a duplicate message: neither sends it a second time.
        assert notifications_sweep(now=later + timedelta(minutes=10)) == 0
        tasks.send_notification.delay(notification.pk)
        wait_for(lambda: finished.count("reporting.tasks.send_notification") == 2)

    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (Notification.State.SENT, 1)
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "is submitted for review" in mail.outbox[0].subject
