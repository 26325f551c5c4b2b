"""The lead adds an action to an off-track target on the outcome's delivery plan, reports
its progress in the quarterly return, the board member sees it on the block's page, and
the PSB's dashboard no longer lists the target as off track with no action plan. Axe on
every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import slugify
from playwright.sync_api import expect

from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn, ReturnRound
from targets.models import Action, ActionUpdate
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import a_round, add_target

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NO_PLAN = "Off track with no action plan"


@pytest.fixture
def off_track(outcome, lead_role):
    """A red target in the published Q2 2025-26, and the lead's return open now."""
    published = a_round(state=ReturnRound.State.CLOSED)
    target = add_target(outcome, value=30, previous=35, last_year=38)
    f.QuarterlyReturnFactory(round=published, outcome=outcome, state=QuarterlyReturn.State.APPROVED)
    today = timezone.localdate()
    quarter = PeriodRef.latest_completed_quarter(today)
    open_round = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=10),
        due_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=20),
        state=ReturnRound.State.OPEN,
    )
    return target, f.QuarterlyReturnFactory(round=open_round, outcome=outcome)


def test_lead_plans_and_reports_an_action_and_the_board_and_psb_see_it(
    sign_in, page, axe_check, outcome, off_track, board, psb
):
    target, due = off_track
    code = target.indicator.code

    sign_in(page, "psb", "/exceptions/")
    expect(page.locator("main")).to_contain_text(NO_PLAN)
    axe_check(page)
    page.context.clear_cookies()

    plan = f"/outcomes/{slugify(outcome.code)}/"
    sign_in(page, "lead", plan)
    expect(page.get_by_role("heading", level=1)).to_contain_text(outcome.code)
    expect(page.locator("#no-plan-warning")).to_contain_text(code)
    axe_check(page)

    page.get_by_role("link", name=f"Add an action for {code}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
    expect(page.get_by_label(f"{code} {target.indicator.title}")).to_be_checked()
    axe_check(page)
    page.get_by_label("Action", exact=True).fill("Recruit two health visitors")
    page.get_by_label("Start date (optional)").fill("1/4/2026")
    page.get_by_label("Due date (optional)").fill("1/1/2026")  # before the start
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator("#error-summary")).to_contain_text("The due date must be the same as")
    expect(page.get_by_label("Action", exact=True)).to_have_value("Recruit two health visitors")
    axe_check(page)
    page.get_by_label("Due date (optional)").fill("31/3/2099")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator("#actions")).to_contain_text("Recruit two health visitors")
    expect(page.locator("#no-plan-warning")).to_have_count(0)
    axe_check(page)

    page.goto(f"/returns/{due.pk}/")
    action = Action.objects.get()
    section = page.locator(f"#return-action-{action.pk}")
    section.get_by_label("Status").select_option("on_track")
    section.get_by_label("Progress this quarter").fill("One health visitor starts in May")
    axe_check(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("draft")
    expect(section.get_by_label("Progress this quarter")).to_have_value(
        "One health visitor starts in May"
    )
    assert ActionUpdate.objects.get().progress == "One health visitor starts in May"
    page.context.clear_cookies()

    sign_in(page, "board", f"/blocks/{outcome.block.slug}/")
    actions = page.locator("#actions")
    expect(actions).to_contain_text("Recruit two health visitors")
    expect(actions).to_contain_text("Progress: One health visitor starts in May")
    expect(page.locator(f"#plan-state-{outcome.pk}")).not_to_contain_text(NO_PLAN)
    axe_check(page)
    page.context.clear_cookies()

    sign_in(page, "psb", "/exceptions/")
    expect(page.locator("main")).to_contain_text(code)
    expect(page.locator("main")).not_to_contain_text(NO_PLAN)
    axe_check(page)
