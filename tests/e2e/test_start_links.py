"""From the start page, each role opens what it should act on: the lead their due return,
an officer the returns a count counts, the PSB the late returns on its dashboard, and
scrutiny the latest published quarter's exceptions; axe finds nothing on each page."""

from __future__ import annotations

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
def late_round(outcome, other_outcome):
    """An open round, due two days ago: the council's return not started (late), the
    police's submitted; the quarter before closed with both returns approved."""
    today = timezone.localdate()
    quarter = PeriodRef.latest_completed_quarter(today)
    open_round = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=20),
        due_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=10),
        state=ReturnRound.State.OPEN,
    )
    late = f.QuarterlyReturnFactory(round=open_round, outcome=outcome)
    f.QuarterlyReturnFactory(
        round=open_round, outcome=other_outcome, state=State.SUBMITTED, submitted_at=timezone.now()
    )
    earlier = f.ReturnRoundFactory(
        period=f.period(quarter.previous().code), state=ReturnRound.State.CLOSED
    )
    for o in (outcome, other_outcome):
        f.QuarterlyReturnFactory(round=earlier, outcome=o, state=State.APPROVED)
    return late


def test_the_lead_opens_their_due_return_from_the_start_page(
    sign_in, page, live_server, axe_check, due_return
):
    outcome = due_return.outcome
    sign_in(page, "lead")

    expect(page.get_by_role("heading", level=2, name="Your returns")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=f"{outcome.code} {outcome.title}").click()

    expect(page).to_have_url(f"{live_server.url}/returns/{due_return.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{outcome.code} {outcome.title}")
    axe_check(page)


def test_an_officer_opens_a_count_and_lands_on_the_filtered_list(
    sign_in, page, live_server, axe_check, officer, late_round
):
    code = late_round.round.period.code
    sign_in(page, "officer")

    counts = page.locator("#officer").get_by_role("list", name="Returns by state")
    axe_check(page)
    counts.get_by_role("link", name="1 Submitted").click()

    expect(page).to_have_url(f"{live_server.url}/returns/?round={code}&state=submitted")
    expect(page.get_by_label("State", exact=True)).to_have_value("submitted")
    axe_check(page)

    page.go_back()
    page.get_by_role("link", name="See the late returns in the list of returns").click()

    expect(page).to_have_url(f"{live_server.url}/returns/?round={code}&late=on")
    expect(page.get_by_label("Late returns only")).to_be_checked()
    outcome = late_round.outcome
    expect(page.get_by_role("link", name=f"{outcome.code} {outcome.title}")).to_be_visible()


def test_the_psb_opens_the_late_returns_on_its_dashboard(
    sign_in, page, live_server, axe_check, psb, late_round
):
    code = late_round.round.period.code
    sign_in(page, "psb")

    axe_check(page)
    page.locator("#psb").get_by_role("link", name="Late returns").click()

    expect(page).to_have_url(f"{live_server.url}/exceptions/?period={code}#exceptions")
    expect(page.get_by_role("heading", level=2, name="Exceptions by block")).to_be_visible()
    expect(page.get_by_text(f"{late_round.outcome.title}").first).to_be_visible()
    axe_check(page)


def test_scrutiny_sees_the_published_quarter_and_opens_its_exceptions_and_a_block(
    sign_in, page, live_server, axe_check, scrutiny, block, late_round
):
    published = PeriodRef.parse(late_round.round.period.code).previous()
    sign_in(page, "scrutiny")

    section = page.locator("#scrutiny")
    expect(section).to_contain_text(
        f"The latest published quarter is {published.label}, with 2 approved returns."
    )
    expect(section.get_by_role("link", name="Indicators")).to_have_attribute("href", "/indicators/")
    axe_check(page)
    section.get_by_role("link", name=f"Exceptions for {published.label}").click()

    expect(page).to_have_url(f"{live_server.url}/exceptions/?period={published.code}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Exceptions for {published.label}")
    axe_check(page)

    page.go_back()
    page.locator("#published-blocks").get_by_role("link", name=block.name).click()

    expect(page).to_have_url(f"{live_server.url}/blocks/{block.slug}/?period={published.code}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{block.name} {published.label}")
    axe_check(page)
