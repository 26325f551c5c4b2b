"""Which returns are late: each return judged, and a quarter's late returns counted.

Every page, email and pack that says a return is late, or how many are, reads these, so
the returns list, the start pages, the PSB's dashboard, the exception report and the
pack give the same figures for the same quarter and day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from reporting.returns.models import QuarterlyReturn
from reporting.rules.timeliness import LateCounts, Timeliness, late_counts, return_timeliness


def timeliness_of(quarterly_return: Any, *, today: date) -> Timeliness:
    """The return judged by :func:`return_timeliness` (its ``round`` must be loaded)."""
    submitted = quarterly_return.submitted_at
    return return_timeliness(
        state=quarterly_return.state,
        due_on=quarterly_return.round.due_on,
        submitted_on=timezone.localdate(submitted) if submitted else None,
        today=today,
    )


def quarter_late_counts(*, period_id: int, today: date) -> LateCounts:
    """The quarter's missing and late-submitted returns, across the partnership, in one
    query. (How many returns are late says nothing about their values, so everyone who
    sees the counts sees them for every partner.)"""
    rows = QuarterlyReturn.objects.filter(round__period_id=period_id).values_list(
        "state", "submitted_at", "round__due_on"
    )
    return late_counts(
        return_timeliness(
            state=state,
            due_on=due_on,
            submitted_on=timezone.localdate(submitted) if submitted else None,
            today=today,
        )
        for state, submitted, due_on in rows
    )
