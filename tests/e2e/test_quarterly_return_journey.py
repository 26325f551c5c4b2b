"""The whole quarterly return, in a real browser, across the people who handle it.

The lead enters values and sees RAG appear, saves a draft and submits; the officer sends
it back with a reason; the lead corrects it and submits again; the officer approves it;
a board member then sees the approved values. axe checks every page on the way.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.enums import Unit
from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn, ReturnRound
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def due_return(outcome, lead_role, officer, board):
    """The lead's return for the latest completed quarter, due in ten days."""
    today = timezone.localdate()
    quarter = PeriodRef.latest_completed_quarter(today)
    area = f.PartnershipAreaFactory()
    share = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")
    f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 02",
        title="Young people in training",
        unit=Unit.NUMBER,
        decimal_places=0,
    )
    target = f.TargetFactory(
        indicator=share,
        area=area,
        baseline_period=f.period(quarter.year().previous().code),
        target_period=f.period(quarter.year().next().code),
    )
    f.MilestoneFactory(target=target, period=f.period(quarter.code), value=Decimal("45"))
    # The previous quarter, so that a typed value has something to be compared with.
    f.IndicatorValueFactory(indicator=share, area=area, period=f.period(quarter.previous().code))
    open_round = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=10),
        due_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=20),
        state=ReturnRound.State.OPEN,
    )
    return f.QuarterlyReturnFactory(round=open_round, outcome=outcome)


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_return_goes_from_lead_to_officer_and_back_until_the_board_sees_it(
    page, axe_check, due_return, outcome
):
    from playwright.sync_api import expect

    quarter = due_return.round.period.label
    value_of = f"CYP 01 value for {quarter}"
    count_of = f"CYP 02 value for {quarter}"
    review_url = f"/returns/{due_return.pk}/"
    share = outcome.primary_indicators.get(code="CYP 01")

    # The lead finds the return that is due and opens it.
    sign_in(page, "lead")
    page.goto("/returns/")
    axe_check(page)
    page.get_by_role("link", name=f"{outcome.code}").first.click()
    expect(page).to_have_url(re.compile(f"{review_url}$"))
    axe_check(page)

    # Values typed show their RAG at once; a draft is saved, then the return submitted.
    page.get_by_label(value_of).fill("44")
    expect(page.locator(f"#status-{share.pk}")).to_contain_text("Amber")
    page.get_by_label(value_of).fill("47")
    expect(page.locator(f"#status-{share.pk}")).to_contain_text("Green")
    page.get_by_label(count_of).fill("12")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("draft")
    page.get_by_role("button", name="Submit return").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("submitted")
    axe_check(page)
    sign_out(page)

    # The officer sends it back with a reason.
    sign_in(page, "officer")
    page.goto(review_url)
    axe_check(page)
    page.get_by_role("button", name="Send back to the lead").click()  # no reason yet
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.get_by_label("Why are you sending it back?").fill("CYP 02 looks like last year's figure.")
    page.get_by_role("button", name="Send back to the lead").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("sent back")
    sign_out(page)

    # The lead sees the reason, corrects the value and submits again.
    sign_in(page, "lead")
    page.goto(review_url)
    expect(page.locator("#returned-reason")).to_contain_text("last year's figure")
    axe_check(page)
    page.get_by_label(count_of).fill("14")
    page.get_by_role("button", name="Submit return").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("submitted")
    sign_out(page)

    # The officer approves it.
    sign_in(page, "officer")
    page.goto(review_url)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("approved")
    axe_check(page)
    sign_out(page)
    due_return.refresh_from_db()
    assert due_return.state == QuarterlyReturn.State.APPROVED

    # A board member now sees the approved values, read only.
    sign_in(page, "board")
    page.goto(review_url)
    expect(page.get_by_text("47.0").first).to_be_visible()
    expect(page.get_by_text("14").first).to_be_visible()
    assert page.get_by_role("button", name="Save draft").count() == 0
    axe_check(page)


def test_the_board_cannot_open_the_return_while_it_is_a_draft(page, due_return, board):
    sign_in(page, "board")
    response = page.goto(f"/returns/{due_return.pk}/")
    assert response.status == 404
