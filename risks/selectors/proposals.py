"""The escalation route's proposals as each level reads them: those awaiting its decision
and the decisions it took.

A proposal up is decided by the level that would receive the risk; a proposal down by
the level that holds it (``partnership.access.escalation_decision_refusal``). The filters
here say the same in queries, so that a person's list shows exactly the proposals they
may decide. Every function reads in one query whatever the number of proposals.

``proposed_to_block`` and ``proposed_to_psb`` are for the pages the receiving level
reads (the board view, the PSB's dashboard): querysets of ``EscalationProposal`` with the
risk and what it hangs on selected; ``lines`` turns them into rows to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from partnership import access
from partnership.people import display_name
from risks.models import EscalationProposal
from risks.rules import RiskLevel, risk_band
from risks.selectors.register import block_of, hangs_on
from risks.thresholds import threshold_of_move

PENDING = EscalationProposal.Status.PENDING
DECIDED = (EscalationProposal.Status.CONFIRMED, EscalationProposal.Status.DECLINED)
UP, DOWN = EscalationProposal.Direction.UP, EscalationProposal.Direction.DOWN
# A level in a sentence: "proposed for escalation to the partnership board".
IN_WORDS = {
    RiskLevel.TARGET: "target",
    RiskLevel.OUTCOME: "outcome",
    RiskLevel.BLOCK: "partnership board",
    RiskLevel.PARTNERSHIP: "Public Service Board",
}
# "Risks proposed to us" lists the decisions taken over this many days.
RECENT_DAYS = 90


@dataclass(frozen=True)
class ProposalLine:
    """One proposal, as a list shows it."""

    pk: int
    risk_id: int
    risk_title: str
    hangs_on: str
    block_name: str
    direction: str
    direction_label: str
    from_label: str
    to_label: str
    score: int
    band_label: str
    proposed_at: datetime
    status: str
    status_label: str
    reason: str
    decided_by: str
    decided_at: datetime | None
    explanation: str  # "Proposed for escalation to the ... because its score of ..."


def proposal_queryset() -> QuerySet:
    """Proposals with their risk and everything it hangs on and the decider, in one query."""
    return EscalationProposal.objects.select_related(
        "decided_by",
        "risk__block",
        "risk__outcome__block",
        "risk__target__area",
        "risk__target__indicator__primary_outcome__block",
    )


def _decided_at(level: str) -> Q:
    """Proposals decided by ``level``: up to it, or down from it."""
    return Q(direction=UP, to_level=level) | Q(direction=DOWN, from_level=level)


def _in_blocks(block_ids: Iterable[int]) -> Q:
    ids = list(block_ids)
    return (
        Q(risk__block_id__in=ids)
        | Q(risk__outcome__block_id__in=ids)
        | Q(risk__target__indicator__primary_outcome__block_id__in=ids)
    )


def _in_outcomes(outcome_ids: Iterable[int], lead_person_id: int | None) -> Q:
    ids = list(outcome_ids)
    query = Q(risk__outcome_id__in=ids) | Q(risk__target__indicator__primary_outcome_id__in=ids)
    if lead_person_id is not None:
        query |= Q(risk__outcome__lead_person_id=lead_person_id) | Q(
            risk__target__indicator__primary_outcome__lead_person_id=lead_person_id
        )
    return query


def _block_query(block_ids: Iterable[int]) -> Q:
    return _decided_at(RiskLevel.BLOCK) & _in_blocks(block_ids)


def _psb_query() -> Q:
    return _decided_at(RiskLevel.PARTNERSHIP)


def proposed_to_block(block_ids: Iterable[int]) -> QuerySet:
    """Pending proposals the boards of ``block_ids`` decide: risks proposed up to the
    block, and the block's risks proposed back down to their outcome; oldest first."""
    return proposal_queryset().filter(_block_query(block_ids), status=PENDING)


def proposed_to_psb() -> QuerySet:
    """Pending proposals the Public Service Board decides: risks proposed up to it, and
    its risks proposed back down to their board; oldest first."""
    return proposal_queryset().filter(_psb_query(), status=PENDING)


def _decided_by_user(user: Any) -> Q | None:
    """Which proposals ``user`` decides, as a filter: None for all, ``Q(pk__in=[])`` for none.

    The same answer as ``access.escalation_decision_refusal``, for a whole list."""
    roles = access.roles_of(user)
    if roles.sees_everything:
        return None
    if roles.read_only:
        return Q(pk__in=[])
    query = Q(pk__in=[])
    if roles.board_block_ids:
        query |= _block_query(roles.board_block_ids)
    if roles.psb_member:
        query |= _psb_query()
    query |= _decided_at(RiskLevel.OUTCOME) & _in_outcomes(roles.led_outcome_ids, roles.user_id)
    return query


def _for_user(user: Any, proposals: QuerySet) -> QuerySet:
    query = _decided_by_user(user)
    return proposals if query is None else proposals.filter(query)


def pending_proposals_for(user: Any) -> QuerySet:
    """The pending proposals ``user`` may decide, oldest first."""
    return _for_user(user, proposal_queryset().filter(status=PENDING))


def recent_decisions_for(user: Any, *, now: datetime | None = None) -> QuerySet:
    """The decisions taken over the last ``RECENT_DAYS`` on proposals of ``user``'s levels,
    newest first."""
    since = (now or timezone.now()) - timedelta(days=RECENT_DAYS)
    decided = proposal_queryset().filter(status__in=DECIDED, decided_at__gte=since)
    return _for_user(user, decided).order_by("-decided_at", "-pk")


def has_proposals_to_decide(user: Any) -> bool:
    """Whether ``user`` has any pending proposal to decide (one query)."""
    return pending_proposals_for(user).exists()


def explanation(proposal: EscalationProposal) -> str:
    """Why the rules proposed the move, in the users' words."""
    threshold = threshold_of_move(
        direction=proposal.direction, from_level=proposal.from_level, to_level=proposal.to_level
    )
    to = IN_WORDS[RiskLevel(proposal.to_level)]
    if proposal.direction == UP:
        return (
            f"Proposed for escalation to the {to} because its score of {proposal.score} "
            f"reached the threshold of {threshold}."
        )
    return (
        f"Proposed for de-escalation to the {to} because its score of {proposal.score} "
        f"fell below the threshold of {threshold}."
    )


def line(proposal: EscalationProposal) -> ProposalLine:
    """The row of one proposal read with ``proposal_queryset``."""
    risk = proposal.risk
    block = block_of(risk)
    return ProposalLine(
        pk=proposal.pk,
        risk_id=risk.pk,
        risk_title=risk.title,
        hangs_on=hangs_on(risk),
        block_name=block.name if block is not None else "",
        direction=proposal.direction,
        direction_label=proposal.get_direction_display(),
        from_label=RiskLevel(proposal.from_level).label,
        to_label=RiskLevel(proposal.to_level).label,
        score=proposal.score,
        band_label=risk_band(proposal.score).label,
        proposed_at=proposal.proposed_at,
        status=proposal.status,
        status_label=proposal.get_status_display(),
        reason=proposal.reason,
        decided_by=display_name(proposal.decided_by),
        decided_at=proposal.decided_at,
        explanation=explanation(proposal),
    )


def lines(proposals: Iterable[EscalationProposal]) -> list[ProposalLine]:
    """Rows for proposals read with ``proposal_queryset`` (no further query)."""
    return [line(p) for p in proposals]
