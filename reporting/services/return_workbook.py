"""A quarterly return as a spreadsheet: built to fill in offline, read back when uploaded.

Building takes the plain data of ``reporting.selectors.return_workbook`` and gives the
bytes of an ``.xlsx`` workbook (openpyxl) with three sheets: "Instructions"; "Return",
one row per indicator, whose grey context columns are locked and whose white input
columns carry data validation; and a very hidden "About" sheet naming the return, its
quarter and the version it was downloaded at, so that an upload can be checked.

Reading never trusts the file. Its size is checked before it is opened, then how large
it unpacks to; it is opened read only, with values not formulas; whatever goes wrong
inside openpyxl is a refusal with a message, never a server error. Every row is checked
by the same rules as the return form (``indicators.validation``), and each problem is
named by its cell, as ``Return!K7``. Only when every row is right are the values saved,
as a draft, through ``return_save``, which refuses a workbook downloaded before someone
else saved the return.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.enums import Unit, ValueStatus
from indicators.models import Indicator
from indicators.validation import ValueProblem, validate_entry
from partnership import access
from partnership.errors import ApplicationError
from partnership.periods import Period as PeriodRef
from partnership.periods import PeriodError, last_quarters
from reporting.models import QuarterlyReturn
from reporting.services.common import (
    check_version,
    edit_refusal,
    indicators_collected,
    partnership_area,
    require,
)
from reporting.services.returns import Commentary, ValueEntry, comparisons, return_save

if TYPE_CHECKING:
    from reporting.selectors.return_workbook import ReturnWorkbook, WorkbookRow

FORMAT = "partnership-performance quarterly return 1"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # a return of 2,000 rows unpacks to about 2 MB
MAX_PARTS = 100  # files inside the .xlsx
MAX_ROWS = 2000
RETURN_SHEET = "Return"
ABOUT_SHEET = "About"
INSTRUCTIONS_SHEET = "Instructions"
STATUSES = tuple(s.value for s in ValueStatus)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@")
_MAX_CELL_TEXT = 32767  # Excel's limit

TOO_LARGE = "The selected file must be smaller than 2 MB"
EMPTY = "The selected file is empty"
NOT_A_WORKBOOK = (
    "The selected file is not an Excel workbook (.xlsx). Upload the spreadsheet downloaded "
    "from this return, saved as an Excel workbook (.xlsx), without a password to open it"
)
NOT_FROM_A_RETURN = (
    "The selected file is not a spreadsheet downloaded from a return. Download the "
    "spreadsheet from this return, fill it in and upload that"
)


# ---------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    is_input: bool = False


def columns(*, period_code: str) -> tuple[Column, ...]:
    """The columns of the Return sheet for a quarter, in order; their headers are checked."""
    ref = PeriodRef.parse(period_code)
    quarter = ref if ref.quarter is not None else PeriodRef(ref.start_year, 4)
    past = last_quarters(quarter.previous(), 4)
    return (
        Column("code", "Code", 11),
        Column("title", "Indicator", 44),
        Column("unit", "Unit", 15),
        Column("decimal_places", "Decimal places", 10),
        Column("polarity", "Polarity", 16),
        # The oldest of the last four quarters is the same quarter last year: one column,
        # named as both, as on the return page.
        *(
            Column(f"history_{n}", f"{p.label} (same quarter last year)", 15)
            if p == quarter.same_quarter_last_year()
            else Column(f"history_{n}", p.label, 12)
            for n, p in enumerate(past)
        ),
        Column("value", "Value", 13, is_input=True),
        Column("numerator", "Numerator", 13, is_input=True),
        Column("denominator", "Denominator", 13, is_input=True),
        Column("status", "Status", 13, is_input=True),
        Column("note", "Note", 40, is_input=True),
        Column("reason", "Reason if not available", 32, is_input=True),
        Column("expected_on", "Expected date (if not available)", 16, is_input=True),
    )


def _letters(cols: Sequence[Column]) -> dict[str, str]:
    return {c.key: get_column_letter(n) for n, c in enumerate(cols, start=1)}


# --------------------------------------------------------------------------- building

_HEADER_FILL = PatternFill("solid", fgColor="0B0C0C")
_LOCKED_FILL = PatternFill("solid", fgColor="E8E8E8")
_INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
_THIN = Side(style="thin", color="B1B4B6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)
# Excel's serial numbers for 1 January 2000 and 31 December 2099: any sensible date.
_FIRST_DATE, _LAST_DATE = "36526", "73050"


def _put_text(cell: Any, text: str) -> None:
    """Write text that must stay text: never a formula, whatever it begins with.

    openpyxl takes a string beginning with "=" for a formula; a note such as
    ``=HYPERLINK(...)`` typed by a lead must reach the reader as the words typed.
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", text or "")[:_MAX_CELL_TEXT]
    if not text:
        return
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited


