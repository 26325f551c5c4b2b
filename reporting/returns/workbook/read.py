"""Reading an uploaded return spreadsheet, trusting nothing in it."""

from __future__ import annotations

import math
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import TYPE_CHECKING, Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from indicators.enums import Unit, ValueStatus
from indicators.validation import ValueProblem, validate_entry
from partnership.errors import ApplicationError
from partnership.periods import Period as PeriodRef
from partnership.periods import PeriodError
from reporting.returns.models import QuarterlyReturn
from reporting.returns.services.returns import ValueEntry

if TYPE_CHECKING:
    pass

# ---------------------------------------------------------------------------- reading
from reporting.returns.workbook.layout import (
    ABOUT_SHEET,
    EMPTY,
    FORMAT,
    MAX_PARTS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    NOT_A_WORKBOOK,
    NOT_FROM_A_RETURN,
    RETURN_SHEET,
    STATUSES,
    TOO_LARGE,
    Column,
    letters,
)


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
    at = letters(cols)
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
