"""The data hub export: every approved value, one row each, in the long layout.

The same columns the value import reads (``indicators/imports/layouts.py``), so the file
can be imported again elsewhere. Approved values only, whoever asks: a value still in its
return never leaves. Read in one query, in chunks, however many values there are.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from indicators.models import IndicatorValue

EXPORT_COLUMNS = (
    "Indicator",
    "Area code",
    "Area name",
    "Period",
    "Value",
    "Numerator",
    "Denominator",
    "Status",
    "Source",
)
CHUNK_SIZE = 2000


def number_text(number: Decimal | None) -> str:
    """A kept number as it was given: ``20.500000`` is ``20.5``, ``100.000000`` is ``100``."""
    if number is None:
        return ""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def approved_value_rows(*, chunk_size: int = CHUNK_SIZE) -> Iterator[tuple[str, ...]]:
    """Every approved value, ordered by indicator, area and period, as rows of text."""
    values = (
        IndicatorValue.objects.filter(is_approved=True)
        .select_related("indicator", "area", "period")
        .only(
            "value",
            "numerator",
            "denominator",
            "status",
            "source",
            "indicator__code",
            "area__code",
            "area__name",
            "period__code",
            "period__start_date",
        )  # fmt: skip
        .order_by("indicator__code", "area__code", "period__start_date", "period__code")
    )
    for value in values.iterator(chunk_size=chunk_size):
        yield (
            value.indicator.code,
            value.area.code,
            value.area.name,
            value.period.code,
            number_text(value.value),
            number_text(value.numerator),
            number_text(value.denominator),
            value.status,
            value.source,
        )
