"""A board member reads an indicator by sub-area: the indicator page's "By sub-area" chart
drawn with its table, then the board's page of its block's indicators by sub-area; axe
finds nothing on either, and no script or style is refused."""

from decimal import Decimal

import pytest

from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def by_sub_area(outcome, block):
    area = f.PartnershipAreaFactory()
    north = f.SubAreaFactory(code="AC01", name="Anycity North", parent=area)
    south = f.SubAreaFactory(code="AC02", name="Anycity South", parent=area)
    cyp = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 01", title="Children in good schools"
    )
    f.IndicatorFactory(primary_outcome=outcome, code="CYP 02", title="School days")
    for code, whole, n, s in (("2025-26-Q3", "46", "50", "41"), ("2025-26-Q4", "48", "52", "39")):
        for place, amount in ((area, whole), (north, n), (south, s)):
            f.IndicatorValueFactory(
                indicator=cyp, area=place, period=f.period(code), value=Decimal(amount)
            )
    return block


def test_a_board_member_reads_an_indicator_by_sub_area(
    sign_in, page, axe_check, board, by_sub_area
):
    from playwright.sync_api import expect

    sign_in(page, "board", f"/blocks/{by_sub_area.slug}/")
    page.get_by_role("link", name="This block's indicators by sub-area").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicators by sub-area")
    table = page.locator("#sub-areas-table")
    expect(table.get_by_role("columnheader")).to_have_text(
        ["Indicator", "Period", "Anycity", "Anycity North", "Anycity South"]
    )
    row = table.get_by_role("row", name="CYP 01 Children in good schools")
    expect(row.get_by_role("cell")).to_have_text(["Q4 2025-26", "48.0%", "52.0%", "39.0%"])
    expect(page.locator("#without-sub-areas")).to_contain_text("CYP 02 School days")
    axe_check(page)

    table.get_by_role("link", name="CYP 01 Children in good schools").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CYP 01 Children in good schools")
    section = page.locator("#sub-areas")
    expect(section.get_by_role("heading", name="By sub-area")).to_be_visible()
    # plotly.js draws in its own time: a shared, busy machine can take longer than 5 s.
    expect(page.locator("#sub-areas-chart[data-drawn=true]")).to_have_count(1, timeout=60_000)
    expect(page.locator("#sub-areas-chart .main-svg").first).to_be_visible()
    expect(page.locator("#sub-areas-chart-summary")).to_contain_text(
        "best Anycity North (52.0%), worst Anycity South (39.0%)"
    )
    expect(section.locator("tbody th")).to_have_text(
        ["Anycity (partnership area)", "Anycity North", "Anycity South"]
    )
    south = section.get_by_role("row", name="Anycity South")
    expect(south.get_by_role("cell")).to_have_text(["39.0%", "41.0%", "Worsening"])
    north = section.get_by_role("row", name="Anycity North")
    expect(north.get_by_role("cell")).to_have_text(["52.0%", "50.0%", "Improving"])
    axe_check(page)
