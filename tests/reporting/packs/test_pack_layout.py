"""How the pack's sheets are laid out to be read on screen and on paper: what prints and
on what pages, the height of rows of wrapped text, the Commentary sheet, and how the stretch
charts draw their lines. (``test_pack_pdf.py`` prints the pack and reads the pages.)"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO

import pytest

from indicators.enums import Frequency
from reporting.models import QuarterlyReturn
from targets.models import Target
from tests import factories as f
from tests.reporting.dashboards.test_exceptions_spc import NOISY_AMBER, with_series
from tests.reporting.packs.test_pack_build import (
    COMMENTARY,
    FIRST_QUARTER,
    FORECAST,
    build,
    build_file,
    row_of,
)
from tests.reporting.scorecard.test_scorecard import a_round, add_target

State = QuarterlyReturn.State
XML = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
A4 = 9  # openpyxl's number for the paper size


@pytest.fixture
def the_round(db):
    return a_round()


def chart_xml(file: BytesIO, name: str) -> ET.Element:
    """A chart of the workbook, as the XML Excel and LibreOffice read."""
    with zipfile.ZipFile(file) as archive:
        return ET.fromstring(archive.read(name))


def test_every_sheet_prints_on_a4_each_page_naming_its_sheet_and_numbered(
    officer, outcome, the_round
):
    add_target(outcome, value=50, kind=Target.Kind.STRETCH)

    workbook = build(officer)

    for sheet in workbook.worksheets:
        assert sheet.page_setup.paperSize == A4, sheet.title
        assert sheet.oddHeader.left.text == "&A", sheet.title  # the sheet's name
        assert sheet.oddHeader.right.text == "Anycity Partnership performance pack, Q2 2025-26"
        assert sheet.oddFooter.right.text == "Page &P of &N"


def test_a_block_sheet_prints_the_boards_columns_then_the_quarters(officer, outcome, the_round):
    add_target(outcome, value=50)
    add_target(outcome, value=30)

    sheet = build(officer)[outcome.block.name]

    # Two sets of pages: the board's columns (A to O), then the eight quarters (P to W),
    # each page with the indicator and title at its left. The rest is for the screen.
    name = f"'{outcome.block.name}'"
    assert sheet.print_area == f"{name}!$A$1:$O$3,{name}!$P$1:$W$3"
    assert sheet.print_title_cols == "$A:$B"
    assert sheet.print_options.gridLines  # a number never runs into the next column's text
    assert sheet.cell(row=1, column=FORECAST).column_letter == "O"
    assert sheet.cell(row=1, column=FIRST_QUARTER + 7).column_letter == "W"


def test_rows_of_wrapped_text_are_as_high_as_their_text(officer, outcome, the_round):
    """Excel and LibreOffice keep a row written by openpyxl one line high: the pack sets
    the height of each row whose wrapped text takes more lines."""
    # Short words throughout: "Common cause" and "Hit and miss" fit their columns, and the
    # lead's name its 14 (a factory's "Sam Person1234", late in a run, would wrap).
    outcome.lead_person.last_name = "Lee"
    outcome.lead_person.save()
    short = with_series(outcome, NOISY_AMBER, title="Smoking at delivery")
    long = add_target(outcome, value=50, title="Children achieving a good level of " * 4)
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=State.APPROVED,
        progress_summary="Attendance rose again this quarter. " * 40,
    )

    workbook = build(officer)

    sheet = workbook[outcome.block.name]
    assert sheet.row_dimensions[row_of(sheet, short.indicator.code)].height is None
    long_row = sheet.row_dimensions[row_of(sheet, long.indicator.code)]
    assert long_row.height >= 4 * 15  # four lines at least, in a column 26 wide
    assert long_row.customHeight
    # The block sheet's commentary is one line, for filtering: its row is not made high.
    assert not sheet.cell(
        row=row_of(sheet, short.indicator.code), column=COMMENTARY
    ).alignment.wrap_text
    commentary = workbook["Commentary"]
    assert commentary.row_dimensions[2].height >= 16 * 15  # 1,440 characters, 90 a line


def test_the_commentary_sheet_gives_each_outcomes_commentary_once(
    officer, outcome, other_outcome, the_round
):
    for _ in range(3):
        add_target(outcome, value=50)
    add_target(other_outcome, value=30)
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=State.APPROVED,
        progress_summary="Waiting lists are down.",
        concerns_and_actions="Two posts are vacant.",
        forecast_rag="amber",
    )

    sheet = build(officer)["Commentary"]

    assert [c.value for c in sheet[1]] == [
        "Block",
        "Outcome",
        "Lead",
        "Return",
        "Forecast RAG",
        "Commentary",
    ]
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        (
            outcome.block.name,
            f"{outcome.code} {outcome.title}",
            f"{outcome.lead_person.get_full_name()}, {outcome.lead_organisation.name}",
            "Approved",
            "Amber",
            "Waiting lists are down.\nConcerns and actions: Two posts are vacant.",
        ),
        (
            other_outcome.block.name,
            f"{other_outcome.code} {other_outcome.title}",
            f"{other_outcome.lead_person.get_full_name()}, {other_outcome.lead_organisation.name}",
            "No return",
            None,
            None,
        ),
    ]


@pytest.mark.parametrize(
    ("frequency", "blanks"),
    [
        # A quarter with no value leaves a gap in a quarterly indicator's line...
        (Frequency.QUARTERLY, "gap"),
        # ...while an annual indicator's yearly values (each in its year's Q4) are joined.
        (Frequency.ANNUAL, "span"),
        (Frequency.BIENNIAL, "span"),
    ],
)
def test_stretch_charts_draw_straight_lines_with_each_value_marked(
    officer, outcome, the_round, frequency, blanks
):
    add_target(outcome, value=50, previous=48, kind=Target.Kind.STRETCH, frequency=frequency)

    chart = chart_xml(build_file(officer), "xl/charts/chart1.xml")

    values, trajectory = chart.iterfind(".//c:ser", XML)
    assert chart.find(".//c:dispBlanksAs", XML).get("val") == blanks
    for line in (values, trajectory):  # never a curve passing above or below the values
        assert line.find("c:smooth", XML).get("val") == "0"
    assert values.find("c:marker/c:symbol", XML).get("val") == "circle"
    assert trajectory.find("c:marker/c:symbol", XML).get("val") == "none"
    # The trajectory is dashed, the values' line solid: they read apart without colour.
    assert trajectory.find("c:spPr/a:ln/a:prstDash", XML).get("val") == "dash"
    assert values.find("c:spPr/a:ln/a:prstDash", XML).get("val") == "solid"