def _number_format(decimal_places: int) -> str:
    return "#,##0" + ("." + "0" * decimal_places if decimal_places else "")


def _places(decimal_places: int) -> str:
    return "a whole number" if decimal_places == 0 else f"up to {decimal_places} decimal places"


def _value_rule(row: WorkbookRow) -> dict[str, Any]:
    """The data validation of a row's value cell, by the indicator's unit."""
    if row.unit == Unit.YES_NO:
        return {
            "type": "list",
            "formula1": '"yes,no"',
            "error": "Choose yes or no",
            "prompt": "yes or no",
        }
    kind = "whole" if row.decimal_places == 0 else "decimal"
    prompt = f"{row.unit_label.capitalize()}: {_places(row.decimal_places)}"
    if row.unit == Unit.PERCENTAGE:
        return {
            "type": kind,
            "operator": "between",
            "formula1": "0",
            "formula2": "100",
            "error": "A percentage is from 0 to 100"
            + (", as a whole number" if kind == "whole" else ""),
            "prompt": f"{prompt}, from 0 to 100",
        }
    if row.unit in (Unit.RATE, Unit.RATIO):
        return {
            "type": kind,
            "operator": "greaterThanOrEqual",
            "formula1": "0",
            "error": f"A {row.unit} cannot be negative"
            + (", and is a whole number" if kind == "whole" else ""),
            "prompt": prompt,
        }
    error = "A count is a whole number" if kind == "whole" else "Enter a number, like 42.5"
    return {
        "type": kind,
        "operator": "between",
        "formula1": "-99999999999999",
        "formula2": "99999999999999",
        "error": error,
        "prompt": prompt,
    }


_PART_RULE = {
    "type": "decimal",
    "operator": "greaterThanOrEqual",
    "formula1": "0",
    "error": "The numerator and denominator cannot be negative",
    "prompt": "Give both the numerator and the denominator, or neither",
}
_STATUS_RULE = {
    "type": "list",
    "formula1": '"' + ",".join(STATUSES) + '"',
    "error": "Choose provisional, final or estimated",
    "prompt": "provisional, final or estimated",
}
_DATE_RULE = {
    "type": "date",
    "operator": "between",
    "formula1": _FIRST_DATE,
    "formula2": _LAST_DATE,
    "error": "Enter a date, like 31/01/2026",
    "prompt": "Only if there is no value: when you expect it, like 31/01/2026",
}


class _Validations:
    """One data validation per distinct rule, each covering all the cells it applies to."""

    def __init__(self) -> None:
        self.rules: dict[tuple[tuple[str, str], ...], DataValidation] = {}

    def add(self, cell: Any, rule: Mapping[str, str]) -> None:
        key = tuple(sorted(rule.items()))
        if key not in self.rules:
            self.rules[key] = DataValidation(
                type=rule["type"],
                operator=rule.get("operator"),
                formula1=rule.get("formula1"),
                formula2=rule.get("formula2"),
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                errorTitle="Check this cell",
                error=rule["error"],
                showInputMessage=True,
                promptTitle="What to enter",
                prompt=rule["prompt"],
            )
        self.rules[key].add(cell.coordinate)

    def attach(self, sheet: Any) -> None:
        for rule in self.rules.values():
            sheet.add_data_validation(rule)


