"""Checking the values people type, as plain functions on plain values.

Used by the return form, the spreadsheet upload, the API and the services alike, so that
a value is judged by one set of rules wherever it comes from. Nothing here touches
Django, the database, settings or the clock. Every refusal is a :class:`ValueProblem`
whose message is written for the person typing, and whatever text comes in, nothing
else is raised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from indicators.enums import UNITS_WITH_PARTS, Accumulation, Frequency, Unit
from partnership.periods import Period

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_ONE = Decimal(1)

# The database keeps 20 digits, 6 of them after the point: 14 before it.
MAX_INTEGER_DIGITS = 14
MAX_STORED_PLACES = 6
_MAX_TEXT = 40  # longer than any number that fits

# Plain decimals only: no exponents, NaN or infinity, and ASCII digits only ("\d" would
# take Arabic-Indic digits, which Decimal also accepts). Thousands may be grouped by
# commas, correctly ("1,234,567.5", not "1,2345").
_NUMBER = re.compile(r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]*)?$")
_YES = frozenset({"yes", "y", "1", "true"})
_NO = frozenset({"no", "n", "0", "false"})

ENTER_A_NUMBER = "Enter a number, like 42.5"
ENTER_YES_OR_NO = "Enter yes or no"
PERCENTAGE_RANGE = "A percentage is from 0 to 100"
WHOLE_COUNT = "A count is a whole number"
TOO_LARGE = "The number is too large"


class ValueProblem(ValueError):
    """A value that cannot be accepted, with a message for the person who typed it.

    ``field`` says which input is wrong: ``value``, ``numerator`` or ``denominator``.
    """

    def __init__(self, message: str, *, field: str = "value") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _places_message(decimal_places: int) -> str:
    if decimal_places == 0:
        return "Give a whole number"
    if decimal_places == 1:
        return "Give at most 1 decimal place"
    return f"Give at most {decimal_places} decimal places"


def parse_number(raw: str, *, field: str = "value") -> Decimal:
    """A plain decimal from text: ``42.5``, ``-3``, ``1,234.5``, `` 7 ``.

    Anything else, such as ``4e2``, ``NaN``, ``12 people`` or an empty string, is a
    ValueProblem. So is a number too large for the database to keep.
    """
    text = (raw or "").strip()
    if len(text) > _MAX_TEXT or not _NUMBER.match(text) or not any(c.isdigit() for c in text):
        raise ValueProblem(ENTER_A_NUMBER, field=field)
    number = Decimal(text.replace(",", ""))
    if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        raise ValueProblem(TOO_LARGE, field=field)
    return number


def _fits_places(number: Decimal, decimal_places: int) -> bool:
    """Whether ``number`` needs no more than ``decimal_places`` (trailing zeros are free)."""
    return number == number.quantize(Decimal(1).scaleb(-decimal_places))


def _check_unit(number: Decimal, *, unit: Unit, decimal_places: int, field: str) -> None:
    if unit is Unit.PERCENTAGE and not _ZERO <= number <= _HUNDRED:
        raise ValueProblem(PERCENTAGE_RANGE, field=field)
    if unit is Unit.RATE and number < 0:
        raise ValueProblem("A rate cannot be negative", field=field)
    if unit is Unit.RATIO and number < 0:
        raise ValueProblem("A ratio cannot be negative", field=field)
    if not _fits_places(number, decimal_places):
        if unit is Unit.NUMBER and decimal_places == 0:
            raise ValueProblem(WHOLE_COUNT, field=field)
        raise ValueProblem(_places_message(decimal_places), field=field)


def validate_value(*, raw: str, unit: Unit, decimal_places: int, rate_per: int | None) -> Decimal:
    """The value typed for an indicator, checked against its unit.

    Rules, in the users' words:
    - "A value is a number, like 42.5": plain digits, an optional sign and point, and
      commas between thousands. A percentage may end in ``%`` and money may start
      with ``£``.
    - "A percentage is from 0 to 100." "A rate or a ratio cannot be negative."
    - "A count is a whole number": a number indicator with no decimal places.
    - "Give at most N decimal places", as the indicator says; trailing zeros are fine.
    - "A yes/no indicator takes yes or no" (also y/n, 1/0, true/false), stored as 1 or 0.

    Numbers and money may be negative: some counts are net changes (net additional
    homes) and money may be a deficit. ``rate_per`` is taken so that callers pass an
    indicator's whole unit; a rate's value is checked like any other number.

    Returns the value rounded to the indicator's decimal places (only trailing zeros
    can be lost). Raises ValueProblem, and nothing else, for any text.
    """
    del rate_per  # the value of a rate is checked as a number; see validate_entry
    unit = Unit(unit)
    text = (raw or "").strip()
    if unit is Unit.YES_NO:
        word = text.lower()
        if word in _YES:
            return _ONE
        if word in _NO:
            return _ZERO
        raise ValueProblem(ENTER_YES_OR_NO)
    if unit is Unit.PERCENTAGE and text.endswith("%"):
        text = text[:-1]
    if unit is Unit.MONEY and text.startswith("£"):
        text = text[1:]
    number = parse_number(text)
    _check_unit(number, unit=unit, decimal_places=decimal_places, field="value")
    return number.quantize(Decimal(1).scaleb(-decimal_places))


# ------------------------------------------------------------ numerator and denominator


@dataclass(frozen=True)
class CheckedValue:
    """A value with its parts, as checked; ``value`` is None when nothing was given."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def multiplier(*, unit: Unit, rate_per: int | None) -> Decimal:
    """What numerator ÷ denominator is multiplied by: 100 for a percentage, N for a rate
    per N, 1 for a ratio."""
    if unit is Unit.PERCENTAGE:
        return _HUNDRED
    if unit is Unit.RATE:
        if not rate_per:
            raise ValueProblem(
                "This rate has no 'per how many' set: ask the performance team to set it",
                field="denominator",
            )
        return Decimal(rate_per)
    return _ONE


