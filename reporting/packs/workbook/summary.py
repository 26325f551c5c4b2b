"""A pack's Summary: targets by block and RAG rating, the stretch targets against the
reward floor, then the exceptions (:mod:`reporting.packs.workbook.exceptions`).

Its tables share the sheet's columns, so the widths suit them all: the wide columns (B and
D) hold each table's longer text, every text cell wraps, and each header lines up with
the cells under it (numbers to the right, RAG ratings in the middle).
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from indicators.enums import Unit
from reporting.formats.cells import styled_cell
from reporting.packs.selectors.data import PackData, PackRow
from reporting.packs.workbook.cells import number_format, rag_cell, value_cell
from reporting.packs.workbook.exceptions import write_exceptions
from reporting.packs.workbook.sheet_names import SUMMARY
from reporting.packs.workbook.styles import BOLD, CENTRED, PERCENT_FORMAT, TITLE_FONT, TOP
from reporting.packs.workbook.table import PackSheet
from targets import rules

SUMMARY_WIDTHS = (26, 28, 11, 30, 13, 11, 13, 10, 11, 12, 11, 9)
COUNT_HEADERS = ("Block", "Green", "Amber", "Red", "No data", "Total")
STRETCH_HEADERS = (
    "Indicator",
    "Title",
    "Baseline",
    "Value",
    "Stretch target",
    "Standard target",
    "Achievement",
    "Reward floor",
    "Reward earned",
    "Reward grant",
    "Grant earned",
    "RAG",
)
STRETCH_NUMBERS = set(STRETCH_HEADERS[2:8]) | {"Reward grant", "Grant earned"}


def write_summary(workbook: Workbook, data: PackData) -> None:
    out = PackSheet(workbook, SUMMARY, SUMMARY_WIDTHS)
    out.prose(f"Summary: {data.period.label}", font=TITLE_FONT)
    out.prose(f"{data.scope_label}. {data.covers}")
    _write_rag_counts(out, data)
    _write_stretch_rewards(out, data)
    write_exceptions(out, data)


def _count(out: PackSheet, n: int, *, bold: bool = False) -> Any:
    return styled_cell(out.sheet, n, alignment=TOP, **({"font": BOLD} if bold else {}))


def _write_rag_counts(out: PackSheet, data: PackData) -> None:
    """A row for each block's targets by RAG rating, then the totals in bold."""
    out.heading("Targets by block and RAG rating")
    out.header_row(COUNT_HEADERS, numbers=COUNT_HEADERS[1:])
    for block in data.blocks:
        counts = block.counts
        out.append(
            [
                out.text(block.name, wrap=True),
                *(
                    _count(out, n)
                    for n in (counts.green, counts.amber, counts.red, counts.grey, counts.total)
                ),
            ]
        )
    totals = data.totals
    out.append(
        [
            out.text("All targets", font=BOLD),
            *(
                _count(out, n, bold=True)
                for n in (totals.green, totals.amber, totals.red, totals.grey, totals.total)
            ),
        ]
    )


def _write_stretch_rewards(out: PackSheet, data: PackData) -> None:
    """Each stretch target's achievement against the reward floor, and the grant earned."""
    stretch = [row for row in data.rows if row.row.is_stretch]
    out.heading(
        f"Stretch targets: achievement against the {int(rules.REWARD_FLOOR * 100)}% reward floor"
    )
    if not stretch:
        out.prose("There are no stretch targets in this pack.")
        return
    out.header_row(STRETCH_HEADERS, numbers=STRETCH_NUMBERS, ratings=("Reward earned", "RAG"))
    for item in stretch:
        out.append(_stretch_reward_row(out, item))


def _stretch_reward_row(out: PackSheet, item: PackRow) -> list[Any]:
    row = item.row
    sheet = out.sheet
    fmt = number_format(row.unit, row.decimal_places)
    money = number_format(Unit.MONEY, 0)
    return [
        out.text(row.code),
        out.text(row.title, wrap=True),
        value_cell(sheet, row.baseline_value, fmt),
        value_cell(sheet, row.value, fmt, submitted=item.submitted),
        value_cell(sheet, row.target_value, fmt),
        value_cell(sheet, row.standard_target_value, fmt),
        value_cell(sheet, row.achievement, PERCENT_FORMAT),
        styled_cell(sheet, float(rules.REWARD_FLOOR), number_format=PERCENT_FORMAT, alignment=TOP),
        out.text("Yes" if row.reward_earned else "No", alignment=CENTRED),
        value_cell(sheet, row.reward_grant, money),
        value_cell(sheet, row.reward_grant_earned, money),
        rag_cell(sheet, row.rag),
    ]
