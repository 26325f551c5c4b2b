"""A pack's write-only sheets: a sheet written row by row (:class:`PackSheet`), each row as
high as its wrapped text needs, with the headings, header rows and prose of a sheet holding
several tables; and a sheet holding one table (:class:`Table`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from reporting.formats.cells import text_cell
from reporting.packs.workbook.cells import print_setup
from reporting.packs.workbook.fit import cell_height, row_height
from reporting.packs.workbook.styles import (
    HEADER_ALIGNMENTS,
    HEADER_FILL,
    HEADER_FONT,
    HEADING_FONT,
    NUMBER,
    RATING,
    TOP,
    WRAP,
)


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    wrap: bool = False
    align: str | None = None  # NUMBER or RATING: how the header lines up with the cells


class PackSheet:
    """A write-only sheet written row by row, its columns' widths set before the first row.

    Each row is given the height its wrapped text needs (see :mod:`.fit`): Excel and
    LibreOffice would show one line of it.
    """

    def __init__(
        self, workbook: Workbook, title: str, widths: Sequence[float], *, landscape: bool = True
    ) -> None:
        self.sheet = workbook.create_sheet(title)
        self.widths = tuple(widths)
        self.rows = 0
        set_widths(self.sheet, self.widths)
        print_setup(self.sheet, landscape=landscape)

    def append(self, values: Iterable[Any], *, height: float | None = None) -> None:
        values = list(values)
        height = height or row_height(values, self.widths)
        if height is not None:
            self.sheet.row_dimensions[self.rows + 1].height = height
        self.sheet.append(values)
        self.rows += 1

    def text(self, value: str | None, *, wrap: bool = False, **style: Any) -> Any:
        """A text cell at the top of its cell, wrapped in its column or not."""
        style.setdefault("alignment", WRAP if wrap else TOP)
        return text_cell(self.sheet, value, **style)

    def header_row(
        self, titles: Sequence[str], *, numbers: Collection[str] = (), ratings: Collection[str] = ()
    ) -> None:
        """A table's header row: the headers of ``numbers`` to the right, over their
        numbers, and of ``ratings`` in the middle, over their RAG ratings."""
        self.append(
            self.header(t, NUMBER if t in numbers else RATING if t in ratings else None)
            for t in titles
        )

    def header(self, text: str, align: str | None = None) -> Any:
        return text_cell(
            self.sheet,
            text,
            font=HEADER_FONT,
            fill=HEADER_FILL,
            alignment=HEADER_ALIGNMENTS[align],
        )

    def prose(self, text: str, *, font: Any = None) -> None:
        """A line of prose across the sheet's columns, wrapped in one merged cell as wide
        as they are together."""
        style = {"font": font} if font is not None else {}
        cell = text_cell(self.sheet, text, alignment=WRAP, **style)
        row = self.rows + 1
        if len(self.widths) > 1:
            self.sheet.merged_cells.add(f"A{row}:{get_column_letter(len(self.widths))}{row}")
        self.append([cell], height=cell_height(cell, sum(self.widths)))

    def heading(self, text: str, *, new_page: bool = False) -> None:
        """A heading: after a blank row, or at the top of a new printed page."""
        if new_page:
            self.page_break()
        else:
            self.append([])
        self.prose(text, font=HEADING_FONT)

    def page_break(self) -> None:
        """What comes next prints at the top of a new page."""
        if self.rows:
            self.sheet.row_breaks.append(Break(id=self.rows))


class Table(PackSheet):
    """A write-only sheet holding one table: header row, frozen, filtered, printed with its
    header row and grid on every page.

    ``print_columns`` are the spans of columns (first and last, counted from 1) printed,
    each on pages of its own, with the first ``repeat_columns`` repeated at the left of
    every page; by default the whole table prints.
    """

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        columns: Sequence[Column],
        *,
        freeze: str = "B2",
        landscape: bool = True,
        print_columns: Sequence[tuple[int, int]] = (),
        repeat_columns: int = 0,
    ) -> None:
        super().__init__(workbook, title, [c.width for c in columns], landscape=landscape)
        self.columns = columns
        self.print_columns = tuple(print_columns)
        # Text cells are styled to sit at the top only when a row can be more than a line
        # high; a table of single lines keeps the plain, fast cells (the Data sheet).
        self.top_aligned = any(c.wrap for c in columns)
        if freeze:
            self.sheet.freeze_panes = freeze
        self.sheet.print_title_rows = "1:1"
        # Printed with the grid, as on screen, so that a number never runs into the text
        # of the next column.
        self.sheet.print_options.gridLines = True
        if repeat_columns:
            self.sheet.print_title_cols = f"A:{get_column_letter(repeat_columns)}"
        self.append([self.header(c.header, c.align) for c in columns])

    def text(self, value: str | None, *, wrap: bool = False, **style: Any) -> Any:
        if wrap or self.top_aligned or style:
            return super().text(value, wrap=wrap, **style)
        return text_cell(self.sheet, value)

    def close(self) -> None:
        """The autofilter over the whole table, and the print area (set once its size is
        known)."""
        last = get_column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A1:{last}{max(self.rows, 2)}"
        if self.print_columns:
            self.sheet.print_area = [
                f"{get_column_letter(first)}1:{get_column_letter(end)}{self.rows}"
                for first, end in self.print_columns
            ]


def set_widths(sheet: Any, widths: Iterable[float]) -> None:
    """The widths of the sheet's first columns, in order."""
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
