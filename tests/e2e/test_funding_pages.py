"""The funding pages in the browser: the list with its chart and tables, a stream with the
actions drawing on it, the performance team's edit (its error state, then the saved
amounts and the history), and the board view's Resources. Axe on each."""

import pytest
from playwright.sync_api import expect

from partnership.models import FundingStream
from tests.reporting.funding.conftest import make_action, make_stream, this_year, years
from tests.reporting.scorecard.test_scorecard import Q2, a_round

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def funded(block, outcome, council):
    y = years()
    pooled = make_stream("Area Based Grant", kind="pooled", block=block, provider=council,
                         amounts={y[0]: 1_000_000, y[1]: 1_100_000, y[2]: 1_200_000})  # fmt: skip
    aligned = make_stream("Early Years Grant", outcome=outcome, provider=council,
                          amounts={y[1]: 250_000, y[2]: 300_000})  # fmt: skip
    make_action(aligned, outcome=outcome, amount=120_000, description="Door knocking")
    return {"pooled": pooled, "aligned": aligned}


def test_scrutiny_reads_the_funding_streams_and_a_stream(
    sign_in, page, axe_check, funded, scrutiny
):
    sign_in(page, "scrutiny", next_url="/funding/")
    expect(page.get_by_role("heading", name="Funding streams", level=1)).to_be_visible()
    expect(page.locator("#funding-chart[data-drawn=true]")).to_have_count(1, timeout=20_000)
    expect(page.locator("#partnership-totals")).to_contain_text("£1,500,000")
    expect(page.get_by_role("link", name="Add a funding stream")).to_have_count(0)
    axe_check(page)

    page.get_by_role("link", name="Early Years Grant").click()
    expect(page.locator("#actions")).to_contain_text("Door knocking")
    expect(page.locator("#actions")).to_contain_text("£120,000")
    expect(page.locator("#history")).to_contain_text("Recorded")
    axe_check(page)


def test_an_officer_edits_a_streams_amounts(sign_in, page, axe_check, funded, officer):
    stream = funded["aligned"]
    year, next_year = this_year().code, this_year().next().code
    sign_in(page, "officer", next_url=f"/funding/{stream.pk}/")
    page.get_by_role("link", name="Edit the stream and its amounts").click()
    axe_check(page)

    page.locator("#id_amount_1").fill("-10")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The amount cannot be negative")
    expect(page.locator("#id_amount_1")).to_have_value("-10")
    axe_check(page)

    page.locator("#id_amount_1").fill("£325,000")
    page.locator("#id_year_2").select_option(next_year)
    page.locator("#id_amount_2").fill("340000")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("have been saved")
    amounts = page.locator("#amounts")
    expect(amounts).to_contain_text("£325,000")
    expect(amounts).to_contain_text(next_year)
    expect(page.locator("#history")).to_contain_text(f"Amount for {year}")
    expect(page.locator("#history")).to_contain_text("£300,000 to £325,000")
    axe_check(page)
    assert FundingStream.objects.get(pk=stream.pk).version == 2


def test_the_board_view_shows_its_resources(sign_in, page, axe_check, funded, block, board):
    a_round()
    sign_in(page, "board", next_url=f"/blocks/{block.slug}/?period={Q2}")
    resources = page.locator("#resources")
    expect(resources).to_contain_text("£1,500,000")
    expect(resources).to_contain_text("£300,000 aligned and £1,200,000 pooled")
    axe_check(page)
    resources.get_by_role("link", name="Every funding stream, by year").click()
    expect(page).to_have_url(f"/funding/#block-{block.slug}")
