"""The Excel performance pack: its sheets, values, fills, number formats and charts, what it
holds for whom, that it agrees with the exception dashboard, and how it is asked for and
built (at once when small, by a Celery task when large)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from openpyxl import load_workbook
from openpyxl.chart import LineChart
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from indicators.enums import Frequency, Unit
from partnership.access import forget_roles
from partnership.errors import ApplicationError
from partnership.models import Area
from reporting.dashboards.selectors.exceptions import exceptions_page
from reporting.models import Notification, PerformancePack, QuarterlyReturn
from reporting.packs.selectors.data import SUBMITTED, pack_data
from reporting.packs.services.build import pack_build
from reporting.packs.services.requests import pack_request
from reporting.packs.workbook import build as pack_build_module
from reporting.packs.workbook.build import build_pack_workbook, number_format, sheet_name
from reporting.scorecard.selectors import Scope, quarter_named, scorecard
from risks.rules import RiskLevel
from targets.models import Action, Target
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round, add_target, grow

State = QuarterlyReturn.State
GENERATED_AT = datetime(2025, 11, 21, 9, 30, tzinfo=UTC)
FORMULA = '=HYPERLINK("http://example.com","x")'
DRAFT_NUMBER = Decimal("987654.321")
# The most queries building a pack may run, whatever the number of targets, areas and values:
# measured with the factories' small data set and checked against one ten times larger.
MAX_QUERIES = 54  # 46th: risks proposed to the PSB; 47th: the escalations of the quarter;
# 48th to 52nd: the funding streams, their amounts, what actions draw, blocks, actions;
# 53rd, 54th: the actions' targets and quarterly updates
# The columns of a block's sheet (1-based), as the builder lays them out: the board's
# columns, the eight quarters, the target's particulars, the outcome's commentary.
CODE, TITLE = 1, 2
VALUE_FOR, VALUE, APPROVAL, MILESTONE, TARGET, TARGET_PERIOD, RAG, TRAVEL = range(5, 13)
FORECAST = 15
FIRST_QUARTER = 16  # the first of the eight quarters
ORGANISATION = 24  # the first of the particulars
COMMENTARY = 31


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def quarter(db):
    return f.period(Q2)


@pytest.fixture
def the_round(db):
    return a_round()


def build_file(user, *, scope: Scope | None = None, code: str = Q2, progress=None) -> BytesIO:
    """The pack as ``user`` would get it: the file's bytes."""
    data = pack_data(
        user=user,
        period=quarter_named(code),
        today=TODAY,
        generated_at=GENERATED_AT,
        scope=scope or Scope(),
        partnership_name="Anycity Partnership",
    )
    buffer = BytesIO()
    build_pack_workbook(data, buffer, progress=progress)
    buffer.seek(0)
    return buffer


def build(user, **options):
    """The pack as ``user`` would get it, opened again with openpyxl."""
    return load_workbook(build_file(user, **options))


def rows_of(sheet) -> list[tuple]:
    return list(sheet.iter_rows(min_row=2, values_only=True))


def row_of(sheet, code: str) -> int:
    """The row number of the indicator ``code`` on a block's sheet."""
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=CODE).value == code:
            return row
    raise AssertionError(f"{code} is not on {sheet.title}")


def every_cell(workbook) -> Iterator[Any]:
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def fill_of(cell) -> str:
    return cell.fill.fgColor.rgb[-6:]


# --- The sheets ------------------------------------------------------------------------------


def test_a_pack_has_a_cover_summary_a_sheet_per_block_and_the_data(
    officer, outcome, other_outcome, the_round
):
    add_target(outcome, value=50, kind=Target.Kind.STRETCH)
    add_target(other_outcome, value=30)
    f.RiskFactory(outcome=outcome, title="Staff shortages")
    Action.objects.create(
        outcome=outcome, description="Recruit", lead_organisation=outcome.lead_organisation
    )

    workbook = build(officer)

    assert workbook.sheetnames == [
        "Cover",
        "Summary",
        outcome.block.name,
        other_outcome.block.name,
        "Commentary",
        "Stretch targets",
        "Comparators",
        "Risks",
        "Actions",
        "Data",
    ]


def test_risks_and_actions_sheets_only_when_there_are_any(officer, outcome, the_round):
    add_target(outcome, value=50)

    workbook = build(officer)

    assert "Risks" not in workbook.sheetnames
    assert "Actions" not in workbook.sheetnames
    assert "Stretch targets" not in workbook.sheetnames


