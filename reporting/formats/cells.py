"""Writing spreadsheet cells safely, for every workbook the product builds.

Text that people typed (a note, commentary, a title) reaches the reader as the words
typed: openpyxl takes a string beginning with "=" for a formula, and Excel does the same
with "+", "-" and "@", so such text is written as a text cell (``data_type`` "s") with
Excel's quote prefix, which keeps it text when the cell is edited. Characters a
spreadsheet cannot hold are dropped, and text is cut to Excel's limit.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@")
MAX_CELL_TEXT = 32767  # Excel's limit


def clean_text(text: str | None) -> str:
    """Text a cell can hold: no control characters, no longer than Excel allows."""
    return ILLEGAL_CHARACTERS_RE.sub("", text or "")[:MAX_CELL_TEXT]


def put_text(cell: Any, text: str) -> None:
    """Write text that must stay text into a cell: never a formula, whatever it begins with."""
    text = clean_text(text)
    if not text:
        return
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited


def text_cell(sheet: Any, text: str | None, **style: Any) -> Any:
    """A value to append to a write-only sheet for ``text``: never a formula.

    Plain text with no style is returned as it is (the fast path, most cells); text that
    would read as a formula, or any styled text, becomes a ``WriteOnlyCell``. ``style``
    is openpyxl's cell style attributes: ``font=``, ``fill=``, ``alignment=``...
    """
    text = clean_text(text)
    if not style and not text.startswith(FORMULA_START):
        return text or None
    cell = WriteOnlyCell(sheet)
    if text:
        put_text(cell, text)
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def styled_cell(sheet: Any, value: Any, **style: Any) -> Any:
    """A write-only cell holding a number, date or None, with a style."""
    cell = WriteOnlyCell(sheet, value=value)
    for name, attribute in style.items():
        setattr(cell, name, attribute)
    return cell
