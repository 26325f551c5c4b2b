"""A cell of the framework workbook read into a value, and a kept value written as the
cell that would give it back: the one pair of functions behind import, export and the
"changed from ... to ..." of the preview.

References (a block, a partner, a person, an outcome, an indicator, an area) are looked
up in :class:`References`, read once for the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from indicators.import_periods import HOW_TO_WRITE, PeriodError, read_period
from targets.framework_import import sheets as s

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ]*$")
MAX_PLACES, MAX_DIGITS = 6, 20
BLANK = "must not be blank"


class CellProblem(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass
class References:
    """What rows may name, by the key of each way of naming it; None: two share it."""

    blocks: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Any] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)  # the code as kept
    indicators: dict[str, str] = field(default_factory=dict)
    areas: dict[str, Any] = field(default_factory=dict)


def by_names(items: list[Any], *names: str) -> dict[str, Any]:
    """Each item by the key of each of its ``names`` (attributes); the first name wins
    over a later one, and a later name shared by two items names neither."""
    found: dict[str, Any] = {}
    for attribute in reversed(names):
        seen: dict[str, Any] = {}
        for item in items:
            value = key(getattr(item, attribute) or "")
            if value:
                seen[value] = None if value in seen and seen[value] is not item else item
        found.update(seen)
    return found


def show(column: s.Column, value: Any) -> str:
    """The text of a value as a cell gives it (and as the preview shows it)."""
    if value is None or value == "":
        return ""
    kind = column.kind
    if kind == s.CHOICE:
        return next((label for label, kept in column.choices if kept == value), str(value))
    if kind == s.DECIMAL:
        return format(Decimal(value).normalize(), "f")
    if kind == s.BLOCK:
        return str(value.name)
    if kind == s.ORGANISATION:
        return str(value.short_name)
    if kind == s.PERSON:
        return str(value.username)
    if kind == s.AREA:
        return str(value.code)
    return " ".join(str(value).split())


def parse(column: s.Column, text: str, refs: References) -> Any:
    """The value of a cell; CellProblem in the users' words when it is not one."""
    text = text.strip()
    if not text:
        if column.required:
            raise CellProblem(BLANK)
        return "" if column.kind in (s.TEXT, s.LONG_TEXT) else None
    kind = column.kind
    if kind in (s.TEXT, s.LONG_TEXT, s.CODE):
        return _text(column, text)
    if kind == s.DECIMAL:
        return _decimal(text)
    if kind == s.WHOLE:
        return _whole(text)
    if kind == s.CHOICE:
        return _choice(column, text)
    if kind == s.PERIOD:
        return _period(text)
    return _reference(column, text, refs)


def _text(column: s.Column, text: str) -> str:
    if column.kind != s.LONG_TEXT:
        text = " ".join(text.split())
    if column.max_length and len(text) > column.max_length:
        raise CellProblem(f"is longer than {column.max_length} characters")
    if column.kind == s.CODE and not CODE_PATTERN.match(text):
        raise CellProblem(f'"{text}" is not a code: use letters, digits and spaces')
    return text


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise CellProblem(f'"{text}" is not a number') from None
    if not value.is_finite():
        raise CellProblem(f'"{text}" is not a number')
    exponent = int(value.normalize().as_tuple().exponent)
    if -exponent > MAX_PLACES:
        raise CellProblem(f'"{text}" has more than {MAX_PLACES} decimal places')
    if abs(value) >= Decimal(10) ** (MAX_DIGITS - MAX_PLACES):
        raise CellProblem(f'"{text}" is too large')
    return value.normalize()


def _whole(text: str) -> int:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise CellProblem(f'"{text}" is not a whole number') from None
    if not value.is_finite() or value != value.to_integral_value() or value < 0:
        raise CellProblem(f'"{text}" is not a whole number')
    if value > 2_000_000_000:
        raise CellProblem(f'"{text}" is too large')
    return int(value)


def _choice(column: s.Column, text: str) -> str:
    wanted = key(text)
    for label, kept in column.choices:
        if wanted in (key(label), key(kept)):
            return kept
    raise CellProblem(f'"{text}" is not one of: {", ".join(column.labels)}')


def _period(text: str) -> str:
    try:
        read = read_period(text)
    except PeriodError as error:
        raise CellProblem(str(error)) from None
    if read.mapped:
        raise CellProblem(f'"{text}" is not a financial year or quarter: {HOW_TO_WRITE}')
    return read.period.code


_NOUNS = {
    s.BLOCK: ("blocks", "is not a block we know"),
    s.ORGANISATION: ("organisations", "is not a partner we know"),
    s.PERSON: ("people", "is not the username or email address of anyone active"),
    s.OUTCOME: ("outcomes", "is not an outcome in the file or the framework"),
    s.INDICATOR: ("indicators", "is not an indicator in the file or the framework"),
    s.AREA: ("areas", "is not an area we know"),
}


def _reference(column: s.Column, text: str, refs: References) -> Any:
    table, unknown = _NOUNS[column.kind]
    found = getattr(refs, table)
    wanted = key(text)
    if wanted not in found:
        raise CellProblem(f'"{text}" {unknown}')
    if found[wanted] is None:
        raise CellProblem(f'"{text}" names more than one: give the code or username instead')
    return found[wanted]
