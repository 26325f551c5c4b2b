"""Reading an uploaded return spreadsheet, trusting nothing in it: the file opened
within limits, then checked to be from this return with its columns unchanged.

What the file is read into is in :mod:`.raw`, and the checking of each row in
:mod:`.rows`; the names callers use are importable from here too.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from partnership.periods import Period as PeriodRef
from partnership.periods import PeriodError
from reporting.returns.models import QuarterlyReturn
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
    TOO_LARGE,
    Column,
)
from reporting.returns.workbook.parts import check_parts
from reporting.returns.workbook.raw import (
    RawCell,
    RawWorkbook,
    SheetProblem,
    WorkbookRefused,
    cell_text,
)
from reporting.returns.workbook.rows import SheetEntry, SheetIndicator, code_key, read_entries

__all__ = [
    "Identity",
    "RawWorkbook",
    "SheetEntry",
    "SheetIndicator",
    "SheetProblem",
    "WorkbookRefused",
    "check_headers",
    "check_identity",
    "code_key",
    "read_entries",
    "read_workbook",
]


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
            if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
                raise WorkbookRefused(TOO_LARGE)
            check_parts(archive, parts)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise WorkbookRefused(NOT_A_WORKBOOK) from None
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
                about[cell_text(key)] = value
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
        if all(cell_text(c.value) == "" for c in raw):
            continue
        if number > MAX_ROWS + 1:
            raise WorkbookRefused(too_many)
        rows.append((number, raw))
    return RawWorkbook(about=about, headers=headers, rows=tuple(rows))


def _whole(value: Any) -> int | None:
    text = cell_text(value)
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
    period_code = cell_text(about.get("Period"))
    if cell_text(about.get("Format")) != FORMAT or return_id is None or version is None:
        raise WorkbookRefused(NOT_FROM_A_RETURN)
    try:
        their_period = PeriodRef.parse(period_code)
    except PeriodError:
        raise WorkbookRefused(NOT_FROM_A_RETURN) from None
    period = quarterly_return.round.period
    outcome_code = cell_text(about.get("Outcome"))
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
            f"The header should be '{col.header}', not '{cell_text(found) or 'blank'}'",
        )
        for n, (col, found) in enumerate(zip(cols, raw.headers, strict=False), start=1)
        if _same(cell_text(found)) != _same(col.header)
    ]
    if problems:
        raise WorkbookRefused(
            "Nothing was saved: the columns of the Return sheet have been changed. Download "
            "the spreadsheet again and copy your figures into it",
            problems,
        )