def test_the_cover_says_what_when_who_what_the_data_covers_and_the_rag_key(
    council_officer, outcome, the_round
):
    add_target(outcome, value=50)

    cover = build(council_officer, scope=Scope(block=outcome.block.slug))["Cover"]

    text = {row[0]: row[1] for row in cover.iter_rows(values_only=True) if row and row[0]}
    assert text["Anycity Partnership performance pack"] is None
    assert text["Quarter"] == "Q2 2025-26 (July to September 2025)"
    assert text["Scope"] == f"Block: {outcome.block.name}"
    assert text["Generated"] == "21 November 2025 at 09:30"
    assert text["Generated by"] == council_officer.get_full_name()
    assert text["What the data covers"] == "Approved values only."
    keys = {
        cell.value: fill_of(cell)
        for (cell, *_) in cover.iter_rows()
        if cell.value in ("Green", "Amber", "Red", "No data")
    }
    assert keys == {"Green": "00703C", "Amber": "FFBF47", "Red": "D4351C", "No data": "B1B4B6"}


def test_a_block_sheet_has_a_row_per_target_with_everything_the_issue_asks_for(
    officer, outcome, the_round
):
    target = add_target(outcome, value=44, previous=43, last_year=40)
    indicator = target.indicator

    sheet = build(officer)[outcome.block.name]

    header = [cell.value for cell in sheet[1]]
    assert header[:FORECAST] == [
        "Indicator",
        "Title",
        "Outcome",
        "Lead",
        "Value for",
        "Value",
        "Approval",
        "Milestone this quarter",
        "Target",
        "Target period",
        "RAG",
        "Direction of travel",
        "Variation",
        "Assurance",
        "Forecast RAG",
    ]
    assert header[FIRST_QUARTER - 1 : FIRST_QUARTER + 7] == [
        "Q3 2023-24",
        "Q4 2023-24",
        "Q1 2024-25",
        "Q2 2024-25",
        "Q3 2024-25",
        "Q4 2024-25",
        "Q1 2025-26",
        "Q2 2025-26",
    ]
    assert header[ORGANISATION - 1 :] == [
        "Organisation",
        "Kind of target",
        "Polarity",
        "Unit",
        "Baseline",
        "Baseline period",
        "Status",
        "Commentary",
    ]
    row = row_of(sheet, indicator.code)
    values = [cell.value for cell in sheet[row]]
    assert values[:TRAVEL] == [
        indicator.code,
        indicator.title,
        outcome.code,
        outcome.lead_person.get_full_name(),
        *("Q2 2025-26", 44, "Approved", 45, 60, "2026-27", "Amber", "Improving"),
    ]
    # The last eight quarters: last year's Q2, this year's Q1 and Q2.
    assert values[FIRST_QUARTER + 3 - 1] == 40
    assert values[FIRST_QUARTER + 6 - 1 : FIRST_QUARTER + 8 - 1] == [43, 44]
    assert values[ORGANISATION - 1 : COMMENTARY - 1] == [
        outcome.lead_organisation.name,
        *("Standard", "Higher is better", "percentage", 40, "2024-25", "Final"),
    ]


@pytest.mark.parametrize(
    ("value", "word", "colour"),
    [
        (50, "Green", "00703C"),
        ("43.5", "Amber", "FFBF47"),
        (30, "Red", "D4351C"),
        (None, "No data", "B1B4B6"),
    ],
)
def test_rag_is_a_filled_cell_and_a_word(officer, outcome, the_round, value, word, colour):
    target = add_target(outcome, value=value)

    sheet = build(officer)[outcome.block.name]

    cell = sheet.cell(row=row_of(sheet, target.indicator.code), column=RAG)
    assert cell.value == word
    assert fill_of(cell) == colour
    assert cell.fill.fill_type == "solid"


@pytest.mark.parametrize(
    ("unit", "places", "expected"),
    [
        (Unit.PERCENTAGE, 1, '0.0"%"'),
        (Unit.NUMBER, 0, "#,##0"),
        (Unit.RATE, 2, "#,##0.00"),
        (Unit.MONEY, 0, '"£"#,##0;-"£"#,##0'),
        (Unit.RATIO, 2, "0.00"),
        (Unit.YES_NO, 0, '"Yes";"Yes";"No"'),
    ],
)
def test_number_formats_follow_the_indicators_unit(unit, places, expected):
    assert number_format(unit, places) == expected


