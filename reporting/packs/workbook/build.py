"""Writing a performance pack: an .xlsx workbook from :class:`PackData`, in one pass.

The workbook is written with openpyxl's write-only (streaming) worksheets, so a pack of
the whole partnership at national scale (hundreds of thousands of values on its Data
sheet) is written row by row without holding its cells in memory. Each sheet's layout
is set before its first row: frozen headers, column widths; then its rows; then its
autofilter, print titles and page setup (landscape, fitted to the page's width).

Every text cell goes through :mod:`reporting.formats.cells`, so that text people typed
that begins with "=", "+", "-" or "@" stays text, never a formula. Numbers are written
as numbers, with a number format by the indicator's unit. A RAG rating is a filled cell
holding its word ("Green", "Amber", "Red", "No data"), so it reads without colour too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators.enums import Unit
from reporting.formats.cells import styled_cell, text_cell
from reporting.packs.selectors.data import (
    SUBMITTED,
    PackBlock,
    PackData,
    PackRow,
    Point,
)
from targets import rules

COVER = "Cover"
SUMMARY = "Summary"
STRETCH = "Stretch targets"
COMPARATORS = "Comparators"
RISKS = "Risks"
ACTIONS = "Actions"
DATA = "Data"
FIXED_SHEETS = (COVER, SUMMARY, STRETCH, COMPARATORS, RISKS, ACTIONS, DATA)
MAX_SHEET_NAME = 31
NOT_IN_SHEET_NAMES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
TITLE_FONT = Font(bold=True, size=16)
HEADING_FONT = Font(bold=True, size=12)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
# A value submitted but not yet approved: italic on pale yellow, and said in words too.
SUBMITTED_FILL = PatternFill("solid", fgColor="FFF7BF")
SUBMITTED_FONT = Font(italic=True)
DATE_FORMAT = "d mmm yyyy"
PERCENT_FORMAT = "0%"
RAG_FILLS = {
    rules.Rag.GREEN: PatternFill("solid", fgColor="00703C"),
    rules.Rag.AMBER: PatternFill("solid", fgColor="FFBF47"),
    rules.Rag.RED: PatternFill("solid", fgColor="D4351C"),
    rules.Rag.GREY: PatternFill("solid", fgColor="B1B4B6"),
}
RAG_FONTS = {
    rules.Rag.GREEN: Font(bold=True, color="FFFFFF"),
    rules.Rag.AMBER: Font(bold=True, color="0B0C0C"),
    rules.Rag.RED: Font(bold=True, color="FFFFFF"),
    rules.Rag.GREY: Font(bold=True, color="0B0C0C"),
}
RAG_MEANINGS = (
    (rules.Rag.GREEN, "Meets or beats the milestone for the period."),
    (
        rules.Rag.AMBER,
        "Misses the milestone by no more than the tolerance (the target's own, else the "
        "partnership's).",
    ),
    (rules.Rag.RED, "Misses the milestone by more than the tolerance."),
    (rules.Rag.GREY, "No value yet, or no target or milestone to judge it against (data only)."),
)
PROGRESS_STEP = 5  # report progress in steps of 5 %
WRITING_SHARE = 90  # the rest is saving (compressing) the file


def number_format(unit: str, decimal_places: int) -> str:
    """The Excel number format for a value of the unit: ``0.0"%"``, ``"£"#,##0``...

    A percentage is stored as a number of percent (62.5 for 62.5 %), so its format adds
    the sign rather than multiplying by 100. A yes/no value is 1 or 0.
    """
    decimals = "." + "0" * decimal_places if decimal_places else ""
    if unit == Unit.PERCENTAGE:
        return f'0{decimals}"%"'
    if unit == Unit.MONEY:
        return f'"£"#,##0{decimals};-"£"#,##0{decimals}'
    if unit == Unit.YES_NO:
        return '"Yes";"Yes";"No"'
    if unit == Unit.RATIO:
        return f"0{decimals}"
    return f"#,##0{decimals}"


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name for ``name``: at most 31 characters, none of []:*?/\\,
    not beginning or ending with an apostrophe, unlike any in ``taken`` (any case)."""
    base = " ".join(name.translate(NOT_IN_SHEET_NAMES).split()).strip("'").strip()
    base = base[:MAX_SHEET_NAME].strip() or "Block"
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
    taken.add(candidate.lower())
    return candidate


