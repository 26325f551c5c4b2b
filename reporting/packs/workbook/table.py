"""Tables on a pack's write-only sheets: a sheet holding one table, and the header rows
and headings of a sheet holding several."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from reporting.formats.cells import text_cell
from reporting.packs.workbook.cells import print_setup
from reporting.packs.workbook.styles import (
    HEADER_ALIGNMENT,
    HEADER_FILL,
    HEADER_FONT,
    HEADING_FONT,
    WRAP,
)


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    wrap: bool = False


class Table:
    """A write-only sheet holding one table: header row, frozen, filtered, printable."""

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        columns: Sequence[Column],
        *,
        freeze: str = "B2",
        landscape: bool = True,
    ) -> None:
        self.sheet = workbook.create_sheet(title)
        self.columns = columns
        self.rows = 0
        for n, column in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(n)].width = column.width
        if freeze:
            self.sheet.freeze_panes = freeze
        print_setup(self.sheet, landscape=landscape)
        self.sheet.print_title_rows = "1:1"
        self.append([self.header(c.header) for c in columns])

    def header(self, text: str) -> Any:
        return text_cell(
            self.sheet, text, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT
        )

    def append(self, values: Iterable[Any]) -> None:
        self.sheet.append(list(values))
        self.rows += 1

    def text(self, value: str | None, *, wrap: bool = False) -> Any:
        if wrap:
            return text_cell(self.sheet, value, alignment=WRAP)
        return text_cell(self.sheet, value)

    def close(self) -> None:
        """The autofilter over the whole table (set once its size is known)."""
        last = get_column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A1:{last}{max(self.rows, 2)}"


def set_widths(sheet: Any, widths: Iterable[float]) -> None:
    """The widths of the sheet's first columns, in order."""
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width


def header_row(sheet: Any, *titles: str) -> None:
    """A table's header row, on a sheet holding several tables."""
    sheet.append(
        [
            text_cell(sheet, t, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT)
            for t in titles
        ]
    )


def heading(sheet: Any, text: str) -> None:
    """A blank row, then a heading."""
    sheet.append([])
    sheet.append([text_cell(sheet, text, font=HEADING_FONT)])
