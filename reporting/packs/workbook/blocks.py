"""A block's sheet: a row for each of its targets, with its last eight quarters."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from reporting.packs.selectors.data import SUBMITTED, PackBlock, PackData, PackRow
from reporting.packs.workbook.cells import number_format, point_cell, rag_cell, value_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.table import Column, Table

BLOCK_COLUMNS_BEFORE = (
    Column("Indicator", 10),
    Column("Title", 40, wrap=True),
    Column("Outcome", 10),
    Column("Lead", 22),
    Column("Organisation", 24),
    Column("Kind of target", 12),
    Column("Polarity", 20),
    Column("Unit", 14),
    Column("Baseline", 11),
    Column("Baseline period", 11),
)
BLOCK_COLUMNS_AFTER = (
    Column("Value for", 11),
    Column("Value", 11),
    Column("Status", 12),
    Column("Approval", 16),
    Column("Milestone this quarter", 12),
    Column("Target", 11),
    Column("Target period", 11),
    Column("RAG", 10),
    Column("Direction of travel", 14),
    Column("Forecast RAG", 11),
    Column("Commentary", 70, wrap=True),
)


def write_block(
    workbook: Workbook, name: str, block: PackBlock, data: PackData, work: Progress
) -> None:
    columns = [
        *BLOCK_COLUMNS_BEFORE,
        *(Column(p.label, 11) for p in data.history_periods),
        *BLOCK_COLUMNS_AFTER,
    ]
    table = Table(workbook, name, columns, freeze="C2")
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
        table.text(row.lead_person),
        table.text(row.lead_organisation),
        table.text(row.kind_label),
        table.text(row.polarity_label),
        table.text(row.unit_label),
        value_cell(sheet, row.baseline_value, fmt),
        table.text(row.baseline_period.label),
        *(point_cell(sheet, point, fmt) for point in item.history),
        table.text(row.value_period.label),
        value_cell(sheet, row.value, fmt, submitted=item.submitted),
        table.text(row.value_status.capitalize()),
        table.text(approval),
        value_cell(sheet, row.milestone, fmt),
        value_cell(sheet, row.target_value, fmt),
        table.text(row.target_period.label),
        rag_cell(sheet, row.rag),
        table.text(row.direction.label),
        rag_cell(sheet, item.forecast_rag),
        table.text(item.commentary, wrap=True),
    ]
