"""Issue 10's journey in real Chromium, axe on every page: the owner reviews a risk and
raises its score past the board's threshold; the board member finds it proposed on the
board view, confirms with a reason; it is on the board view as the block's risk and its
owner is emailed once; later the PSB member declines a proposal with a reason, and the
decision shows on the risk's page."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from reporting.models import QuarterlyReturn
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import a_round, add_target

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_risk_goes_up_to_the_board_and_the_psb_declines_it(
    sign_in, page, axe_check, outcome, block, lead, lead_role, board, psb
):
    lead.email = "lead@council.example"
    lead.save()
    the_round = a_round()
    add_target(outcome, value=50, last_year=45)
    f.QuarterlyReturnFactory(round=the_round, outcome=outcome, state=QuarterlyReturn.State.APPROVED)
    risk = f.RiskFactory(
        title="School places fall short", outcome=outcome, owner=lead,
        current_likelihood=3, current_impact=4,
    )  # fmt: skip  # 12: below the board's threshold of 15

    # The owner reviews it: the impact rises to 5, the score to 15.
    sign_in(page, "lead", next_url=f"/risks/{risk.pk}/")
    page.get_by_role("link", name="Review this risk").click()
    axe_check(page)
    page.locator("#id_impact_4").check()
    page.get_by_label("Note (optional)").fill("Two schools closing in September")
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator("#scores")).to_contain_text("15 Very high")
    expect(page.locator("#proposal-explanation")).to_contain_text(
        "Proposed for escalation to the partnership board because its score of 15 reached "
        "the threshold of 15."
    )
    axe_check(page)

    # The board member sees it proposed on the board view and confirms it with a reason.
    page.context.clear_cookies()
    sign_in(page, "board", next_url=f"/blocks/{block.slug}/")
    proposed = page.locator("#proposed-risks")
    expect(proposed).to_contain_text("School places fall short")
    axe_check(page)
    proposed.get_by_role("link", name="Decide on School places fall short").click()
    page.get_by_label("Confirm the move").check()
    page.get_by_label("Why").fill("Places across the block: the board will hold it")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "moved to the partnership board"
    )
    axe_check(page)

    page.goto(f"/blocks/{block.slug}/")
    risks = page.locator("#risks")
    expect(risks).to_contain_text("School places fall short")
    expect(risks).to_contain_text("Block (partnership board)")
    expect(page.locator("#proposed-risks")).to_contain_text("No risk is proposed to the board.")
    axe_check(page)
    to_owner = [m for m in mail.outbox if m.to == ["lead@council.example"]]
    assert len(to_owner) == 1
    assert "School places fall short" in to_owner[0].subject + to_owner[0].body

    # Later its score reaches the PSB's threshold: the PSB member declines with a reason.
    risk.refresh_from_db()
    page.context.clear_cookies()
    sign_in(page, "lead", next_url=f"/risks/{risk.pk}/review/")
    page.locator("#id_likelihood_3").check()  # 4 x 5 = 20
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator("#proposal-explanation")).to_contain_text("Public Service Board")

    page.context.clear_cookies()
    sign_in(page, "psb", next_url="/exceptions/")
    expect(page.locator("#proposed-risks")).to_contain_text("School places fall short")
    axe_check(page)
    page.locator("#proposed-risks").get_by_role(
        "link", name="Decide on School places fall short"
    ).click()
    page.get_by_label("Decline: the risk stays where it is").check()
    page.get_by_label("Why").fill("The board has a recovery plan")
    page.get_by_role("button", name="Save the decision").click()
    proposals = page.locator("#proposals")
    expect(proposals).to_contain_text("Declined")
    expect(proposals).to_contain_text("The board has a recovery plan")
    axe_check(page)
