"""The exceptions of each block: its targets by outcome, its late and missing returns
and its risks; the risks that belong to no block in a group of their own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from partnership.models import Block
from reporting.dashboards.selectors.exceptions.links import (
    board_href,
    indicator_href,
    return_href,
)
from reporting.dashboards.selectors.exceptions.reasons import return_exception, target_reasons
from reporting.dashboards.selectors.exceptions.risks import PsbRisk, RiskException
from reporting.scorecard.selectors import OutcomeReturn, ScorecardRow


@dataclass(frozen=True)
class TargetException:
    row: ScorecardRow
    reasons: tuple[str, ...]  # in the users' words: "Stretch target", "Red", "Worsening"
    href: str | None


@dataclass(frozen=True)
class OutcomeExceptions:
    """An outcome's targets listed as exceptions, with its lead's commentary and forecast."""

    outcome: OutcomeReturn
    targets: tuple[TargetException, ...]
    return_href: str | None


@dataclass(frozen=True)
class ReturnException:
    outcome: OutcomeReturn
    reason: str  # "Late: not submitted by 22 October 2026", "Submitted late on ..."
    missing: bool  # not in yet (as opposed to in, but after the due date)
    href: str | None


@dataclass(frozen=True)
class BlockExceptions:
    """The exceptions of one block; ``slug`` is "" for the partnership-wide risks."""

    name: str
    slug: str
    outcomes: tuple[OutcomeExceptions, ...] = ()
    returns: tuple[ReturnException, ...] = ()
    risks: tuple[RiskException, ...] = ()

    @property
    def targets(self) -> int:
        return sum(len(o.targets) for o in self.outcomes)

    @property
    def total(self) -> int:
        return self.targets + len(self.returns) + len(self.risks)


def block_groups(
    blocks: Sequence[Block],
    *,
    rows: Sequence[ScorecardRow],
    outcomes: Sequence[OutcomeReturn],
    risks: Sequence[PsbRisk],
    partnership_wide: bool,
    period_code: str,
) -> tuple[BlockExceptions, ...]:
    """The exceptions of each of ``blocks``, in order; a block with none is left out. The
    risks that belong to no block come last, when ``partnership_wide``."""
    groups = []
    for block in blocks:
        group = BlockExceptions(
            name=block.name,
            slug=block.slug,
            outcomes=_outcome_exceptions(block, rows, period_code),
            returns=_return_exceptions(block, outcomes, period_code),
            risks=tuple(r.item for r in risks if r.block_id == block.pk),
        )
        if group.total:
            groups.append(group)
    unblocked = tuple(r.item for r in risks if r.block_id is None)
    if partnership_wide and unblocked:
        groups.append(BlockExceptions(name="Across the partnership", slug="", risks=unblocked))
    return tuple(groups)


def _outcome_exceptions(
    block: Block, rows: Sequence[ScorecardRow], period_code: str
) -> tuple[OutcomeExceptions, ...]:
    """The block's targets that are exceptions, by outcome in the order first met."""
    by_outcome: dict[int, list[TargetException]] = {}
    lines: dict[int, OutcomeReturn] = {}
    for row in rows:
        if row.block_id != block.pk:
            continue
        reasons = target_reasons(row)
        if not reasons:
            continue
        by_outcome.setdefault(row.outcome_id, []).append(
            TargetException(
                row=row,
                reasons=reasons,
                href=indicator_href(row.slug, block_slug=block.slug, period_code=period_code),
            )
        )
        lines[row.outcome_id] = row.outcome_return
    return tuple(
        OutcomeExceptions(
            outcome=lines[pk], targets=tuple(items), return_href=return_href(lines[pk])
        )
        for pk, items in by_outcome.items()
    )


def _return_exceptions(
    block: Block, outcomes: Sequence[OutcomeReturn], period_code: str
) -> tuple[ReturnException, ...]:
    """The block's outcomes whose return is late or missing."""
    returns = []
    for line in outcomes:
        if line.block_id != block.pk:
            continue
        found = return_exception(line)
        if found is not None:
            reason, missing = found
            returns.append(
                ReturnException(
                    outcome=line,
                    reason=reason,
                    missing=missing,
                    # The return if the person may open it, else the outcome on the
                    # board view.
                    href=return_href(line)
                    or board_href(block.slug, f"outcome-{line.outcome_id}", period_code),
                )
            )
    return tuple(returns)
