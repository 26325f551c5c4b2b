"""The whole quarterly return, in a real browser, across the people who handle it.

The lead enters values and sees RAG appear, saves a draft and submits; the officer sends
it back with a reason; the lead corrects it and submits again; the officer approves it;
a board member then sees the approved values. axe checks every page on the way.
"""

import re

import pytest

from indicators.models import Indicator
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def due_return(due_return, officer, board):
    """The shared due return, with the previous quarter's value so that a typed value has
    something to be compared with."""
    quarter = PeriodRef.parse(due_return.round.period.code)
    share = Indicator.objects.get(code="CYP 01")
    f.IndicatorValueFactory(
        indicator=share,
        area=Area.objects.get(kind=Area.Kind.PARTNERSHIP),
        period=f.period(quarter.previous().code),
    )
    return due_return


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_a_return_goes_from_lead_to_officer_and_back_until_the_board_sees_it(
    sign_in, page, axe_check, due_return, outcome
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
    # Sent back, it is the lead's to correct: the officer reads it, with no form to submit.
    expect(page.locator("#for-lead")).to_contain_text("You are not the lead for this return")
    assert page.get_by_role("button", name="Submit return").count() == 0
    axe_check(page)
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


def test_the_board_cannot_open_the_return_while_it_is_a_draft(sign_in, page, due_return, board):
    sign_in(page, "board")
    response = page.goto(f"/returns/{due_return.pk}/")
    assert response.status == 404
