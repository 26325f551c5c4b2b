"""Reading an uploaded file of values into plain rows of text, trusting nothing in it.

A file is a CSV (UTF-8, UTF-8 with a byte order mark, or Windows-1252, as Excel saves
it with a pound sign) or an .xlsx workbook (its first sheet). The size is checked before
anything is read; a workbook's parts are counted and measured before it is opened, and a
formula is refused as a bad cell, never worked out. Whatever the bytes, only
:class:`ImportRefused` is raised.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from partnership.errors import ApplicationError

MAX_PARTS = 200
# A workbook's parts may unpack to many times its size; more than this is refused.
UNPACK_RATIO = 20
UNREADABLE_XLSX = "The selected file is not an .xlsx spreadsheet that can be read"
FORMULAS_REFUSED = (
    "Nothing was saved: the selected file has formulas in it. Paste the values "
    "instead, save it and import it again"
)


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file, named by its row and column (row 0: the whole file)."""

    row: int
    column: str
    message: str
    sheet: str = ""  # in a workbook of several sheets, the one it is on

    def __str__(self) -> str:
        where = f"{self.sheet} row" if self.sheet else "row"
        if not self.row:
            return f"{self.sheet}: {self.message}" if self.sheet else self.message
        if not self.column:
            return f"{where} {self.row}: {self.message}"
        return f'{where} {self.row}, column "{self.column}": {self.message}'


class ImportRefused(ApplicationError):
    """A file refused as a whole: ``message`` says why; ``problems`` lists each bad cell."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message, field="file")
        self.problems = problems


@dataclass(frozen=True)
class Table:
    """The header and the rows of a file as text, each row with its number in the file."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def cell_text(value: Any) -> str:
    """A cell's content as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value == value else "NaN"
    if isinstance(value, datetime | date):
        # A month typed as "Sep 2025" becomes a date in Excel: read it back as the month.
        return f"{value.year:04d}-{value.month:02d}"
    return " ".join(str(value).split())


def size_text(size: int) -> str:
    """A limit in the units people know: ``20 MB``, ``512 KB``."""
    if size >= 1024 * 1024:
        return f"{size // (1024 * 1024):,} MB"
    return f"{max(size // 1024, 1):,} KB"


def _limits_message(max_bytes: int, max_rows: int) -> str:
    return (
        f"The selected file is larger than {size_text(max_bytes)} or has more than "
        f"{max_rows:,} rows: split it into smaller files and import each"
    )


def read_table(content: bytes, *, file_name: str, max_bytes: int, max_rows: int) -> Table:
    """The header and rows of a CSV or .xlsx file; ImportRefused for anything else."""
    if len(content) > max_bytes:
        raise ImportRefused(_limits_message(max_bytes, max_rows))
    if not content.strip():
        raise ImportRefused("The selected file is empty")
    name = file_name.lower()
    if content[:4] == b"PK\x03\x04":
        if not name.endswith(".xlsx"):
            raise ImportRefused("The selected file must be a CSV or an .xlsx spreadsheet")
        table = _read_xlsx(content, max_bytes=max_bytes, max_rows=max_rows)
    elif name.endswith((".csv", ".txt")):
        table = _read_csv(content, max_bytes=max_bytes, max_rows=max_rows)
    else:
        raise ImportRefused("The selected file must be a CSV or an .xlsx spreadsheet")
    if not any(table.headers):
        raise ImportRefused(
            "The first row of the selected file is empty: it should name the columns"
        )
    return table


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Excel's "CSV" on Windows: Windows-1252, where £ is one byte (0xA3).
        return content.decode("cp1252", errors="replace")


def _read_csv(content: bytes, *, max_bytes: int, max_rows: int) -> Table:
    try:
        text = _decode(content)
    except UnicodeDecodeError:
        raise ImportRefused(
            "The selected file is not readable text: save it as CSV UTF-8"
        ) from None
    if "\x00" in text:
        raise ImportRefused("The selected file must be a CSV or an .xlsx spreadsheet")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, tuple[str, ...]]] = []
    headers: tuple[str, ...] = ()
    try:
        for number, cells in enumerate(reader, start=1):
            if number == 1:
                headers = tuple(cell_text(c) for c in cells)
                continue
            values = tuple(cell_text(c) for c in cells)
            if not any(values):
                continue
            if len(rows) >= max_rows:
                raise ImportRefused(_limits_message(max_bytes, max_rows))
            rows.append((number, values))
    except csv.Error:
        raise ImportRefused("The selected file is not a well-formed CSV") from None
    return Table(headers=headers, rows=tuple(rows))


def _open_xlsx(content: bytes, *, max_bytes: int, max_rows: int) -> Any:
    """The workbook, opened read only once its parts are counted and measured."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ImportRefused(UNREADABLE_XLSX) from None
    unpacked = sum(p.file_size for p in parts)
    if len(parts) > MAX_PARTS or unpacked > max(max_bytes, len(content) * UNPACK_RATIO):
        raise ImportRefused(_limits_message(max_bytes, max_rows))
    try:
        # Not data_only: a formula must be seen to be refused, and is never worked out.
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise ImportRefused(UNREADABLE_XLSX) from None


