"""Building the return spreadsheet from the selector's plain data."""

from __future__ import annotations

import math
from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.enums import Unit, ValueStatus
from reporting.formats.cells import put_text as _put_text  # text that is never a formula
from reporting.returns.workbook.layout import (
    ABOUT_SHEET,
    FORMAT,
    INSTRUCTIONS_SHEET,
    RETURN_SHEET,
    STATUSES,
    columns,
    letters,
)

if TYPE_CHECKING:
    from reporting.returns.selectors.workbook import ReturnWorkbook, WorkbookRow

# --------------------------------------------------------------------------- building

_HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
_LOCKED_FILL = PatternFill("solid", fgColor="E8E8E8")
_INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
_THIN = Side(style="thin", color="B1B4B6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)
# Excel's serial numbers for 1 January 2000 and 31 December 2099: any sensible date.
_FIRST_DATE, _LAST_DATE = "36526", "73050"


def _number_format(decimal_places: int) -> str:
    return "#,##0" + ("." + "0" * decimal_places if decimal_places else "")


def _places(decimal_places: int) -> str:
    return "a whole number" if decimal_places == 0 else f"up to {decimal_places} decimal places"


def _value_rule(row: WorkbookRow) -> dict[str, Any]:
    """The data validation of a row's value cell, by the indicator's unit."""
    if row.unit == Unit.YES_NO:
        return {
            "type": "list",
            "formula1": '"yes,no"',
            "error": "Choose yes or no",
            "prompt": "yes or no",
        }
    kind = "whole" if row.decimal_places == 0 else "decimal"
    prompt = f"{row.unit_label.capitalize()}: {_places(row.decimal_places)}"
    if row.unit == Unit.PERCENTAGE:
        return {
            "type": kind,
            "operator": "between",
            "formula1": "0",
            "formula2": "100",
            "error": "A percentage is from 0 to 100"
            + (", as a whole number" if kind == "whole" else ""),
            "prompt": f"{prompt}, from 0 to 100",
        }
    if row.unit in (Unit.RATE, Unit.RATIO):
        return {
            "type": kind,
            "operator": "greaterThanOrEqual",
            "formula1": "0",
            "error": f"A {row.unit} cannot be negative"
            + (", and is a whole number" if kind == "whole" else ""),
            "prompt": prompt,
        }
    error = "A count is a whole number" if kind == "whole" else "Enter a number, like 42.5"
    return {
        "type": kind,
        "operator": "between",
        "formula1": "-99999999999999",
        "formula2": "99999999999999",
        "error": error,
        "prompt": prompt,
    }


_PART_RULE = {
    "type": "decimal",
    "operator": "greaterThanOrEqual",
    "formula1": "0",
    "error": "The numerator and denominator cannot be negative",
    "prompt": "Give both the numerator and the denominator, or neither",
}
_STATUS_RULE = {
    "type": "list",
    "formula1": '"' + ",".join(STATUSES) + '"',
    "error": "Choose provisional, final or estimated",
    "prompt": "provisional, final or estimated",
}
_DATE_RULE = {
    "type": "date",
    "operator": "between",
    "formula1": _FIRST_DATE,
    "formula2": _LAST_DATE,
    "error": "Enter a date, like 31/01/2026",
    "prompt": "Only if there is no value: when you expect it, like 31/01/2026",
}


class _Validations:
    """One data validation per distinct rule, each covering all the cells it applies to."""

    def __init__(self) -> None:
        self.rules: dict[tuple[tuple[str, str], ...], DataValidation] = {}

    def add(self, cell: Any, rule: Mapping[str, str]) -> None:
        key = tuple(sorted(rule.items()))
        if key not in self.rules:
            self.rules[key] = DataValidation(
                type=rule["type"],
                operator=rule.get("operator"),
                formula1=rule.get("formula1"),
                formula2=rule.get("formula2"),
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                errorTitle="Check this cell",
                error=rule["error"],
                showInputMessage=True,
                promptTitle="What to enter",
                prompt=rule["prompt"],
            )
        self.rules[key].add(cell.coordinate)

    def attach(self, sheet: Any) -> None:
        for rule in self.rules.values():
            sheet.add_data_validation(rule)


def build_return_workbook(data: ReturnWorkbook) -> bytes:
    """The ``.xlsx`` bytes of a return's spreadsheet."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    _write_instructions(instructions, data)
    _write_return(workbook.create_sheet(RETURN_SHEET), data)
    about = workbook.create_sheet(ABOUT_SHEET)
    _write_about(about, data)
    about.sheet_state = "veryHidden"
    # No password: the protection guards against slips, not people. Locking the structure
    # stops the sheets being renamed, removed or the About sheet shown.
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.properties.title = f"{data.outcome_code} return for {data.period_label}"
    workbook.properties.creator = "Partnership Performance"
    workbook.active = 0
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _protect(sheet: Any) -> None:
    sheet.protection.sheet = True
    # People may still widen columns and rows to read long notes.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _write_return(sheet: Any, data: ReturnWorkbook) -> None:
    cols = columns(period_code=data.period_code)
    at = letters(cols)
    for n, col in enumerate(cols, start=1):
        cell = sheet.cell(row=1, column=n)
        _put_text(cell, col.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(n)].width = col.width
    sheet.row_dimensions[1].height = 48

    validations = _Validations()
    for r, row in enumerate(data.rows, start=2):
        context: dict[str, Any] = {
            "code": row.code,
            "title": row.title,
            "unit": row.unit_label,
            "decimal_places": row.decimal_places,
            "polarity": row.polarity_label,
            **{f"history_{n}": v for n, v in enumerate(row.history)},
        }
        inputs: dict[str, Any] = {
            "value": _shown_value(row),
            "numerator": row.numerator,
            "denominator": row.denominator,
            "status": row.status or ValueStatus.PROVISIONAL.value,
            "note": row.note,
            "reason": row.missing_reason,
            "expected_on": row.expected_on,
        }
        for col in cols:
            cell = sheet[f"{at[col.key]}{r}"]
            cell.alignment = _WRAP
            cell.border = _BORDER
            value = inputs.get(col.key) if col.is_input else context.get(col.key)
            if isinstance(value, str):
                _put_text(cell, value)
            elif value is not None:
                cell.value = value
            number_places = col.key.startswith("history_") or col.key == "value"
            if number_places and row.unit != Unit.YES_NO:
                cell.number_format = _number_format(row.decimal_places)
            inputs_here = col.is_input and (
                row.has_parts or col.key not in ("numerator", "denominator")
            )
            if not inputs_here:
                cell.fill = _LOCKED_FILL
                continue
            cell.fill = _INPUT_FILL
            cell.protection = _UNLOCKED
            if col.key == "value":
                validations.add(cell, _value_rule(row))
            elif col.key in ("numerator", "denominator"):
                validations.add(cell, _PART_RULE)
            elif col.key == "status":
                validations.add(cell, _STATUS_RULE)
            elif col.key == "expected_on":
                cell.number_format = "dd/mm/yyyy"
                validations.add(cell, _DATE_RULE)
    validations.attach(sheet)
    sheet.freeze_panes = "C2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    _protect(sheet)


def _shown_value(row: WorkbookRow) -> Any:
    if row.value is None:
        return None
    if row.unit == Unit.YES_NO:
        return "yes" if row.value else "no"
    return row.value


def _instruction_lines(data: ReturnWorkbook) -> list[tuple[str, str]]:
    """The Instructions sheet, as (style, text) lines: "title", "heading" or "text"."""
    cols = letters(columns(period_code=data.period_code))
    at = data.generated_at
    generated = f"{at.day} {at:%B %Y} at {at:%H:%M}"
    state = f"{data.state_label} when downloaded."
    if not data.editable:
        state += (
            " You cannot change it now, so an upload of this spreadsheet would be refused "
            "until the return can be edited again."
        )
    return [
        ("title", f"Quarterly return: {data.outcome_code} {data.outcome_title}"),
        ("text", f"{data.period_label}. Lead partner: {data.lead_organisation}."),
        ("heading", "What this spreadsheet is for"),
        (
            "text",
            "Use it to fill in this quarterly return offline. When you have filled it in, "
            "upload it on the return's page, under 'Upload a spreadsheet'.",
        ),
        (
            "text",
            "Uploading saves the return as a DRAFT. It is not submitted: check it in the "
            "browser, add the commentary, and submit it there by the due date, "
            f"{data.due_on.day} {data.due_on:%B %Y}.",
        ),
        ("heading", "What to fill in"),
        (
            "text",
            f"Fill in the white cells of the '{RETURN_SHEET}' sheet: one row per indicator. "
            "The grey columns (code, indicator, unit, decimal places, polarity and the "
            "values of the last four quarters, the first of them the same quarter last "
            "year) are there to help you and cannot be changed.",
        ),
        (
            "text",
            "The sheet is protected so that only the white cells can be edited. There is no "
            "password, but do not unprotect it, and do not change its headers, rows or codes.",
        ),
        (
            "text",
            f"Value (column {cols['value']}): a number in the indicator's unit, with no more "
            "decimal places than its 'Decimal places' column says. A percentage is from 0 "
            "to 100 (type 45 for 45%); a count is a whole number; a yes/no indicator takes "
            "yes or no.",
        ),
        (
            "text",
            f"Numerator and Denominator (columns {cols['numerator']} and "
            f"{cols['denominator']}), for indicators that have them: give both or neither. "
            "With both, you may leave the value blank: it is worked out as the numerator "
            "divided by the denominator, times 100 for a percentage or N for a rate per N.",
        ),
        (
            "text",
            f"Status (column {cols['status']}): one of provisional, final or estimated.",
        ),
        (
            "text",
            f"Note (column {cols['note']}): anything a reader should know about the value. "
            "A value that moves a lot from the previous comparable period, or is far "
            "outside the indicator's past values, must be confirmed: say in the note why "
            "it is right. A filled-in note is taken as your confirmation.",
        ),
        ("heading", "Missing values"),
        (
            "text",
            "If you have no value for an indicator, leave its value, numerator and "
            f"denominator blank, say why in 'Reason if not available' (column "
            f"{cols['reason']}), for example 'Not yet published', and give the date you "
            f"expect it in column {cols['expected_on']}. A blank value with no reason is "
            "refused.",
        ),
        (
            "text",
            "Leaving a value blank removes a value saved before in this return, unless "
            "that value has been approved.",
        ),
        ("heading", "When you upload it"),
        (
            "text",
            "Every row is checked. If anything is wrong, nothing is saved, and you are "
            f"shown each cell to correct, such as {RETURN_SHEET}!{cols['value']}7.",
        ),
        (
            "text",
            "If someone saves the return after you download this spreadsheet, the upload "
            "is refused, so that their changes are not lost: download it again and copy "
            "your figures across.",
        ),
        (
            "text",
            "A spreadsheet for another return or another quarter is refused. Upload the "
            ".xlsx file as you saved it, no larger than 2 MB. The commentary and the "
            "forecast are not in this spreadsheet: enter them on the return's page.",
        ),
        ("heading", "This spreadsheet"),
        ("text", f"Outcome: {data.outcome_code} {data.outcome_title}"),
        ("text", f"Quarter: {data.period_code} ({data.period_label})"),
        ("text", f"Return: number {data.return_id}, version {data.version}"),
        ("text", f"State: {state}"),
        ("text", f"Downloaded: {generated} by {data.generated_by}"),
    ]


def _write_instructions(sheet: Any, data: ReturnWorkbook) -> None:
    sheet.column_dimensions["A"].width = 110
    fonts = {"title": Font(bold=True, size=16), "heading": Font(bold=True, size=13)}
    row = 1
    for style, text in _instruction_lines(data):
        if style == "heading":
            row += 1  # a blank line before each heading
        cell = sheet.cell(row=row, column=1)
        _put_text(cell, text)
        cell.alignment = _WRAP
        if style in fonts:
            cell.font = fonts[style]
        # Excel does not fit the height of wrapped text written by a program: estimate it.
        lines = max(1, math.ceil(len(text) / 105))
        sheet.row_dimensions[row].height = max(lines * 15, 22 if style == "title" else 15)
        row += 1
    _protect(sheet)


def _write_about(sheet: Any, data: ReturnWorkbook) -> None:
    rows = [
        ("Format", FORMAT),
        ("Return id", data.return_id),
        ("Outcome", data.outcome_code),
        ("Period", data.period_code),
        ("Version", data.version),
        ("Generated at", data.generated_at.isoformat()),
        ("Generated by", data.generated_by),
    ]
    for r, (key, value) in enumerate(rows, start=1):
        _put_text(sheet.cell(row=r, column=1), key)
        cell = sheet.cell(row=r, column=2)
        if isinstance(value, str):
            _put_text(cell, value)
        else:
            cell.value = value
    _protect(sheet)
