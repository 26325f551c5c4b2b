"""The pack's Funding sheet: the streams in scope, aligned or pooled, with their amounts
per financial year, what they fund and the totals by block and year; laid out like the
other sheets (A4 landscape, frozen header, filters, money in whole pounds)."""

from __future__ import annotations

import pytest

from partnership.access import forget_roles
from reporting.scorecard.selectors import Scope
from tests import factories as f
from tests.reporting.funding.conftest import make_action, make_stream
from tests.reporting.packs.test_pack_build import MAX_QUERIES, build
from tests.reporting.scorecard.test_scorecard import a_round, add_target

A4 = 9
MONEY = '"£"#,##0;-"£"#,##0'
Y1, Y2 = "2024-25", "2025-26"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def funded(db, block, outcome, other_outcome, council, police):
    a_round()
    add_target(outcome, value=50)
    add_target(other_outcome, value=30)
    pooled = make_stream("Area Based Grant", kind="pooled", block=block, provider=council,
                         amounts={Y1: 1_000_000, Y2: 1_200_000})  # fmt: skip
    aligned = make_stream("Early Years Grant", outcome=outcome, provider=council,
                          amounts={Y2: 250_000})  # fmt: skip
    make_stream("Safer Communities Fund", kind="pooled", outcome=other_outcome, provider=police,
                amounts={Y1: 70_000, Y2: 75_000})  # fmt: skip
    make_action(aligned, outcome=outcome, amount=120_000, description="Door knocking")
    make_action(aligned, outcome=outcome, description="Outreach")
    return {"pooled": pooled, "aligned": aligned}


def streams_of(sheet) -> dict[str, tuple]:
    """The stream rows (above the blank row), by stream name."""
    rows = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if not any(row):
            break
        rows[row[2]] = row
    return rows


def totals_of(sheet) -> dict[tuple[str, str], tuple]:
    """The totals below the streams, by block and kind."""
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    start = next(n for n, row in enumerate(rows) if not any(row)) + 2
    return {(row[0], row[1]): row[5:] for row in rows[start:]}


def test_the_funding_sheet_lists_every_stream_with_its_years_and_what_it_funds(
    officer, funded, block
):
    workbook = build(officer)
    assert workbook.sheetnames[-2:] == ["Funding", "Data"]
    sheet = workbook["Funding"]
    header = [c.value for c in sheet[1]]
    assert header == ["Block", "For", "Funding stream", "Aligned or pooled", "Provider",
                      Y1, Y2, "Total", "What it funds"]  # fmt: skip
    rows = streams_of(sheet)
    assert list(rows) == ["Area Based Grant", "Early Years Grant", "Safer Communities Fund"]
    assert rows["Area Based Grant"][:8] == (
        block.name, "The whole block", "Area Based Grant", "Pooled", "Anycity Council",
        1_000_000, 1_200_000, 2_200_000,
    )  # fmt: skip
    early = rows["Early Years Grant"]
    assert (early[3], early[5], early[6], early[7]) == ("Aligned", None, 250_000, 250_000)
    assert early[8] == "Door knocking (£120,000); Outreach"
    totals = totals_of(sheet)
    assert totals[(block.name, "Aligned")][:3] == (0, 250_000, 250_000)
    assert totals[(block.name, "Pooled")][:3] == (1_000_000, 1_200_000, 2_200_000)
    assert totals[("All streams in the pack", "Total")][:3] == (1_070_000, 1_525_000, 2_595_000)
    cover = [c.value for row in workbook["Cover"].iter_rows() for c in row if c.value]
    assert "Funding" in cover


def test_the_funding_sheet_is_laid_out_like_the_others(officer, funded):
    sheet = build(officer)["Funding"]
    assert sheet.page_setup.paperSize == A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.freeze_panes == "D2"
    assert sheet.auto_filter.ref == "A1:I4"  # the streams, not the totals under them
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.cell(row=2, column=6).number_format == MONEY
    assert sheet.cell(row=2, column=8).number_format == MONEY
    assert sheet.oddFooter.right.text == "Page &P of &N"


def test_a_blocks_pack_holds_its_blocks_streams_and_a_stretch_pack_none(officer, funded, block):
    rows = streams_of(build(officer, scope=Scope(block=block.slug))["Funding"])
    assert list(rows) == ["Area Based Grant", "Early Years Grant"]
    assert "Funding" not in build(officer, scope=Scope(stretch_only=True)).sheetnames


def test_a_partners_pack_holds_the_streams_it_provides_or_its_outcomes_draw(
    officer, funded, police
):
    rows = streams_of(build(officer, scope=Scope(organisation=police.pk))["Funding"])
    assert list(rows) == ["Safer Communities Fund"]


def test_no_funding_sheet_without_streams(officer, outcome):
    a_round()
    add_target(outcome, value=50)
    assert "Funding" not in build(officer).sheetnames


def test_the_funding_sheets_queries_do_not_grow_with_streams(
    officer, funded, outcome, block, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        build(officer)
    for i in range(12):
        stream = make_stream(f"Grant {i}", outcome=outcome, provider=f.OrganisationFactory(),
                             amounts={Y1: i, Y2: i + 1})  # fmt: skip
        make_action(stream, outcome=outcome, amount=i, description=f"Action {i}")
    forget_roles(officer)
    with django_assert_max_num_queries(len(small)):
        workbook = build(officer)
    assert len(streams_of(workbook["Funding"])) == 15