# --- Progress --------------------------------------------------------------------------------


class _Progress:
    """Tells ``report`` how far the writing has gone, in steps of 5 %, up to 90 %."""

    def __init__(self, total: int, report: Callable[[int], None] | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.report = report
        self.reported = 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.report is None:
            return
        percent = min(WRITING_SHARE, self.done * WRITING_SHARE // self.total)
        if percent - self.reported >= PROGRESS_STEP:
            self.reported = percent - percent % PROGRESS_STEP
            self.report(self.reported)


# --- Sheets ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    wrap: bool = False


class _Table:
    """A write-only sheet holding one table: header row, frozen, filtered, printable."""

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        columns: Sequence[Column],
        *,
        freeze: str = "B2",
        landscape: bool = True,
    ) -> None:
        self.sheet = workbook.create_sheet(title)
        self.columns = columns
        self.rows = 0
        for n, column in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(n)].width = column.width
        if freeze:
            self.sheet.freeze_panes = freeze
        _print_setup(self.sheet, landscape=landscape)
        self.sheet.print_title_rows = "1:1"
        self.append([self.header(c.header) for c in columns])

    def header(self, text: str) -> Any:
        return text_cell(
            self.sheet, text, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT
        )

    def append(self, values: Iterable[Any]) -> None:
        self.sheet.append(list(values))
        self.rows += 1

    def text(self, value: str | None, *, wrap: bool = False) -> Any:
        if wrap:
            return text_cell(self.sheet, value, alignment=WRAP)
        return text_cell(self.sheet, value)

    def close(self) -> None:
        """The autofilter over the whole table (set once its size is known)."""
        last = get_column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A1:{last}{max(self.rows, 2)}"


def _print_setup(sheet: Any, *, landscape: bool) -> None:
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _number(value: Decimal | int | None) -> int | float | None:
    """A stored Decimal as Excel holds it (a double)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _value(sheet: Any, value: Decimal | None, fmt: str, *, submitted: bool = False) -> Any:
    if value is None:
        return None
    if submitted:
        return styled_cell(
            sheet, _number(value), number_format=fmt, fill=SUBMITTED_FILL, font=SUBMITTED_FONT
        )
    return styled_cell(sheet, _number(value), number_format=fmt)


def _point(sheet: Any, point: Point | None, fmt: str) -> Any:
    if point is None:
        return None
    return _value(sheet, point.value, fmt, submitted=point.submitted)


def _rag(sheet: Any, rag: rules.Rag | None) -> Any:
    """A RAG rating: its word, in a cell filled with its colour."""
    if rag is None:
        return None
    return text_cell(
        sheet,
        rag.label,
        fill=RAG_FILLS[rag],
        font=RAG_FONTS[rag],
        alignment=Alignment(horizontal="center", vertical="top"),
    )


def _date(sheet: Any, day: date | None) -> Any:
    return styled_cell(sheet, day, number_format=DATE_FORMAT) if day else None


# --- The workbook ----------------------------------------------------------------------------


def build_pack_workbook(
    data: PackData, out: str | IO[bytes], *, progress: Callable[[int], None] | None = None
) -> None:
    """Write the pack of ``data`` to ``out`` (a path or a binary file).

    ``progress`` is called with the share done (5, 10... 90, then 100 once saved).
    """
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "Partnership Performance"
    workbook.properties.title = f"{data.partnership_name} performance pack, {data.period.label}"
    taken = {name.lower() for name in FIXED_SHEETS}
    block_sheets = [(block, sheet_name(block.name, taken)) for block in data.blocks]
    sheets = _sheet_list(data, [name for _, name in block_sheets])
    work = _Progress(
        total=len(data.rows)
        + len(data.stretch) * 10
        + len(data.comparators)
        + len(data.risks)
        + len(data.actions)
        + data.data_count
        + 20,
        report=progress,
    )

    try:
        _write_cover(workbook, data, sheets)
        _write_summary(workbook, data)
        work.advance(20)
        for block, name in block_sheets:
            _write_block(workbook, name, block, data, work)
        if data.stretch:
            _write_stretch(workbook, data, work)
        _write_comparators(workbook, data, work)
        if data.risks:
            _write_risks(workbook, data, work)
        if data.actions:
            _write_actions(workbook, data, work)
        _write_data(workbook, data, work)
        workbook.save(out)
    except BaseException:
        _discard(workbook)
        raise
    if progress is not None:
        progress(100)


def _discard(workbook: Workbook) -> None:
    """Close the sheets of a workbook that will not be saved and remove their temporary
    files, so that a failed build leaves nothing behind in a long-running worker."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        try:
            if not sheet.closed:
                sheet.close()
            if writer is not None and os.path.exists(writer.out):
                writer.cleanup()
        except Exception:  # noqa: BLE001, S110 - best effort: the build's own error matters
            pass


