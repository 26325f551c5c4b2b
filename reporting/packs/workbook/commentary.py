"""The Commentary sheet: each outcome's commentary and forecast from its return for the
quarter, once for each outcome, wrapped and whole.

The block sheets hold the same commentary on each target's row, for filtering on screen;
this sheet is where it is read and printed.
"""

from __future__ import annotations

from openpyxl import Workbook

from reporting.packs.selectors.data import PackData, PackRow
from reporting.packs.workbook.cells import rag_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.sheet_names import COMMENTARY
from reporting.packs.workbook.styles import RATING
from reporting.packs.workbook.table import Column, Table

COMMENTARY_COLUMNS = (
    Column("Block", 20, wrap=True),
    Column("Outcome", 28, wrap=True),
    Column("Lead", 20, wrap=True),
    Column("Return", 13, wrap=True),
    Column("Forecast RAG", 10, align=RATING),
    Column("Commentary", 90, wrap=True),
)
NO_RETURN = "No return"


def outcome_rows(data: PackData) -> list[PackRow]:
    """The first target of each outcome in the pack, in the pack's order."""
    seen: dict[int, PackRow] = {}
    for item in data.rows:
        seen.setdefault(item.row.outcome_id, item)
    return list(seen.values())


def write_commentary(workbook: Workbook, data: PackData, work: Progress) -> None:
    table = Table(workbook, COMMENTARY, COMMENTARY_COLUMNS, freeze="C2")
    for item in outcome_rows(data):
        row, line = item.row, item.row.outcome_return
        lead = ", ".join(name for name in (line.lead_person, line.lead_organisation) if name)
        table.append(
            [
                table.text(row.block_name, wrap=True),
                table.text(f"{row.outcome_code} {row.outcome_title}", wrap=True),
                table.text(lead, wrap=True),
                table.text(line.state_label or NO_RETURN, wrap=True),
                rag_cell(table.sheet, item.forecast_rag),
                table.text(item.commentary, wrap=True),
            ]
        )
        work.advance()
    table.close()