def _parse_part(raw: str, field: str) -> Decimal:
    number = parse_number(raw, field=field)
    if number < 0:
        raise ValueProblem(f"The {field} cannot be negative", field=field)
    if not _fits_places(number, MAX_STORED_PLACES):
        raise ValueProblem(_places_message(MAX_STORED_PLACES), field=field)
    return number


def _plain(number: Decimal) -> str:
    """``75.0`` or ``1,234.56``, as people write numbers (no exponent)."""
    return f"{number:,f}"


def _check_both_parts(numerator_text: str, denominator_text: str, *, unit: Unit) -> None:
    """A numerator and denominator only where the unit has them, and both or neither."""
    if unit not in UNITS_WITH_PARTS:
        field = "numerator" if numerator_text else "denominator"
        raise ValueProblem("This indicator has no numerator or denominator", field=field)
    if not numerator_text or not denominator_text:
        field = "denominator" if numerator_text else "numerator"
        raise ValueProblem("Give both the numerator and the denominator, or neither", field=field)


@dataclass(frozen=True)
class _Quotient:
    """The value the parts work out to: exact, rounded to the indicator's places (``shown``,
    in steps of ``step``), and ``how`` it is worked out, in words for the person typing."""

    exact: Decimal
    shown: Decimal
    step: Decimal
    how: str


def _quotient(
    top: Decimal, bottom: Decimal, *, unit: Unit, decimal_places: int, rate_per: int | None
) -> _Quotient:
    if bottom == 0:
        raise ValueProblem("The denominator cannot be zero", field="denominator")
    times = multiplier(unit=unit, rate_per=rate_per)
    exact = top * times / bottom
    how = f"{_plain(top)} ÷ {_plain(bottom)}" + ("" if times == 1 else f" × {_plain(times)}")
    if exact >= Decimal(10) ** MAX_INTEGER_DIGITS:
        raise ValueProblem(f"{how} is too large", field="numerator")
    step = Decimal(1).scaleb(-decimal_places)
    return _Quotient(exact, exact.quantize(step, rounding=ROUND_HALF_UP), step, how)


def _worked_out(quotient: _Quotient, *, unit: Unit, decimal_places: int) -> Decimal:
    """The value left blank, worked out from its parts and checked against the unit."""
    try:
        _check_unit(quotient.shown, unit=unit, decimal_places=decimal_places, field="numerator")
    except ValueProblem as problem:
        raise ValueProblem(
            f"{quotient.how} is {_plain(quotient.shown)}: "
            f"{problem.message[0].lower()}{problem.message[1:]}",
            field="numerator",
        ) from None
    return quotient.shown


def validate_entry(
    *,
    value: str,
    numerator: str = "",
    denominator: str = "",
    unit: Unit,
    decimal_places: int,
    rate_per: int | None,
) -> CheckedValue:
    """A value with its optional numerator and denominator, checked together.

    Rules:
    - "Nothing entered is a missing value": all three blank gives ``value`` None.
    - "Give both the numerator and the denominator, or neither." Only percentages,
      rates and ratios have them; neither part may be negative, and the denominator
      cannot be zero.
    - "The value is the numerator divided by the denominator, times 100 for a
      percentage, N for a rate per N, 1 for a ratio." With the value left blank it is
      worked out from them, rounded half up to the indicator's decimal places; with a
      value given, it must match to within that rounding.
    - The value, given or worked out, must fit the unit (see :func:`validate_value`).
    """
    unit = Unit(unit)
    value_text = (value or "").strip()
    numerator_text = (numerator or "").strip()
    denominator_text = (denominator or "").strip()
    if not numerator_text and not denominator_text:
        if not value_text:
            return CheckedValue(None)
        return CheckedValue(
            validate_value(
                raw=value_text, unit=unit, decimal_places=decimal_places, rate_per=rate_per
            )
        )
    _check_both_parts(numerator_text, denominator_text, unit=unit)
    top = _parse_part(numerator_text, "numerator")
    bottom = _parse_part(denominator_text, "denominator")
    quotient = _quotient(top, bottom, unit=unit, decimal_places=decimal_places, rate_per=rate_per)
    if not value_text:
        shown = _worked_out(quotient, unit=unit, decimal_places=decimal_places)
        return CheckedValue(shown, top, bottom)
    given = validate_value(
        raw=value_text, unit=unit, decimal_places=decimal_places, rate_per=rate_per
    )
    # Within rounding: the value may differ from the exact quotient by half a step.
    if abs(given - quotient.exact) > quotient.step / 2:
        raise ValueProblem(
            "The value does not match the numerator and denominator: "
            f"{quotient.how} is {_plain(quotient.shown)}"
        )
    return CheckedValue(given, top, bottom)


