"""The framework workbook: the template to fill in (an instructions sheet, then a sheet
each for outcomes, indicators, targets and milestones, with a list to choose from in
every column of choices), blank or filled with the framework as kept. Importing the
filled one changes nothing: each cell is written as :func:`.cells.show` reads it back.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from targets.framework_import import sheets as s
from targets.framework_import.cells import show
from targets.framework_import.current import Framework, current_values

HEADER_FILL = PatternFill("solid", fgColor="1D70B8")
HEADER_FONT = Font(bold=True, color="FFFFFF")
LAST_ROW = 5000  # how far down the lists to choose from reach

INSTRUCTIONS = (
    "How to fill in this workbook",
    "",
    "Each sheet sets up one part of the partnership's framework. Keep the sheets and their "
    "headers; a column you delete is left as it is kept.",
    "Rows name each other by code: an indicator names the code of its primary outcome, a "
    "target names its indicator's code and its area, a milestone names its target's "
    "indicator and area.",
    "A row whose code is already kept changes it; a new code adds one. Nothing is deleted.",
    "Periods: 2025-26 for a financial year, 2025-26-Q2 for a quarter.",
    "People: a username or email address. Partners: a short name or name.",
    "Type values, not formulas: a workbook with formulas is refused.",
    "Upload it on the framework import page: you see what it would add and change before "
    "anything is saved, and it is saved all or nothing.",
    "",
    "The columns",
)


def _number(value: Any) -> Any:
    """A decimal as a number the cell gives back exactly, or as text when it would not."""
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else show_decimal(value)


def show_decimal(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _cell(column: s.Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if column.kind == s.DECIMAL:
        return _number(Decimal(value))
    if column.kind == s.WHOLE:
        return int(value)
    if column.kind == s.LONG_TEXT:
        return str(value)
    return show(column, value)


def _instructions(book: Workbook) -> None:
    sheet = book.active
    sheet.title = s.INSTRUCTIONS
    for line in INSTRUCTIONS:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    for name in s.SHEETS:
        sheet.append([])
        sheet.append([name])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for column in s.COLUMNS[name]:
            needed = "needed" if column.required else "optional"
            choices = f" One of: {', '.join(column.labels)}." if column.choices else ""
            sheet.append([column.header, f"{needed}. {column.hint}{choices}".strip()])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 100


def _sheet(book: Workbook, name: str, items: list[Any]) -> None:
    sheet = book.create_sheet(name)
    columns = s.COLUMNS[name]
    sheet.append([c.header for c in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True)
        width = 40 if column.kind in (s.LONG_TEXT, s.TEXT) else 18
        sheet.column_dimensions[get_column_letter(index)].width = width
        if column.choices:
            _choices(sheet, column, get_column_letter(index))
    for item in items:
        values = current_values(name, item)
        sheet.append([_cell(c, values[c.key]) for c in columns])
    sheet.freeze_panes = "A2"


def _choices(sheet: Any, column: s.Column, letter: str) -> None:
    listed = ",".join(column.labels)
    validation = DataValidation(
        type="list",
        formula1=f'"{listed}"',
        allow_blank=not column.required,
        showErrorMessage=True,
        errorTitle=f"Choose a {column.header.lower()}",
        error=f"Choose one of: {', '.join(column.labels)}",
    )
    validation.add(f"{letter}2:{letter}{LAST_ROW}")
    sheet.add_data_validation(validation)


def framework_workbook(framework: Framework | None) -> bytes:
    """The template as an .xlsx file: blank, or filled with ``framework``."""
    book = Workbook()
    _instructions(book)
    for name in s.SHEETS:
        items = list(framework.rows[name].values()) if framework is not None else []
        _sheet(book, name, items)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
