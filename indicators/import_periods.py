"""Reading a period as people write it in a spreadsheet, as a plain function.

The partnership keeps values by financial year (April to March) and its quarters. Files
from partners and national hubs write periods in many ways; each is read here into one
:class:`partnership.periods.Period`, and when the file's period is not itself a
financial year or quarter, the result says how it was mapped, for the preview to show.

Rules, in the users' words:

- ``2025-26-Q2``, ``Q2 2025-26``, ``2025/26 Q2``, ``Q2 2025/26``, ``2025-26 Q2``: the
  financial quarter (July to September 2025).
- ``2025-26``, ``2025/26``, ``2025/2026``: the financial year. ``2009-10`` is always the
  financial year 2009-10 (the product's own code), never October 2009.
- ``Jul-Sep 2025``, ``July to September 2025``, ``Jan-Mar 2026``: the three months of a
  financial quarter, read as that quarter. Three months that are not a financial
  quarter (``Feb-Apr 2025``) are refused.
- ``Q2 2006`` or ``2006 Q2`` (a calendar quarter, April to June 2006) is mapped to the financial
  quarter with the same months, 2006-07-Q1, and said so.
- ``2025`` (a calendar year, as annual published data often is) is mapped to the
  financial year that holds most of it, 2025-26 (April to December 2025 are nine of its
  twelve months), and said so.
- A month (``Sep 2025``, ``September 2025``, ``2025-09``) is read only for a monthly
  indicator, which reports its figure each quarter: it is mapped to the financial quarter
  it falls in, and said so (two months of one quarter are then two rows for one value,
  refused as duplicates). For any other indicator a month is refused: give the quarter.
- Anything that could be read two ways (``06/07``: 2006-07, or June 2007?) or not at all
  is refused with a message saying how to write it. Nothing is guessed.

Nothing here touches Django, the database, settings or the clock; whatever text comes
in, only :class:`PeriodError` is raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from partnership.periods import Period, PeriodError

__all__ = ["PeriodError", "ReadPeriod", "read_period"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MAX_TEXT = 40

_YEAR = r"(?P<start>[0-9]{4})\s*[-/]\s*(?P<end>[0-9]{2}|[0-9]{4})"
_FY_QUARTER = (
    re.compile(rf"^{_YEAR}\s*-?\s*q(?P<q>[1-4])$"),
    re.compile(rf"^q(?P<q>[1-4])\s*{_YEAR}$"),
)
_FY = re.compile(rf"^{_YEAR}$")
_CALENDAR_QUARTER = (
    re.compile(r"^q(?P<q>[1-4])\s*(?P<year>[0-9]{4})$"),
    re.compile(r"^(?P<year>[0-9]{4})\s*-?\s*q(?P<q>[1-4])$"),
)
_CALENDAR_YEAR = re.compile(r"^(?P<year>[0-9]{4})$")
_RANGE = re.compile(r"^(?P<first>[a-z]+)\s*(?:-|–|to)\s*(?P<last>[a-z]+)\s*(?P<year>[0-9]{4})$")
_MONTH = re.compile(r"^(?P<month>[a-z]+)\s*(?P<year>[0-9]{4})$")
_ISO_MONTH = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>0[1-9]|1[0-2])$")

HOW_TO_WRITE = "write it as 2025-26 for a financial year or 2025-26-Q2 for a quarter"


@dataclass(frozen=True)
class ReadPeriod:
    """The financial year or quarter a file's period was read as.

    ``mapped`` is None when the file gave a financial year or quarter; otherwise it says
    in plain English how the file's period was mapped, for the preview.
    """

    period: Period
    mapped: str | None = None


def _consecutive(start: str, end: str) -> bool:
    first, last = int(start), int(end)
    return last == first + 1 if len(end) == 4 else last == (first + 1) % 100


def _financial_year(start: str, end: str, text: str) -> Period:
    first = int(start)
    if not _consecutive(start, end):
        raise PeriodError(
            f"'{text}' is not a financial year: {first} is followed by "
            f"{(first + 1) % 100:02d} ({first}-{(first + 1) % 100:02d})"
        )
    return Period(first)


def _month(word: str) -> int | None:
    return _MONTHS.get(word)


def _three_months(first_word: str, last_word: str, year: int, text: str) -> ReadPeriod:
    first, last = _month(first_word), _month(last_word)
    if first is None or last is None:
        raise PeriodError(f"'{text}' is not a period: {HOW_TO_WRITE}")
    # The year written is the year of the last month (Oct-Dec 2025, Jan-Mar 2026).
    if (last - first) % 12 != 2 or first not in (1, 4, 7, 10):
        raise PeriodError(
            f"'{text}' is not a financial quarter: quarters are April to June, July to "
            "September, October to December and January to March"
        )
    start_year = year - 1 if first > last else year
    return ReadPeriod(Period.quarter_of(date(start_year, first, 1)))


def _calendar_quarter(quarter: int, year: int) -> ReadPeriod:
    first = (quarter - 1) * 3 + 1
    period = Period.quarter_of(date(year, first, 1))
    months = f"{_MONTH_NAMES[first - 1]} to {_MONTH_NAMES[first + 1]} {year}"
    return ReadPeriod(
        period,
        mapped=f"calendar quarter Q{quarter} {year} ({months}) read as {period.label}",
    )


def _calendar_year(year: int) -> ReadPeriod:
    period = Period(year)
    return ReadPeriod(
        period,
        mapped=f"calendar year {year} read as the financial year {period.code}, "
        f"which holds April to December {year}",
    )


def _one_month(month: int, year: int, text: str, *, monthly: bool) -> ReadPeriod:
    if not monthly:
        raise PeriodError(
            f"'{text}' is a month, and this indicator is not monthly: give the quarter "
            "or year instead, like 2025-26-Q2"
        )
    period = Period.quarter_of(date(year, month, 1))
    return ReadPeriod(
        period, mapped=f"{_MONTH_NAMES[month - 1]} {year} read as its quarter, {period.label}"
    )


def _ambiguous(text: str) -> PeriodError:
    return PeriodError(
        f"'{text}' could be read more than one way (a financial year, or a month): {HOW_TO_WRITE}"
    )


def _read_text(text: str, key: str, *, monthly: bool) -> ReadPeriod:
    for pattern in _FY_QUARTER:
        if match := pattern.match(key):
            year = _financial_year(match["start"], match["end"], text)
            return ReadPeriod(Period(year.start_year, int(match["q"])))
    # 2009-10 is the financial year (the product's own code), never October 2009.
    fy = _FY.match(key)
    if fy and _consecutive(fy["start"], fy["end"]):
        return ReadPeriod(Period(int(fy["start"])))
    if match := _ISO_MONTH.match(key):
        return _one_month(int(match["month"]), int(match["year"]), text, monthly=monthly)
    if fy:
        return ReadPeriod(_financial_year(fy["start"], fy["end"], text))
    for pattern in _CALENDAR_QUARTER:
        if match := pattern.match(key):
            return _calendar_quarter(int(match["q"]), int(match["year"]))
    if match := _CALENDAR_YEAR.match(key):
        return _calendar_year(int(match["year"]))
    if match := _RANGE.match(key):
        return _three_months(match["first"], match["last"], int(match["year"]), text)
    if (match := _MONTH.match(key)) and (month := _month(match["month"])) is not None:
        return _one_month(month, int(match["year"]), text, monthly=monthly)
    if re.match(r"^[0-9]{1,2}\s*[-/]\s*[0-9]{1,4}$", key):
        raise _ambiguous(text)
    raise PeriodError(f"'{text}' is not a period: {HOW_TO_WRITE}")


def read_period(raw: str, *, monthly: bool = False) -> ReadPeriod:
    """The financial year or quarter that ``raw`` names (see the module's rules).

    ``monthly`` says whether the indicator is monthly, the only kind for which a month
    is read (as its quarter). Raises PeriodError, and nothing else, for any text.
    """
    text = " ".join((raw or "").split())
    if not text:
        raise PeriodError("The period is blank: " + HOW_TO_WRITE)
    if len(text) > _MAX_TEXT:
        raise PeriodError(f"'{text[:_MAX_TEXT]}...' is not a period: {HOW_TO_WRITE}")
    if any(not 1900 <= int(year) < 2999 for year in re.findall(r"[0-9]{4}", text)):
        raise PeriodError(f"'{text}' is out of range: give a year from 1900 to 2998")
    return _read_text(text, text.casefold(), monthly=monthly)
