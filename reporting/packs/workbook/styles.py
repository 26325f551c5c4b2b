"""The styles of a pack's cells: headers, titles, submitted values, RAG ratings, formats.

Every font names Calibri, the workbook's default, so that a header or a title is drawn in
the same face as the cells under it (a font with no name is drawn in the reader's
default face, a serif one in LibreOffice).
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill

from targets import rules

FONT_NAME = "Calibri"
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=16)
HEADING_FONT = Font(name=FONT_NAME, bold=True, size=12)
BOLD = Font(name=FONT_NAME, bold=True)
# Text and numbers sit at the top of their cells, so that a row made high by wrapped text
# reads across its first line.
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTRED = Alignment(horizontal="center", vertical="top")
# How a column's header lines up with the cells under it: numbers to the right, RAG
# ratings in the middle, text to the left; every header wraps.
NUMBER = "right"
RATING = "center"
HEADER_ALIGNMENTS = {
    align: Alignment(wrap_text=True, vertical="top", horizontal=align)
    for align in (None, NUMBER, RATING)
}
# A value submitted but not yet approved: italic on pale yellow, and said in words too.
SUBMITTED_FILL = PatternFill("solid", fgColor="FFF7BF")
SUBMITTED_FONT = Font(name=FONT_NAME, italic=True)
DATE_FORMAT = "d mmm yyyy"
PERCENT_FORMAT = "0%"
RAG_FILLS = {
    rules.Rag.GREEN: PatternFill("solid", fgColor="00703C"),
    rules.Rag.AMBER: PatternFill("solid", fgColor="FFBF47"),
    rules.Rag.RED: PatternFill("solid", fgColor="D4351C"),
    rules.Rag.GREY: PatternFill("solid", fgColor="B1B4B6"),
}
RAG_FONTS = {
    rules.Rag.GREEN: Font(name=FONT_NAME, bold=True, color="FFFFFF"),
    rules.Rag.AMBER: Font(name=FONT_NAME, bold=True, color="0B0C0C"),
    rules.Rag.RED: Font(name=FONT_NAME, bold=True, color="FFFFFF"),
    rules.Rag.GREY: Font(name=FONT_NAME, bold=True, color="0B0C0C"),
}
