"""A block's sheet: a row for each of its targets, with its last eight quarters.

The columns a board reads come first (the target, its value against its milestone and
target, RAG, direction of travel, what statistical process control says of it in words
(its variation and assurance, explained on the Cover) and forecast), then the eight
quarters, then the target's particulars and its outcome's commentary. The sheet prints
on A4 landscape as two sets of pages: the board's columns, then the eight quarters, with
each target's indicator and title repeated at the left.

The particulars and the commentary are for reading and filtering on screen. The
commentary is the outcome's, the same on each of its targets' rows: it is not wrapped
here, so that rows stay a line or two high, and the Commentary sheet
(:mod:`.commentary`) shows and prints it whole, once for each outcome.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from reporting.packs.selectors.data import SUBMITTED, PackBlock, PackData, PackRow
from reporting.packs.workbook.cells import number_format, point_cell, rag_cell, value_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.styles import NUMBER, RATING
from reporting.packs.workbook.table import Column, Table

BOARD_COLUMNS = (
    Column("Indicator", 10),
    Column("Title", 26, wrap=True),
    Column("Outcome", 9),
    Column("Lead", 14, wrap=True),
    Column("Value for", 10),
    Column("Value", 10, align=NUMBER),
    Column("Approval", 12, wrap=True),
    Column("Milestone this quarter", 11, align=NUMBER),
    Column("Target", 9, align=NUMBER),
    Column("Target period", 9),
    Column("RAG", 9, align=RATING),
    Column("Direction of travel", 11, wrap=True),
    # Wide enough for "Common cause" and "Hit and miss" on one line: the other words wrap.
    Column("Variation", 14, wrap=True),
    Column("Assurance", 13, wrap=True),
    Column("Forecast RAG", 9, align=RATING),
)
COMMENTARY_COLUMN = Column("Commentary", 70)
PARTICULAR_COLUMNS = (
    Column("Organisation", 24),
    Column("Kind of target", 12),
    Column("Polarity", 18),
    Column("Unit", 14),
    Column("Baseline", 11, align=NUMBER),
    Column("Baseline period", 11),
    Column("Status", 12),
)
QUARTER_WIDTH = 12  # a quarter's label, in bold, on one line
REPEATED = 2  # the indicator and title, at the left of every printed page


def block_columns(data: PackData) -> list[Column]:
    return [
        *BOARD_COLUMNS,
        *(Column(p.label, QUARTER_WIDTH, align=NUMBER) for p in data.history_periods),
        *PARTICULAR_COLUMNS,
        COMMENTARY_COLUMN,
    ]


def write_block(
    workbook: Workbook, name: str, block: PackBlock, data: PackData, work: Progress
) -> None:
    board = len(BOARD_COLUMNS)
    quarters = board + len(data.history_periods)
    table = Table(
        workbook,
        name,
        block_columns(data),
        freeze="C2",
        print_columns=((1, board), (board + 1, quarters)),
        repeat_columns=REPEATED,
    )
    sheet = table.sheet
    for item in block.rows:
        table.append(_block_row(table, sheet, item))
        work.advance()
    table.close()


def _block_row(table: Table, sheet: Any, item: PackRow) -> list[Any]:
    row = item.row
    fmt = number_format(row.unit, row.decimal_places)
    approval = "" if row.value is None else (SUBMITTED if item.submitted else "Approved")
    return [
        table.text(row.code),
        table.text(row.title, wrap=True),
        table.text(row.outcome_code),
        table.text(row.lead_person, wrap=True),
        table.text(row.value_period.label),
        value_cell(sheet, row.value, fmt, submitted=item.submitted),
        table.text(approval, wrap=True),
        value_cell(sheet, row.milestone, fmt),
        value_cell(sheet, row.target_value, fmt),
        table.text(row.target_period.label),
        rag_cell(sheet, row.rag),
        table.text(row.direction.label, wrap=True),
        table.text(row.spc_variation.label, wrap=True),
        table.text(row.spc_assurance.label, wrap=True),
        rag_cell(sheet, item.forecast_rag),
        *(point_cell(sheet, point, fmt) for point in item.history),
        table.text(row.lead_organisation),
        table.text(row.kind_label),
        table.text(row.polarity_label),
        table.text(row.unit_label),
        value_cell(sheet, row.baseline_value, fmt),
        table.text(row.baseline_period.label),
        table.text(row.value_status.capitalize()),
        table.text(item.commentary),
    ]
