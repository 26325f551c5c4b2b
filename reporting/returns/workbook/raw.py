"""An uploaded spreadsheet as read, before anything in it is judged: its cells as plain
values, the text a person would have typed in a cell, and the refusal of an upload,
naming each bad cell."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from partnership.errors import ApplicationError


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


def cell_text(value: Any) -> str:
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
