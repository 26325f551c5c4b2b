"""A performance officer asks for a large performance pack, watches its progress bar until
the page (polling with htmx) offers the download, and downloads it; axe finds nothing on
the page while the pack is queued nor once it is ready."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from reporting.models import PerformancePack
from reporting.packs.services.build import pack_build
from targets.models import Target
from tests.reporting.scorecard.test_scorecard import a_round, add_target

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def large_packs(settings, tmp_path, monkeypatch):
    """Every pack is large; its Celery task is never run, so the page shows it queued
    until the test builds it."""
    settings.MEDIA_ROOT = tmp_path
    settings.PACK_SYNC_MAX_TARGETS = 0
    monkeypatch.setattr("reporting.tasks.build_pack.delay", lambda pack_id: None)


@pytest.fixture
def quarter_with_targets(outcome, other_outcome):
    a_round()
    return [
        add_target(outcome, value=50, previous=48, kind=Target.Kind.STRETCH),
        add_target(other_outcome, value=30),
    ]


def test_officer_asks_for_a_large_pack_sees_its_progress_and_downloads_it(
    sign_in, page, live_server, axe_check, officer, large_packs, quarter_with_targets
):
    sign_in(page, "officer", "/packs/")

    assert page.url == f"{live_server.url}/packs/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance packs")
    axe_check(page)

    # The block's select shows only while "One block" is chosen.
    block_select = page.get_by_label("Block", exact=True)
    expect(block_select).to_be_hidden()
    page.get_by_label("One block").check()
    expect(block_select).to_be_visible()
    axe_check(page)
    page.get_by_label("The whole partnership").check()
    expect(block_select).to_be_hidden()

    page.get_by_label("Quarter").select_option(label="Q2 2025-26")
    page.get_by_role("button", name="Make the pack").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your pack is being built"
    )
    progress = page.get_by_role("progressbar", name="Queued: 0%")
    expect(progress).to_be_visible()
    expect(progress).to_have_attribute("value", "0")
    axe_check(page)

    pack = PerformancePack.objects.get()
    assert pack.state == PerformancePack.State.QUEUED
    pack_build(pack_id=pack.pk)  # what the Celery worker would do

    download = page.get_by_role("link", name=re.compile(r"^Download the pack for Q2 2025-26"))
    expect(download).to_be_visible(timeout=10_000)  # htmx polls each second
    expect(page.locator("progress")).to_have_count(0)
    axe_check(page)

    with page.expect_download() as downloading:
        download.click()
    saved = downloading.value
    assert saved.suggested_filename == "Performance pack Q2 2025-26 Whole partnership.xlsx"
    with open(saved.path(), "rb") as file:
        workbook = load_workbook(file)
    assert workbook.sheetnames[:2] == ["Cover", "Summary"]
    assert len(workbook["Stretch targets"]._charts) == 1
