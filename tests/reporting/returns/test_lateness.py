"""Late returns are counted once, by one rule, and every page and email gives the same
figures for the same quarter and day: the PSB's start page, its exception dashboard, the
exception report as stored and as emailed, and the officer's list of returns."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from reporting.exception_reports.services import exception_report_send
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.lateness import quarter_late_counts, timeliness_of
from reporting.returns.selectors.returns_list import returns_page
from reporting.rules.timeliness import LateCounts, Timeliness
from tests import factories as f

pytestmark = pytest.mark.django_db
State = QuarterlyReturn.State
DUE = date(2025, 10, 22)
TODAY = date(2025, 11, 3)


def at(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 11, 0))


@pytest.fixture
def quarter(block, council, lead):
    """Q2 2025-26, due 22 October: two returns still missing, one submitted late (2
    November), one submitted on time and approved, one submitted on the day."""
    f.PartnershipAreaFactory()
    the_round = f.ReturnRoundFactory(
        period=f.period("2025-26-Q2"),
        opens_on=date(2025, 10, 1),
        due_on=DUE,
        closes_on=date(2025, 11, 20),
        state=ReturnRound.State.OPEN,
    )
    states = [
        (State.NOT_STARTED, None),
        (State.RETURNED, at(date(2025, 10, 20))),  # sent back: missing again
        (State.SUBMITTED, at(date(2025, 11, 2))),
        (State.APPROVED, at(date(2025, 10, 15))),
        (State.SUBMITTED, at(DUE)),
    ]
    for state, submitted_at in states:
        outcome = f.OutcomeFactory(block=block, lead_organisation=council, lead_person=lead)
        f.QuarterlyReturnFactory(
            round=the_round,
            outcome=outcome,
            state=state,
            submitted_at=submitted_at,
            returned_reason="Check the figure." if state == State.RETURNED else "",
        )
    return the_round


def test_the_quarter_counts_agree_with_each_return_judged(quarter):
    judged = [timeliness_of(r, today=TODAY) for r in quarter.returns.select_related("round")]

    counts = quarter_late_counts(period_id=quarter.period_id, today=TODAY)

    assert sorted(judged) == sorted(
        [
            Timeliness.LATE,
            Timeliness.LATE,
            Timeliness.SUBMITTED_LATE,
            Timeliness.ON_TIME,
            Timeliness.ON_TIME,
        ]
    )
    assert counts == LateCounts(missing=2, submitted_late=1)


def test_every_page_and_the_email_give_the_same_late_figures(
    client, quarter, psb, officer, mailoutbox, django_capture_on_commit_callbacks
):
    """The pages judge on the real today, later than TODAY: every return's judgement is
    settled by then (the missing ones are past due either way)."""
    expected = LateCounts(missing=2, submitted_late=1)

    client.force_login(psb)
    start = client.get("/").context["page"].psb
    dashboard = client.get("/exceptions/?period=2025-26-Q2").context["page"]
    with django_capture_on_commit_callbacks(execute=True):
        report = exception_report_send(period=quarter.period, today=TODAY)
    officer_list = returns_page(user=officer, today=TODAY).officer

    assert start.late == expected
    assert dashboard.late_returns == expected
    assert report.content["late_returns"] == {"late": 3, "missing": 2, "submitted_late": 1}
    [email] = mailoutbox
    assert "Late returns: 3 (2 missing, 1 submitted late)" in email.body
    assert officer_list.late == expected.missing
