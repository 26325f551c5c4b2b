"""What the return spreadsheet looks like: its sheets, columns and limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl.utils import get_column_letter

from indicators.enums import ValueStatus
from partnership.periods import Period as PeriodRef
from partnership.periods import last_quarters

if TYPE_CHECKING:
    pass

FORMAT = "partnership-performance quarterly return 1"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # a return of 2,000 rows unpacks to about 2 MB
MAX_PARTS = 100  # files inside the .xlsx
# The text of a whole return of 2,000 rows, notes and reasons included, is well under this.
MAX_SHARED_STRINGS_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
RETURN_SHEET = "Return"
ABOUT_SHEET = "About"
INSTRUCTIONS_SHEET = "Instructions"
STATUSES = tuple(s.value for s in ValueStatus)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@")
MAX_CELL_TEXT = 32767  # Excel's limit

TOO_LARGE = "The selected file must be smaller than 2 MB"
EMPTY = "The selected file is empty"
NOT_A_WORKBOOK = (
    "The selected file is not an Excel workbook (.xlsx). Upload the spreadsheet downloaded "
    "from this return, saved as an Excel workbook (.xlsx), without a password to open it"
)
MACROS = (
    "The selected file contains macros. Upload the spreadsheet downloaded from this return, "
    "saved as an Excel workbook (.xlsx), not as a macro-enabled workbook (.xlsm)"
)
SHARED_STRINGS_TOO_LARGE = (
    "The selected file holds more text than a return can (over 5 MB of it). Upload the "
    "spreadsheet downloaded from this return"
)
FORMULAS = (
    "The selected file has formulas in it. Type each value itself, not a formula, and "
    "upload the spreadsheet again"
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


def letters(cols: Sequence[Column]) -> dict[str, str]:
    return {c.key: get_column_letter(n) for n, c in enumerate(cols, start=1)}
