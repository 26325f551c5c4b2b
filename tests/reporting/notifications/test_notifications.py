"""Emails about returns: recorded, sent to the right people, and never sent twice.

Celery runs eagerly in the tests, so a notification's task runs as soon as it is
enqueued: once the transaction commits (``django_capture_on_commit_callbacks``).
"""

from smtplib import SMTPException

import pytest
from django.core.mail import EmailMultiAlternatives

from partnership.models import Role
from reporting.models import Notification, QuarterlyReturn
from reporting.notifications.outbox import MAX_ATTEMPTS, notification_deliver
from reporting.notifications.services import notification_send
from reporting.returns.services.emails import (
    notify_return_approved,
    notify_return_sent_back,
    notify_return_submitted,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_return(outcome, lead_role, lead):
    return f.QuarterlyReturnFactory(
        outcome=outcome,
        round=f.ReturnRoundFactory(period=f.period("2025-26-Q2")),
        state=QuarterlyReturn.State.SUBMITTED,
        submitted_by=lead,
        version=3,
    )


def send(recipient, key="test:1", **extra):
    arguments = {
        "kind": "test",
        "key": key,
        "recipient": recipient,
        "subject": "A subject",
        "text": "Plain words",
    } | extra
    return notification_send(**arguments)


def test_a_notification_is_recorded_and_sent(lead, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(lead, html="<p>Plain words</p>")
        assert notification.state == Notification.State.PENDING  # not before the commit
        assert mailoutbox == []
    notification.refresh_from_db()
    assert (notification.state, notification.attempts, notification.email) == (
        Notification.State.SENT,
        1,
        lead.email,
    )
    assert notification.sent_at is not None
    [message] = mailoutbox
    assert (message.to, message.subject, message.body) == ([lead.email], "A subject", "Plain words")
    assert message.alternatives[0][0] == "<p>Plain words</p>"


def test_a_notification_with_the_same_key_is_never_sent_again(
    lead, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = send(lead)
    with django_capture_on_commit_callbacks(execute=True):
        again = send(lead, subject="Another subject")
    assert again.pk == first.pk
    assert len(mailoutbox) == 1
    assert Notification.objects.get().attempts == 1


def test_a_failure_to_send_is_recorded_not_raised_and_tried_again_later(
    lead, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(self, fail_silently=False):
        raise SMTPException("Mail server said no")

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        notification = send(lead)
    notification.refresh_from_db()
    assert (notification.state, notification.attempts, notification.last_error) == (
        Notification.State.PENDING,
        1,
        "SMTPException: Mail server said no",
    )
    assert notification.sent_at is None
    assert notification.next_attempt_at > notification.created_at  # after the back-off
    for _ in range(MAX_ATTEMPTS - 1):
        notification_deliver(notification.pk)
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (
        Notification.State.FAILED,
        MAX_ATTEMPTS,
    )
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        send(lead)  # a failed one is not resent by sending it again
    notification.refresh_from_db()
    assert notification.state == Notification.State.FAILED
    assert mailoutbox == []


def test_submission_is_told_to_the_performance_team_and_the_lead_partners_officers_once(
    council_return, officer, council_officer, police, mailoutbox
):
    police_officer = f.UserFactory(username="police_officer", organisation=police)
    f.assign(police_officer, Role.PERFORMANCE_OFFICER, organisation=police)
    gone = f.UserFactory(username="gone", is_active=False)
    f.assign(gone, Role.PERFORMANCE_OFFICER)
    no_email = f.UserFactory(username="no_email", email="")
    f.assign(no_email, Role.PERFORMANCE_OFFICER)

    notify_return_submitted(council_return.pk)
    notify_return_submitted(council_return.pk)  # a retried job

    assert sorted(m.to[0] for m in mailoutbox) == sorted([officer.email, council_officer.email])
    keys = set(Notification.objects.values_list("idempotency_key", flat=True))
    assert keys == {
        f"return-submitted:{council_return.pk}:3:{officer.pk}",
        f"return-submitted:{council_return.pk}:3:{council_officer.pk}",
    }
    message = mailoutbox[0]
    code = council_return.outcome.code
    assert message.subject == f"{code} return for Q2 2025-26 is submitted for review"
    assert "submitted the return" in message.body
    assert "/returns/" in message.body


def test_a_new_version_is_told_again(council_return, officer, mailoutbox):
    notify_return_submitted(council_return.pk, version=3)
    notify_return_submitted(council_return.pk, version=5)
    notify_return_submitted(council_return.pk, version=5)
    assert len(mailoutbox) == 2


def test_approval_is_told_to_each_lead_of_the_outcome_once(
    council_return, lead, outcome, council, mailoutbox
):
    deputy = f.UserFactory(username="deputy", organisation=council)
    f.assign(deputy, Role.OUTCOME_LEAD, outcome=outcome)  # lead is also the lead person
    QuarterlyReturn.objects.filter(pk=council_return.pk).update(state="approved")

    notify_return_approved(council_return.pk)
    notify_return_approved(council_return.pk)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([lead.email, deputy.email])
    assert all(m.subject.endswith("is approved") for m in mailoutbox)
    assert Notification.objects.filter(kind="return_approved").count() == 2


def test_sending_back_tells_the_lead_the_reason_once(council_return, lead, mailoutbox):
    QuarterlyReturn.objects.filter(pk=council_return.pk).update(
        state="returned", returned_reason="CYP 02 looks like last quarter's figure"
    )
    notify_return_sent_back(council_return.pk)
    notify_return_sent_back(council_return.pk)

    [message] = mailoutbox
    assert message.to == [lead.email]
    assert "CYP 02 looks like last quarter&#x27;s figure" in message.alternatives[0][0]
    assert "CYP 02 looks like last quarter's figure" in message.body
    assert Notification.objects.get().idempotency_key == (
        f"return-returned:{council_return.pk}:3:{lead.pk}"
    )
