"""The Comparators sheet: each indicator against comparator areas, the region and England."""

from __future__ import annotations

from openpyxl import Workbook

from reporting.packs.selectors.data import PackData
from reporting.packs.workbook.cells import number_format, point_cell
from reporting.packs.workbook.progress import Progress
from reporting.packs.workbook.sheet_names import COMPARATORS
from reporting.packs.workbook.table import Column, Table


def write_comparators(workbook: Workbook, data: PackData, work: Progress) -> None:
    columns = [
        Column("Indicator", 10),
        Column("Title", 36, wrap=True),
        Column("Unit", 14),
        Column("Area code", 12),
        Column("Area", 26),
        Column("Kind of area", 18),
        *(Column(p.label, 12) for p in data.comparator_periods),
    ]
    table = Table(workbook, COMPARATORS, columns, freeze="C2")
    sheet = table.sheet
    for line in data.comparator_lines():
        fmt = number_format(line.unit, line.decimal_places)
        table.append(
            [
                table.text(line.code),
                table.text(line.title, wrap=True),
                table.text(line.unit_label),
                table.text(line.area_code),
                table.text(line.area_name),
                table.text(line.area_kind_label),
                *(point_cell(sheet, point, fmt) for point in line.values),
            ]
        )
        work.advance()
    table.close()
