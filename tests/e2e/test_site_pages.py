"""The site's own "Page not found" and "You cannot see this page", in the GOV.UK layout,
as under ``make run`` (DEBUG on); axe finds nothing on either."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reporting.models import QuarterlyReturn, ReturnRound
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

State = QuarterlyReturn.State


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_a_draft_return_opened_by_scrutiny_is_the_sites_page_not_found(
    sign_in, page, live_server, axe_check, debug_on, scrutiny, outcome
):
    draft = f.QuarterlyReturnFactory(
        round=f.ReturnRoundFactory(period=f.period("2025-26-Q2")),
        outcome=outcome,
        state=State.DRAFT,
    )

    sign_in(page, "scrutiny", f"/returns/{draft.pk}/")

    assert page.url == f"{live_server.url}/returns/{draft.pk}/"
    assert page.title() == "Page not found – Partnership Performance"
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Go to your start page").click()
    assert page.url == f"{live_server.url}/"


def test_a_page_one_may_not_use_is_the_sites_you_cannot_see_this_page(
    sign_in, page, live_server, axe_check, debug_on, scrutiny, other_outcome
):
    approved = f.QuarterlyReturnFactory(
        round=f.ReturnRoundFactory(period=f.period("2025-26-Q1"), state=ReturnRound.State.CLOSED),
        outcome=other_outcome,
        state=State.APPROVED,
    )

    sign_in(page, "scrutiny", f"/returns/{approved.pk}/upload/")

    assert page.title() == "You cannot see this page – Partnership Performance"
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    expect(page.get_by_text("You cannot change this return.")).to_be_visible()
    axe_check(page)