def build_return_workbook(data: ReturnWorkbook) -> bytes:
    """The ``.xlsx`` bytes of a return's spreadsheet."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    _write_instructions(instructions, data)
    _write_return(workbook.create_sheet(RETURN_SHEET), data)
    about = workbook.create_sheet(ABOUT_SHEET)
    _write_about(about, data)
    about.sheet_state = "veryHidden"
    # No password: the protection guards against slips, not people. Locking the structure
    # stops the sheets being renamed, removed or the About sheet shown.
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.properties.title = f"{data.outcome_code} return for {data.period_label}"
    workbook.properties.creator = "Partnership Performance"
    workbook.active = 0
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _protect(sheet: Any) -> None:
    sheet.protection.sheet = True
    # People may still widen columns and rows to read long notes.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _write_return(sheet: Any, data: ReturnWorkbook) -> None:
    cols = columns(period_code=data.period_code)
    at = _letters(cols)
    for n, col in enumerate(cols, start=1):
        cell = sheet.cell(row=1, column=n)
        _put_text(cell, col.header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(n)].width = col.width
    sheet.row_dimensions[1].height = 48

    validations = _Validations()
    for r, row in enumerate(data.rows, start=2):
        context: dict[str, Any] = {
            "code": row.code,
            "title": row.title,
            "unit": row.unit_label,
            "decimal_places": row.decimal_places,
            "polarity": row.polarity_label,
            **{f"history_{n}": v for n, v in enumerate(row.history)},
        }
        inputs: dict[str, Any] = {
            "value": _shown_value(row),
            "numerator": row.numerator,
            "denominator": row.denominator,
            "status": row.status or ValueStatus.PROVISIONAL.value,
            "note": row.note,
            "reason": row.missing_reason,
            "expected_on": row.expected_on,
        }
        for col in cols:
            cell = sheet[f"{at[col.key]}{r}"]
            cell.alignment = _WRAP
            cell.border = _BORDER
            value = inputs.get(col.key) if col.is_input else context.get(col.key)
            if isinstance(value, str):
                _put_text(cell, value)
            elif value is not None:
                cell.value = value
            number_places = col.key.startswith("history_") or col.key == "value"
            if number_places and row.unit != Unit.YES_NO:
                cell.number_format = _number_format(row.decimal_places)
            inputs_here = col.is_input and (
                row.has_parts or col.key not in ("numerator", "denominator")
            )
            if not inputs_here:
                cell.fill = _LOCKED_FILL
                continue
            cell.fill = _INPUT_FILL
            cell.protection = _UNLOCKED
            if col.key == "value":
                validations.add(cell, _value_rule(row))
            elif col.key in ("numerator", "denominator"):
                validations.add(cell, _PART_RULE)
            elif col.key == "status":
                validations.add(cell, _STATUS_RULE)
            elif col.key == "expected_on":
                cell.number_format = "dd/mm/yyyy"
                validations.add(cell, _DATE_RULE)
    validations.attach(sheet)
    sheet.freeze_panes = "C2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    _protect(sheet)


def _shown_value(row: WorkbookRow) -> Any:
    if row.value is None:
        return None
    if row.unit == Unit.YES_NO:
        return "yes" if row.value else "no"
    return row.value


def _instruction_lines(data: ReturnWorkbook) -> list[tuple[str, str]]:
    """The Instructions sheet, as (style, text) lines: "title", "heading" or "text"."""
    cols = _letters(columns(period_code=data.period_code))
    at = data.generated_at
    generated = f"{at.day} {at:%B %Y} at {at:%H:%M}"
    state = f"{data.state_label} when downloaded."
    if not data.editable:
        state += (
            " You cannot change it now, so an upload of this spreadsheet would be refused "
            "until the return can be edited again."
        )
    return [
        ("title", f"Quarterly return: {data.outcome_code} {data.outcome_title}"),
        ("text", f"{data.period_label}. Lead partner: {data.lead_organisation}."),
        ("heading", "What this spreadsheet is for"),
        (
            "text",
            "Use it to fill in this quarterly return offline. When you have filled it in, "
            "upload it on the return's page, under 'Upload a spreadsheet'.",
        ),
        (
            "text",
            "Uploading saves the return as a DRAFT. It is not submitted: check it in the "
            "browser, add the commentary, and submit it there by the due date, "
            f"{data.due_on.day} {data.due_on:%B %Y}.",
        ),
        ("heading", "What to fill in"),
        (
            "text",
            f"Fill in the white cells of the '{RETURN_SHEET}' sheet: one row per indicator. "
            "The grey columns (code, indicator, unit, decimal places, polarity and the "
            "values of the last four quarters, the first of them the same quarter last "
            "year) are there to help you and cannot be changed.",
        ),
        (
            "text",
            "The sheet is protected so that only the white cells can be edited. There is no "
            "password, but do not unprotect it, and do not change its headers, rows or codes.",
        ),
        (
            "text",
            f"Value (column {cols['value']}): a number in the indicator's unit, with no more "
            "decimal places than its 'Decimal places' column says. A percentage is from 0 "
            "to 100 (type 45 for 45%); a count is a whole number; a yes/no indicator takes "
            "yes or no.",
        ),
        (
            "text",
            f"Numerator and Denominator (columns {cols['numerator']} and "
            f"{cols['denominator']}), for indicators that have them: give both or neither. "
            "With both, you may leave the value blank: it is worked out as the numerator "
            "divided by the denominator, times 100 for a percentage or N for a rate per N.",
        ),
        (
            "text",
            f"Status (column {cols['status']}): one of provisional, final or estimated.",
        ),
        (
            "text",
            f"Note (column {cols['note']}): anything a reader should know about the value. "
            "A value that moves a lot from the previous comparable period, or is far "
            "outside the indicator's past values, must be confirmed: say in the note why "
            "it is right. A filled-in note is taken as your confirmation.",
        ),
        ("heading", "Missing values"),
        (
            "text",
            "If you have no value for an indicator, leave its value, numerator and "
            f"denominator blank, say why in 'Reason if not available' (column "
            f"{cols['reason']}), for example 'Not yet published', and give the date you "
            f"expect it in column {cols['expected_on']}. A blank value with no reason is "
            "refused.",
        ),
        (
            "text",
            "Leaving a value blank removes a value saved before in this return, unless "
            "that value has been approved.",
        ),
        ("heading", "When you upload it"),
        (
            "text",
            "Every row is checked. If anything is wrong, nothing is saved, and you are "
            f"shown each cell to correct, such as {RETURN_SHEET}!{cols['value']}7.",
        ),
        (
            "text",
            "If someone saves the return after you download this spreadsheet, the upload "
            "is refused, so that their changes are not lost: download it again and copy "
            "your figures across.",
        ),
        (
            "text",
            "A spreadsheet for another return or another quarter is refused. Upload the "
            ".xlsx file as you saved it, no larger than 2 MB. The commentary and the "
            "forecast are not in this spreadsheet: enter them on the return's page.",
        ),
        ("heading", "This spreadsheet"),
        ("text", f"Outcome: {data.outcome_code} {data.outcome_title}"),
        ("text", f"Quarter: {data.period_code} ({data.period_label})"),
        ("text", f"Return: number {data.return_id}, version {data.version}"),
        ("text", f"State: {state}"),
        ("text", f"Downloaded: {generated} by {data.generated_by}"),
    ]


def _write_instructions(sheet: Any, data: ReturnWorkbook) -> None:
    sheet.column_dimensions["A"].width = 110
    fonts = {"title": Font(bold=True, size=16), "heading": Font(bold=True, size=13)}
    row = 1
    for style, text in _instruction_lines(data):
        if style == "heading":
            row += 1  # a blank line before each heading
        cell = sheet.cell(row=row, column=1)
        _put_text(cell, text)
        cell.alignment = _WRAP
        if style in fonts:
            cell.font = fonts[style]
        # Excel does not fit the height of wrapped text written by a program: estimate it.
        lines = max(1, math.ceil(len(text) / 105))
        sheet.row_dimensions[row].height = max(lines * 15, 22 if style == "title" else 15)
        row += 1
    _protect(sheet)


def _write_about(sheet: Any, data: ReturnWorkbook) -> None:
    rows = [
        ("Format", FORMAT),
        ("Return id", data.return_id),
        ("Outcome", data.outcome_code),
        ("Period", data.period_code),
        ("Version", data.version),
        ("Generated at", data.generated_at.isoformat()),
        ("Generated by", data.generated_by),
    ]
    for r, (key, value) in enumerate(rows, start=1):
        _put_text(sheet.cell(row=r, column=1), key)
        cell = sheet.cell(row=r, column=2)
        if isinstance(value, str):
            _put_text(cell, value)
        else:
            cell.value = value
    _protect(sheet)


# ---------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class SheetProblem:
    """Something wrong in an uploaded spreadsheet, named by its cell (``Return!K7``)."""

    cell: str
    message: str
    code: str = ""  # the indicator of the row, when known

    def __str__(self) -> str:
        where = f"{self.cell} ({self.code})" if self.code else self.cell
        return f"{where}: {self.message}" if where else self.message


class WorkbookRefused(ApplicationError):
    """An upload refused: ``message`` says why; ``problems`` lists each bad cell."""

    def __init__(self, message: str, problems: Sequence[SheetProblem] = ()) -> None:
        super().__init__(message, field="workbook")
        self.problems = tuple(problems)


@dataclass(frozen=True)
class RawCell:
    value: Any
    number_format: str = "General"


@dataclass(frozen=True)
class RawWorkbook:
    """What was read from the file, as plain values, before anything is judged."""

    about: Mapping[str, Any] | None  # None: no About sheet
    headers: tuple[Any, ...] | None  # None: no Return sheet
    rows: tuple[tuple[int, tuple[RawCell, ...]], ...]  # (row number, cells), blanks left out


@dataclass(frozen=True)
class SheetIndicator:
    """What checking a row needs to know of an indicator the return collects."""

    indicator_id: int
    code: str
    title: str
    unit: str
    decimal_places: int
    rate_per: int | None


@dataclass(frozen=True)
class SheetEntry:
    row: int
    code: str
    entry: ValueEntry


@dataclass(frozen=True)
class Identity:
    return_id: int
    period_code: str
    version: int
    outcome_code: str


def read_workbook(content: bytes, *, width: int) -> RawWorkbook:
    """The About sheet and the first ``width`` columns of the Return sheet, as plain values.

    Raises WorkbookRefused, and nothing else, whatever the bytes.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise WorkbookRefused(TOO_LARGE)
    if not content:
        raise WorkbookRefused(EMPTY)
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise WorkbookRefused(NOT_A_WORKBOOK) from None
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        raise WorkbookRefused(TOO_LARGE)
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise WorkbookRefused(NOT_A_WORKBOOK) from None
    try:
        return _read(workbook, width=width)
    except WorkbookRefused:
        raise
    except Exception:  # noqa: BLE001 - read only sheets are parsed lazily, as they are read
        raise WorkbookRefused(NOT_A_WORKBOOK) from None
    finally:
        workbook.close()