def _sheet_list(data: PackData, block_names: list[str]) -> list[tuple[str, str]]:
    """Each sheet of the pack and what it holds, for the Cover."""
    sheets = [
        (COVER, "This page: what the pack covers and the RAG key."),
        (
            SUMMARY,
            "Targets by block and RAG rating; the stretch targets against the reward floor; "
            "the exceptions as on the Public Service Board's dashboard.",
        ),
    ]
    sheets += [
        (name, "A row for each target of the block, with its last eight quarters.")
        for name in block_names
    ]
    if data.stretch:
        sheets.append(
            (STRETCH, "A chart for each stretch target: its values against its trajectory.")
        )
    sheets.append((COMPARATORS, "Each indicator against comparator areas, the region and England."))
    if data.risks:
        sheets.append((RISKS, "The open risks held on the targets and outcomes in scope."))
    if data.actions:
        sheets.append((ACTIONS, "The actions of the plans for the targets and outcomes in scope."))
    sheets.append((DATA, "Every value in scope, one a row, ready for a pivot table."))
    return sheets


def _write_cover(workbook: Workbook, data: PackData, sheets: list[tuple[str, str]]) -> None:
    sheet = workbook.create_sheet(COVER)
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 100
    _print_setup(sheet, landscape=False)

    def line(label: str, value: str) -> None:
        sheet.append([text_cell(sheet, label, font=BOLD), text_cell(sheet, value, alignment=WRAP)])

    sheet.append([text_cell(sheet, f"{data.partnership_name} performance pack", font=TITLE_FONT)])
    sheet.append([])
    generated = data.generated_at
    if timezone.is_aware(generated):
        generated = timezone.localtime(generated)
    line("Quarter", data.period.long_label)
    line("Scope", data.scope_label)
    line("Partnership area", data.area_name)
    line("Generated", f"{generated:%-d %B %Y} at {generated:%H:%M}")
    line("Generated by", data.generated_by)
    line("What the data covers", data.covers)
    if data.includes_submitted:
        line(
            "Submitted values",
            f'Shown in italics on a pale yellow background, and marked "{SUBMITTED}".',
        )
    line("Targets", str(len(data.rows)))
    line(
        "Values",
        "RAG ratings and direction of travel are worked out by the same rules as the "
        "dashboards. Values are as the partners reported them, in each indicator's unit.",
    )
    sheet.append([])
    sheet.append([text_cell(sheet, "RAG key", font=HEADING_FONT)])
    for rag, meaning in RAG_MEANINGS:
        sheet.append([_rag(sheet, rag), text_cell(sheet, meaning, alignment=WRAP)])
    sheet.append([])
    sheet.append([text_cell(sheet, "Sheets", font=HEADING_FONT)])
    for name, about in sheets:
        line(name, about)


