"""A partnership board's view of its block (``/blocks/<slug>/``), and the list of blocks.

Every target of the block for one quarter, from the shared
:func:`reporting.scorecard.selectors.scorecard` (approved values only, for everyone),
grouped by outcome with the outcome's return: its state, the lead's forecast and
commentary. The balanced scorecard counts each outcome's targets by RAG. Below them, the
block's open risks (held on the block, its outcomes or their targets), the actions
of its plan and its resources (the funding streams of the block and its outcomes, this
financial year). Anyone who uses the site may read any block; nothing here is edited.

A constant number of queries, whatever the number of targets, outcomes, risks or actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from partnership.models import Block, Period
from partnership.people import display_name
from reporting.dashboards.selectors.exceptions import Option, indicator_href, return_href
from reporting.dashboards.selectors.exceptions.links import plan_href
from reporting.funding.selectors import BlockResources, block_resources
from reporting.scorecard.selectors import (
    OutcomeReturn,
    RagCounts,
    Scope,
    ScorecardRow,
    quarter_options,
    scorecard,
)
from risks.models import Risk
from risks.rules import RiskLevel
from risks.selectors.proposals import ProposalLine, lines, proposed_to_block
from risks.selectors.register import review_overdue
from targets.models import Action
from targets.plan_selectors import ActionRow, action_rows, actions_read


class BlockNotFound(LookupError):
    """No block with that address (the page answers 404)."""


# --- Plain data --------------------------------------------------------------------------------


BOARD_RISKS = 25  # the risks a board view lists, highest score first


@dataclass(frozen=True)
class BoardTarget:
    row: ScorecardRow
    href: str | None


@dataclass(frozen=True)
class OutcomeCard:
    """An outcome of the block: its targets, their RAG counts, and its return."""

    outcome: OutcomeReturn
    targets: tuple[BoardTarget, ...]
    counts: RagCounts
    return_href: str | None

    @property
    def plan_href(self) -> str | None:
        return plan_href(self.outcome.code)


@dataclass(frozen=True)
class BoardRisk:
    pk: int
    title: str
    level_label: str
    owner: str
    owner_organisation: str
    score: int
    band_label: str
    status_label: str
    hangs_on: str
    review_date: date | None
    review_overdue: bool


@dataclass(frozen=True)
class BoardPage:
    name: str
    slug: str
    description: str
    period_code: str
    period_label: str
    period_long_label: str
    quarters: tuple[Option, ...]
    outcomes: tuple[OutcomeCard, ...]
    counts: RagCounts
    risks: tuple[BoardRisk, ...]  # the highest-scoring BOARD_RISKS of them
    risk_count: int  # every open risk of the block
    # Risks proposed to the board (up to the block, or the block's own proposed back down).
    proposed: tuple[ProposalLine, ...]
    actions: tuple[ActionRow, ...]  # each with its flags: overdue, no progress reported
    round_due_on: date | None
    # The funding streams of the block and its outcomes, this financial year.
    resources: BlockResources


@dataclass(frozen=True)
class BlockLine:
    name: str
    slug: str
    description: str
    outcomes: int
    counts: RagCounts


@dataclass(frozen=True)
class BlocksPage:
    period_code: str
    period_label: str
    quarters: tuple[Option, ...]
    blocks: tuple[BlockLine, ...]
    totals: RagCounts


# --- Reading -----------------------------------------------------------------------------------


def block_named(slug: str) -> Block:
    found = Block.objects.filter(slug=slug).first()
    if found is None:
        raise BlockNotFound(slug)
    return found


def board_page(*, user: Any, block: Block, period: Period, today: date) -> BoardPage:
    """Everything the board view of ``block`` shows for the quarter ``period``."""
    card = scorecard(user=user, period=period, today=today, scope=Scope(block=block.slug))
    by_outcome: dict[int, list[ScorecardRow]] = {}
    for row in card.rows:
        by_outcome.setdefault(row.outcome_id, []).append(row)
    outcomes = tuple(
        OutcomeCard(
            outcome=line,
            targets=tuple(
                BoardTarget(
                    row=row,
                    href=indicator_href(
                        row.slug, block_slug=block.slug, period_code=card.period.code
                    ),
                )
                for row in by_outcome.get(line.outcome_id, [])
            ),
            counts=RagCounts.of_rows(by_outcome.get(line.outcome_id, [])),
            return_href=return_href(line),
        )
        for line in card.outcomes
    )
    return BoardPage(
        name=block.name,
        slug=block.slug,
        description=block.description,
        period_code=card.period.code,
        period_label=card.period.label,
        period_long_label=card.period.long_label,
        quarters=tuple(Option(p.code, p.label) for p in quarter_options()),
        outcomes=outcomes,
        counts=card.counts,
        risks=_risks(block, today),
        risk_count=_open_risks(block).count(),
        proposed=tuple(lines(proposed_to_block([block.pk]).order_by("proposed_at", "pk"))),
        actions=_actions(block, today),
        round_due_on=card.round_due_on,
        resources=block_resources(block, today=today),
    )


def blocks_page(*, user: Any, period: Period, today: date) -> BlocksPage:
    """Every block, with its outcomes and its targets by RAG for the quarter."""
    card = scorecard(user=user, period=period, today=today)
    blocks = Block.objects.annotate(outcome_count=Count("outcomes")).order_by("order", "name")
    return BlocksPage(
        period_code=card.period.code,
        period_label=card.period.label,
        quarters=tuple(Option(p.code, p.label) for p in quarter_options()),
        blocks=tuple(
            BlockLine(
                name=block.name,
                slug=block.slug,
                description=block.description,
                outcomes=block.outcome_count,
                counts=RagCounts.of_rows(r for r in card.rows if r.block_id == block.pk),
            )
            for block in blocks
        ),
        totals=card.counts,
    )


def _open_risks(block: Block) -> QuerySet[Risk]:
    """The block's risks that are not closed: held on it, its outcomes or their targets."""
    return Risk.objects.filter(
        Q(block=block)
        | Q(outcome__block=block)
        | Q(target__indicator__primary_outcome__block=block)
    ).exclude(status=Risk.Status.CLOSED)