def _read(workbook: Any, *, width: int) -> RawWorkbook:
    about = None
    if ABOUT_SHEET in workbook.sheetnames:
        about = {}
        for key, value in workbook[ABOUT_SHEET].iter_rows(
            min_row=1, max_row=50, max_col=2, values_only=True
        ):
            if key is not None:
                about[_text(key)] = value
    if RETURN_SHEET not in workbook.sheetnames:
        return RawWorkbook(about=about, headers=None, rows=())
    sheet = workbook[RETURN_SHEET]
    # The size a sheet declares may be wrong (or a lie): read every row there is, so that
    # no row past the declared end is silently left out.
    sheet.reset_dimensions()
    headers: tuple[Any, ...] = ()
    rows: list[tuple[int, tuple[RawCell, ...]]] = []
    too_many = (
        f"The {RETURN_SHEET} sheet has more than {MAX_ROWS:,} rows: upload the spreadsheet "
        "downloaded from this return"
    )
    parsed = 0
    made_up = None  # openpyxl fills a gap between rows with one empty row, many times over
    for number, cells in enumerate(sheet.iter_rows(min_row=1, max_col=width), start=1):
        if cells is made_up:
            continue
        parsed += 1
        if parsed > 10 * MAX_ROWS:
            raise WorkbookRefused(too_many)
        if number > 1 and all(getattr(c, "value", None) is None for c in cells):
            made_up = cells
            continue
        raw = tuple(
            RawCell(getattr(c, "value", None), getattr(c, "number_format", None) or "General")
            for c in cells
        )
        raw = raw + (RawCell(None),) * (width - len(raw))
        if number == 1:
            headers = tuple(c.value for c in raw)
            continue
        if all(_text(c.value) == "" for c in raw):
            continue
        if number > MAX_ROWS + 1:
            raise WorkbookRefused(too_many)
        rows.append((number, raw))
    return RawWorkbook(about=about, headers=headers, rows=tuple(rows))


