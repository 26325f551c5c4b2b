"""The funding pages' tables as CSV files: the rows the pages' own selectors gave.

``/funding/`` has the partnership's totals (``totals``), the chart's table
(``funding-chart``) and each block's streams (``streams-<block slug>``);
``/funding/<pk>/`` has its amounts (``amounts``) and the actions drawing on it
(``actions``). Amounts are numbers in pounds, so that a spreadsheet adds them up.
Funding holds no value waiting for approval: everyone who reads the pages reads these.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from partnership.charts import Chart
from partnership.downloads import CsvTable, chart_table
from reporting.funding.selectors import BlockFunding, FundingPage, StreamPage

TOTAL_COLUMNS = ("Aligned", "Pooled", "Total")


def money(amount: Decimal | None) -> str:
    """Pounds and pence as a spreadsheet reads a number, 1250000.50; blank for none."""
    return "" if amount is None else f"{amount:.2f}"


def _streams(page: FundingPage, block: BlockFunding) -> CsvTable:
    def rows() -> Iterable[list[Any]]:
        return (
            [s.block_name, s.name, s.for_label, s.kind_label, s.provider,
             *map(money, s.amounts), s.action_count, money(s.drawn)]
            for s in block.streams
        )  # fmt: skip

    header = ("Block", "Stream", "For", "Aligned or pooled", "Provider", *page.years,
              "Actions", "Drawn by the actions")  # fmt: skip
    return CsvTable(f"funding-{block.slug}.csv", header, rows)


def funding_tables(page: FundingPage, chart: Chart) -> dict[str, CsvTable]:
    def totals() -> Iterable[list[Any]]:
        return (
            [year, money(t.aligned), money(t.pooled), money(t.total), t.pooled_share]
            for year, t in page.year_totals
        )

    return {
        "totals": CsvTable(
            "funding-totals.csv",
            ("Financial year", *TOTAL_COLUMNS, "Pooled share (%)"),
            totals,
        ),
        **chart_table(chart),
        **{f"streams-{b.slug}": _streams(page, b) for b in page.blocks if b.streams},
    }


def stream_tables(page: StreamPage) -> dict[str, CsvTable]:
    def amounts() -> Iterable[list[Any]]:
        return ([a.year, money(a.amount)] for a in page.amounts)

    def actions() -> Iterable[list[Any]]:
        return (
            [a.description, a.belongs_to, money(a.amount), a.status_label] for a in page.actions
        )

    name = f"funding-stream-{page.pk}"
    return {
        "amounts": CsvTable(f"{name}-amounts.csv", ("Financial year", "Amount"), amounts),
        "actions": CsvTable(
            f"{name}-actions.csv", ("Action", "For", "Amount drawn", "Status"), actions
        ),
    }
