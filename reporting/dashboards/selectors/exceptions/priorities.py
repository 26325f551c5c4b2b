"""The PSB priorities, each with the targets of its outcomes by RAG."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indicators.models import Indicator
from partnership.models import Priority
from reporting.scorecard.selectors import RagCounts, ScorecardRow


@dataclass(frozen=True)
class PriorityLine:
    title: str
    description: str
    outcomes: tuple[str, ...]  # outcome codes
    counts: RagCounts


def priorities(rows: Sequence[ScorecardRow]) -> tuple[PriorityLine, ...]:
    """Each PSB priority with its targets by RAG: the targets of the indicators collected
    by, or contributing to, the priority's outcomes."""
    priorities = list(Priority.objects.prefetch_related("outcomes").order_by("order", "title"))
    contributing = _contributing({o.pk for p in priorities for o in p.outcomes.all()})
    lines = []
    for priority in priorities:
        outcomes = sorted(priority.outcomes.all(), key=lambda o: o.code)
        ids = {o.pk for o in outcomes}
        indicators = set().union(*(contributing.get(pk, set()) for pk in ids))
        chosen = [r for r in rows if r.outcome_id in ids or r.indicator_id in indicators]
        lines.append(
            PriorityLine(
                title=priority.title,
                description=priority.description,
                outcomes=tuple(o.code for o in outcomes),
                counts=RagCounts.of_rows(chosen),
            )
        )
    return tuple(lines)


def _contributing(outcome_ids: set[int]) -> dict[int, set[int]]:
    """The indicators contributing to each of the outcomes, by outcome (one query, none
    when there are no outcomes)."""
    contributing: dict[int, set[int]] = {}
    if outcome_ids:
        through = Indicator.contributes_to.through.objects.filter(outcome_id__in=outcome_ids)
        for indicator_id, outcome_id in through.values_list("indicator_id", "outcome_id"):
            contributing.setdefault(outcome_id, set()).add(indicator_id)
    return contributing