def _text(value: Any) -> str:
    """A cell's content as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        return format(Decimal(repr(value)), "f")  # 1e-05 as 0.00001, never an exponent
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date | time | timedelta):
        return value.isoformat()
    return str(value).strip()


def _whole(value: Any) -> int | None:
    text = _text(value)
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number != number.to_integral_value() or abs(number) > 10**12:
        return None
    return int(number)


def check_identity(raw: RawWorkbook, *, quarterly_return: QuarterlyReturn) -> Identity:
    """That the workbook was downloaded from this return, for its quarter."""
    about = raw.about or {}
    return_id, version = _whole(about.get("Return id")), _whole(about.get("Version"))
    period_code = _text(about.get("Period"))
    if _text(about.get("Format")) != FORMAT or return_id is None or version is None:
        raise WorkbookRefused(NOT_FROM_A_RETURN)
    try:
        their_period = PeriodRef.parse(period_code)
    except PeriodError:
        raise WorkbookRefused(NOT_FROM_A_RETURN) from None
    period = quarterly_return.round.period
    outcome_code = _text(about.get("Outcome"))
    if their_period.code != period.code:
        raise WorkbookRefused(
            f"The selected file is the spreadsheet for {their_period.label}, but this return "
            f"is for {period.label}. Download the spreadsheet from this return and upload that"
        )
    if return_id != quarterly_return.pk:
        raise WorkbookRefused(
            f"The selected file is the spreadsheet for another return ("
            f"{outcome_code or 'another outcome'}, {their_period.label}), not for this one "
            f"({quarterly_return.outcome.code}, {period.label}). Download the spreadsheet from "
            "this return and upload that"
        )
    return Identity(
        return_id=return_id, period_code=period_code, version=version, outcome_code=outcome_code
    )


def _same(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_headers(raw: RawWorkbook, *, cols: Sequence[Column]) -> None:
    if raw.headers is None:
        raise WorkbookRefused(
            f"The selected file has no sheet called {RETURN_SHEET}. Download the spreadsheet "
            "from this return and fill that in"
        )
    problems = [
        SheetProblem(
            f"{RETURN_SHEET}!{get_column_letter(n)}1",
            f"The header should be '{col.header}', not '{_text(found) or 'blank'}'",
        )
        for n, (col, found) in enumerate(zip(cols, raw.headers, strict=False), start=1)
        if _same(_text(found)) != _same(col.header)
    ]
    if problems:
        raise WorkbookRefused(
            "Nothing was saved: the columns of the Return sheet have been changed. Download "
            "the spreadsheet again and copy your figures into it",
            problems,
        )


def code_key(code: Any) -> str:
    """An indicator code as compared: ``ni 116``, `` NI  116 `` and ``NI 116`` are one."""
    return " ".join(_text(code).split()).casefold()


def _expected_date(value: Any) -> date | None:
    """A date from a cell; raises ValueError for anything that is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