def _write_summary(workbook: Workbook, data: PackData) -> None:
    sheet = workbook.create_sheet(SUMMARY)
    for n, width in enumerate((30, 40, 14, 12, 12, 12, 14, 14, 12, 14, 14, 12), start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    _print_setup(sheet, landscape=True)

    def header(*titles: str) -> None:
        sheet.append(
            [
                text_cell(sheet, t, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGNMENT)
                for t in titles
            ]
        )

    def heading(text: str) -> None:
        sheet.append([])
        sheet.append([text_cell(sheet, text, font=HEADING_FONT)])

    sheet.append([text_cell(sheet, f"Summary: {data.period.label}", font=TITLE_FONT)])
    sheet.append([text_cell(sheet, f"{data.scope_label}. {data.covers}")])

    heading("Targets by block and RAG rating")
    header("Block", "Green", "Amber", "Red", "No data", "Total")
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

    stretch = [row for row in data.rows if row.row.is_stretch]
    floor = rules.REWARD_FLOOR
    heading(f"Stretch targets: achievement against the {int(floor * 100)}% reward floor")
    if stretch:
        header(
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
        for item in stretch:
            row = item.row
            fmt = number_format(row.unit, row.decimal_places)
            money = number_format(Unit.MONEY, 0)
            sheet.append(
                [
                    text_cell(sheet, row.code),
                    text_cell(sheet, row.title, alignment=WRAP),
                    _value(sheet, row.baseline_value, fmt),
                    _value(sheet, row.value, fmt, submitted=item.submitted),
                    _value(sheet, row.target_value, fmt),
                    _value(sheet, row.standard_target_value, fmt),
                    _value(sheet, row.achievement, PERCENT_FORMAT),
                    styled_cell(sheet, float(floor), number_format=PERCENT_FORMAT),
                    "Yes" if row.reward_earned else "No",
                    _value(sheet, row.reward_grant, money),
                    _value(sheet, row.reward_grant_earned, money),
                    _rag(sheet, row.rag),
                ]
            )
    else:
        sheet.append([text_cell(sheet, "There are no stretch targets in this pack.")])

    _write_exceptions(sheet, data, header, heading)


def _write_exceptions(sheet: Any, data: PackData, header: Any, heading: Any) -> None:
    page = data.exceptions
    heading(
        "Exceptions, as on the Public Service Board's dashboard (approved values only): "
        "stretch targets, red and amber targets, worsening targets"
    )
    targets = [
        (group, outcome, item)
        for group in page.groups
        for outcome in group.outcomes
        for item in outcome.targets
    ]
    if targets:
        header(
            "Block",
            "Outcome",
            "Indicator",
            "Title",
            "Why",
            "Value",
            "Milestone",
            "RAG",
            "Direction of travel",
            "Lead",
        )
        for group, outcome, item in targets:
            row = item.row
            fmt = number_format(row.unit, row.decimal_places)
            sheet.append(
                [
                    text_cell(sheet, group.name),
                    text_cell(sheet, f"{outcome.outcome.code} {outcome.outcome.title}"),
                    text_cell(sheet, row.code),
                    text_cell(sheet, row.title, alignment=WRAP),
                    text_cell(sheet, ", ".join(item.reasons)),
                    _value(sheet, row.value, fmt),
                    _value(sheet, row.milestone, fmt),
                    _rag(sheet, row.rag),
                    text_cell(sheet, row.direction.label),
                    text_cell(sheet, row.lead_person or row.lead_organisation),
                ]
            )
    else:
        sheet.append([text_cell(sheet, "No target is an exception this quarter.")])

    returns = [(group, item) for group in page.groups for item in group.returns]
    heading("Late and missing returns")
    if returns:
        header("Block", "Outcome", "Lead", "Why")
        for group, item in returns:
            line = item.outcome
            sheet.append(
                [
                    text_cell(sheet, group.name),
                    text_cell(sheet, f"{line.code} {line.title}"),
                    text_cell(sheet, line.lead_person or line.lead_organisation),
                    text_cell(sheet, item.reason),
                ]
            )
    else:
        sheet.append([text_cell(sheet, "No return is late or missing.")])

    risks = [(group, risk) for group in page.groups for risk in group.risks]
    heading("Risks held by the Public Service Board")
    if risks:
        header("Block", "Risk", "Score", "Band", "Owner", "Hangs on", "Why escalated")
        for group, risk in risks:
            sheet.append(
                [
                    text_cell(sheet, group.name),
                    text_cell(sheet, risk.title, alignment=WRAP),
                    risk.score,
                    text_cell(sheet, risk.band_label),
                    text_cell(sheet, risk.owner or risk.owner_organisation),
                    text_cell(sheet, risk.hangs_on),
                    text_cell(sheet, risk.escalation_reason, alignment=WRAP),
                ]
            )
    else:
        sheet.append([text_cell(sheet, "The Public Service Board holds no open risk.")])


BLOCK_COLUMNS_BEFORE = (
    Column("Indicator", 10),
    Column("Title", 40, wrap=True),
    Column("Outcome", 10),
    Column("Lead", 22),
    Column("Organisation", 24),
    Column("Kind of target", 12),
    Column("Polarity", 20),
    Column("Unit", 14),
    Column("Baseline", 11),
    Column("Baseline period", 11),
)
BLOCK_COLUMNS_AFTER = (
    Column("Value for", 11),
    Column("Value", 11),
    Column("Status", 12),
    Column("Approval", 16),
    Column("Milestone this quarter", 12),
    Column("Target", 11),
    Column("Target period", 11),
    Column("RAG", 10),
    Column("Direction of travel", 14),
    Column("Forecast RAG", 11),
    Column("Commentary", 70, wrap=True),
)


def _write_block(
    workbook: Workbook, name: str, block: PackBlock, data: PackData, work: _Progress
) -> None:
    columns = [
        *BLOCK_COLUMNS_BEFORE,
        *(Column(p.label, 11) for p in data.history_periods),
        *BLOCK_COLUMNS_AFTER,
    ]
    table = _Table(workbook, name, columns, freeze="C2")
    sheet = table.sheet
    for item in block.rows:
        table.append(_block_row(table, sheet, item))
        work.advance()
    table.close()


def _block_row(table: _Table, sheet: Any, item: PackRow) -> list[Any]:
    row = item.row
    fmt = number_format(row.unit, row.decimal_places)
    approval = "" if row.value is None else (SUBMITTED if item.submitted else "Approved")
    return [
        table.text(row.code),
        table.text(row.title, wrap=True),
        table.text(row.outcome_code),
        table.text(row.lead_person),
        table.text(row.lead_organisation),
        table.text(row.kind_label),
        table.text(row.polarity_label),
        table.text(row.unit_label),
        _value(sheet, row.baseline_value, fmt),
        table.text(row.baseline_period.label),
        *(_point(sheet, point, fmt) for point in item.history),
        table.text(row.value_period.label),
        _value(sheet, row.value, fmt, submitted=item.submitted),
        table.text(row.value_status.capitalize()),
        table.text(approval),
        _value(sheet, row.milestone, fmt),
        _value(sheet, row.target_value, fmt),
        table.text(row.target_period.label),
        _rag(sheet, row.rag),
        table.text(row.direction.label),
        _rag(sheet, item.forecast_rag),
        table.text(item.commentary, wrap=True),
    ]


def _write_stretch(workbook: Workbook, data: PackData, work: _Progress) -> None:
    """A small table and a line chart for each stretch target, one below the other."""
    sheet = workbook.create_sheet(STRETCH)
    for column, width in (("A", 14), ("B", 14), ("C", 18)):
        sheet.column_dimensions[column].width = width
    _print_setup(sheet, landscape=True)
    sheet.append([text_cell(sheet, "Stretch targets: values against trajectory", font=TITLE_FONT)])
    sheet.append([])
    at = 3  # the next row to write
    for chart_data in data.stretch:
        row = chart_data.row
        fmt = number_format(row.unit, row.decimal_places)
        n = len(chart_data.periods)
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
                    _value(sheet, value, fmt),
                    _value(sheet, milestone, fmt),
                ]
            )
        header_row = at + 1
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
        sheet.add_chart(chart, f"E{at}")
        rows_used = 2 + n
        gap = max(rows_used + 2, 18)  # a chart 7.5 cm high spans about 15 rows
        for _ in range(gap - rows_used):
            sheet.append([])
        at += gap
        work.advance(10)