def test_values_carry_their_units_number_format_on_every_sheet(officer, outcome, the_round):
    count = add_target(outcome, value=1234, unit=Unit.NUMBER, decimal_places=0)
    share = add_target(outcome, value="44.5")

    workbook = build(officer)

    sheet = workbook[outcome.block.name]
    for target, expected in ((count, "#,##0"), (share, '0.0"%"')):
        row = row_of(sheet, target.indicator.code)
        for column in (VALUE, MILESTONE, TARGET, FIRST_QUARTER + 7):
            assert sheet.cell(row=row, column=column).number_format == expected
    data = workbook["Data"]
    formats = {row[0].value: row[8].number_format for row in data.iter_rows(min_row=2)}
    assert formats[count.indicator.code] == "#,##0"
    assert formats[share.indicator.code] == '0.0"%"'


def test_tables_have_frozen_headers_filters_print_titles_and_fit_landscape_to_width(
    officer, outcome, the_round
):
    add_target(outcome, value=50)
    f.RiskFactory(outcome=outcome)

    workbook = build(officer)

    for name in (outcome.block.name, "Commentary", "Comparators", "Risks", "Data"):
        sheet = workbook[name]
        assert sheet.freeze_panes in ("A2", "B2", "C2"), name
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{max(sheet.max_row, 2)}"
        )
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    block = workbook[outcome.block.name]
    assert block.column_dimensions["B"].width == 26
    assert block.cell(row=2, column=TITLE).alignment.wrap_text
    assert workbook["Commentary"].cell(row=2, column=6).alignment.wrap_text


def test_each_stretch_target_has_a_line_chart_of_value_against_trajectory(
    officer, outcome, the_round
):
    stretch = [
        add_target(outcome, value=50, previous=48, kind=Target.Kind.STRETCH) for _ in range(2)
    ]
    add_target(outcome, value=50)

    sheet = build(officer)["Stretch targets"]

    charts = sheet._charts
    assert len(charts) == len(stretch)
    chart = charts[0]
    assert isinstance(chart, LineChart)
    assert len(chart.series) == 2
    titles = [s.tx.strRef.f for s in chart.series]
    assert titles == ["'Stretch targets'!B4", "'Stretch targets'!C4"]
    assert sheet["B4"].value == "Value"
    assert sheet["C4"].value == "Milestone (trajectory)"
    table = {
        row[0]: (row[1], row[2])
        for row in sheet.iter_rows(min_row=5, max_row=20, max_col=3, values_only=True)
        if row[0]
    }
    # The value of the quarter against its milestone, and the trajectory carried on.
    assert table["Q2 2025-26"] == (50, 45)
    assert table["Q1 2025-26"] == (48, 42.5)
    assert table["Q3 2025-26"] == (None, 47.5)


def test_the_summary_counts_targets_by_block_and_rag(officer, outcome, other_outcome, the_round):
    add_target(outcome, value=50)
    add_target(outcome, value=30)
    add_target(other_outcome, value=None)

    summary = build(officer)["Summary"]

    counts: dict = {}
    for row in summary.iter_rows(values_only=True):
        counts.setdefault(row[0], row[1:6])  # the first table; the exceptions come after
    assert counts[outcome.block.name] == (1, 0, 1, 0, 2)
    assert counts[other_outcome.block.name] == (0, 0, 0, 1, 1)
    assert counts["All targets"] == (1, 0, 1, 1, 3)


def test_the_summary_gives_stretch_achievement_against_the_reward_floor(
    officer, outcome, the_round
):
    target = add_target(outcome, value=52, kind=Target.Kind.STRETCH)
    Target.objects.filter(pk=target.pk).update(reward_grant=Decimal("100000"))

    summary = build(officer)["Summary"]

    row = next(r for r in summary.iter_rows() if r[0].value == target.indicator.code)
    achievement, floor, earned = row[6], row[7], row[8]
    assert achievement.value == 0.6
    assert achievement.number_format == "0%"
    assert floor.value == 0.6
    assert earned.value == "Yes"
    assert (row[9].value, row[10].value) == (100000, 60000)


