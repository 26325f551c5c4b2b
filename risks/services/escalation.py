"""The escalation route's proposals: made by the rules, withdrawn when no longer current.

``refresh_proposal`` is called after every change to a risk's score or level (an edit, a
review, a confirmed move). It keeps at most one pending proposal per risk, always for the
risk's score as it now stands: a proposal made at another score is withdrawn, so a
decision can only ever be taken on the score the deciding person saw.
"""

from __future__ import annotations

from django.conf import settings

from risks.models import EscalationProposal, Risk
from risks.rules import (
    EscalationThresholds,
    RiskLevel,
    de_escalation_proposal,
    escalation_proposal,
)


def thresholds() -> EscalationThresholds:
    """The partnership's escalation thresholds, from the settings."""
    return EscalationThresholds(
        to_outcome=settings.RISK_THRESHOLD_TO_OUTCOME,
        to_board=settings.RISK_THRESHOLD_TO_BOARD,
        to_psb=settings.RISK_THRESHOLD_TO_PSB,
    )


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


def refresh_proposal(risk: Risk) -> EscalationProposal | None:
    """Make the risk's pending proposal match its score and level now; return it (or None).

    Call inside the transaction that changed the risk. A pending proposal for the same
    move at the same score is kept; any other is withdrawn, and a new one is made if the
    rules propose a move."""
    move = proposed_move(risk)
    pending = risk.proposals.filter(status=EscalationProposal.Status.PENDING).first()
    if pending is not None:
        if move == (pending.direction, pending.to_level) and pending.score == risk.current_score:
            return pending
        pending.status = EscalationProposal.Status.WITHDRAWN
        pending.save(update_fields=["status"])
    if move is None:
        return None
    direction, to_level = move
    return EscalationProposal.objects.create(
        risk=risk,
        direction=direction,
        from_level=risk.level,
        to_level=to_level,
        score=risk.current_score,
    )