@dataclass
class _Reading:
    entries: list[SheetEntry] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)


def read_entries(
    raw: RawWorkbook,
    *,
    cols: Sequence[Column],
    indicators: Sequence[SheetIndicator],
    elsewhere: Mapping[str, str],
) -> tuple[list[SheetEntry], list[SheetProblem]]:
    """Each row of the Return sheet checked: its entry, or the problems of its cells.

    ``indicators`` are those the return collects; ``elsewhere`` says, by code key, why
    another code is not collected here. Every row is checked, and every indicator the
    return collects must have its row.
    """
    at = _letters(cols)
    place = {c.key: n for n, c in enumerate(cols)}
    collected = {code_key(i.code): i for i in indicators}
    seen: dict[str, int] = {}
    reading = _Reading()

    def problem(key: str, row: int, message: str, code: str = "") -> None:
        reading.problems.append(SheetProblem(f"{RETURN_SHEET}!{at[key]}{row}", message, code))

    for row, cells in raw.rows:
        raw_code = cells[place["code"]].value
        key = code_key(raw_code)
        if not key:
            problem("code", row, "Enter the indicator's code, or clear this row")
            continue
        indicator = collected.get(key)
        if indicator is None:
            problem(
                "code",
                row,
                elsewhere.get(key, f"There is no indicator with the code '{_text(raw_code)}'"),
            )
            continue
        if key in seen:
            problem(
                "code",
                row,
                f"{indicator.code} is in the sheet twice (also in row {seen[key]}): keep one row",
            )
            continue
        seen[key] = row
        _read_row(reading, row, cells, place, indicator, problem)

    for key, indicator in collected.items():
        if key not in seen:
            reading.problems.append(
                SheetProblem(
                    RETURN_SHEET,
                    f"There is no row for {indicator.code} {indicator.title}: download the "
                    "spreadsheet again, or add its row back with its code",
                )
            )
    return reading.entries, reading.problems