def test_the_summary_lists_the_exceptions_as_on_the_psb_dashboard(
    officer, outcome, other_outcome, the_round
):
    red = add_target(outcome, value=30)
    worsening = add_target(outcome, value=50, last_year=55)
    fine = add_target(other_outcome, value=50, last_year=45)
    f.QuarterlyReturnFactory(round=the_round, outcome=other_outcome)  # not in: late
    f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None, title="Funding cuts")

    lines = list(build(officer)["Summary"].iter_rows(values_only=True))

    why = {
        line[2]: line[4]
        for line in lines
        if line[2] in (red.indicator.code, worsening.indicator.code, fine.indicator.code)
    }
    assert why == {
        red.indicator.code: "Red, Off track with no action plan",
        worsening.indicator.code: "Worsening",
    }
    assert any(str(line[3]).startswith("Late: not submitted by") for line in lines)
    assert any(line[1] == "Funding cuts" for line in lines)


def test_comparators_sheet_has_comparator_areas_region_and_england(officer, outcome, the_round):
    target = add_target(outcome, value=50)
    indicator = target.indicator
    region = f.AreaFactory(code="E12000004", name="East Midlands", kind=Area.Kind.REGION)
    england = f.AreaFactory(code="E92000001", name="England", kind=Area.Kind.ENGLAND)
    neighbour = f.AreaFactory(code="E06000018", name="Nottingham", kind=Area.Kind.COMPARATOR)
    for area, value in ((region, "48.5"), (england, "47.2"), (neighbour, "51.1")):
        f.IndicatorValueFactory(
            indicator=indicator, area=area, period=f.period(Q2), value=Decimal(value)
        )

    sheet = build(officer)["Comparators"]

    header = [c.value for c in sheet[1]]
    assert header[6:] == [
        "Q3 2024-25",
        "Q4 2024-25",
        "Q1 2025-26",
        "Q2 2025-26",
        "2023-24",
        "2024-25",
    ]
    lines = {row[4]: (row[5], row[9]) for row in rows_of(sheet) if row[0] == indicator.code}
    assert lines == {
        "Anycity": ("Partnership area", 50),
        "Nottingham": ("Comparator area", 51.1),
        "East Midlands": ("Region", 48.5),
        "England": ("England", 47.2),
    }


@pytest.fixture
def names_in_locale_order(db):
    """On PostgreSQL, area names compared as a cluster set up in a locale compares them
    ("alpha" before "Zeta"; this machine's cluster compares by code point): for the test's
    transaction only."""
    if connection.vendor == "postgresql":
        table = Area._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f'ALTER TABLE {table} ALTER COLUMN name TYPE varchar(200) COLLATE "und-x-icu"'
            )


@pytest.mark.usefixtures("names_in_locale_order")
def test_comparators_are_in_the_packs_order_by_kind_then_name(officer, outcome, the_round):
    """Read in one streamed query, sorted by the database, as Python sorts names (by code
    point: "Zeta" before "alpha"), whatever the database's locale."""
    first = add_target(outcome, value=50)
    second = add_target(outcome, value=40)
    england = f.AreaFactory(code="E92000001", name="England", kind=Area.Kind.ENGLAND)
    areas = [
        f.AreaFactory(code=code, name=name, kind=Area.Kind.COMPARATOR)
        for code, name in (("E06000001", "alpha"), ("E06000002", "Zeta"), ("E06000003", "Éton"))
    ]
    for target in (second, first):
        for area in (england, *areas):
            f.IndicatorValueFactory(indicator=target.indicator, area=area, period=f.period(Q2))

    workbook = build(officer)

    lines = [(row[0], row[4]) for row in rows_of(workbook["Comparators"])]
    codes = [row[CODE - 1] for row in rows_of(workbook[outcome.block.name])]
    ordered = sorted({first.indicator.code, second.indicator.code}, key=codes.index)
    expected = ["Anycity", "Zeta", "alpha", "Éton", "England"]
    assert lines == [(code, name) for code in ordered for name in expected]


def test_an_annual_indicators_comparators_are_in_the_year_columns(officer, outcome, the_round):
    target = add_target(outcome, frequency=Frequency.ANNUAL)
    england = f.AreaFactory(code="E92000001", name="England", kind=Area.Kind.ENGLAND)
    f.IndicatorValueFactory(
        indicator=target.indicator, area=england, period=f.period("2024-25-Q4"), value=41
    )
    f.IndicatorValueFactory(
        indicator=target.indicator, area=england, period=f.period("2023-24"), value=39
    )

    sheet = build(officer)["Comparators"]

    line = next(row for row in rows_of(sheet) if row[4] == "England")
    assert line[6:] == (None, None, None, None, 39, 41)


