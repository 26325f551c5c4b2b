"""Building the return spreadsheet from the selector's plain data: the Instructions
sheet (its words in :mod:`.instructions`), the Return sheet (its data validation in
:mod:`.validations`) and the hidden About sheet."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from io import BytesIO
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection

from indicators.enums import Unit, ValueStatus
from reporting.formats.cells import put_text as _put_text  # text that is never a formula
from reporting.returns.workbook.instructions import instruction_lines
from reporting.returns.workbook.layout import (
    ABOUT_SHEET,
    FORMAT,
    INSTRUCTIONS_SHEET,
    RETURN_SHEET,
    Column,
    columns,
    letters,
)
from reporting.returns.workbook.validations import (
    DATE_RULE,
    PART_RULE,
    STATUS_RULE,
    Validations,
    value_rule,
)

if TYPE_CHECKING:
    from reporting.returns.selectors.workbook import ReturnWorkbook, WorkbookRow

_HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
_LOCKED_FILL = PatternFill("solid", fgColor="E8E8E8")
_INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
_THIN = Side(style="thin", color="B1B4B6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def _number_format(decimal_places: int) -> str:
    return "#,##0" + ("." + "0" * decimal_places if decimal_places else "")


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
    _write_headers(sheet, cols)
    validations = Validations()
    for r, row in enumerate(data.rows, start=2):
        _write_row(sheet, r, row, cols=cols, at=at, validations=validations)
    validations.attach(sheet)
    sheet.freeze_panes = "C2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    _protect(sheet)


def _write_headers(sheet: Any, cols: Sequence[Column]) -> None:
    for n, col in enumerate(cols, start=1):
        cell = sheet.cell(row=1, column=n)
        _put_text(cell, col.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(n)].width = col.width
    sheet.row_dimensions[1].height = 48


def _write_row(
    sheet: Any,
    r: int,
    row: WorkbookRow,
    *,
    cols: Sequence[Column],
    at: Mapping[str, str],
    validations: Validations,
) -> None:
    """One indicator's row: grey locked context cells, then white input cells."""
    context = _context_values(row)
    inputs = _input_values(row)
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
        _open_for_input(cell, col.key, row, validations)


def _context_values(row: WorkbookRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "title": row.title,
        "unit": row.unit_label,
        "decimal_places": row.decimal_places,
        "polarity": row.polarity_label,
        **{f"history_{n}": v for n, v in enumerate(row.history)},
    }


def _input_values(row: WorkbookRow) -> dict[str, Any]:
    return {
        "value": _shown_value(row),
        "numerator": row.numerator,
        "denominator": row.denominator,
        "status": row.status or ValueStatus.PROVISIONAL.value,
        "note": row.note,
        "reason": row.missing_reason,
        "expected_on": row.expected_on,
    }


def _open_for_input(cell: Any, key: str, row: WorkbookRow, validations: Validations) -> None:
    """A white, unlocked cell, with the data validation of its column."""
    cell.fill = _INPUT_FILL
    cell.protection = _UNLOCKED
    if key == "value":
        validations.add(cell, value_rule(row))
    elif key in ("numerator", "denominator"):
        validations.add(cell, PART_RULE)
    elif key == "status":
        validations.add(cell, STATUS_RULE)
    elif key == "expected_on":
        cell.number_format = "dd/mm/yyyy"
        validations.add(cell, DATE_RULE)


def _shown_value(row: WorkbookRow) -> Any:
    if row.value is None:
        return None
    if row.unit == Unit.YES_NO:
        return "yes" if row.value else "no"
    return row.value


def _write_instructions(sheet: Any, data: ReturnWorkbook) -> None:
    sheet.column_dimensions["A"].width = 110
    fonts = {"title": Font(bold=True, size=16), "heading": Font(bold=True, size=13)}
    row = 1
    for style, text in instruction_lines(data):
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