def _risks(block: Block, today: date) -> tuple[BoardRisk, ...]:
    """The block's highest-scoring ``BOARD_RISKS`` open risks, highest first (one query):
    a board reads those, and the register (filtered to the block) lists every one."""
    risks = (
        _open_risks(block)
        .select_related("owner", "owner_organisation", "block", "outcome", "target__indicator")
        .annotate(score=F("current_likelihood") * F("current_impact"))
        .order_by("-score", "title")[:BOARD_RISKS]
    )
    out = []
    # Ties in the order people read (Python's), whatever the database's collation.
    for risk in sorted(risks, key=lambda r: (-r.current_score, r.title)):
        if risk.target_id:
            hangs_on = f"{risk.target.indicator.code} target"
        elif risk.outcome_id:
            hangs_on = f"{risk.outcome.code} {risk.outcome.title}"
        else:
            hangs_on = risk.block.name if risk.block_id else ""
        out.append(
            BoardRisk(
                pk=risk.pk,
                title=risk.title,
                level_label=RiskLevel(risk.level).label,
                owner=display_name(risk.owner),
                owner_organisation=risk.owner_organisation.name if risk.owner_organisation else "",
                score=risk.current_score,
                band_label=risk.current_band.label,
                status_label=risk.get_status_display(),
                hangs_on=hangs_on,
                review_date=risk.review_date,
                review_overdue=review_overdue(risk, today),
            )
        )
    return tuple(out)


def _actions(block: Block, today: date) -> tuple[ActionRow, ...]:
    """The actions of the plans of the block's outcomes, by due date (four queries)."""
    actions = actions_read(Action.objects.filter(outcome__block=block)).order_by("due_date", "pk")
    return action_rows(actions, today)
