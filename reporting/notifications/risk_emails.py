"""The emails of the escalation route: a decision on a risk's proposal told to who needs it.

``risks`` sends ``risks.signals.escalation_decided`` once a decision has committed (it
never imports ``reporting``); :func:`on_escalation_decided` is connected to it in
``ReportingConfig.ready``. A confirmation tells the members of the level that now holds
the risk (the block's board, the Public Service Board, or the outcome's leads) and the
risk's owner; a decline tells the owner. Each person once per proposal: the key is
``risk-confirmed:<recipient>:proposal-<id>``, so a second run sends nothing.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from partnership import access
from partnership.people import display_name
from reporting.notifications.models import Notification
from reporting.notifications.outbox import email_render, notification_key, site_url
from reporting.notifications.services import notification_send
from risks.models import EscalationProposal
from risks.rules import RiskLevel

CONFIRMED, DECLINED = "risk_confirmed", "risk_declined"


def _load(proposal_id: int) -> EscalationProposal:
    return EscalationProposal.objects.select_related(
        "decided_by",
        "risk__owner",
        "risk__outcome__lead_person",
        "risk__target__indicator__primary_outcome__lead_person",
    ).get(pk=proposal_id)


def _outcome_of(risk: Any) -> Any:
    if risk.outcome_id:
        return risk.outcome
    if risk.target_id:
        return risk.target.indicator.primary_outcome
    return None


def receiving_members(proposal: EscalationProposal) -> list[Any]:
    """Who holds the risk now that the move is confirmed: the level it moved to."""
    risk = proposal.risk
    level = RiskLevel(proposal.to_level)
    if level == RiskLevel.PARTNERSHIP:
        return access.psb_members()
    if level == RiskLevel.BLOCK:
        block_id = access.risk_block_id(risk)
        return access.board_members(block_id) if block_id else []
    outcome = _outcome_of(risk)
    return access.outcome_leads(outcome) if level == RiskLevel.OUTCOME and outcome else []


def recipients(proposal: EscalationProposal) -> list[Any]:
    """Everyone told of the decision, each once, in a stable order."""
    owner = proposal.risk.owner
    people = {p.pk: p for p in receiving_members(proposal)} if _confirmed(proposal) else {}
    if owner is not None and owner.is_active and owner.email:
        people[owner.pk] = owner
    return [people[pk] for pk in sorted(people)]


def _confirmed(proposal: EscalationProposal) -> bool:
    return proposal.status == EscalationProposal.Status.CONFIRMED


def notify_escalation_decided(proposal_id: int) -> list[Notification]:
    """Record and enqueue the emails of a decision on proposal ``proposal_id``, once."""
    proposal = _load(proposal_id)
    if proposal.status not in (
        EscalationProposal.Status.CONFIRMED,
        EscalationProposal.Status.DECLINED,
    ):
        return []
    kind = CONFIRMED if _confirmed(proposal) else DECLINED
    risk = proposal.risk
    to_label = RiskLevel(proposal.to_level).label
    text, html = email_render(
        kind,
        {
            "risk": risk,
            "proposal": proposal,
            "from_label": RiskLevel(proposal.from_level).label,
            "to_label": to_label,
            "decided_by": display_name(proposal.decided_by, nobody="The performance team"),
            "link": site_url(reverse("risk_detail", args=[risk.pk])),
        },
    )
    subject = (
        f"Risk moved to {to_label}: {risk.title}"
        if _confirmed(proposal)
        else f"Move to {to_label} declined: {risk.title}"
    )
    return [
        notification_send(
            kind=kind,
            key=notification_key(kind, person, f"proposal-{proposal.pk}"),
            recipient=person,
            subject=subject[:255],
            text=text,
            html=html,
        )
        for person in recipients(proposal)
    ]


def on_escalation_decided(sender: Any, proposal: EscalationProposal, **kwargs: Any) -> None:
    """The receiver of ``risks.signals.escalation_decided``."""
    notify_escalation_decided(proposal.pk)
