"""A board member opens their block's board view: the heading and the browser's tab name
the block, on screen and printed, and axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reporting.models import QuarterlyReturn
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import a_round, add_target

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def board_quarter(block, outcome):
    """Q2 2025-26 for the block: one target, its outcome's return approved."""
    block.description = "Every child safe, healthy and ready to learn"
    block.save()
    the_round = a_round()
    add_target(outcome, value=50, last_year=45)
    f.QuarterlyReturnFactory(round=the_round, outcome=outcome, state=QuarterlyReturn.State.APPROVED)
    return the_round


def test_the_board_view_is_headed_and_titled_with_the_blocks_name(
    sign_in, page, live_server, axe_check, board, block, board_quarter
):
    sign_in(page, "board", f"/blocks/{block.slug}/")

    assert page.url == f"{live_server.url}/blocks/{block.slug}/"
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"{block.name} Q2 2025-26")
    assert page.title() == f"{block.name} – Q2 2025-26 – Partnership Performance"
    expect(page.get_by_text("Every child safe, healthy and ready to learn")).to_be_visible()
    assert "content" not in heading.inner_text()
    axe_check(page)

    # Printed, the board paper keeps its heading (the header and menu go).
    page.emulate_media(media="print")
    expect(heading).to_be_visible()
    expect(heading).to_have_text(f"{block.name} Q2 2025-26")
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(page.locator(".govuk-breadcrumbs")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".govuk-header")).to_be_visible()