# ----------------------------------------------------------------------- data quality

DEFAULT_MAX_CHANGE_PCT = Decimal("25")
OUTLIER_STANDARD_DEVIATIONS = Decimal(3)
OUTLIER_MIN_HISTORY = 4


def needs_confirmation(
    *,
    value: Decimal | None,
    previous_comparable: Decimal | None,
    history: Sequence[Decimal],
    max_change_pct: Decimal = DEFAULT_MAX_CHANGE_PCT,
) -> str | None:
    """Why a value should be confirmed with a note before it is accepted, or None.

    Rules:
    - "A value that moves more than the set percentage (25 % unless set otherwise) from
      the previous comparable period must be confirmed." A move away from a previous
      figure of 0 always needs confirming, as no percentage can be worked out.
    - "A value more than 3 standard deviations from the mean of the indicator's history
      must be confirmed", judged only with at least 4 values of history, and not when
      the history never varies (there is no spread to judge against; the change rule
      above still applies).

    Both reasons are given when both apply. Nothing is asked of a missing value.
    """
    if max_change_pct < 0:
        raise ValueError(f"The change allowed is a percentage, not {max_change_pct}.")
    if value is None:
        return None
    reasons: list[str] = []

    if previous_comparable is not None and value != previous_comparable:
        if previous_comparable == 0:
            moved_to = _plain(value.normalize())
            reasons.append(f"It has moved from 0 in the previous comparable period to {moved_to}.")
        else:
            change = (value - previous_comparable) / abs(previous_comparable) * _HUNDRED
            if abs(change) > max_change_pct:
                way = "risen" if change > 0 else "fallen"
                moved_from = _plain(previous_comparable.normalize())
                reasons.append(
                    f"It has {way} by {abs(change):.0f}% from {moved_from} "
                    f"in the previous comparable period (more than {max_change_pct:f}%)."
                )

    if len(history) >= OUTLIER_MIN_HISTORY:
        mean = sum(history, _ZERO) / len(history)
        variance = sum(((x - mean) ** 2 for x in history), _ZERO) / (len(history) - 1)
        spread = variance.sqrt()
        if spread > 0 and abs(value - mean) > OUTLIER_STANDARD_DEVIATIONS * spread:
            reasons.append(
                f"It is far outside the indicator's past values (average {mean:.1f} over "
                f"{len(history)} periods)."
            )

    if not reasons:
        return None
    return " ".join(reasons) + " Confirm it is right and say why in the note."


@dataclass(frozen=True)
class Comparison:
    """Which earlier periods a value is compared with for data quality."""

    previous: Period
    history: tuple[Period, ...]  # oldest first


HISTORY_QUARTERS = 12
HISTORY_YEARS = 5


def comparable_periods(
    *, period: Period, frequency: Frequency, accumulation: Accumulation
) -> Comparison:
    """The previous comparable period and the history a value is judged against.

    Rule: "A position (snapshot) or a rolling four-quarter figure of a quarterly or
    monthly indicator is compared with the quarter before, and its history is the
    twelve quarters before. Anything else is compared with the same period a year
    before, and its history is that period in each of the five years before": a
    discrete quarter's count is seasonal, a year-to-date figure only compares with the
    same point of another year, and an annual or biennial figure with another year's.
    """
    frequency, accumulation = Frequency(frequency), Accumulation(accumulation)
    by_quarter = (
        period.quarter is not None
        and frequency in (Frequency.QUARTERLY, Frequency.MONTHLY)
        and accumulation in (Accumulation.SNAPSHOT, Accumulation.ROLLING)
    )
    if by_quarter:
        history = tuple(period.shift(-n) for n in range(HISTORY_QUARTERS, 0, -1))
        return Comparison(previous=period.previous(), history=history)
    history = tuple(
        Period(period.start_year - n, period.quarter) for n in range(HISTORY_YEARS, 0, -1)
    )
    return Comparison(previous=period.same_quarter_last_year(), history=history)


def quality_flag(
    *,
    value: Decimal | None,
    unit: Unit | str,
    saved: Decimal | None,
    previous_comparable: Decimal | None,
    history: Sequence[Decimal],
    max_change_pct: Decimal = DEFAULT_MAX_CHANGE_PCT,
) -> str | None:
    """Why a value entered in a return must be confirmed with a note, or None.

    Rule: "A yes/no answer has no size to change by and is never flagged. A value saved
    before and unchanged was confirmed then, and is not asked about again. Any other
    value is judged by :func:`needs_confirmation`."
    """
    if value is None or unit == Unit.YES_NO or (saved is not None and value == saved):
        return None
    return needs_confirmation(
        value=value,
        previous_comparable=previous_comparable,
        history=history,
        max_change_pct=max_change_pct,
    )
