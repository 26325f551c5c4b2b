"""Financial years and quarters, as plain values.

The partnership reports by financial year (April to March) and its quarters:
``2025-26`` is the year from 1 April 2025 to 31 March 2026 and ``2025-26-Q2`` is
July to September 2025. Nothing here touches the database, settings or the clock:
pass "today" in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PERIOD_CODE_PATTERN = r"^[0-9]{4}-[0-9]{2}(-Q[1-4])?$"
_CODE = re.compile(PERIOD_CODE_PATTERN)
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# (month, day) on which Q1 to Q3 end, in the calendar year the financial year starts.
_QUARTER_ENDS = {1: (6, 30), 2: (9, 30), 3: (12, 31)}


class PeriodError(ValueError):
    """A period code that is not a financial year or quarter."""


@dataclass(frozen=True)
class Period:
    """A financial year (``quarter`` is None) or one of its quarters.

    Ordering puts quarters in time order and a year after its last quarter, since a
    year's figure is known at its end.
    """

    start_year: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise PeriodError(f"Quarter must be 1 to 4, not {self.quarter}.")
        if not 1900 <= self.start_year <= 2999:
            raise PeriodError(f"Year {self.start_year} is out of range.")

    # Not dataclass(order=True): comparing ``(start_year, quarter)`` tuples raises
    # TypeError for a year against a quarter of the same year (None < int). A year
    # sorts as a fifth quarter: after its Q4, before the next year's Q1.
    def _sort_key(self) -> tuple[int, int]:
        return (self.start_year, 5 if self.quarter is None else self.quarter)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() <= other._sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() > other._sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() >= other._sort_key()

    @classmethod
    def parse(cls, code: str) -> Period:
        """``2025-26`` or ``2025-26-Q2``; anything else raises PeriodError."""
        code = (code or "").strip()
        if not _CODE.match(code):
            raise PeriodError(f"'{code}' is not a period: use 2025-26 for a year or 2025-26-Q2.")
        start = int(code[:4])
        if int(code[5:7]) != (start + 1) % 100:
            raise PeriodError(
                f"'{code}' is not a financial year: {start} is followed by {(start + 1) % 100:02d}."
            )
        quarter = int(code[-1]) if "-Q" in code else None
        return cls(start, quarter)

    @classmethod
    def year_of(cls, day: date) -> Period:
        """The financial year that contains ``day``."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        """The quarter that contains ``day``."""
        year = cls.year_of(day)
        return cls(year.start_year, ((day.month - 4) % 12) // 3 + 1)

    @classmethod
    def latest_completed_quarter(cls, today: date) -> Period:
        """The last quarter that ended before ``today``."""
        return cls.quarter_of(today).previous()

    @property
    def code(self) -> str:
        year = f"{self.start_year}-{(self.start_year + 1) % 100:02d}"
        return year if self.quarter is None else f"{year}-Q{self.quarter}"

    @property
    def is_year(self) -> bool:
        return self.quarter is None

    @property
    def index(self) -> int:
        """Position on one time line in quarters; a year sits on its fourth quarter."""
        return self.start_year * 4 + (self.quarter or 4) - 1

    @property
    def start_date(self) -> date:
        if self.quarter is None:
            return date(self.start_year, 4, 1)
        month = 4 + (self.quarter - 1) * 3
        return date(self.start_year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end_date(self) -> date:
        # Not ``self.next().start_date - 1 day``: the period after the last valid year is
        # out of range, which made the end date of 2999-00 and its Q4 raise.
        if self.quarter is None or self.quarter == 4:
            return date(self.start_year + 1, 3, 31)
        month, day = _QUARTER_ENDS[self.quarter]
        return date(self.start_year, month, day)

    @property
    def label(self) -> str:
        """``Q2 2025-26`` or ``2025-26``."""
        year = self.year().code
        return year if self.quarter is None else f"Q{self.quarter} {year}"

    @property
    def long_label(self) -> str:
        """``Q2 2025-26 (July to September 2025)`` or ``2025-26 (April 2025 to March 2026)``."""
        start, end = self.start_date, self.end_date
        first, last = _MONTH_NAMES[start.month - 1], _MONTH_NAMES[end.month - 1]
        if start.year == end.year:
            return f"{self.label} ({first} to {last} {end.year})"
        return f"{self.label} ({first} {start.year} to {last} {end.year})"

    def year(self) -> Period:
        """The financial year of a quarter (a year is its own year)."""
        return Period(self.start_year)

    def quarters(self) -> list[Period]:
        """The four quarters of a year, or the quarter itself."""
        if self.quarter is not None:
            return [self]
        return [Period(self.start_year, q) for q in range(1, 5)]

    def next(self) -> Period:
        if self.quarter is None:
            return Period(self.start_year + 1)
        if self.quarter == 4:
            return Period(self.start_year + 1, 1)
        return Period(self.start_year, self.quarter + 1)

    def previous(self) -> Period:
        if self.quarter is None:
            return Period(self.start_year - 1)
        if self.quarter == 1:
            return Period(self.start_year - 1, 4)
        return Period(self.start_year, self.quarter - 1)

    def same_quarter_last_year(self) -> Period:
        """The same quarter (or the year) one year before."""
        return Period(self.start_year - 1, self.quarter)

    def shift(self, steps: int) -> Period:
        """``steps`` periods of the same kind later (earlier when negative)."""
        if self.quarter is None:
            return Period(self.start_year + steps)
        index = self.start_year * 4 + self.quarter - 1 + steps
        return Period(index // 4, index % 4 + 1)

    def __str__(self) -> str:
        return self.code


def quarter_range(first: Period, last: Period) -> list[Period]:
    """Every quarter from ``first`` to ``last``, both included, in order."""
    if first.quarter is None or last.quarter is None:
        raise PeriodError("quarter_range takes two quarters.")
    out: list[Period] = []
    current = first
    while current <= last:
        out.append(current)
        current = current.next()
    return out


def last_quarters(last: Period, count: int) -> list[Period]:
    """The ``count`` quarters ending with ``last``, oldest first."""
    return [last.shift(-n) for n in range(count - 1, -1, -1)]


def is_period_code(code: str) -> bool:
    try:
        Period.parse(code)
    except PeriodError:
        return False
    return True
