"""The Funding sheet: the funding streams in scope, a row each, with their amounts per
financial year and what they fund; then the totals by block and year, aligned against
pooled, and the partnership's (or the scope's) totals.

The streams are a filtered table (frozen header, filters over the streams only); the
totals follow them after a blank row, under a header of their own. Money is in whole
pounds (``"£"#,##0``).
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from indicators.enums import Unit
from reporting.funding.rules import KindTotals
from reporting.packs.selectors.data import PackData
from reporting.packs.workbook.cells import number_format, value_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.sheet_names import FUNDING
from reporting.packs.workbook.styles import BOLD, NUMBER
from reporting.packs.workbook.table import Column, Table

MONEY = number_format(Unit.MONEY, 0)
LEADING = (
    Column("Block", 22, wrap=True),
    Column("For", 28, wrap=True),
    Column("Funding stream", 32, wrap=True),
    Column("Aligned or pooled", 10),
    Column("Provider", 20, wrap=True),
)
WHAT_IT_FUNDS = Column("What it funds", 44, wrap=True)


def funding_columns(years: tuple[str, ...]) -> tuple[Column, ...]:
    money = tuple(Column(year, 13, align=NUMBER) for year in years)
    return (*LEADING, *money, Column("Total", 14, align=NUMBER), WHAT_IT_FUNDS)


def write_funding(workbook: Workbook, data: PackData, work: Progress) -> None:
    page, funds = data.funding.page, data.funding.funds
    columns = funding_columns(page.years)
    table = Table(workbook, FUNDING, columns, freeze="D2", repeat_columns=3)
    sheet = table.sheet
    for block in page.blocks:
        for line in block.streams:
            table.append(
                [
                    table.text(line.block_name, wrap=True),
                    table.text(line.for_label, wrap=True),
                    table.text(line.name, wrap=True),
                    table.text(line.kind_label),
                    table.text(line.provider, wrap=True),
                    *(value_cell(sheet, amount, MONEY) for amount in line.amounts),
                    value_cell(sheet, line.total, MONEY),
                    table.text(funds.get(line.pk, ""), wrap=True),
                ]
            )
            work.advance()
    streams_end = table.rows
    table.append([])
    # The totals' own header, their years and totals under the streams' years and totals.
    gap = [table.header("") for _ in LEADING[2:]]
    money = [table.header(c.header, c.align) for c in columns[len(LEADING) : -1]]
    table.append([table.header("Totals by block"), table.header("Aligned or pooled"), *gap, *money])
    for block in page.blocks:
        _totals(table, block.name, block.totals)
    _totals(table, "All streams in the pack", page.totals, bold=True)
    table.close()
    # The filters cover the streams, not the totals below them.
    table.sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(streams_end, 2)}"


def _totals(table: Table, name: str, totals: tuple[KindTotals, ...], *, bold: bool = False) -> None:
    style = {"font": BOLD} if bold else {}
    for label, of in (
        ("Aligned", lambda t: t.aligned),
        ("Pooled", lambda t: t.pooled),
        ("Total", lambda t: t.total),
    ):
        amounts = [of(t) for t in totals]
        table.append(
            [
                table.text(name, wrap=True, **style),
                table.text(label, **style),
                *([None] * (len(LEADING) - 2)),
                *(value_cell(table.sheet, a, MONEY) for a in amounts),
                value_cell(table.sheet, sum(amounts, Decimal(0)), MONEY),
            ]
        )
