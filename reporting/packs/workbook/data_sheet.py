"""The Data sheet: every value in scope, one a row, ready for a pivot table.

It can hold hundreds of thousands of rows, streamed from
:attr:`reporting.packs.selectors.data.PackData.data_rows` as they are written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openpyxl import Workbook

from reporting.packs.selectors.data import SUBMITTED, PackData
from reporting.packs.workbook.cells import number_format, value_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.sheet_names import DATA
from reporting.packs.workbook.table import Column, Table

DATA_COLUMNS = (
    Column("Indicator", 10),
    Column("Title", 36),
    Column("Block", 24),
    Column("Outcome", 10),
    Column("Area code", 12),
    Column("Area", 24),
    Column("Kind of area", 16),
    Column("Period", 11),
    Column("Value", 12),
    Column("Unit", 14),
    Column("Status", 12),
    Column("Approval", 16),
    Column("Note", 40),
)
PROGRESS_ROWS = 1000  # report progress once every so many rows


def write_data(workbook: Workbook, data: PackData, work: Progress) -> None:
    """The flat table: plain cells but the value (its number format) and the note."""
    table = Table(workbook, DATA, DATA_COLUMNS, freeze="A2")
    sheet = table.sheet
    formats: dict[tuple[str, int], str] = {}
    text = _once_each(table.text)
    append = sheet.append
    written = 0
    for row in data.data_rows():
        key = (row.unit, row.decimal_places)
        fmt = formats.get(key) or formats.setdefault(key, number_format(*key))
        append(
            [
                text(row.indicator_code),
                text(row.indicator_title),
                text(row.block),
                text(row.outcome),
                text(row.area_code),
                text(row.area_name),
                row.area_kind,
                row.period,
                value_cell(sheet, row.value, fmt, submitted=row.approval == SUBMITTED, top=False),
                row.unit_label,
                row.status,
                row.approval,
                table.text(row.note),
            ]
        )
        written += 1
        if written % PROGRESS_ROWS == 0:
            work.advance(PROGRESS_ROWS)
    table.rows += written
    work.advance(written % PROGRESS_ROWS)
    table.close()


def _once_each(text: Callable[[str | None], Any]) -> Callable[[str | None], Any]:
    """``text`` for the text repeated from row to row (an indicator's title, an area's
    name), worked out once for each text. A cell (text that would read as a formula) is
    made afresh for each row."""
    seen: dict[str | None, Any] = {}

    def once(value: str | None) -> Any:
        if value in seen:
            return seen[value]
        found = text(value)
        if found is None or isinstance(found, str):
            seen[value] = found
        return found

    return once