def test_the_data_sheet_is_one_flat_table_of_every_value_in_scope(
    officer, outcome, other_outcome, the_round
):
    target = add_target(outcome, value=50, previous=48, last_year=40)
    other = add_target(other_outcome, value=30)
    comparator = f.AreaFactory(code="E06000018", name="Nottingham")
    f.IndicatorValueFactory(
        indicator=target.indicator, area=comparator, period=f.period(Q2), note="Published"
    )
    # A value after the quarter is not in a pack of the quarter.
    f.IndicatorValueFactory(
        indicator=target.indicator, area=comparator, period=f.period("2025-26-Q3")
    )

    workbook = build(officer, scope=Scope(block=outcome.block.slug))

    data = workbook["Data"]
    assert [c.value for c in data[1]] == [
        "Indicator",
        "Title",
        "Block",
        "Outcome",
        "Area code",
        "Area",
        "Kind of area",
        "Period",
        "Value",
        "Unit",
        "Status",
        "Approval",
        "Note",
    ]
    lines = rows_of(data)
    assert len(lines) == 4
    assert {line[0] for line in lines} == {target.indicator.code}
    assert other.indicator.code not in {line[0] for line in lines}
    assert (
        target.indicator.code,
        target.indicator.title,
        outcome.block.name,
        outcome.code,
        "E06000018",
        "Nottingham",
        "Comparator area",
        Q2,
        50,
        "percentage",
        "Final",
        "Approved",
        "Published",
    ) in lines


# --- Safe content ----------------------------------------------------------------------------


def test_commentary_that_looks_like_a_formula_is_a_text_cell(officer, outcome, the_round):
    target = add_target(outcome, value=50)
    f.QuarterlyReturnFactory(
        round=the_round, outcome=outcome, state=State.APPROVED, progress_summary=FORMULA
    )

    sheet = build(officer)[outcome.block.name]

    cell = sheet.cell(row=row_of(sheet, target.indicator.code), column=COMMENTARY)
    assert cell.value == FORMULA
    assert cell.data_type == "s"
    assert cell.quotePrefix


@pytest.mark.parametrize("text", [FORMULA, "+44 1234 567890", "-5 on last year", "@risk"])
def test_anything_people_typed_that_begins_like_a_formula_stays_text(
    officer, outcome, the_round, text
):
    target = add_target(outcome, value=50, title=text)
    f.IndicatorValueFactory(
        indicator=target.indicator,
        area=f.PartnershipAreaFactory(),
        period=f.period("2025-26-Q1"),
        note=text,
    )
    f.RiskFactory(outcome=outcome, title=text, controls=text)
    Action.objects.create(
        outcome=outcome, description=text, lead_organisation=outcome.lead_organisation
    )

    workbook = build(officer)

    typed = [cell for cell in every_cell(workbook) if cell.value == text]
    assert len(typed) >= 6
    assert all(cell.data_type == "s" for cell in typed)
    assert not any(cell.data_type == "f" for cell in every_cell(workbook))


def test_sheet_names_are_at_most_31_characters_unique_and_without_forbidden_characters():
    taken = {"cover", "summary", "data"}

    names = [
        sheet_name(name, taken)
        for name in (
            "Healthier Communities and Older People",
            "Healthier Communities and Older People",
            "Safer/Stronger: [Communities]?",
            "Data",
            "'Quoted'",
            "***",
        )
    ]

    assert names == [
        "Healthier Communities and Older",
        "Healthier Communities and O (2)",
        "Safer Stronger Communities",
        "Data (2)",
        "Quoted",
        "Block",
    ]
    assert all(len(name) <= 31 for name in names)


# --- What a pack holds, for whom -------------------------------------------------------------


@pytest.fixture
def draft_and_submitted(outcome, other_outcome, the_round):
    """A draft value (council, return in draft) of a distinctive number, with a note, and a
    submitted value (police, return submitted)."""
    area = f.PartnershipAreaFactory()
    draft = add_target(outcome, value=None, unit=Unit.NUMBER, decimal_places=3)
    f.IndicatorValueFactory(
        indicator=draft.indicator,
        area=area,
        period=f.period(Q2),
        value=DRAFT_NUMBER,
        is_approved=False,
        note="A draft note nobody else may read",
    )
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=State.DRAFT,
        progress_summary="Draft commentary nobody else may read",
    )
    submitted = add_target(other_outcome, value="56.5", approved=False)
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=other_outcome,
        state=State.SUBMITTED,
        progress_summary="Submitted commentary",
    )
    return {"draft": draft, "submitted": submitted}


