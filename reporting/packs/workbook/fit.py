"""How high a pack's rows must be for their wrapped text to show whole.

Excel and LibreOffice Calc do not size a row to its wrapped text when they open a file
written by openpyxl: the row keeps one line's height, and the rest of the text spills over
the rows below or is cut off. So the pack gives each row holding more than a line of text
its height, worked out here from the text and its column's width.

A column's width is counted in characters of the default font (11-point Calibri, or the
font standing in for it); a line of prose holds about that many characters, a little
fewer in bold. The estimate errs on the side of a line too many, never one too few.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

DEFAULT_SIZE = 11.0  # points: openpyxl's default font
CHARS_PER_WIDTH = 1.0  # characters of prose on a line, per unit of a column's width
BOLD_CHARS_PER_WIDTH = 0.9
CELL_MARGIN = 1.0  # a column's width lost to the cell's margins
LINE_HEIGHT = 15.0  # points a line of 11-point text takes (Excel's row height)
ROW_PADDING = 2.0  # points above and below the text
MAX_ROW_HEIGHT = 409.0  # the highest row Excel allows


def text_lines(text: str, width: float, *, bold: bool = False, size: float = DEFAULT_SIZE) -> int:
    """The lines ``text`` takes when wrapped in a column ``width`` wide (at least one).

    Each line break in the text starts a line; words longer than a line are broken.
    """
    factor = BOLD_CHARS_PER_WIDTH if bold else CHARS_PER_WIDTH
    per_line = max(1, int((width - CELL_MARGIN) * factor * DEFAULT_SIZE / size))
    return sum(
        max(1, len(textwrap.wrap(paragraph, per_line, break_on_hyphens=False)))
        for paragraph in text.split("\n")
    )


def lines_height(lines: int, *, size: float = DEFAULT_SIZE) -> float:
    """The height in points of a row showing ``lines`` lines of text of the font ``size``."""
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT * size / DEFAULT_SIZE + ROW_PADDING)


def cell_height(cell: Any, width: float) -> float:
    """The height the cell's text needs in a column ``width`` wide: wrapped text its lines,
    other text one line of its font."""
    font = getattr(cell, "font", None)
    size = float(font.sz) if font is not None and font.sz else DEFAULT_SIZE
    text = getattr(cell, "value", None)
    alignment = getattr(cell, "alignment", None)
    if not isinstance(text, str) or not (alignment is not None and alignment.wrap_text):
        return lines_height(1, size=size)
    bold = bool(font is not None and font.b)
    return lines_height(text_lines(text, width, bold=bold, size=size), size=size)


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float | None:
    """The height a row of ``values`` (cells or plain values) needs in columns of
    ``widths``, or None when one line of the default font is enough."""
    needed = lines_height(1)
    for value, width in zip(values, widths, strict=False):
        if hasattr(value, "font"):  # a styled cell; plain values take one plain line
            needed = max(needed, cell_height(value, width))
    return None if needed <= lines_height(1) else needed
