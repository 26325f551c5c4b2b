"""Whether a quarterly return is on time, and how many of a quarter's returns are late.

One rule for every page, email and pack: a return is judged by when it was submitted
against its round's due date (which an extension moves), and, while it is not submitted,
by today's date against the due date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reporting.rules.return_states import DONE

DUE_SOON_DAYS = 5


class Timeliness(StrEnum):
    LATE = "late"  # past its due date and not submitted: missing
    SUBMITTED_LATE = "submitted_late"
    DUE_SOON = "due_soon"
    ON_TIME = "on_time"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Timeliness.LATE: "Late",
    Timeliness.SUBMITTED_LATE: "Submitted late",
    Timeliness.DUE_SOON: "Due soon",
    Timeliness.ON_TIME: "On time",
}


def return_timeliness(
    *, state: str, due_on: date, submitted_on: date | None, today: date
) -> Timeliness:
    """How a return stands against its due date.

    Submitted or approved: on time if it was submitted on or before the due date,
    submitted late after it. Not submitted: late once past the due date, due soon within
    five days of it, otherwise on time. A done return with no submission date (entered
    straight as approved, say) counts as on time.
    """
    if state in DONE:
        if submitted_on is not None and submitted_on > due_on:
            return Timeliness.SUBMITTED_LATE
        return Timeliness.ON_TIME
    if today > due_on:
        return Timeliness.LATE
    if (due_on - today).days <= DUE_SOON_DAYS:
        return Timeliness.DUE_SOON
    return Timeliness.ON_TIME


@dataclass(frozen=True)
class LateCounts:
    """A quarter's late returns: missing (past due, not submitted) and submitted late."""

    missing: int = 0
    submitted_late: int = 0

    @property
    def late(self) -> int:
        return self.missing + self.submitted_late


def late_counts(judged: Iterable[Timeliness]) -> LateCounts:
    """Count the late returns among returns already judged by :func:`return_timeliness`."""
    judged = list(judged)
    return LateCounts(
        missing=sum(1 for t in judged if t is Timeliness.LATE),
        submitted_late=sum(1 for t in judged if t is Timeliness.SUBMITTED_LATE),
    )
