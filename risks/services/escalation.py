"""The escalation route's proposals: made by the rules, withdrawn when no longer current.

``refresh_proposal`` is called after every change to a risk's score or level (an edit, a
review, a confirmed move). It keeps at most one pending proposal per risk, always for the
risk's score as it now stands: a proposal made at another score is withdrawn, so a
decision can only ever be taken on the score the deciding person saw.

``decide_proposal`` confirms or declines a pending proposal (who may is
``access.escalation_decision_refusal``): a confirmation moves the risk one level, records
the ``Escalation`` and proposes the next move; either way ``risks.signals.escalation_decided``
is sent once the decision has committed, for ``reporting`` to email who needs to know.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from partnership import access
from risks.models import Escalation, EscalationProposal, Risk
from risks.rules import (
    RiskLevel,
    de_escalation_proposal,
    escalation_proposal,
)
from risks.signals import escalation_decided
from risks.thresholds import thresholds


def proposed_move(risk: Risk) -> tuple[str, RiskLevel] | None:
    """(direction, level) the rules propose for ``risk`` as it stands, or None.

    A closed risk is proposed nowhere."""
    if risk.status == Risk.Status.CLOSED:
        return None
    level = RiskLevel(risk.level)
    up = escalation_proposal(level=level, score=risk.current_score, thresholds=thresholds())
    if up is not None:
        return EscalationProposal.Direction.UP, up
    down = de_escalation_proposal(
        level=level,
        score=risk.current_score,
        home_level=RiskLevel(risk.home_level or risk.level),
        thresholds=thresholds(),
    )
    if down is not None:
        return EscalationProposal.Direction.DOWN, down
    return None


def refresh_proposal(risk: Risk, *, user: Any = None) -> EscalationProposal | None:
    """Make the risk's pending proposal match its score and level now; return it (or None).

    Call inside the transaction that changed the risk, with ``user``, whose change it was:
    history names them as who withdrew or made the proposal. A pending proposal for the same
    move at the same score is kept; any other is withdrawn, and a new one is made if the
    rules propose a move - unless the same move at the same score was the last one
    proposed and was declined: the level has decided, and is asked again only when the
    score or level changes."""
    move = proposed_move(risk)
    pending = risk.proposals.filter(status=EscalationProposal.Status.PENDING).first()
    if pending is not None:
        if move == (pending.direction, pending.to_level) and pending.score == risk.current_score:
            return pending
        pending.status = EscalationProposal.Status.WITHDRAWN
        pending._history_user = user  # noqa: SLF001 - how django-simple-history records who
        pending.save(update_fields=["status"])
    if move is None or _declined_already(risk, move):
        return None
    direction, to_level = move
    proposal = EscalationProposal(
        risk=risk,
        direction=direction,
        from_level=risk.level,
        to_level=to_level,
        score=risk.current_score,
    )
    proposal._history_user = user  # noqa: SLF001
    proposal.save()
    return proposal


def _declined_already(risk: Risk, move: tuple[str, RiskLevel]) -> bool:
    last = risk.proposals.exclude(status=EscalationProposal.Status.PENDING).last()
    return (
        last is not None
        and last.status == EscalationProposal.Status.DECLINED
        and (last.direction, last.from_level, last.to_level) == (move[0], risk.level, move[1])
        and last.score == risk.current_score
    )


# --- Deciding a proposal ------------------------------------------------------------------

NOT_CURRENT_MESSAGES = {
    EscalationProposal.Status.WITHDRAWN: (
        "This proposal was withdrawn because the risk's score or level changed after it "
        "was made, so your decision has not been saved. Check the risk as it stands now."
    ),
    EscalationProposal.Status.CONFIRMED: (
        "This proposal has already been confirmed, so your decision has not been saved."
    ),
    EscalationProposal.Status.DECLINED: (
        "This proposal has already been declined, so your decision has not been saved."
    ),
}


class DecisionRefused(Exception):
    """The person may not decide this proposal; the message says why."""


class ProposalNotCurrent(Exception):
    """The proposal is no longer pending (withdrawn or decided); the message says so."""


@transaction.atomic
def decide_proposal(
    *, user: Any, risk_id: int, proposal_id: int, confirm: bool, reason: str
) -> EscalationProposal:
    """Confirm or decline the pending proposal ``proposal_id`` of risk ``risk_id``.

    Confirming moves the risk one level (the proposal's), records the ``Escalation``,
    bumps the risk's version and makes the next proposal if the rules say so (each level
    decides in turn). Declining keeps the risk where it is. Either way the decision (who,
    when, why) is kept on the proposal, in history, and ``escalation_decided`` is sent
    once it has committed. ``EscalationProposal.DoesNotExist`` if the proposal is not the
    risk's; ``DecisionRefused`` or ``ProposalNotCurrent`` otherwise, with nothing saved.
    """
    risk = (
        Risk.objects.select_for_update(of=("self",))
        .select_related("outcome", "target__indicator__primary_outcome")
        .get(pk=risk_id)
    )
    proposal = EscalationProposal.objects.select_for_update().get(pk=proposal_id, risk=risk)
    proposal.risk = risk
    refusal = access.escalation_decision_refusal(user, proposal)
    if refusal is not None:
        raise DecisionRefused(refusal)
    if proposal.status != EscalationProposal.Status.PENDING:
        raise ProposalNotCurrent(NOT_CURRENT_MESSAGES[EscalationProposal.Status(proposal.status)])
    if not _still_current(risk, proposal):
        raise ProposalNotCurrent(NOT_CURRENT_MESSAGES[EscalationProposal.Status.WITHDRAWN])
    reason = reason.strip()
    if not reason:
        raise ValueError("A decision needs a reason.")
    proposal.status = (
        EscalationProposal.Status.CONFIRMED if confirm else EscalationProposal.Status.DECLINED
    )
    proposal.reason = reason
    proposal.decided_by = user if getattr(user, "pk", None) else None
    proposal.decided_at = timezone.now()
    proposal._history_user = user  # noqa: SLF001 - how django-simple-history records who
    proposal.save()
    if confirm:
        _move(risk, proposal, user)
    transaction.on_commit(
        lambda: escalation_decided.send(sender=EscalationProposal, proposal=proposal),
        robust=True,
    )
    return proposal


def _still_current(risk: Risk, proposal: EscalationProposal) -> bool:
    """Whether a pending proposal is for the risk as it stands: from its level, one level
    away (a risk never jumps), at its score now."""
    one_level = abs(RiskLevel(proposal.to_level).rank - RiskLevel(risk.level).rank) == 1
    return (
        one_level
        and proposal.from_level == risk.level
        and proposal.score == risk.current_score
        and risk.status != Risk.Status.CLOSED
    )


def _move(risk: Risk, proposal: EscalationProposal, user: Any) -> None:
    """Move the risk the proposal's one level, recorded, and propose the next move."""
    escalation = Escalation(
        risk=risk,
        from_level=risk.level,
        to_level=proposal.to_level,
        reason=proposal.reason,
        score=proposal.score,
        decided_by=proposal.decided_by,
    )
    escalation._history_user = user  # noqa: SLF001
    escalation.save()
    risk.level = proposal.to_level
    risk.version += 1
    risk._history_user = user  # noqa: SLF001
    risk.save()
    refresh_proposal(risk, user=user)
