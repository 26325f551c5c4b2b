"""The National Indicators the demo uses, read from ``demo/data/national_indicators.csv``.

The file is a copy of the rows of the shared sample that the demo uses (every row but
NI 195, collected termly, which the framework's frequencies do not cover). Its columns
are written as partnerships commonly report them ("rate per 1000 population",
"cumulative year to date"); :func:`read_national_indicators` turns them into the
framework's enumerations and refuses anything it does not recognise, so a new row with
a new wording fails loudly instead of loading as the wrong unit.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from indicators.enums import Accumulation, Frequency, Polarity, Unit

NATIONAL_INDICATORS_CSV = Path(__file__).resolve().parent / "data" / "national_indicators.csv"

_Enum = TypeVar("_Enum", bound=StrEnum)
_RATE = re.compile(r"^rate per (\d+) population$")
_UNITS = {
    "percentage": Unit.PERCENTAGE,
    "number": Unit.NUMBER,
    # A count per household: a number, with what it counts kept in the definition.
    "kilograms per household": Unit.NUMBER,
}
_FREQUENCIES = {
    "monthly": Frequency.MONTHLY,
    "quarterly": Frequency.QUARTERLY,
    "annual": Frequency.ANNUAL,
    "biennial": Frequency.BIENNIAL,
}
_ACCUMULATIONS = {
    "discrete": Accumulation.DISCRETE,
    "cumulative year to date": Accumulation.CUMULATIVE,
    "rolling four quarters": Accumulation.ROLLING,
    "snapshot": Accumulation.SNAPSHOT,
}
_POLARITIES = {"higher": Polarity.HIGHER, "lower": Polarity.LOWER, "neither": Polarity.NEITHER}


class NationalIndicatorError(ValueError):
    """A row of the national indicator file that the framework cannot represent."""


@dataclass(frozen=True)
class NationalIndicator:
    code: str
    title: str
    polarity: Polarity
    unit: Unit
    rate_per: int | None
    unit_text: str  # as written in the file, e.g. "kilograms per household"
    frequency: Frequency
    accumulation: Accumulation
    source: str


def parse_unit(text: str) -> tuple[Unit, int | None]:
    """``"rate per 1000 population"`` is ``(Unit.RATE, 1000)``; ``"percentage"`` has no N."""
    text = text.strip().lower()
    match = _RATE.match(text)
    if match:
        return Unit.RATE, int(match.group(1))
    try:
        return _UNITS[text], None
    except KeyError:
        raise NationalIndicatorError(f"Unknown unit '{text}'.") from None


def _lookup(table: dict[str, _Enum], text: str, what: str) -> _Enum:
    try:
        return table[text.strip().lower()]
    except KeyError:
        raise NationalIndicatorError(f"Unknown {what} '{text}'.") from None


def parse_row(row: dict[str, str]) -> NationalIndicator:
    unit, rate_per = parse_unit(row["unit"])
    return NationalIndicator(
        code=row["code"].strip(),
        title=row["title"].strip(),
        polarity=_lookup(_POLARITIES, row["polarity"], "polarity"),
        unit=unit,
        rate_per=rate_per,
        unit_text=row["unit"].strip(),
        frequency=_lookup(_FREQUENCIES, row["frequency"], "frequency"),
        accumulation=_lookup(_ACCUMULATIONS, row["accumulation"], "accumulation"),
        source=row["source"].strip(),
    )


def read_national_indicators(path: Path = NATIONAL_INDICATORS_CSV) -> dict[str, NationalIndicator]:
    """Every row of the file, by code, in file order."""
    with path.open(newline="", encoding="utf-8") as handle:
        out: dict[str, NationalIndicator] = {}
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                indicator = parse_row(row)
            except NationalIndicatorError as error:
                raise NationalIndicatorError(f"{path.name} line {line}: {error}") from error
            out[indicator.code] = indicator
    return out
