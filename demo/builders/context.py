"""What the demo builders share while they run: the day, the quarters and the rows so far."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Model

from partnership.periods import Period, last_quarters

SEED = "anycity-2008"
QUARTERS = 20


def rng_for(*parts: object) -> random.Random:
    """A random stream of its own for each part of the data set.

    Seeded by text, which ``random`` hashes the same way on every run and machine, so
    adding an indicator does not change the figures of the others.
    """
    return random.Random(":".join([SEED, *map(str, parts)]))


def demo_window(today: date, quarters: int = QUARTERS) -> list[Period]:
    """The quarters ending with the latest completed quarter before ``today``, oldest first."""
    return last_quarters(Period.latest_completed_quarter(today), quarters)


def window_years(window: list[Period]) -> list[Period]:
    """The financial years of the window's quarters, and the year after (for targets)."""
    first, last = window[0].start_year, window[-1].start_year
    return [Period(year) for year in range(first, last + 2)]


def create(model: type[Model], *, by: Any, **fields: Any) -> Any:
    """Create a row with an ordinary save, so simple_history records it as made by ``by``."""
    obj = model(**fields)
    obj._history_user = by
    obj.save()
    return obj


def get_or_create(model: type[Model], *, by: Any, defaults: dict | None = None, **lookup: Any):
    """The row matching ``lookup``, created (with history by ``by``) when missing.

    Returns ``(row, created)`` like Django's own, which cannot say who made the row.
    """
    existing = model._default_manager.filter(**lookup).first()
    if existing is not None:
        return existing, False
    return create(model, by=by, **lookup, **(defaults or {})), True


@dataclass
class DemoContext:
    today: date
    window: list[Period]
    admin: Any = None
    organisations: dict[str, Any] = field(default_factory=dict)  # by short name
    areas: dict[str, Any] = field(default_factory=dict)  # by code
    periods: dict[str, Any] = field(default_factory=dict)  # by code
    users: dict[str, Any] = field(default_factory=dict)  # by username
    blocks: dict[str, Any] = field(default_factory=dict)  # by slug
    outcomes: dict[str, Any] = field(default_factory=dict)  # by code
    indicators: dict[str, Any] = field(default_factory=dict)  # by code
    targets: dict[str, Any] = field(default_factory=dict)  # by indicator code

    @property
    def latest(self) -> Period:
        return self.window[-1]

    def period(self, ref: Period) -> Any:
        return self.periods[ref.code]

    def lead_of(self, outcome_code: str) -> Any:
        return self.outcomes[outcome_code].lead_person or self.admin
