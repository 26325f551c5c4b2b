"""A value as the pages show it: formatted for reading, put back into an input, and the
words for an indicator's polarity and a value's status."""

from __future__ import annotations

from decimal import Decimal

from indicators.enums import Polarity, Unit, ValueStatus

DASH = "–"
POLARITY_LABELS = {
    Polarity.HIGHER: "Higher is better",
    Polarity.LOWER: "Lower is better",
    Polarity.NEITHER: "Neither higher nor lower is better",
}
STATUS_LABELS = {s.value: s.value.capitalize() for s in ValueStatus}


def format_value(value: Decimal | None, *, unit: str, decimal_places: int) -> str:
    """A value as people read it: ``42.5%``, ``£1,250``, ``1,234``, ``Yes``; ``–`` for none."""
    if value is None:
        return DASH
    if unit == Unit.YES_NO:
        return "Yes" if value else "No"
    text = f"{value:,.{decimal_places}f}"
    if unit == Unit.PERCENTAGE:
        return f"{text}%"
    if unit == Unit.MONEY:
        return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"
    return text


def input_text(value: Decimal | None, *, unit: str, decimal_places: int) -> str:
    """A stored value as it goes back into an input: ``42.5``, ``yes``; blank for none."""
    if value is None:
        return ""
    if unit == Unit.YES_NO:
        return "yes" if value else "no"
    return f"{value:.{decimal_places}f}"


def part_text(value: Decimal | None) -> str:
    """A numerator or denominator for an input, without trailing zeros: ``120``, ``12.5``."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
