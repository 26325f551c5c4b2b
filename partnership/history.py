"""Every change to an object in words, from its django-simple-history records: the
"Changes" of a risk's page and of a funding stream's page (who, when, what changed)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from partnership.people import display_name

# Names of what the records point at, by field: {"block": {3: "Children"}, ...}.
Names = dict[str, dict[Any, str]]


@dataclass(frozen=True)
class Change:
    when: Any
    who: str
    what: str  # "Risk", "Action: ...", "Stream", "Amount for 2025-26"
    changes: tuple[str, ...]


def value_text(model: Any, field: str, value: Any, names: Names) -> str:
    """A field's value as people read it: a name, a choice's label, or the value."""
    if value in (None, ""):
        return "nothing"
    if field in names:
        return names[field].get(value, "(since removed)")
    model_field = model._meta.get_field(field)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def record_changes(
    model: Any,
    records: Sequence[Any],
    *,
    what: Callable[[Any], str],
    shown: Callable[[str, Any], str],
    excluded: Sequence[str] = (),
    first: Callable[[Any], str] = lambda record: "Recorded",
    removed: str = "Removed",
) -> list[Change]:
    """The changes of one object, from its history ``records`` (oldest first): its first
    record, then each field a later one changed (``shown(field, value)`` says a value),
    or that it was removed."""
    changes: list[Change] = []
    previous = None
    for record in records:
        if record.history_type == "-":
            lines: tuple[str, ...] = (removed,)
        elif previous is None:
            lines = (first(record),)
        else:
            delta = record.diff_against(previous, excluded_fields=list(excluded))
            lines = tuple(
                f"{model._meta.get_field(c.field).verbose_name.capitalize()}: "
                f"{shown(c.field, c.old)} to {shown(c.field, c.new)}"
                for c in delta.changes
            )
        if lines:
            changes.append(
                Change(
                    when=record.history_date,
                    who=display_name(record.history_user, nobody="the system"),
                    what=what(record),
                    changes=lines,
                )
            )
        previous = record
    return changes


def by_object(records: Iterable[Any]) -> list[list[Any]]:
    """History records (oldest first) grouped by the object they record, in order."""
    grouped: dict[Any, list[Any]] = {}
    for record in records:
        grouped.setdefault(record.id, []).append(record)
    return list(grouped.values())


def newest_first(changes: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(sorted(changes, key=lambda change: change.when, reverse=True))