def _read_row(
    reading: _Reading,
    row: int,
    cells: tuple[RawCell, ...],
    place: Mapping[str, int],
    indicator: SheetIndicator,
    problem: Any,
) -> None:
    code = indicator.code

    def cell(key: str) -> RawCell:
        return cells[place[key]]

    value_cell = cell("value")
    value_text = _text(value_cell.value)
    # "45%" typed into Excel is stored as 0.45 in a percent format: it means 45.
    if (
        indicator.unit == Unit.PERCENTAGE
        and "%" in (value_cell.number_format or "")
        and isinstance(value_cell.value, int | float | Decimal)
        and not isinstance(value_cell.value, bool)
    ):
        value_text = _text(Decimal(_text(value_cell.value)) * 100)
    problems_before = len(reading.problems)
    checked = None
    try:
        checked = validate_entry(
            value=value_text,
            numerator=_text(cell("numerator").value),
            denominator=_text(cell("denominator").value),
            unit=Unit(indicator.unit),
            decimal_places=indicator.decimal_places,
            rate_per=indicator.rate_per,
        )
    except ValueProblem as refusal:
        problem(refusal.field if refusal.field in place else "value", row, refusal.message, code)
    except (ValueError, ArithmeticError):
        problem("value", row, "Enter a number, like 42.5", code)

    status = _text(cell("status").value).lower()
    has_value = checked is not None and checked.value is not None
    if (status and status not in STATUSES) or (has_value and not status):
        problem("status", row, "Choose provisional, final or estimated", code)

    reason = _text(cell("reason").value)
    expected_on = None
    try:
        expected_on = _expected_date(cell("expected_on").value)
    except ValueError:
        problem("expected_on", row, "Enter the expected date as a date, like 31/01/2026", code)
    if checked is not None and checked.value is None and not reason:
        problem(
            "reason",
            row,
            "Give a value, or say why it is not available in 'Reason if not available'",
            code,
        )
    if checked is None or len(reading.problems) > problems_before:
        return
    note = _text(cell("note").value)
    reading.entries.append(
        SheetEntry(
            row=row,
            code=code,
            entry=ValueEntry(
                indicator_id=indicator.indicator_id,
                value=checked.value,
                numerator=checked.numerator,
                denominator=checked.denominator,
                status=status or ValueStatus.PROVISIONAL.value,
                note=note,
                not_available_reason=reason if checked.value is None else "",
                expected_on=expected_on if checked.value is None else None,
                # A filled-in note is the lead's confirmation of a value flagged by the data
                # quality checks (the form has a tick box; a spreadsheet has the note).
                confirmed=bool(note.strip()),
            ),
        )
    )


# ---------------------------------------------------------------------------- upload


def _elsewhere(
    keys: set[str], *, collected_keys: set[str], outcome_id: int, period_label: str
) -> dict[str, str]:
    """Why each code not collected by this return is refused, in one query."""
    unknown = keys - collected_keys
    if not unknown:
        return {}
    slugs = {key.replace(" ", "-") for key in unknown}
    found = Indicator.objects.filter(slug__in=slugs).select_related("primary_outcome")
    reasons = {}
    for indicator in found:
        key = code_key(indicator.code)
        if key not in unknown:
            continue
        if indicator.primary_outcome_id == outcome_id:
            reasons[key] = (
                f"{indicator.code} is not collected by this return for {period_label}: it is "
                "no longer used, or is collected in another quarter"
            )
        else:
            outcome = indicator.primary_outcome
            reasons[key] = (
                f"{indicator.code} is not collected by this return for {period_label}: "
                f"its value is entered in the return for {outcome.code} {outcome.title}"
            )
    return reasons


