"""What the return's selectors and services share: the indicators a return collects,
and a count of returns by state as every page shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from indicators.models import Indicator
from partnership.models import Period
from reporting.returns.models import QuarterlyReturn
from reporting.rules.due import due_frequencies


def indicators_collected(*, outcome_id: int, period: Period) -> list[Indicator]:
    """The active indicators that the outcome's return for ``period`` collects."""
    return list(
        Indicator.objects.filter(
            primary_outcome_id=outcome_id,
            is_active=True,
            frequency__in=due_frequencies(period.ref.quarter or 4),
        ).order_by("code")
    )


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


def state_counts(by_state: Mapping[str, int]) -> tuple[StateCount, ...]:
    """Every state of a return in order, with how many returns are in it (0 if none)."""
    return tuple(
        StateCount(s.value, s.label, by_state.get(s.value, 0)) for s in QuarterlyReturn.State
    )
