"""A PSB member finds an indicator, opens it, and reads its trend chart."""

from decimal import Decimal
from urllib.parse import urlparse

import pytest

from partnership.models import Area
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUARTERS = ("2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4")


@pytest.fixture
def indicators(outcome, other_outcome):
    """CYP 01 with a target, and values for Anycity, two comparators, the region and England;
    and a second indicator for the search to leave out."""
    area = f.PartnershipAreaFactory()
    others = [
        f.AreaFactory(code="E06000001", name="Northbridge", kind=Area.Kind.COMPARATOR),
        f.AreaFactory(code="E06000002", name="Southmoor", kind=Area.Kind.COMPARATOR),
        f.AreaFactory(code="E12000099", name="North Midlands", kind=Area.Kind.REGION),
        f.AreaFactory(code="E92000001", name="England", kind=Area.Kind.ENGLAND),
    ]
    cyp = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 01", title="Children in good schools"
    )
    f.TargetFactory(indicator=cyp, area=area)
    for n, code in enumerate(QUARTERS):
        f.IndicatorValueFactory(
            indicator=cyp, area=area, period=f.period(code), value=Decimal(41 + 2 * n)
        )
        for m, other in enumerate(others):
            f.IndicatorValueFactory(
                indicator=cyp, area=other, period=f.period(code), value=Decimal(44 + m)
            )
    f.IndicatorFactory(primary_outcome=other_outcome, code="SSC 01", title="Crime")
    return cyp


def test_psb_searches_for_an_indicator_and_reads_its_trend(
    sign_in, page, live_server, axe_check, indicators, psb
):
    from playwright.sync_api import expect

    sign_in(page, "psb")
    page.get_by_role("link", name="Indicators").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicators")
    expect(page.get_by_role("link", name="SSC 01")).to_be_visible()
    axe_check(page)

    page.get_by_label("Search indicators").fill("good schools")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#indicator-count")).to_contain_text("1 indicator matches")
    expect(page.get_by_role("link", name="SSC 01")).to_have_count(0)
    axe_check(page)

    page.get_by_role("link", name="CYP 01").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CYP 01 Children in good schools")
    expect(page.locator("#trend-chart[data-drawn=true]")).to_have_count(1)
    expect(page.locator("#trend-chart .main-svg").first).to_be_visible()
    expect(page.locator("#projection-text")).to_contain_text("by 2026-27")
    expect(page.get_by_role("row", name="Northbridge")).to_be_visible()
    axe_check(page)

    fetched = [urlparse(url) for url in page.requested_urls]
    hosts = {url.hostname for url in fetched if url.scheme in ("http", "https", "ws", "wss")}
    assert hosts <= {"localhost", "127.0.0.1"}, f"requests left the server: {hosts}"
    assert any("/static/plotly/" in url for url in page.requested_urls)