def holds(workbook, wanted: Decimal | str) -> bool:
    """Whether any cell holds the number ``wanted``, or text containing ``wanted``."""
    for cell in every_cell(workbook):
        value = cell.value
        if isinstance(wanted, Decimal) and isinstance(value, int | float):
            if Decimal(str(value)) == wanted:
                return True
        elif isinstance(value, str) and str(wanted) in value:
            return True
    return False


@pytest.mark.parametrize("person", ["council_officer", "officer", "admin_user"])
def test_no_pack_holds_a_draft_value(request, draft_and_submitted, person):
    """The council's officer sees the council's drafts on its pages; its packs do not."""
    workbook = build(request.getfixturevalue(person))

    assert not holds(workbook, DRAFT_NUMBER)
    assert not holds(workbook, "987654")
    assert not holds(workbook, "A draft note nobody else may read")
    assert not holds(workbook, "Draft commentary nobody else may read")


def test_someone_outside_the_performance_team_gets_approved_values_only(
    council_officer, draft_and_submitted
):
    workbook = build(council_officer)

    assert not holds(workbook, Decimal("56.5"))
    assert not holds(workbook, "Submitted commentary")
    assert not holds(workbook, SUBMITTED)


def test_the_performance_teams_pack_holds_submitted_values_marked(officer, draft_and_submitted):
    target = draft_and_submitted["submitted"]

    workbook = build(officer)

    sheet = workbook[target.indicator.primary_outcome.block.name]
    row = row_of(sheet, target.indicator.code)
    value = sheet.cell(row=row, column=VALUE)
    assert value.value == 56.5
    assert value.font.i
    assert fill_of(value) == "FFF7BF"
    assert sheet.cell(row=row, column=APPROVAL).value == SUBMITTED
    assert sheet.cell(row=row, column=RAG).value == "Green"
    assert sheet.cell(row=row, column=COMMENTARY).value == (f"({SUBMITTED})\nSubmitted commentary")
    data = [line for line in rows_of(workbook["Data"]) if line[0] == target.indicator.code]
    assert (Q2, 56.5, SUBMITTED) in {(line[7], line[8], line[11]) for line in data}
    cover = {r[0]: r[1] for r in workbook["Cover"].iter_rows(values_only=True) if r and r[0]}
    assert cover["What the data covers"].startswith("Approved values, and values submitted")


def test_a_target_whose_indicator_has_a_draft_is_judged_on_approved_values_alone(
    officer, outcome, the_round
):
    """A draft last quarter must not change this quarter's direction of travel either."""
    target = add_target(outcome, value=50, last_year=55)
    f.IndicatorValueFactory(
        indicator=target.indicator,
        area=f.PartnershipAreaFactory(),
        period=f.period("2025-26-Q1"),
        value=Decimal("12.5"),
        is_approved=False,
    )
    f.QuarterlyReturnFactory(
        round=a_round(code="2025-26-Q1"),
        outcome=outcome,
        state=State.RETURNED,
        returned_reason="Check Q1",
    )

    sheet = build(officer)[outcome.block.name]

    row = row_of(sheet, target.indicator.code)
    card = scorecard(user=officer, period=f.period(Q2), today=TODAY)
    expected = next(r for r in card.rows if r.target_id == target.pk)
    assert sheet.cell(row=row, column=TRAVEL).value == expected.direction.label
    assert sheet.cell(row=row, column=FIRST_QUARTER + 6).value is None


# --- Constant queries ------------------------------------------------------------------------


def test_building_a_pack_runs_a_number_of_queries_that_does_not_grow(
    django_assert_max_num_queries, officer, block, council, the_round
):
    grow(3, block=block, partner=council, round_=the_round)
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        build(officer)
    grow(27, block=block, partner=council, round_=the_round)
    forget_roles(officer)  # read again, as in a new request
    with django_assert_max_num_queries(len(small)) as large:
        workbook = build(officer)

    assert len(large) == len(small)
    assert len(rows_of(workbook[block.name])) == 30
    assert len(rows_of(workbook["Comparators"])) == 30 * 4


def test_progress_is_reported_in_steps_up_to_100(officer, block, council, the_round):
    grow(6, block=block, partner=council, round_=the_round)
    seen: list[int] = []

    build(officer, progress=seen.append)

    assert seen == sorted(seen)
    assert seen[-1] == 100
    assert all(p % 5 == 0 for p in seen)