def _write_comparators(workbook: Workbook, data: PackData, work: _Progress) -> None:
    columns = [
        Column("Indicator", 10),
        Column("Title", 36, wrap=True),
        Column("Unit", 14),
        Column("Area code", 12),
        Column("Area", 26),
        Column("Kind of area", 18),
        *(Column(p.label, 12) for p in data.comparator_periods),
    ]
    table = _Table(workbook, COMPARATORS, columns, freeze="C2")
    sheet = table.sheet
    for line in data.comparators:
        fmt = number_format(line.unit, line.decimal_places)
        table.append(
            [
                table.text(line.code),
                table.text(line.title, wrap=True),
                table.text(line.unit_label),
                table.text(line.area_code),
                table.text(line.area_name),
                table.text(line.area_kind_label),
                *(_point(sheet, point, fmt) for point in line.values),
            ]
        )
        work.advance()
    table.close()


def _write_risks(workbook: Workbook, data: PackData, work: _Progress) -> None:
    columns = [
        Column("Risk", 36, wrap=True),
        Column("Level", 18),
        Column("Hangs on", 24, wrap=True),
        Column("Owner", 20),
        Column("Organisation", 22),
        Column("Inherent score", 10),
        Column("Current score", 10),
        Column("Band", 10),
        Column("Target score", 10),
        Column("Status", 14),
        Column("Review date", 12),
        Column("Description", 40, wrap=True),
        Column("Cause", 30, wrap=True),
        Column("Consequence", 30, wrap=True),
        Column("Controls", 30, wrap=True),
        Column("Mitigating actions", 40, wrap=True),
    ]
    table = _Table(workbook, RISKS, columns)
    sheet = table.sheet
    for risk in data.risks:
        table.append(
            [
                table.text(risk.title, wrap=True),
                table.text(risk.level_label),
                table.text(risk.hangs_on, wrap=True),
                table.text(risk.owner),
                table.text(risk.owner_organisation),
                risk.inherent_score,
                risk.current_score,
                table.text(risk.band_label),
                risk.target_score,
                table.text(risk.status_label),
                _date(sheet, risk.review_date),
                table.text(risk.description, wrap=True),
                table.text(risk.cause, wrap=True),
                table.text(risk.consequence, wrap=True),
                table.text(risk.controls, wrap=True),
                table.text(risk.mitigations, wrap=True),
            ]
        )
        work.advance()
    table.close()


