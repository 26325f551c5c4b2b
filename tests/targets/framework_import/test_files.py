"""Bad workbooks are refused as a whole with a clear message, whatever the bytes."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from indicators.imports.read import ImportRefused
from targets.framework_import import sheets as s
from targets.framework_import.selectors import file_plan
from tests.targets.framework_import.conftest import indicator_row, milestone_row, workbook


def _refusal(content, name="framework.xlsx"):
    with pytest.raises(ImportRefused) as refused:
        file_plan(content, file_name=name)
    return refused.value


def _broken_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "framework.xlsx", "The selected file is empty"),
        (b"Code,Title\r\nCYP 1,Safe\r\n", "framework.csv",
         "The selected file must be an .xlsx spreadsheet"),
        (b"PK\x03\x04 broken", "framework.xlsx",
         "The selected file is not an .xlsx spreadsheet that can be read"),
        (_broken_zip(), "framework.xlsx",
         "The selected file is not an .xlsx spreadsheet that can be read"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_workbook_is_refused(framework, content, name, message):
    assert _refusal(content, name).message == message


def test_a_missing_sheet_is_named(framework):
    refusal = _refusal(workbook(leave_out=[s.TARGETS]))
    assert refusal.message == (
        'The selected file has no "Targets" sheet: download the template and keep its sheets '
        "(Outcomes, Indicators, Targets, Milestones)"
    )


def test_an_empty_sheet_is_refused(framework):
    book = Workbook()
    book.active.title = s.OUTCOMES
    for name in s.SHEETS[1:]:
        book.create_sheet(name)
    out = io.BytesIO()
    book.save(out)
    assert _refusal(out.getvalue()).message == (
        "The Outcomes sheet is empty: its first row should name its columns, as in the template"
    )


def test_a_workbook_of_headers_only_is_refused(framework):
    assert _refusal(workbook()).message == "The selected file has no rows in it, only its headers"


def test_an_unrecognised_header_is_named_with_the_sheet_and_its_columns(framework):
    headers = {s.INDICATORS: [c.header for c in s.COLUMNS[s.INDICATORS]] + ["Polarty"]}
    refusal = _refusal(workbook({s.INDICATORS: [indicator_row()]}, headers=headers))
    assert refusal.message.startswith(
        'The Indicators sheet has a column "Polarty" that is not one of its columns: "Code", '
    )


def test_a_needed_column_missing_is_named(framework):
    headers = {s.MILESTONES: ["Indicator", "Area", "Milestone"]}
    refusal = _refusal(workbook({s.MILESTONES: [["NI 116", "E08000099", 5]]}, headers=headers))
    assert refusal.message == 'The Milestones sheet has no "Period" column'


def test_a_column_twice_is_refused(framework):
    headers = {s.MILESTONES: ["Indicator", "Area", "Period", "Milestone", "milestone"]}
    refusal = _refusal(workbook({s.MILESTONES: [milestone_row("NI 116")]}, headers=headers))
    assert refusal.message == 'The Milestones sheet has two "Milestone" columns'


def test_formulas_refuse_the_file_each_listed_with_its_sheet(framework):
    content = workbook({
        s.INDICATORS: [indicator_row(Title="=A1")],
        s.MILESTONES: [milestone_row("NI 116", value="=1+1")],
    })  # fmt: skip
    refusal = _refusal(content)
    assert refusal.message.startswith("Nothing was saved: the selected file has formulas in it")
    assert [str(p) for p in refusal.problems] == [
        'Indicators row 2, column "Title": is a formula: paste the values instead '
        "(Paste Special, Values)",
        'Milestones row 2, column "Milestone": is a formula: paste the values instead '
        "(Paste Special, Values)",
    ]


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(framework, settings):
    settings.VALUE_IMPORT_MAX_BYTES = 1000
    refusal = _refusal(workbook({s.INDICATORS: [indicator_row()]}))
    assert refusal.message.startswith("The selected file is larger than 1 KB")


def test_other_sheets_are_not_read(framework):
    content = workbook(
        {s.INDICATORS: [indicator_row("NI 116")]},
        extra={"Instructions": [["My notes"], ["=SUM(A1:A3)"]]},
    )
    plan = file_plan(content, file_name="framework.xlsx")
    assert len(plan.sheets[s.INDICATORS].changed) == 1
