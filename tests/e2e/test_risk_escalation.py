"""The escalation route in the browser: a board member finds a risk proposed to the board,
gets the error state on the way, confirms with a reason and sees its new level; a PSB
member declines a proposal with a reason and the decision shows on the risk's page. Axe on
Risks proposed to us, a risk's page with a proposal, and the error state."""

import pytest

from risks.rules import RiskLevel
from risks.services.escalation import refresh_proposal
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_board_member_confirms_and_a_psb_member_declines(
    sign_in, page, axe_check, outcome, block, board, psb, lead
):
    from playwright.sync_api import expect

    to_board = f.RiskFactory(
        title="School places fall short",
        outcome=outcome,
        owner=lead,
        current_likelihood=4,
        current_impact=4,
    )  # 16: proposed to the board
    refresh_proposal(to_board)
    to_psb = f.RiskFactory(
        title="Partners withdraw funding",
        level=RiskLevel.BLOCK,
        outcome=None,
        block=block,
        current_likelihood=5,
        current_impact=4,
    )  # 20: proposed to the PSB
    refresh_proposal(to_psb)

    sign_in(page, "board", next_url="/risks/")
    page.get_by_role("link", name="Risks proposed to you for a decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risks proposed to you")
    axe_check(page)
    page.get_by_role("link", name="School places fall short").click()
    expect(page.locator("#proposal-explanation")).to_contain_text(
        "Proposed for escalation to the partnership board because its score of 16 reached "
        "the threshold of 15."
    )
    axe_check(page)

    page.get_by_label("Confirm the move").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Say why you confirm or decline the proposal"
    )
    expect(page.get_by_label("Confirm the move")).to_be_checked()
    axe_check(page)
    page.get_by_label("Why").fill("Places across the block: the board will hold it")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "moved to the partnership board"
    )
    expect(page.locator(".govuk-caption-l").first).to_have_text("Block (partnership board) risk")
    expect(page.locator("#escalations")).to_contain_text("the board will hold it")
    axe_check(page)

    page.context.clear_cookies()
    sign_in(page, "psb", next_url="/risks/proposed/")
    page.get_by_role("link", name="Partners withdraw funding").click()
    page.get_by_label("Decline: the risk stays where it is").check()
    page.get_by_label("Why").fill("The board has a recovery plan")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("declined")
    proposals = page.locator("#proposals")
    expect(proposals).to_contain_text("Declined")
    expect(proposals).to_contain_text("The board has a recovery plan")
    expect(page.locator("#decision-form")).to_have_count(0)
    axe_check(page)
