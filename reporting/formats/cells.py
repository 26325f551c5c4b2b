"""Writing spreadsheet cells safely, for every workbook the product builds.

Text that people typed (a note, commentary, a title) reaches the reader as the words
typed: openpyxl takes a string beginning with "=" for a formula, and Excel does the same
with "+", "-" and "@", so such text is written as a text cell (``data_type`` "s") with
Excel's quote prefix, which keeps it text when the cell is edited. Characters a
spreadsheet cannot hold are dropped, and text is cut to Excel's limit.
"""

from __future__ import annotations

from copy import copy
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles.cell_style import StyleArray

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
    cell = styled_cell(sheet, None, **style)
    if text:
        put_text(cell, text)
    return cell


def styled_cell(sheet: Any, value: Any, **style: Any) -> Any:
    """A write-only cell holding a number, date or None, with a style."""
    cell = WriteOnlyCell(sheet, value=value)
    if style:
        # A copy: the cell's own (put_text may mark it quote-prefixed).
        cell._style = copy(_style_array(sheet, style))
    return cell


# The style of each distinct set of style attributes, worked out once per workbook: setting
# each attribute on each cell looks it up in the workbook's lists of fonts, fills and
# formats, which is most of the time of writing a sheet of hundreds of thousands of cells.
_STYLES: WeakKeyDictionary[Any, dict[tuple, tuple[StyleArray, tuple]]] = WeakKeyDictionary()


def _style_array(sheet: Any, style: dict[str, Any]) -> StyleArray:
    """The style (indices into the workbook's fonts, fills, formats...) of a cell given
    ``style``: a number format by its text, a font, fill or alignment by the object."""
    known = _STYLES.setdefault(sheet.parent, {})
    key = tuple((name, v if isinstance(v, str) else id(v)) for name, v in style.items())
    found = known.get(key)
    if found is None:
        model = WriteOnlyCell(sheet)
        for name, value in style.items():
            setattr(model, name, value)
        # The style's objects are kept with it, so that no other object takes their ids.
        found = known[key] = (model._style, tuple(style.values()))
    return found[0]