def _read_xlsx(content: bytes, *, max_bytes: int, max_rows: int) -> Table:
    workbook = _open_xlsx(content, max_bytes=max_bytes, max_rows=max_rows)
    try:
        return _read_sheet(workbook.worksheets[0], max_bytes=max_bytes, max_rows=max_rows)
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - read only sheets are parsed lazily, as they are read
        raise ImportRefused(UNREADABLE_XLSX) from None
    finally:
        workbook.close()


def read_sheets(
    content: bytes, *, file_name: str, max_bytes: int, max_rows: int, names: tuple[str, ...]
) -> dict[str, Table]:
    """The sheets of an .xlsx workbook called ``names`` (in any case) by their name, with
    the checks of :func:`read_table`; other sheets are not read. A formula in any of them
    refuses the file, each listed with its sheet, row and column."""
    if len(content) > max_bytes:
        raise ImportRefused(_limits_message(max_bytes, max_rows))
    if not content.strip():
        raise ImportRefused("The selected file is empty")
    if content[:4] != b"PK\x03\x04" or not file_name.lower().endswith(".xlsx"):
        raise ImportRefused("The selected file must be an .xlsx spreadsheet")
    workbook = _open_xlsx(content, max_bytes=max_bytes, max_rows=max_rows)
    tables: dict[str, Table] = {}
    formulas: list[Problem] = []
    try:
        wanted = {name.casefold() for name in names}
        for sheet in workbook.worksheets:
            if sheet.title.strip().casefold() not in wanted:
                continue
            try:
                tables[sheet.title] = _read_sheet(
                    sheet, max_bytes=max_bytes, max_rows=max_rows, sheet_name=sheet.title
                )
            except ImportRefused as refusal:
                if not refusal.problems:
                    raise
                formulas.extend(refusal.problems)
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - read only sheets are parsed lazily, as they are read
        raise ImportRefused(UNREADABLE_XLSX) from None
    finally:
        workbook.close()
    if formulas:
        raise ImportRefused(FORMULAS_REFUSED, tuple(formulas[:100]))
    return tables


def _read_sheet(sheet: Any, *, max_bytes: int, max_rows: int, sheet_name: str = "") -> Table:
    sheet.reset_dimensions()
    headers: tuple[str, ...] = ()
    rows: list[tuple[int, tuple[str, ...]]] = []
    formulas: list[Problem] = []
    for number, cells in enumerate(sheet.iter_rows(min_row=1, max_col=100), start=1):
        values = []
        for cell in cells:
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" or (
                isinstance(value, str) and value.startswith("=")
            ):
                formulas.append(
                    Problem(
                        number,
                        _column_name(headers, cell),
                        "is a formula: paste the values instead (Paste Special, Values)",
                        sheet_name,
                    )
                )
                value = None
            values.append(cell_text(value))
        if number == 1:
            headers = tuple(values)
            continue
        if not any(values):
            continue
        if len(rows) >= max_rows:
            raise ImportRefused(_limits_message(max_bytes, max_rows))
        rows.append((number, tuple(values)))
    if formulas:
        raise ImportRefused(FORMULAS_REFUSED, tuple(formulas[:100]))
    return Table(headers=headers, rows=tuple(rows))


def _column_name(headers: tuple[str, ...], cell: Any) -> str:
    index = (getattr(cell, "column", None) or 1) - 1
    return headers[index] if index < len(headers) and headers[index] else f"column {index + 1}"
