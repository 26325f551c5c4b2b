"""The lead uploads a filled-in spreadsheet: a bad row is named by its cell, a good one saves."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from indicators.enums import Unit
from indicators.models import IndicatorValue
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.workbook import return_workbook
from reporting.returns.workbook import XLSX_CONTENT_TYPE, build_return_workbook
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lead_return(outcome, lead_role):
    f.PartnershipAreaFactory()
    f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Pupils attending")
    f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 02",
        title="Children in care",
        unit=Unit.NUMBER,
        decimal_places=0,
    )
    q2_round = f.ReturnRoundFactory(period=f.period("2025-26-Q2"), state=ReturnRound.State.OPEN)
    return f.QuarterlyReturnFactory(
        round=q2_round, outcome=outcome, state=QuarterlyReturn.State.DRAFT
    )


def filled_workbook(quarterly_return, user, values: dict[str, object]) -> bytes:
    """The return's spreadsheet as the lead downloads it, with values typed in column J."""
    quarterly_return = QuarterlyReturn.objects.select_related(
        "round__period", "outcome__lead_organisation"
    ).get(pk=quarterly_return.pk)
    data = return_workbook(
        quarterly_return=quarterly_return, user=user, generated_at=timezone.localtime()
    )
    workbook = load_workbook(io.BytesIO(build_return_workbook(data)))
    sheet = workbook["Return"]
    for row in range(2, sheet.max_row + 1):
        code = sheet[f"A{row}"].value
        if code in values:
            sheet[f"J{row}"] = values[code]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_file(content: bytes) -> dict:
    return {"name": "return.xlsx", "mimeType": XLSX_CONTENT_TYPE, "buffer": content}


def test_lead_uploads_a_spreadsheet_sees_the_bad_cell_then_saves_a_draft(
    page, live_server, axe_check, lead_return, lead
):
    upload_path = f"/returns/{lead_return.pk}/upload/"
    page.goto(upload_path)
    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    assert page.url == f"{live_server.url}{upload_path}"
    assert page.get_by_role("heading", level=1, name="Upload a spreadsheet").is_visible()
    axe_check(page)

    bad = filled_workbook(lead_return, lead, {"CYP 01": 150, "CYP 02": 12})
    page.get_by_label("Upload a spreadsheet").set_input_files(as_file(bad))
    page.get_by_role("button", name="Upload and save as a draft").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Nothing was saved: the spreadsheet has 1 problem" in summary.inner_text()
    assert "Return!J2 (CYP 01): A percentage is from 0 to 100" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert not IndicatorValue.objects.exists()
    axe_check(page)

    good = filled_workbook(lead_return, lead, {"CYP 01": 62.5, "CYP 02": 12})
    page.get_by_label("Upload a spreadsheet").set_input_files(as_file(good))
    page.get_by_role("button", name="Upload and save as a draft").click()

    banner = page.locator(".govuk-notification-banner--success")
    assert banner.is_visible()
    assert "Your spreadsheet was uploaded and saved as a draft" in banner.inner_text()
    assert IndicatorValue.objects.count() == 2
    lead_return.refresh_from_db()
    assert lead_return.state == QuarterlyReturn.State.DRAFT
    axe_check(page)


def test_lead_uploads_a_spreadsheet_with_a_value_left_blank_and_sees_it_listed(
    sign_in, page, axe_check, lead_return, lead
):
    from playwright.sync_api import expect

    sign_in(page, "lead", next_url=f"/returns/{lead_return.pk}/upload/")
    partial = filled_workbook(lead_return, lead, {"CYP 01": 62.5, "CYP 02": None})
    page.get_by_label("Upload a spreadsheet").set_input_files(as_file(partial))
    page.get_by_role("button", name="Upload and save as a draft").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your spreadsheet was uploaded and saved as a draft"
    )
    still = page.locator("#still-to-give")
    expect(still).to_contain_text("1 indicator still has no value and no reason why not")
    expect(still.get_by_role("link", name="CYP 02 Children in care")).to_be_visible()
    assert IndicatorValue.objects.get().indicator.code == "CYP 01"
    axe_check(page)