# --- Asking for a pack and building it ---------------------------------------------------------


def test_a_small_pack_is_built_at_once(officer, outcome, the_round, quarter):
    add_target(outcome, value=50)

    pack = pack_request(user=officer, period=quarter, scope=Scope())

    assert pack.state == PerformancePack.State.READY
    assert pack.progress == 100
    assert pack.size == pack.file.size > 0
    assert pack.includes_submitted
    assert pack.finished_at is not None
    assert load_workbook(pack.file.open("rb")).sheetnames[0] == "Cover"
    assert not Notification.objects.exists()  # they are downloading it already


def test_a_large_pack_is_queued_then_built_by_the_task_and_emailed(
    settings, django_capture_on_commit_callbacks, officer, outcome, the_round, quarter
):
    settings.PACK_SYNC_MAX_TARGETS = 0
    add_target(outcome, value=50)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pack = pack_request(user=officer, period=quarter, scope=Scope(block=outcome.block.slug))
    assert pack.state == PerformancePack.State.QUEUED
    assert pack.block == outcome.block
    assert len(callbacks) == 1

    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()  # Celery is eager in the tests: the task runs here

    pack.refresh_from_db()
    assert pack.state == PerformancePack.State.READY
    email = Notification.objects.get(kind="pack_ready")
    assert email.recipient == officer
    assert f"/packs/{pack.pk}/download/" in email.body_text
    assert f"/packs/{pack.pk}/download/" in email.body_html
    assert mail.outbox[-1].subject == "Your performance pack for Q2 2025-26 is ready"


def test_building_a_pack_twice_builds_it_once(officer, outcome, the_round, quarter):
    add_target(outcome, value=50)
    pack = pack_request(user=officer, period=quarter, scope=Scope())
    name = pack.file.name

    pack_build(pack_id=pack.pk)

    pack.refresh_from_db()
    assert pack.file.name == name
    assert not Notification.objects.exists()


