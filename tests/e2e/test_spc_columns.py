"""A board member reads what statistical process control says beside each RAG rating
(issue 16, points 3 and 4): the board view's Variation and Assurance columns and their
key, then the list of indicators filtered by variation; axe finds nothing on either."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from targets.spc import Assurance, Variation
from tests.reporting.dashboards.test_board_spc import STEADY_HIGH
from tests.reporting.dashboards.test_exceptions_spc import FALLING_GREEN, STEADY_RED, with_series
from tests.reporting.scorecard.test_scorecard import a_round

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def series(outcome):
    a_round()
    return {
        "falling green": with_series(outcome, FALLING_GREEN),
        "steady red": with_series(outcome, STEADY_RED),
        "steady green": with_series(outcome, STEADY_HIGH),
    }


def test_a_board_member_reads_variation_and_assurance_and_filters_the_indicators(
    sign_in, page, live_server, axe_check, board, block, series
):
    sign_in(page, "board", f"/blocks/{block.slug}/")

    falling = page.locator(f"#target-{series['falling green'].indicator.slug}")
    expect(falling.get_by_role("cell", name=Variation.CONCERN.label)).to_be_visible()
    expect(falling.get_by_role("cell", name=Assurance.HIT_AND_MISS.label)).to_be_visible()
    red = page.locator(f"#target-{series['steady red'].indicator.slug}")
    expect(red.get_by_role("cell", name=Assurance.FAIL.label)).to_be_visible()
    key = page.locator("#spc-key")
    key.get_by_text("What the Variation and Assurance columns mean").click()
    expect(
        key.get_by_text("The target is outside the process limits on the wrong side")
    ).to_be_visible()
    axe_check(page)

    page.goto("/indicators/")
    page.get_by_label("Variation").select_option(label=Variation.CONCERN.label)
    page.get_by_role("button", name="Search").click()

    assert "variation=special_cause_concern" in page.url
    rows = page.locator("tbody .govuk-table__row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(series["falling green"].indicator.code)
    expect(rows.first).to_contain_text(Variation.CONCERN.label)
    expect(page.locator("#indicator-count")).to_contain_text("variation: special cause concern")
    axe_check(page)

    page.goto("/indicators/?variation=nonsense")
    expect(page.get_by_role("alert")).to_contain_text("Select a variation from the list")
    axe_check(page)
