"""Cells of the product's workbooks (``reporting.formats.cells``): each styled cell has
the style it was given, in every workbook, however many cells share it."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from reporting.formats.cells import styled_cell, text_cell

BOLD = Font(bold=True)
RED = PatternFill("solid", fgColor="D4351C")


def saved(workbook: Workbook):
    buffer = BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return load_workbook(buffer)["Sheet"]


def test_a_style_is_the_one_given_in_each_workbook_whatever_came_before():
    first = Workbook(write_only=True)
    sheet = first.create_sheet("Sheet")
    sheet.append([styled_cell(sheet, 1, fill=RED), styled_cell(sheet, 2, number_format="0.0")])
    second = Workbook(write_only=True)
    other = second.create_sheet("Sheet")
    # The same styles, the other way round: the workbook's own lists number them otherwise.
    other.append([styled_cell(other, 3, number_format="0.0"), text_cell(other, "x", font=BOLD)])
    other.append([styled_cell(other, 4, fill=RED)])

    one, two = saved(first), saved(second)

    assert one["A1"].fill.fgColor.rgb == "00D4351C"
    assert one["B1"].number_format == "0.0"
    assert two["A1"].number_format == "0.0"
    assert two["A1"].fill.fill_type is None
    assert two["B1"].font.b is True
    assert two["A2"].fill.fgColor.rgb == "00D4351C"
    assert two["A2"].number_format == "General"


def test_text_that_would_be_a_formula_is_marked_in_its_own_cell_only():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet")
    sheet.append([text_cell(sheet, "=1+1", font=BOLD), text_cell(sheet, "plain", font=BOLD)])

    cells = saved(workbook)

    assert (cells["A1"].value, cells["A1"].quotePrefix) == ("=1+1", True)
    assert (cells["B1"].value, cells["B1"].quotePrefix) == ("plain", False)
    assert cells["B1"].font.b is True
