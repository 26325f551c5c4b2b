"""A pack's Summary: targets by block and RAG rating, the stretch targets against the
reward floor, then the exceptions (:mod:`reporting.packs.workbook.exceptions`)."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from indicators.enums import Unit
from reporting.formats.cells import styled_cell, text_cell
from reporting.packs.selectors.data import PackData, PackRow
from reporting.packs.workbook.cells import number_format, print_setup, rag_cell, value_cell
from reporting.packs.workbook.exceptions import write_exceptions
from reporting.packs.workbook.sheet_names import SUMMARY
from reporting.packs.workbook.styles import BOLD, PERCENT_FORMAT, TITLE_FONT, WRAP
from reporting.packs.workbook.table import header_row, heading, set_widths
from targets import rules

SUMMARY_WIDTHS = (30, 40, 14, 12, 12, 12, 14, 14, 12, 14, 14, 12)
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


def write_summary(workbook: Workbook, data: PackData) -> None:
    sheet = workbook.create_sheet(SUMMARY)
    set_widths(sheet, SUMMARY_WIDTHS)
    print_setup(sheet, landscape=True)
    sheet.append([text_cell(sheet, f"Summary: {data.period.label}", font=TITLE_FONT)])
    sheet.append([text_cell(sheet, f"{data.scope_label}. {data.covers}")])
    _write_rag_counts(sheet, data)
    _write_stretch_rewards(sheet, data)
    write_exceptions(sheet, data)


def _write_rag_counts(sheet: Any, data: PackData) -> None:
    """A row for each block's targets by RAG rating, then the totals in bold."""
    heading(sheet, "Targets by block and RAG rating")
    header_row(sheet, "Block", "Green", "Amber", "Red", "No data", "Total")
    for block in data.blocks:
        counts = block.counts
        sheet.append(
            [
                text_cell(sheet, block.name),
                counts.green,
                counts.amber,
                counts.red,
                counts.grey,
                counts.total,
            ]
        )
    totals = data.totals
    sheet.append(
        [
            text_cell(sheet, "All targets", font=BOLD),
            *(
                styled_cell(sheet, n, font=BOLD)
                for n in (totals.green, totals.amber, totals.red, totals.grey, totals.total)
            ),
        ]
    )


def _write_stretch_rewards(sheet: Any, data: PackData) -> None:
    """Each stretch target's achievement against the reward floor, and the grant earned."""
    stretch = [row for row in data.rows if row.row.is_stretch]
    heading(
        sheet,
        f"Stretch targets: achievement against the {int(rules.REWARD_FLOOR * 100)}% reward floor",
    )
    if not stretch:
        sheet.append([text_cell(sheet, "There are no stretch targets in this pack.")])
        return
    header_row(sheet, *STRETCH_HEADERS)
    for item in stretch:
        sheet.append(_stretch_reward_row(sheet, item))


def _stretch_reward_row(sheet: Any, item: PackRow) -> list[Any]:
    row = item.row
    fmt = number_format(row.unit, row.decimal_places)
    money = number_format(Unit.MONEY, 0)
    return [
        text_cell(sheet, row.code),
        text_cell(sheet, row.title, alignment=WRAP),
        value_cell(sheet, row.baseline_value, fmt),
        value_cell(sheet, row.value, fmt, submitted=item.submitted),
        value_cell(sheet, row.target_value, fmt),
        value_cell(sheet, row.standard_target_value, fmt),
        value_cell(sheet, row.achievement, PERCENT_FORMAT),
        styled_cell(sheet, float(rules.REWARD_FLOOR), number_format=PERCENT_FORMAT),
        "Yes" if row.reward_earned else "No",
        value_cell(sheet, row.reward_grant, money),
        value_cell(sheet, row.reward_grant_earned, money),
        rag_cell(sheet, row.rag),
    ]
