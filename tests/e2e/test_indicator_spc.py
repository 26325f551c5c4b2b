"""A PSB member reads an indicator's statistical process control chart (issue 16)."""

from decimal import Decimal

import pytest

from partnership.periods import Period, last_quarters
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# 16 quarters alternating 44 and 46, then a leap to 52: above the upper process limit.
SERIES = ["44", "46"] * 7 + ["44", "52"]


@pytest.fixture
def cyp(outcome):
    area = f.PartnershipAreaFactory()
    indicator = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 01", title="Children in good schools"
    )
    f.TargetFactory(indicator=indicator, area=area)
    quarters = last_quarters(Period.parse("2025-26-Q4"), len(SERIES))
    for quarter, amount in zip(quarters, SERIES, strict=True):
        f.IndicatorValueFactory(
            indicator=indicator, area=area, period=f.period(quarter.code), value=Decimal(amount)
        )
    return indicator


def test_psb_reads_the_spc_chart_and_its_words(sign_in, page, live_server, axe_check, cyp, psb):
    from playwright.sync_api import expect

    sign_in(page, "psb")
    page.goto(f"{live_server.url}/indicators/cyp-01/")
    section = page.locator("#spc")
    expect(section.get_by_role("heading", level=2)).to_have_text(
        "Signal or noise: statistical process control"
    )
    expect(page.locator("#spc-variation")).to_have_text("Special cause improvement")
    expect(page.locator("#spc-assurance")).to_have_text("Consistently fail")
    expect(page.locator("#spc-chart[data-drawn=true]")).to_have_count(1)
    expect(section.get_by_role("row", name="Q4 2025-26")).to_contain_text(
        "Special cause improvement"
    )
    # The special-cause point is drawn in another shape, not only another colour.
    common = page.locator("#spc-chart .scatterlayer .trace .points path").first
    special = page.locator("#spc-chart .scatterlayer .trace").last.locator(".points path")
    expect(special).to_have_count(1)
    common_shape, special_shape = common.get_attribute("d"), special.get_attribute("d")
    assert "A" in common_shape, common_shape  # a circle is drawn with arcs
    assert "A" not in special_shape, special_shape  # a diamond with straight lines
    expect(page.locator("#spc-chart .legend")).to_contain_text("Special cause improvement")
    axe_check(page)
