"""The values a pack may hold, and a value as its cell shows it.

See :mod:`reporting.packs.selectors.data` for what a pack may hold: approved values for
everyone, and values submitted but not yet approved for the performance team.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from indicators.enums import ValueStatus
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area
from partnership.selectors import partnership_area
from reporting.returns.models import QuarterlyReturn

State = QuarterlyReturn.State

APPROVED = "Approved"
SUBMITTED = "Submitted, not yet approved"
STREAM_CHUNK = 5000  # rows read at a time from a query streamed into a pack


@dataclass(frozen=True)
class Point:
    """One value in a pack, as its cell shows it."""

    value: Decimal
    submitted: bool = False  # submitted, not yet approved
    estimated: bool = False


def includes_submitted(user: Any) -> bool:
    """Whether ``user``'s packs hold submitted values: the performance team's only."""
    return access.roles_of(user).sees_everything


def return_submitted() -> Exists:
    """Whether a value's return (its indicator's outcome, its quarter) is submitted."""
    return Exists(
        QuarterlyReturn.objects.filter(
            outcome_id=OuterRef("indicator__primary_outcome_id"),
            round__period_id=OuterRef("period_id"),
            state=State.SUBMITTED,
        )
    )


def allowed_values(user: Any, values: QuerySet, *, with_submitted: bool) -> QuerySet:
    """The values a pack for ``user`` may hold: see :mod:`reporting.packs.selectors.data`."""
    values = access.visible_values(user, values)
    if with_submitted:
        return values.annotate(submitted=return_submitted()).filter(
            Q(is_approved=True) | Q(submitted=True)
        )
    return values.filter(is_approved=True)


def pack_area() -> Area | None:
    """The partnership's area, or None when it is not set up yet (no values to show)."""
    try:
        return partnership_area()
    except ApplicationError:
        return None


def value_point(found: dict[str, Any]) -> Point:
    """A value read with ``value``, ``status`` and ``is_approved``, as a pack shows it."""
    return Point(
        value=found["value"],
        submitted=not found["is_approved"],
        estimated=found["status"] == ValueStatus.ESTIMATED,
    )
