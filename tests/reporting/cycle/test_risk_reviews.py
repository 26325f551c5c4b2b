"""The daily cycle's risk review emails: owners reminded of reviews due within five
working days and chased weekly when overdue, each once (a re-run sends nothing twice),
closed risks and owners without an address skipped; the cycle page's preview counts them."""

from datetime import date, timedelta

import pytest
from django.core import mail

from reporting.cycle.risk_reviews import DUE, OVERDUE, PER_EMAIL
from reporting.cycle.selectors.preview import cycle_preview
from reporting.notifications.models import Notification
from risks.models import Risk
from tests import factories as f

pytestmark = pytest.mark.django_db

# A Thursday: five working days on is Thursday 10 December 2026.
TODAY = date(2026, 12, 3)


@pytest.fixture
def owner(db):
    return f.UserFactory(username="owner", email="owner@anycity.example")


def risk(owner, review_date, **kwargs):
    return f.RiskFactory(owner=owner, review_date=review_date, **kwargs)


def test_owner_is_reminded_once_in_one_email_of_reviews_due_within_five_working_days(tick, owner):
    thursday = risk(owner, TODAY + timedelta(days=7), title="Due next Thursday")  # 5 working days
    risk(owner, TODAY, title="Due today")
    risk(owner, TODAY + timedelta(days=8), title="Due in six working days")

    report = tick(TODAY)
    again = tick(TODAY)

    [email] = mail.outbox
    assert email.to == ["owner@anycity.example"]
    assert email.subject == "Reminder: 2 risks of yours to review in the next week"
    assert "Due next Thursday" in email.body
    assert f"/risks/{thursday.pk}/" in email.body
    assert f"/risks/{thursday.pk}/" in email.alternatives[0][0]
    assert "Due today" in email.body
    assert "review due today" in email.body
    assert "Due in six working days" not in email.body
    assert [a.step for a in report.actions] == [DUE]
    assert report.actions[0].detail.startswith("reminded risk owners of reviews due")
    assert again.actions == ()
    assert Notification.objects.filter(kind=DUE).count() == 1


def test_a_risk_coming_due_later_is_reminded_without_repeating_the_others(tick, owner):
    risk(owner, TODAY + timedelta(days=1), title="Due tomorrow")
    later = risk(owner, TODAY + timedelta(days=8), title="Due later")
    tick(TODAY)
    tick(TODAY + timedelta(days=1))

    assert len(mail.outbox) == 2
    assert "Due later" in mail.outbox[1].body
    assert "Due tomorrow" not in mail.outbox[1].body
    # Reviewed, with a new review date in the window: reminded again for that date.
    Risk.objects.filter(pk=later.pk).update(review_date=TODAY + timedelta(days=2))
    tick(TODAY + timedelta(days=1))
    assert len(mail.outbox) == 3


def test_an_overdue_review_is_chased_once_a_week(tick, owner):
    risk(owner, TODAY - timedelta(days=1), title="Late review")

    tick(TODAY)
    tick(TODAY + timedelta(days=3))  # still the first week overdue: nothing
    tick(TODAY + timedelta(days=7))  # the second week
    tick(TODAY + timedelta(days=7))

    assert [m.subject for m in mail.outbox] == [
        "Overdue: 1 risk of yours is past review",
        "Overdue: 1 risk of yours is past review",
    ]
    assert "review overdue by 1 day" in mail.outbox[0].body
    assert "review overdue by 8 days" in mail.outbox[1].body
    assert Notification.objects.filter(kind=OVERDUE).count() == 2


def test_closed_risks_and_owners_without_an_address_or_no_longer_active_are_skipped(tick, owner):
    risk(owner, TODAY, status=Risk.Status.CLOSED)
    risk(f.UserFactory(username="no_address", email=""), TODAY)
    risk(f.UserFactory(username="gone", is_active=False), TODAY - timedelta(days=2))
    risk(None, TODAY)

    report = tick(TODAY)

    assert mail.outbox == []
    assert report.actions == ()


def test_many_risks_are_listed_in_emails_of_at_most_ten(tick, owner):
    for n in range(PER_EMAIL + 2):
        risk(owner, TODAY + timedelta(days=1), title=f"Risk {n}")

    tick(TODAY)
    tick(TODAY)

    assert len(mail.outbox) == 2
    assert all(len(n.idempotency_key) <= 255 for n in Notification.objects.all())


def test_the_preview_counts_the_emails_without_recording_them(owner):
    risk(owner, TODAY + timedelta(days=1))
    risk(owner, TODAY - timedelta(days=3))
    risk(f.UserFactory(username="second"), TODAY - timedelta(days=10))

    preview = cycle_preview(today=TODAY)

    details = {a.step: a.detail for a in preview.actions}
    assert details[DUE] == (
        "remind risk owners of reviews due within five working days (1 email to 1 person)"
    )
    assert details[OVERDUE] == "chase risk owners of overdue reviews (2 emails to 2 people)"
    assert not Notification.objects.exists()
