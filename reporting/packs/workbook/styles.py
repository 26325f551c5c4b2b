"""The styles of a pack's cells: headers, titles, submitted values, RAG ratings, formats."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill

from targets import rules

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
TITLE_FONT = Font(bold=True, size=16)
HEADING_FONT = Font(bold=True, size=12)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
# A value submitted but not yet approved: italic on pale yellow, and said in words too.
SUBMITTED_FILL = PatternFill("solid", fgColor="FFF7BF")
SUBMITTED_FONT = Font(italic=True)
DATE_FORMAT = "d mmm yyyy"
PERCENT_FORMAT = "0%"
RAG_FILLS = {
    rules.Rag.GREEN: PatternFill("solid", fgColor="00703C"),
    rules.Rag.AMBER: PatternFill("solid", fgColor="FFBF47"),
    rules.Rag.RED: PatternFill("solid", fgColor="D4351C"),
    rules.Rag.GREY: PatternFill("solid", fgColor="B1B4B6"),
}
RAG_FONTS = {
    rules.Rag.GREEN: Font(bold=True, color="FFFFFF"),
    rules.Rag.AMBER: Font(bold=True, color="0B0C0C"),
    rules.Rag.RED: Font(bold=True, color="FFFFFF"),
    rules.Rag.GREY: Font(bold=True, color="0B0C0C"),
}
