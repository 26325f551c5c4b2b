"""The Actions sheet: the actions of the plans for the targets and outcomes in scope.

It prints as two sets of pages: what each action is, who leads it and when, then its
progress and what it brings, with what it is for and the action repeated at the left.
"""

from __future__ import annotations

from openpyxl import Workbook

from reporting.packs.selectors.data import PackData
from reporting.packs.workbook.cells import date_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.sheet_names import ACTIONS
from reporting.packs.workbook.table import Column, Table

ACTION_COLUMNS = (
    Column("For", 26, wrap=True),
    Column("Action", 40, wrap=True),
    Column("Aim", 30, wrap=True),
    Column("Lead organisation", 22, wrap=True),
    Column("Other partners", 24, wrap=True),
    Column("Start", 12),
    Column("Due", 12),
    Column("Status", 12),
    Column("Progress", 40, wrap=True),
    Column("How it is monitored", 30, wrap=True),
    Column("Resources", 24, wrap=True),
    Column("Outputs", 24, wrap=True),
    Column("Expected outcomes", 24, wrap=True),
)
PARTICULARS = 8  # the columns up to the status


def write_actions(workbook: Workbook, data: PackData, work: Progress) -> None:
    table = Table(
        workbook,
        ACTIONS,
        ACTION_COLUMNS,
        print_columns=((1, PARTICULARS), (PARTICULARS + 1, len(ACTION_COLUMNS))),
        repeat_columns=2,
    )
    sheet = table.sheet
    for action in data.actions:
        table.append(
            [
                table.text(action.belongs_to, wrap=True),
                table.text(action.description, wrap=True),
                table.text(action.aim, wrap=True),
                table.text(action.lead_organisation, wrap=True),
                table.text(action.other_partners, wrap=True),
                date_cell(sheet, action.start_date),
                date_cell(sheet, action.due_date),
                table.text(action.status_label),
                table.text(action.progress, wrap=True),
                table.text(action.monitoring, wrap=True),
                table.text(action.resources, wrap=True),
                table.text(action.outputs, wrap=True),
                table.text(action.expected_outcomes, wrap=True),
            ]
        )
        work.advance()
    table.close()
