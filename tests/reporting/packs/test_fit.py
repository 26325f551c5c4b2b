"""How high a pack's rows are made for their wrapped text (reporting/packs/workbook/fit.py)."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from reporting.packs.workbook.fit import (
    MAX_ROW_HEIGHT,
    cell_height,
    lines_height,
    row_height,
    text_lines,
)

ONE_LINE = 17.0  # 15 points a line, and 2 of padding
WRAP = Alignment(wrap_text=True)
SHEET = Workbook(write_only=True).create_sheet("Sheet")


@pytest.mark.parametrize(
    ("text", "width", "options", "lines"),
    [
        ("", 20, {}, 1),
        ("Improving", 20, {}, 1),
        ("a" * 19, 20, {}, 1),  # a column 20 wide holds 19 characters, less its margins
        ("a" * 20, 20, {}, 2),  # a word longer than a line is broken
        ("one two three four five", 10, {}, 3),  # broken between words, never inside one
        ("First line\nSecond line", 40, {}, 2),  # each line break starts a line
        ("First line\n\nThird line", 40, {}, 3),  # an empty line takes a line
        ("a" * 17, 20, {"bold": True}, 1),  # bold text is wider: 17 characters in 20
        ("a" * 18, 20, {"bold": True}, 2),
        ("a" * 13, 20, {"size": 16}, 1),  # 16-point text: 13 characters in 20
        ("a" * 14, 20, {"size": 16}, 2),
        ("word", 0.5, {}, 4),  # a column too narrow for anything: a character a line
        ("Attendance rose again this quarter. " * 40, 90, {}, 18),  # 1,440 characters
    ],
)
def test_the_lines_text_takes_in_a_column(text, width, options, lines):
    assert text_lines(text, width, **options) == lines


@pytest.mark.parametrize(
    ("lines", "size", "height"),
    [
        (1, 11, ONE_LINE),
        (3, 11, 47.0),
        (1, 22, 32.0),  # twice the font, twice the line
        (1000, 11, MAX_ROW_HEIGHT),  # no higher than Excel allows
    ],
)
def test_the_height_of_lines_of_text(lines, size, height):
    assert lines_height(lines, size=size) == height


def cell(value, **style):
    made = WriteOnlyCell(SHEET, value=value)
    for name, attribute in style.items():
        setattr(made, name, attribute)
    return made


def test_wrapped_text_takes_its_lines():
    assert cell_height(cell("one two three", alignment=WRAP), 6) == lines_height(3)


def test_text_that_does_not_wrap_takes_one_line_of_its_font():
    assert cell_height(cell("one two three"), 6) == ONE_LINE
    title = cell("Summary", font=Font(size=16, bold=True))
    assert cell_height(title, 6) == lines_height(1, size=16)


def test_a_number_takes_one_line_even_when_its_cell_wraps():
    assert cell_height(cell(123456789, alignment=WRAP), 2) == ONE_LINE


def test_a_row_is_as_high_as_its_highest_cell():
    values = [
        "Plain text that would take several lines in a narrow column",  # not a cell: a line
        cell("two lines here", alignment=WRAP),
        cell("one two three four", alignment=WRAP),
        None,
        42,
    ]

    assert row_height(values, [5, 10, 6, 5, 5]) == lines_height(4)


@pytest.mark.parametrize(
    "values",
    [
        [],
        ["A plain value", 12, None],
        [cell("Short", alignment=WRAP)],
    ],
)
def test_a_row_of_single_lines_keeps_the_default_height(values):
    assert row_height(values, [30, 30, 30]) is None


def test_cells_beyond_the_widths_given_are_not_measured():
    values = [cell("one two three four", alignment=WRAP)]

    assert row_height(values, []) is None
