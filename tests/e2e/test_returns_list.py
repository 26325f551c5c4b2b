"""An officer filters the round's returns, approves two at once, and manages rounds."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn, ReturnRound
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

State = QuarterlyReturn.State


@pytest.fixture
def round_to_review(outcome, other_outcome, block, council):
    """An open round, due two days ago: two returns submitted, one draft, one not started."""
    f.PartnershipAreaFactory()
    today = timezone.localdate()
    quarter = PeriodRef.latest_completed_quarter(today)
    open_round = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=20),
        due_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=10),
        state=ReturnRound.State.OPEN,
    )
    now = timezone.now()
    submitted = [
        f.QuarterlyReturnFactory(
            round=open_round, outcome=outcome, state=State.SUBMITTED, submitted_at=now
        ),
        f.QuarterlyReturnFactory(
            round=open_round, outcome=other_outcome, state=State.SUBMITTED, submitted_at=now
        ),
    ]
    f.QuarterlyReturnFactory(
        round=open_round,
        outcome=f.OutcomeFactory(block=block, lead_organisation=council),
        state=State.DRAFT,
    )
    f.QuarterlyReturnFactory(round=open_round, outcome=f.OutcomeFactory(block=block))
    return open_round, submitted


def test_officer_filters_to_submitted_and_approves_two_returns(
    sign_in, page, live_server, axe_check, officer, round_to_review
):
    _, submitted = round_to_review
    sign_in(page, "officer", "/returns/")

    expect(page).to_have_url(f"{live_server.url}/returns/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Returns")
    axe_check(page)

    page.get_by_label("State", exact=True).select_option("submitted")
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"state=submitted"))
    expect(page.get_by_text("2 of 4 returns match the filters")).to_be_visible()
    for quarterly_return in submitted:
        page.get_by_label(f"Select {quarterly_return.outcome.code} for approval").check()
    page.get_by_role("button", name="Approve selected returns").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Approved 2 returns")
    expect(page).to_have_url(re.compile(r"/returns/\?.*state=submitted"))  # the filtered list
    axe_check(page)
    for quarterly_return in submitted:
        quarterly_return.refresh_from_db()
        assert quarterly_return.state == State.APPROVED

    page.get_by_role("link", name="Manage rounds").click()

    expect(page).to_have_url(f"{live_server.url}/returns/rounds/")
    expect(page.get_by_role("heading", level=1, name="Rounds of returns")).to_be_visible()
    axe_check(page)

    # A mistake in the dates: the error summary, with the typed date kept.
    page.locator("#id_due_on_0").fill("31")
    page.locator("#id_due_on_1").fill("2")
    page.get_by_role("button", name="Open round").click()

    expect(page.locator(".govuk-error-summary")).to_contain_text("Due date must be a real date")
    assert page.locator("#id_due_on_0").input_value() == "31"
    axe_check(page)

    # Choosing another quarter fills in its usual dates (htmx), ready to open.
    page.get_by_role("link", name="Back to returns").click()
    page.get_by_role("link", name="Manage rounds").click()
    earlier = PeriodRef.latest_completed_quarter(timezone.localdate()).shift(-2)
    page.get_by_label("Quarter").select_option(earlier.code)
    opens_on = earlier.end_date + timedelta(days=1)
    expect(page.locator("#id_opens_on_1")).to_have_value(str(opens_on.month))
    page.get_by_role("button", name="Open round").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(f"Opened the round for {earlier.label}")
    assert ReturnRound.objects.get(period__code=earlier.code).opens_on == opens_on

    page.get_by_role("link", name=f"Close the round for {earlier.label}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Close the round for {earlier.label}?"
    )
    axe_check(page)
    page.get_by_role("button", name="Close round").click()
    expect(banner).to_contain_text(f"Closed the round for {earlier.label}")

    page.get_by_role("link", name=f"Extend the round for {earlier.label}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Extend the round for {earlier.label}"
    )
    axe_check(page)