def _unconfirmed(
    entries: Sequence[SheetEntry],
    *,
    indicators: Mapping[int, Indicator],
    quarterly_return: QuarterlyReturn,
    note_column: str,
) -> list[SheetProblem]:
    """Values the data quality checks flag that have no note to confirm them.

    The same checks as ``return_save`` (which makes them again, under lock), made here
    to name the cell to fill in.
    """
    candidates = [e for e in entries if e.entry.value is not None and not e.entry.note.strip()]
    if not candidates:
        return []
    period = quarterly_return.round.period
    area = partnership_area()
    flagged_indicators = [indicators[e.entry.indicator_id] for e in candidates]
    compared = comparisons(indicators=flagged_indicators, area=area, period=period)
    problems = []
    for sheet_entry in candidates:
        entry = sheet_entry.entry
        indicator = indicators[entry.indicator_id]
        reason = compared[indicator.pk].flag(value=entry.value, unit=indicator.unit)
        if reason:
            problems.append(
                SheetProblem(
                    f"{RETURN_SHEET}!{note_column}{sheet_entry.row}", reason, sheet_entry.code
                )
            )
    return problems


def _commentary(quarterly_return: QuarterlyReturn) -> Commentary:
    """The commentary as it stands: the spreadsheet carries values only."""
    return Commentary(
        progress_summary=quarterly_return.progress_summary,
        going_well=quarterly_return.going_well,
        concerns_and_actions=quarterly_return.concerns_and_actions,
        beyond_our_control=quarterly_return.beyond_our_control,
        forecast_rag=quarterly_return.forecast_rag,
    )


def return_workbook_upload(
    *, quarterly_return: QuarterlyReturn, content: bytes, actor: Any
) -> QuarterlyReturn:
    """Save the values of an uploaded spreadsheet to its return, as a draft.

    Refused, with nothing saved, when the file is not a workbook or is too large, is for
    another return or quarter, was downloaded before the return was last saved, has had
    its columns changed, or has any row that is wrong: then ``WorkbookRefused.problems``
    names each bad cell. The commentary and forecast are kept as they are.
    """
    require(access.can_edit_return(actor, quarterly_return), edit_refusal(quarterly_return))
    period = quarterly_return.round.period
    cols = columns(period_code=period.code)
    raw = read_workbook(content, width=len(cols))
    identity = check_identity(raw, quarterly_return=quarterly_return)
    # return_save checks the version again under lock; checking it first spares the lead
    # correcting rows of a spreadsheet that could never be saved.
    check_version(quarterly_return, identity.version)
    check_headers(raw, cols=cols)

    collected = {
        i.pk: i for i in indicators_collected(outcome_id=quarterly_return.outcome_id, period=period)
    }
    code_at = [n for n, c in enumerate(cols) if c.key == "code"][0]
    keys = {code_key(cells[code_at].value) for _, cells in raw.rows} - {""}
    entries, problems = read_entries(
        raw,
        cols=cols,
        indicators=[
            SheetIndicator(i.pk, i.code, i.title, i.unit, i.decimal_places, i.rate_per)
            for i in collected.values()
        ],
        elsewhere=_elsewhere(
            keys,
            collected_keys={code_key(i.code) for i in collected.values()},
            outcome_id=quarterly_return.outcome_id,
            period_label=period.label,
        ),
    )
    if not problems:
        problems = _unconfirmed(
            entries,
            indicators=collected,
            quarterly_return=quarterly_return,
            note_column=_letters(cols)["note"],
        )
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise WorkbookRefused(
            f"Nothing was saved: the spreadsheet has {count}. Correct "
            f"{'them' if len(problems) != 1 else 'it'} and upload it again",
            problems,
        )
    return return_save(
        quarterly_return=quarterly_return,
        version=identity.version,
        values=[e.entry for e in entries],
        commentary=_commentary(quarterly_return),
        actor=actor,
    )