def test_a_pack_that_fails_is_marked_failed_with_a_message(
    monkeypatch, officer, outcome, the_round, quarter
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("reporting.packs.services.build.build_pack_workbook", broken)
    add_target(outcome, value=50)

    pack = pack_request(user=officer, period=quarter, scope=Scope())

    assert pack.state == PerformancePack.State.FAILED
    assert pack.error.startswith("The pack could not be built.")
    assert "disk full" not in pack.error
    assert not pack.file


def test_a_build_that_fails_half_way_leaves_no_temporary_file(officer, outcome, the_round):
    add_target(outcome, value=50)
    data = pack_data(user=officer, period=quarter_named(Q2), today=TODAY, generated_at=GENERATED_AT)

    def broken():
        yield from ()
        raise RuntimeError("the database went away")

    before = list(ALL_TEMP_FILES)
    with pytest.raises(RuntimeError):
        build_pack_workbook(dataclasses.replace(data, data_rows=broken), BytesIO())

    assert before == ALL_TEMP_FILES


@pytest.mark.parametrize("person", ["lead", "board", "psb", "scrutiny", "nobody"])
def test_only_officers_and_administrators_may_ask_for_a_pack(request, quarter, person):
    with pytest.raises(ApplicationError):
        pack_request(user=request.getfixturevalue(person), period=quarter, scope=Scope())

    assert not PerformancePack.objects.exists()


def test_a_block_that_does_not_exist_is_refused(officer, quarter):
    with pytest.raises(ApplicationError) as refused:
        pack_request(user=officer, period=quarter, scope=Scope(block="no-such-block"))

    assert refused.value.field == "block"


def test_the_writing_share_leaves_room_for_saving():
    assert pack_build_module.WRITING_SHARE < 100


# --- The demo: the pack agrees with the exception dashboard ---------------------------------------


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo as at 21 November 2026, loaded once for the class and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", today="2026-11-21", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def pack_lines(workbook) -> dict[str, tuple]:
    """Every target of the block sheets by indicator code: value, approval, RAG, travel."""
    found = {}
    fixed = {
        "Cover",
        "Summary",
        "Commentary",
        "Stretch targets",
        "Comparators",
        "Risks",
        "Actions",
        "Funding",
        "Data",
    }
    for sheet in workbook.worksheets:
        if sheet.title in fixed:
            continue
        for row in sheet.iter_rows(min_row=2, values_only=True):
            found[row[CODE - 1]] = (
                row[VALUE - 1],
                row[APPROVAL - 1],
                row[RAG - 1],
                row[TRAVEL - 1],
                row[MILESTONE - 1],
            )
    return found


def number(value) -> Any:
    """A stored Decimal as the pack's cell gives it back (a double, to 15 digits)."""
    return None if value is None else pytest.approx(float(value), rel=1e-12)


def expected(row) -> tuple:
    return number(row.value), row.rag.label, row.direction.label, number(row.milestone)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestTheDemoPackAgreesWithTheExceptionDashboard:
    def user(self, name):
        return get_user_model().objects.get(username=name)

    def build(self, user, code):
        data = pack_data(
            user=user,
            period=quarter_named(code),
            today=datetime(2026, 11, 21).date(),
            generated_at=GENERATED_AT,
        )
        buffer = BytesIO()
        build_pack_workbook(data, buffer)
        buffer.seek(0)
        return data, load_workbook(buffer)

    @pytest.mark.parametrize("code", ["2026-27-Q1", "2026-27-Q2"])
    @pytest.mark.parametrize("name", ["officer", "dan.okoro", "admin"])
    def test_every_rag_and_value_equals_the_dashboards(self, name, code):
        user = self.user(name)
        period = quarter_named(code)
        today = datetime(2026, 11, 21).date()
        data, workbook = self.build(user, code)
        dashboard = {row.code: row for row in scorecard(user=user, period=period, today=today).rows}
        wide = {
            row.code: row
            for row in scorecard(user=user, period=period, today=today, approved_only=False).rows
        }
        lines = pack_lines(workbook)

        assert set(lines) == set(dashboard)
        compared = submitted = 0
        for code_, (value, approval, rag, travel, milestone) in lines.items():
            if approval == SUBMITTED:
                # Only the performance team's packs hold submitted values, each marked.
                assert data.includes_submitted
                row = wide[code_]
                submitted += 1
            else:
                row = dashboard[code_]
            assert (value, rag, travel, milestone) == expected(row), code_
            compared += 1
        assert compared == Target.objects.filter(area__kind="partnership").count()
        if not data.includes_submitted:
            assert submitted == 0
        if name == "officer" and code == "2026-27-Q2":
            assert submitted > 0  # the open round has submitted returns

    def test_the_summary_counts_equal_the_dashboards_headline(self):
        user = self.user("dan.okoro")
        period = quarter_named("2026-27-Q1")
        page = exceptions_page(user=user, period=period, today=datetime(2026, 11, 21).date())
        _, workbook = self.build(user, "2026-27-Q1")

        counts: dict = {}
        for row in workbook["Summary"].iter_rows(values_only=True):
            counts.setdefault(row[0], row[1:6])  # the first table; the exceptions come after
        for line in page.headline:
            c = line.counts
            assert counts[line.name] == (c.green, c.amber, c.red, c.grey, c.total)

    def test_the_summary_lists_every_exception_of_the_dashboard(self):
        user = self.user("officer")
        period = quarter_named("2026-27-Q1")
        page = exceptions_page(user=user, period=period, today=datetime(2026, 11, 21).date())
        _, workbook = self.build(user, "2026-27-Q1")

        listed = {
            (item.row.code, ", ".join(item.reasons), item.row.rag.label)
            for g in page.groups
            for o in g.outcomes
            for item in o.targets
        }
        summary = {
            (row[2], row[4], row[7])
            for row in workbook["Summary"].iter_rows(values_only=True)
            if row[2] in {code for code, _, _ in listed}
        }
        assert summary == listed
        assert len(listed) > 0

    def test_the_demo_pack_holds_no_draft_value(self):
        from indicators.models import IndicatorValue

        drafts = (
            IndicatorValue.objects.filter(is_approved=False)
            .exclude(
                indicator__primary_outcome__returns__state=State.SUBMITTED,
                indicator__primary_outcome__returns__round__period=quarter_named("2026-27-Q2"),
            )
            .filter(period__code="2026-27-Q2", area__kind="partnership")
        )
        _, workbook = self.build(self.user("officer"), "2026-27-Q2")

        lines = rows_of(workbook["Data"])
        assert drafts.exists()
        in_pack = {(line[0], line[4], line[7]) for line in lines}
        for value in drafts.select_related("indicator", "area"):
            assert (value.indicator.code, value.area.code, value.period.code) not in in_pack
