"""The Risks sheet: the open risks held on the targets and outcomes in scope.

It prints as two sets of pages: each risk's particulars, scores and review state (overdue,
or due in the quarter), then its description, causes, consequences, controls, mitigations
and the escalations confirmed in the quarter, with the risk's title repeated at the left.
"""

from __future__ import annotations

from openpyxl import Workbook

from reporting.packs.selectors.data import PackData
from reporting.packs.workbook.cells import date_cell, number_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.sheet_names import RISKS
from reporting.packs.workbook.styles import NUMBER
from reporting.packs.workbook.table import Column, Table

RISK_COLUMNS = (
    Column("Risk", 32, wrap=True),
    Column("Level", 18, wrap=True),
    Column("Hangs on", 22, wrap=True),
    Column("Owner", 20, wrap=True),
    Column("Organisation", 20, wrap=True),
    Column("Inherent score", 10, align=NUMBER),
    Column("Current score", 10, align=NUMBER),
    Column("Band", 10),
    Column("Target score", 10, align=NUMBER),
    Column("Status", 14),
    Column("Next review by", 12),
    Column("Review", 12, wrap=True),
    Column("Description", 34, wrap=True),
    Column("Cause", 28, wrap=True),
    Column("Consequence", 28, wrap=True),
    Column("Controls", 28, wrap=True),
    Column("Mitigating actions", 34, wrap=True),
    Column("Moved this quarter", 30, wrap=True),
)
PARTICULARS = 12  # the columns up to the review's state


def write_risks(workbook: Workbook, data: PackData, work: Progress) -> None:
    table = Table(
        workbook,
        RISKS,
        RISK_COLUMNS,
        print_columns=((1, PARTICULARS), (PARTICULARS + 1, len(RISK_COLUMNS))),
        repeat_columns=1,
    )
    sheet = table.sheet
    for risk in data.risks:
        table.append(
            [
                table.text(risk.title, wrap=True),
                table.text(risk.level_label, wrap=True),
                table.text(risk.hangs_on, wrap=True),
                table.text(risk.owner, wrap=True),
                table.text(risk.owner_organisation, wrap=True),
                number_cell(sheet, risk.inherent_score),
                number_cell(sheet, risk.current_score),
                table.text(risk.band_label),
                number_cell(sheet, risk.target_score),
                table.text(risk.status_label),
                date_cell(sheet, risk.review_date),
                table.text(risk.review_state, wrap=True),
                table.text(risk.description, wrap=True),
                table.text(risk.cause, wrap=True),
                table.text(risk.consequence, wrap=True),
                table.text(risk.controls, wrap=True),
                table.text(risk.mitigations, wrap=True),
                table.text(risk.moves, wrap=True),
            ]
        )
        work.advance()
    table.close()
