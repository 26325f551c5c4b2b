"""What a tick of the quarterly cycle reads before it acts: the quarters it acts on, with
their rounds, and the returns of a round not yet submitted.

The tick (:mod:`reporting.cycle.services`) and the cycle page's preview of it
(:mod:`reporting.cycle.selectors.preview`) read them here, the same way. Which quarters,
and which of their steps are due, are the pure rules of
:mod:`reporting.rules.cycle_plan`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from partnership.periods import Period as PeriodRef
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.rules.cycle_plan import quarters_to_run
from reporting.rules.return_states import NOT_SUBMITTED

UNFINISHED = (ReturnRound.State.OPEN, ReturnRound.State.SCHEDULED)


@dataclass(frozen=True)
class TickQuarter:
    """A quarter the tick acts on, oldest first, with its round if it has one."""

    quarter: PeriodRef
    missed: bool  # after the partnership's newest round: the cycle did not open it
    round: ReturnRound | None


def tick_quarters(*, today: date) -> list[TickQuarter]:
    """The quarters a tick on ``today`` acts on, oldest first (see
    :func:`~reporting.rules.cycle_plan.quarters_to_run`), in two queries."""
    latest = PeriodRef.latest_completed_quarter(today)
    rounds = ReturnRound.objects.select_related("period").filter(
        period__end_date__lte=latest.end_date
    )
    newest = rounds.order_by("-period__end_date").first()
    if newest is None:
        first = quarters_to_run(latest, newest_round=None, unfinished=())
        return [TickQuarter(q.quarter, q.missed, None) for q in first]
    candidates = {
        r.period.code: r
        for r in rounds.filter(
            Q(state__in=UNFINISHED) | Q(period__end_date__gte=newest.period.end_date)
        )
    }
    quarters = quarters_to_run(
        latest,
        newest_round=newest.period.ref,
        unfinished=[r.period.ref for r in candidates.values() if r.state in UNFINISHED],
    )
    return [TickQuarter(q.quarter, q.missed, candidates.get(q.quarter.code)) for q in quarters]


def returns_not_submitted(round_ids: Iterable[int]) -> dict[int, list[QuarterlyReturn]]:
    """Each round's returns not yet submitted, in block and outcome order, in one query,
    with what the cycle's emails name: the outcome, its block, lead partner and person."""
    by_round: dict[int, list[QuarterlyReturn]] = {pk: [] for pk in round_ids}
    returns = (
        QuarterlyReturn.objects.filter(round_id__in=by_round, state__in=NOT_SUBMITTED)
        .select_related(
            "round__period", "outcome__block", "outcome__lead_organisation", "outcome__lead_person"
        )
        .order_by("outcome__block__order", "outcome__code")
    )
    for quarterly_return in returns:
        by_round[quarterly_return.round_id].append(quarterly_return)
    return by_round
