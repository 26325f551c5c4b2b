"""The Stretch targets sheet: a small table and a line chart for each stretch target,
one below the other."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference

from reporting.formats.cells import text_cell
from reporting.packs.selectors.data import PackData, StretchChart
from reporting.packs.workbook.cells import number_format, print_setup, value_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.sheet_names import STRETCH
from reporting.packs.workbook.styles import BOLD, HEADER_FILL, HEADER_FONT, TITLE_FONT

CHART_ROWS = 18  # a chart 7.5 cm high spans about 15 rows


def write_stretch(workbook: Workbook, data: PackData, work: Progress) -> None:
    """A small table and a line chart for each stretch target, one below the other."""
    sheet = workbook.create_sheet(STRETCH)
    for column, width in (("A", 14), ("B", 14), ("C", 18)):
        sheet.column_dimensions[column].width = width
    print_setup(sheet, landscape=True)
    sheet.append([text_cell(sheet, "Stretch targets: values against trajectory", font=TITLE_FONT)])
    sheet.append([])
    at = 3  # the next row to write
    for chart_data in data.stretch:
        fmt = number_format(chart_data.row.unit, chart_data.row.decimal_places)
        _write_trajectory_table(sheet, chart_data, fmt)
        sheet.add_chart(_trajectory_chart(sheet, chart_data, fmt, header_row=at + 1), f"E{at}")
        rows_used = 2 + len(chart_data.periods)
        gap = max(rows_used + 2, CHART_ROWS)
        for _ in range(gap - rows_used):
            sheet.append([])
        at += gap
        work.advance(10)


def _write_trajectory_table(sheet: Any, chart_data: StretchChart, fmt: str) -> None:
    """The target's name, then a row for each period: its value and milestone."""
    row = chart_data.row
    sheet.append([text_cell(sheet, f"{row.code} {row.title}", font=BOLD)])
    sheet.append(
        [
            text_cell(sheet, h, font=HEADER_FONT, fill=HEADER_FILL)
            for h in ("Period", "Value", "Milestone (trajectory)")
        ]
    )
    for period, value, milestone in zip(
        chart_data.periods, chart_data.values, chart_data.milestones, strict=True
    ):
        sheet.append(
            [
                text_cell(sheet, period.label),
                value_cell(sheet, value, fmt),
                value_cell(sheet, milestone, fmt),
            ]
        )


def _trajectory_chart(sheet: Any, chart_data: StretchChart, fmt: str, *, header_row: int) -> Any:
    """The line chart of the table whose header is at ``header_row``."""
    row = chart_data.row
    n = len(chart_data.periods)
    chart = LineChart()
    chart.title = f"{row.code}: value against trajectory"
    chart.y_axis.title = row.unit_label.capitalize()
    chart.x_axis.title = "Quarter"
    chart.y_axis.number_format = fmt
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.height = 7.5
    chart.width = 18
    chart.add_data(
        Reference(sheet, min_col=2, max_col=3, min_row=header_row, max_row=header_row + n),
        titles_from_data=True,
    )
    chart.set_categories(
        Reference(sheet, min_col=1, min_row=header_row + 1, max_row=header_row + n)
    )
    return chart
