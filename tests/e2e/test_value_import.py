"""The performance officer imports a wide comparator table: preview, a missing comparator
area added from the preview, save, and the indicator page shows the new comparator."""

from decimal import Decimal

import pytest

from indicators.models import IndicatorValue, ValueImport
from partnership.models import Area
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUARTERS = ("2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4")
WIDE = (
    b"Area Code,Area Name,Q1 2025-26,Q2 2025-26,Q3 2025-26,Q4 2025-26\r\n"
    b"E06000001,Northbridge,44,45,46,47\r\n"
    b"E06000003,Redcar and Cleveland,38,39,40,41\r\n"
)


@pytest.fixture
def indicator(outcome):
    area = f.PartnershipAreaFactory()
    f.AreaFactory(code="E06000001", name="Northbridge", kind=Area.Kind.COMPARATOR)
    f.AreaFactory(code="E12000099", name="North Midlands", kind=Area.Kind.REGION)
    cyp = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 01", title="Children in good schools"
    )
    f.TargetFactory(indicator=cyp, area=area)
    for n, code in enumerate(QUARTERS):
        f.IndicatorValueFactory(
            indicator=cyp, area=area, period=f.period(code), value=Decimal(41 + 2 * n)
        )
    return cyp


def test_officer_imports_a_wide_comparator_table(sign_in, page, axe_check, indicator, officer):
    from playwright.sync_api import expect

    sign_in(page, "officer", next_url="/data/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import values")
    axe_check(page)

    page.get_by_label("Choose a file").set_input_files(
        files=[{"name": "comparators.csv", "mimeType": "text/csv", "buffer": WIDE}]
    )
    page.get_by_label("Indicator (for the wide layout)").select_option("CYP 01")
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview of comparators.csv")
    expect(page.locator("#preview-counts")).to_contain_text("4 values to add")
    expect(page.locator("#preview-counts")).to_contain_text("1 unknown area")
    expect(page.get_by_role("button", name="Save these values")).to_have_count(0)
    axe_check(page)

    page.get_by_label("Part of", exact=True).select_option(label="North Midlands (region)")
    page.get_by_role("button", name="Add E06000003 as an area").click()
    expect(page.get_by_text("Redcar and Cleveland (E06000003) has been added")).to_be_visible()
    expect(page.locator("#preview-counts")).to_contain_text("8 values to add")
    axe_check(page)

    page.get_by_role("button", name="Save these values").click()
    expect(page.get_by_text("Saved: 8 values added")).to_be_visible()
    expect(page.locator("#import-status")).to_contain_text("Saved")
    axe_check(page)
    record = ValueImport.objects.get()
    assert IndicatorValue.objects.filter(area__code="E06000003", is_approved=True).count() == 4
    assert Area.objects.get(code="E06000003").parent.name == "North Midlands"

    page.goto("/data/imports/")
    expect(page.get_by_role("link", name=f"#{record.pk} comparators.csv")).to_be_visible()
    axe_check(page)

    page.goto("/indicators/cyp-01/")
    expect(page.get_by_role("heading", level=1)).to_have_text("CYP 01 Children in good schools")
    expect(page.get_by_role("row", name="Redcar and Cleveland").first).to_be_visible()
    expect(page.locator("#trend-chart[data-drawn=true]")).to_have_count(1)
    axe_check(page)
