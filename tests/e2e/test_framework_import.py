"""The performance officer downloads the framework template, fills in a new outcome, an
indicator, its target and trajectory, uploads it, reads the preview and saves it; a
workbook with a bad row is listed and cannot be saved."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from indicators.models import Indicator
from targets.models import FrameworkImport, Target
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def framework(block, council, lead):
    f.PartnershipAreaFactory()
    return f.OutcomeFactory(code="CYP 1", title="Children are safe", block=block,
                            lead_organisation=council)  # fmt: skip


def _filled(template: bytes, *, polarity: str) -> bytes:
    book = load_workbook(io.BytesIO(template))
    book["Outcomes"].append(
        ["CYP 2", "Children learn well", None, "Children and Young People", "Council", "lead"]
    )
    book["Indicators"].append(
        ["CYP 21", "Good level of development", "Children at the expected level", "local",
         "percentage", None, 1, polarity, "annual", "snapshot", "CYP 2", None, "lead", "DfE"]
    )  # fmt: skip
    book["Targets"].append(
        ["CYP 21", "E08000099", "standard", "2024-25", 64, "2026-27", 70, None, None, None, None]
    )
    book["Milestones"].append(["CYP 21", "E08000099", "2025-26", 67])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(page, content: bytes, name: str) -> None:
    page.get_by_label("Choose a file").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
    )
    page.get_by_role("button", name="Preview the import").click()


def test_officer_imports_a_filled_template(sign_in, page, axe_check, framework, officer):
    from playwright.sync_api import expect

    sign_in(page, "officer", next_url="/data/import/")
    page.get_by_role("link", name="import the framework").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import the framework")
    axe_check(page)

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the template (.xlsx)").click()
    template = Path(downloading.value.path()).read_bytes()
    assert load_workbook(io.BytesIO(template)).sheetnames[1:] == [
        "Outcomes", "Indicators", "Targets", "Milestones"]  # fmt: skip

    _upload(page, _filled(template, polarity="up"), "bad.xlsx")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview of bad.xlsx")
    expect(page.locator("#problems")).to_contain_text(
        '"up" is not one of: higher is better, lower is better, neither'
    )
    expect(page.get_by_role("button", name="Save the framework")).to_have_count(0)
    axe_check(page)

    page.get_by_role("link", name="Import the framework").click()
    _upload(page, _filled(template, polarity="higher is better"), "framework.xlsx")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview of framework.xlsx")
    counts = page.locator("#preview-counts")
    expect(counts.get_by_role("row", name="Indicators")).to_contain_text("1")
    expect(page.get_by_role("table", name="Milestones to add (1)")).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Save the framework").click()
    expect(page.get_by_text("Saved: 4 added, 0 changed, 0 left alone.")).to_be_visible()
    expect(page.locator("#import-status")).to_contain_text("Saved")
    axe_check(page)
    indicator = Indicator.objects.get(code="CYP 21")
    assert indicator.primary_outcome.code == "CYP 2"
    target = Target.objects.get(indicator=indicator)
    assert target.milestones.get().value == Decimal(67)
    record = FrameworkImport.objects.get(status="saved")
    assert indicator.history.latest().history_user == officer

    page.goto("/data/framework/imports/")
    expect(page.get_by_role("link", name=f"#{record.pk} framework.xlsx")).to_be_visible()
    axe_check(page)
