"""The exception dashboard (``/exceptions/``) for one quarter, read whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnership.models import Block, Period
from reporting.dashboards.selectors.exceptions.filters import (
    ExceptionFilters,
    Options,
    filter_options,
    known_filters,
    risk_matches,
)
from reporting.dashboards.selectors.exceptions.groups import BlockExceptions, block_groups
from reporting.dashboards.selectors.exceptions.priorities import PriorityLine, priorities
from reporting.dashboards.selectors.exceptions.risks import psb_risks
from reporting.rules.timeliness import LateCounts, late_counts
from reporting.scorecard.selectors import RagCounts, ScorecardRow, scorecard
from risks.selectors.proposals import ProposalLine, lines, proposed_to_psb

TARGETS_ONLY_NOTE = (
    "Late and missing returns and the risks held by the Public Service Board are "
    "not listed while the exceptions are filtered by RAG, to stretch targets or to signals."
)


@dataclass(frozen=True)
class BlockCounts:
    """The targets of one block by RAG: a line of the headline."""

    name: str
    slug: str
    counts: RagCounts


@dataclass(frozen=True)
class ExceptionsPage:
    period_code: str
    period_label: str
    period_long_label: str
    filters: ExceptionFilters
    options: Options
    ignored: tuple[str, ...]  # filters whose value matched no option, so were not applied
    headline: tuple[BlockCounts, ...]
    totals: RagCounts
    groups: tuple[BlockExceptions, ...]
    priorities: tuple[PriorityLine, ...]
    round_due_on: date | None
    stretch_targets: int
    late_returns: LateCounts  # missing and submitted late, in the groups shown
    psb_risks: int
    # Risks proposed to the PSB (up from a block, or its own back down), awaiting a decision.
    proposed: tuple[ProposalLine, ...] = ()
    query: str = ""  # the filters and quarter, for links that keep them
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def exceptions(self) -> int:
        return sum(group.total for group in self.groups)


def exceptions_page(
    *, user: Any, period: Period, today: date, filters: ExceptionFilters | None = None
) -> ExceptionsPage:
    """Everything ``/exceptions/`` shows for the quarter ``period``."""
    filters = filters or ExceptionFilters()
    card = scorecard(user=user, period=period, today=today)
    blocks = list(Block.objects.order_by("order", "name"))
    risks = psb_risks()
    options = filter_options(card, blocks, risks)
    filters, ignored = known_filters(filters, options)

    scope = filters.scope
    in_scope = [row for row in card.rows if scope.matches(row)]
    listed = [row for row in in_scope if filters.lists(row)]
    outcomes = [line for line in card.outcomes if scope.matches_outcome(line)]
    chosen = [b for b in blocks if not filters.block or b.slug == filters.block]

    groups = block_groups(
        chosen,
        rows=listed,
        outcomes=[] if filters.targets_only else outcomes,
        risks=[] if filters.targets_only else [r for r in risks if risk_matches(r, filters)],
        partnership_wide=not filters.block,
        period_code=card.period.code,
    )
    return ExceptionsPage(
        period_code=card.period.code,
        period_label=card.period.label,
        period_long_label=card.period.long_label,
        filters=filters,
        options=options,
        ignored=ignored,
        headline=_headline(chosen, in_scope),
        totals=RagCounts.of_rows(in_scope),
        groups=groups,
        priorities=priorities(in_scope),
        round_due_on=card.round_due_on,
        stretch_targets=sum(
            len([t for t in o.targets if t.row.is_stretch]) for g in groups for o in g.outcomes
        ),
        late_returns=late_counts(r.outcome.timeliness for g in groups for r in g.returns),
        psb_risks=sum(len(g.risks) for g in groups),
        proposed=() if filters.targets_only else _proposed_to_psb(),
        query=filters.query(period=card.period.code),
        notes=(TARGETS_ONLY_NOTE,) if filters.targets_only else (),
    )


def _proposed_to_psb() -> tuple[ProposalLine, ...]:
    """The proposals awaiting the PSB's decision, oldest first (one query)."""
    return tuple(lines(proposed_to_psb().order_by("proposed_at", "pk")))


def _headline(blocks: Sequence[Block], rows: Sequence[ScorecardRow]) -> tuple[BlockCounts, ...]:
    """The targets of each block by RAG."""
    return tuple(
        BlockCounts(
            name=block.name,
            slug=block.slug,
            counts=RagCounts.of_rows(r for r in rows if r.block_id == block.pk),
        )
        for block in blocks
    )
