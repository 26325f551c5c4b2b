"""Rounds, returns, exception reports and notifications: what the database refuses
whatever the path, and how each reads."""

from datetime import date

import factory
import pytest
from django.db import IntegrityError, transaction

from reporting.models import ExceptionReport, Notification, QuarterlyReturn, ReturnRound
from tests import factories as f

# Factories for the models tests/factories.py does not cover; tests/test_admin.py uses them.


class ExceptionReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExceptionReport

    period = factory.LazyFunction(lambda: f.period("2025-26-Q2"))
    content = factory.LazyFunction(lambda: {"items": [{"indicator": "NI 116", "rag": "red"}]})


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    kind = "return_reminder"
    idempotency_key = factory.Sequence(lambda n: f"return_reminder:2025-26-Q2:{n}")
    email = factory.Sequence(lambda n: f"lead{n}@anycity.example")
    subject = "Your quarterly return is due on 22 October"
    body_text = "Please complete your return."
    state = Notification.State.SENT


pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------
# Rounds


def test_database_refuses_a_round_due_before_it_opens():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ReturnRoundFactory(opens_on=date(2025, 10, 22), due_on=date(2025, 10, 1))


def test_database_refuses_a_round_closing_before_it_is_due():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ReturnRoundFactory(due_on=date(2025, 10, 22), closes_on=date(2025, 10, 21))


def test_database_refuses_moving_a_round_due_date_before_it_opens():
    round_ = f.ReturnRoundFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnRound.objects.filter(pk=round_.pk).update(due_on=date(2025, 9, 30))


def test_round_may_open_be_due_and_close_on_one_day():
    day = date(2025, 10, 1)

    f.ReturnRoundFactory(opens_on=day, due_on=day, closes_on=day)


def test_database_refuses_a_second_round_for_a_quarter():
    round_ = f.ReturnRoundFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ReturnRound.objects.create(
            period=round_.period,
            opens_on=round_.opens_on,
            due_on=round_.due_on,
            closes_on=round_.closes_on,
        )


# ---------------------------------------------------------------------------------------
# Returns


def test_database_refuses_a_second_return_for_the_same_outcome_in_a_round():
    quarterly_return = f.QuarterlyReturnFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        QuarterlyReturn.objects.bulk_create(
            [QuarterlyReturn(round=quarterly_return.round, outcome=quarterly_return.outcome)]
        )


def test_the_same_outcome_has_a_return_in_each_round():
    quarterly_return = f.QuarterlyReturnFactory()
    next_round = f.ReturnRoundFactory(
        period=f.period("2025-26-Q3"),
        opens_on=date(2026, 1, 2),
        due_on=date(2026, 1, 22),
        closes_on=date(2026, 2, 5),
    )

    f.QuarterlyReturnFactory(round=next_round, outcome=quarterly_return.outcome)

    assert quarterly_return.outcome.returns.count() == 2


def test_database_refuses_a_returned_return_with_no_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.QuarterlyReturnFactory(state=QuarterlyReturn.State.RETURNED, returned_reason="")


def test_database_refuses_sending_a_return_back_without_a_reason():
    quarterly_return = f.QuarterlyReturnFactory(state=QuarterlyReturn.State.SUBMITTED)

    with pytest.raises(IntegrityError), transaction.atomic():
        QuarterlyReturn.objects.filter(pk=quarterly_return.pk).update(
            state=QuarterlyReturn.State.RETURNED
        )


def test_returned_return_with_a_reason_is_accepted():
    quarterly_return = f.QuarterlyReturnFactory(
        state=QuarterlyReturn.State.RETURNED, returned_reason="The Q2 figure is missing."
    )

    assert quarterly_return.returned_reason


# ---------------------------------------------------------------------------------------
# Notifications


def test_database_refuses_a_second_notification_with_the_same_key():
    NotificationFactory(idempotency_key="return_reminder:2025-26-Q2:lead")

    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationFactory(idempotency_key="return_reminder:2025-26-Q2:lead")


# ---------------------------------------------------------------------------------------
# How each reads


def test_round_return_and_report_read_with_the_quarter():
    quarterly_return = f.QuarterlyReturnFactory(outcome=f.OutcomeFactory(code="CYP 2"))
    report = ExceptionReportFactory()
    ExceptionReport.objects.filter(pk=report.pk).update(created_at="2025-11-04T10:00:00Z")
    report.refresh_from_db()

    assert str(quarterly_return.round) == "Returns for Q2 2025-26"
    assert str(quarterly_return) == "CYP 2 return for Q2 2025-26"
    assert str(report) == "Exception report Q2 2025-26 (04 Nov 2025)"


def test_notification_reads_as_kind_and_address():
    notification = NotificationFactory.build(kind="return_reminder", email="lead@anycity.example")

    assert str(notification) == "return_reminder to lead@anycity.example"