def _write_actions(workbook: Workbook, data: PackData, work: _Progress) -> None:
    columns = [
        Column("For", 26, wrap=True),
        Column("Action", 40, wrap=True),
        Column("Aim", 30, wrap=True),
        Column("Lead organisation", 22),
        Column("Other partners", 24, wrap=True),
        Column("Start", 12),
        Column("Due", 12),
        Column("Status", 12),
        Column("Progress", 40, wrap=True),
        Column("How it is monitored", 30, wrap=True),
        Column("Resources", 24, wrap=True),
        Column("Outputs", 24, wrap=True),
        Column("Expected outcomes", 24, wrap=True),
    ]
    table = _Table(workbook, ACTIONS, columns)
    sheet = table.sheet
    for action in data.actions:
        table.append(
            [
                table.text(action.belongs_to, wrap=True),
                table.text(action.description, wrap=True),
                table.text(action.aim, wrap=True),
                table.text(action.lead_organisation),
                table.text(action.other_partners, wrap=True),
                _date(sheet, action.start_date),
                _date(sheet, action.due_date),
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


DATA_COLUMNS = (
    Column("Indicator", 10),
    Column("Title", 36),
    Column("Block", 24),
    Column("Outcome", 10),
    Column("Area code", 12),
    Column("Area", 24),
    Column("Kind of area", 16),
    Column("Period", 11),
    Column("Value", 12),
    Column("Unit", 14),
    Column("Status", 12),
    Column("Approval", 16),
    Column("Note", 40),
)


def _write_data(workbook: Workbook, data: PackData, work: _Progress) -> None:
    """The flat table: plain cells but the value (its number format) and the note."""
    table = _Table(workbook, DATA, DATA_COLUMNS, freeze="A2")
    sheet = table.sheet
    formats: dict[tuple[str, int], str] = {}
    text = table.text
    append = sheet.append
    written = 0
    for row in data.data_rows():
        key = (row.unit, row.decimal_places)
        fmt = formats.get(key) or formats.setdefault(key, number_format(*key))
        append(
            [
                text(row.indicator_code),
                text(row.indicator_title),
                text(row.block),
                text(row.outcome),
                text(row.area_code),
                text(row.area_name),
                row.area_kind,
                row.period,
                _value(sheet, row.value, fmt, submitted=row.approval == SUBMITTED),
                row.unit_label,
                row.status,
                row.approval,
                text(row.note),
            ]
        )
        written += 1
        if written % 1000 == 0:
            work.advance(1000)
    table.rows += written
    work.advance(written % 1000)
    table.close()
