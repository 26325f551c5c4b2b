"""A PSB member reads the exception dashboard, filters it to one block, opens an exception
and reaches the indicator's page with its chart drawn; axe finds nothing on each page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from reporting.models import QuarterlyReturn, ReturnRound
from targets.models import Target
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import Q2, a_round, add_target

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DRAWN = ".app-chart__plot[data-drawn=true]"


@pytest.fixture
def quarter_with_exceptions(outcome, other_outcome, police):
    """Q2 2025-26: a red stretch target in each block, with a year of approved values, one
    outcome's return approved with commentary and the other's still in draft (late)."""
    the_round = a_round(state=ReturnRound.State.CLOSED)
    targets = {
        "council": add_target(
            outcome, value=41, previous=43, last_year=44, kind=Target.Kind.STRETCH
        ),
        "police": add_target(other_outcome, value=30, previous=35, last_year=38),
    }
    area = f.PartnershipAreaFactory()
    for target in targets.values():
        for code, value in (("2024-25-Q3", "42"), ("2024-25-Q4", "43")):
            f.IndicatorValueFactory(
                indicator=target.indicator, area=area, period=f.period(code), value=Decimal(value)
            )
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=QuarterlyReturn.State.APPROVED,
        progress_summary="Behind because two health visitor posts are vacant",
        concerns_and_actions="Both posts are advertised",
        forecast_rag="amber",
    )
    f.QuarterlyReturnFactory(round=the_round, outcome=other_outcome)
    return targets


def test_psb_member_filters_to_a_block_and_opens_an_exception(
    sign_in, page, live_server, axe_check, psb, block, quarter_with_exceptions
):
    council = quarter_with_exceptions["council"].indicator
    police = quarter_with_exceptions["police"].indicator

    sign_in(page, "psb", "/exceptions/")

    assert page.url == f"{live_server.url}/exceptions/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Exceptions for Q2 2025-26")
    page.wait_for_selector(DRAWN)
    expect(page.get_by_role("link", name=f"{police.code} {police.title}")).to_be_visible()
    axe_check(page)

    page.get_by_label("Block", exact=True).select_option(label=block.name)
    page.get_by_role("button", name="Apply filters").click()

    # The choice is kept in the address, to share.
    assert page.url.startswith(f"{live_server.url}/exceptions/?period={Q2}&block={block.slug}&")
    expect(page.locator("#filters-applied")).to_contain_text(f"in {block.name}")
    expect(page.get_by_role("link", name=f"{police.code} {police.title}")).to_have_count(0)
    expect(page.get_by_text("Behind because two health visitor posts are vacant")).to_be_visible()
    page.wait_for_selector(DRAWN)
    axe_check(page)

    page.get_by_role("link", name=f"{council.code} {council.title}").click()

    assert page.url == f"{live_server.url}/indicators/{council.slug}/"
    expect(page.get_by_role("heading", level=1)).to_contain_text(council.code)
    page.wait_for_selector(f".app-chart__plot .main-svg, {DRAWN}")
    axe_check(page)


def test_psb_member_reads_a_blocks_board_view_and_opens_a_target(
    sign_in, page, live_server, axe_check, psb, block, quarter_with_exceptions
):
    council = quarter_with_exceptions["council"].indicator

    sign_in(page, "psb", "/blocks/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Blocks")
    axe_check(page)

    page.get_by_role("link", name=block.name).click()

    assert page.url == f"{live_server.url}/blocks/{block.slug}/?period={Q2}"
    page.wait_for_selector(DRAWN)
    expect(page.get_by_role("heading", name="Balanced scorecard")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name=f"{council.code} {council.title}").click()

    assert page.url == f"{live_server.url}/indicators/{council.slug}/"
    page.wait_for_selector(f".app-chart__plot .main-svg, {DRAWN}")


def test_psb_member_filters_to_signals_and_sees_which_amber_is_noise(
    sign_in, page, live_server, axe_check, psb, outcome, other_outcome
):
    """Statistical process control on the dashboard: a green target falling for seven
    quarters is listed for its special cause concern, a common-cause amber is marked as no
    signal to react to, and "signals only" keeps the first and drops the second."""
    from tests.reporting.dashboards.test_exceptions_spc import (
        FALLING_GREEN,
        NOISY_AMBER,
        with_series,
    )

    a_round(state=ReturnRound.State.CLOSED)
    falling = with_series(outcome, FALLING_GREEN).indicator
    noisy = with_series(other_outcome, NOISY_AMBER).indicator

    sign_in(page, "psb", "/exceptions/")

    falling_row = page.get_by_role("row").filter(has_text=falling.title)
    expect(falling_row).to_contain_text("Listed because: Worsening, Special cause concern")
    noisy_row = page.get_by_role("row").filter(has_text=noisy.title)
    expect(noisy_row).to_contain_text("Amber, common cause: no signal to react to")
    page.wait_for_selector(DRAWN)
    axe_check(page)

    page.get_by_label("Signals only").check()
    page.get_by_role("button", name="Apply filters").click()

    assert "signals=on" in page.url
    expect(page.locator("#filters-applied")).to_contain_text("with a signal")
    expect(page.get_by_role("link", name=f"{falling.code} {falling.title}")).to_be_visible()
    expect(page.get_by_role("link", name=f"{noisy.code} {noisy.title}")).to_have_count(0)
    page.wait_for_selector(DRAWN)
    axe_check(page)
