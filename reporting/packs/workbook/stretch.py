"""The Stretch targets sheet: for each stretch target, a small table and a line chart of its
values against its trajectory, a page each when printed.

The lines are straight, from point to point, never smoothed into curves that pass above
or below the figures. Each value is marked with a dot, and the trajectory is dashed, so
the two read apart without colour. A quarter with no value leaves a gap in a quarterly
indicator's line; an annual (or biennial) indicator has a value once a year, shown in the
year's Q4, so its yearly values are joined across the quarters between.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference

from reporting.formats.cells import text_cell
from reporting.packs.selectors.comparators import YEARLY
from reporting.packs.selectors.data import PackData, StretchChart
from reporting.packs.workbook.cells import number_format, value_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.sheet_names import STRETCH
from reporting.packs.workbook.styles import BOLD, TITLE_FONT
from reporting.packs.workbook.table import PackSheet

STRETCH_WIDTHS = (14, 12, 26)
CHART_ROWS = 20  # rows a target takes: its table, or its chart (10 cm high), and a gap
VALUE_COLOUR = "1D70B8"  # GOV.UK blue
TRAJECTORY_COLOUR = "505A5F"  # GOV.UK dark grey
LINE_WIDTH = 28575  # 2.25 points, in EMU


def write_stretch(workbook: Workbook, data: PackData, work: Progress) -> None:
    """A small table and a line chart for each stretch target, one below the other."""
    out = PackSheet(workbook, STRETCH, STRETCH_WIDTHS)
    out.append(
        [text_cell(out.sheet, "Stretch targets: values against trajectory", font=TITLE_FONT)]
    )
    for n, chart_data in enumerate(data.stretch):
        if n:
            out.page_break()  # a page for each target
        out.append([])
        start = out.rows + 1
        fmt = number_format(chart_data.row.unit, chart_data.row.decimal_places)
        _write_trajectory_table(out, chart_data, fmt)
        chart = _trajectory_chart(out.sheet, chart_data, fmt, header_row=start + 1)
        out.sheet.add_chart(chart, f"E{start}")
        for _ in range(CHART_ROWS - (out.rows - start + 1)):
            out.append([])
        work.advance(10)


def _write_trajectory_table(out: PackSheet, chart_data: StretchChart, fmt: str) -> None:
    """The target's name, then a row for each period: its value and milestone."""
    row = chart_data.row
    sheet = out.sheet
    out.append([text_cell(sheet, f"{row.code} {row.title}", font=BOLD)])
    out.header_row(
        ("Period", "Value", "Milestone (trajectory)"), numbers=("Value", "Milestone (trajectory)")
    )
    for period, value, milestone in zip(
        chart_data.periods, chart_data.values, chart_data.milestones, strict=True
    ):
        out.append(
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
    chart.height = 10
    chart.width = 20
    chart.legend.position = "b"
    chart.display_blanks = "span" if row.frequency in YEARLY else "gap"
    chart.add_data(
        Reference(sheet, min_col=2, max_col=3, min_row=header_row, max_row=header_row + n),
        titles_from_data=True,
    )
    chart.set_categories(
        Reference(sheet, min_col=1, min_row=header_row + 1, max_row=header_row + n)
    )
    values, trajectory = chart.series
    _line(values, VALUE_COLOUR, marker="circle")
    _line(trajectory, TRAJECTORY_COLOUR, dash="dash")
    return chart


def _line(series: Any, colour: str, *, marker: str = "none", dash: str | None = None) -> None:
    """A straight line of ``colour``, dashed or not, each point marked or not."""
    series.smooth = False
    line = series.graphicalProperties.line
    line.solidFill = colour
    line.width = LINE_WIDTH
    if dash:
        line.dashStyle = dash
    series.marker.symbol = marker
    if marker != "none":
        series.marker.size = 7
        series.marker.graphicalProperties.solidFill = colour
        series.marker.graphicalProperties.line.solidFill = colour
