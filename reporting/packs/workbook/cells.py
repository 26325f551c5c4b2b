"""A pack's cells: numbers in their unit's format, submitted values, RAG ratings, dates,
and a sheet's page setup.

Numbers, ratings and dates sit at the top of their cells, level with the first line of any
wrapped text beside them.

Text goes through :mod:`reporting.formats.cells`, so that it is never a formula.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from indicators.enums import Unit
from reporting.formats.cells import styled_cell, text_cell
from reporting.packs.selectors.data import Point
from reporting.packs.workbook.styles import (
    CENTRED,
    DATE_FORMAT,
    RAG_FILLS,
    RAG_FONTS,
    SUBMITTED_FILL,
    SUBMITTED_FONT,
    TOP,
)
from targets import rules


def number_format(unit: str, decimal_places: int) -> str:
    """The Excel number format for a value of the unit: ``0.0"%"``, ``"£"#,##0``...

    A percentage is stored as a number of percent (62.5 for 62.5 %), so its format adds
    the sign rather than multiplying by 100. A yes/no value is 1 or 0.
    """
    decimals = "." + "0" * decimal_places if decimal_places else ""
    if unit == Unit.PERCENTAGE:
        return f'0{decimals}"%"'
    if unit == Unit.MONEY:
        return f'"£"#,##0{decimals};-"£"#,##0{decimals}'
    if unit == Unit.YES_NO:
        return '"Yes";"Yes";"No"'
    if unit == Unit.RATIO:
        return f"0{decimals}"
    return f"#,##0{decimals}"


# Narrow margins (inches), leaving room for the page's header and footer.
MARGINS = {"left": 0.5, "right": 0.5, "top": 0.7, "bottom": 0.7, "header": 0.3, "footer": 0.3}


def print_setup(sheet: Any, *, landscape: bool) -> None:
    """A4, fitted to the page's width; each page headed by the sheet's name and the pack's
    title, and numbered, so that a printed page says where it comes from."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(**MARGINS)
    title = (sheet.parent.properties.title or "").replace("&", "&&")
    sheet.oddHeader.left.text = "&A"  # the sheet's name
    sheet.oddHeader.right.text = title
    sheet.oddFooter.right.text = "Page &P of &N"


def _number(value: Decimal | int | None) -> int | float | None:
    """A stored Decimal as Excel holds it (a double)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def value_cell(
    sheet: Any, value: Decimal | None, fmt: str, *, submitted: bool = False, top: bool = True
) -> Any:
    """A number in the format ``fmt``; marked when submitted, not yet approved. ``top``
    False leaves it at the foot of its cell (a sheet of one-line rows: the Data sheet)."""
    if value is None:
        return None
    style: dict[str, Any] = {"alignment": TOP} if top else {}
    if submitted:
        style |= {"fill": SUBMITTED_FILL, "font": SUBMITTED_FONT}
    return styled_cell(sheet, _number(value), number_format=fmt, **style)


def number_cell(sheet: Any, value: int | None) -> Any:
    """A whole number (a count, a score) in the General format."""
    return None if value is None else styled_cell(sheet, value, alignment=TOP)


def point_cell(sheet: Any, point: Point | None, fmt: str) -> Any:
    if point is None:
        return None
    return value_cell(sheet, point.value, fmt, submitted=point.submitted)


def rag_cell(sheet: Any, rag: rules.Rag | None) -> Any:
    """A RAG rating: its word, in a cell filled with its colour."""
    if rag is None:
        return None
    return text_cell(
        sheet,
        rag.label,
        fill=RAG_FILLS[rag],
        font=RAG_FONTS[rag],
        alignment=CENTRED,
    )


def date_cell(sheet: Any, day: date | None) -> Any:
    return styled_cell(sheet, day, number_format=DATE_FORMAT, alignment=TOP) if day else None
