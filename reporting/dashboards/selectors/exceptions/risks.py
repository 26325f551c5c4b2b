"""The risks held by the Public Service Board: every one not closed, with the reason it
was escalated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from partnership import access
from partnership.people import display_name
from risks.models import Escalation, Risk
from risks.rules import RiskLevel


@dataclass(frozen=True)
class RiskException:
    pk: int
    title: str
    description: str
    owner: str
    owner_organisation: str
    score: int
    band_label: str
    status_label: str
    hangs_on: str  # "NI 116 target", "CYP 1 Every child...", a block, or ""
    escalation_reason: str
    escalated_on: date | None
    review_date: date | None


@dataclass(frozen=True)
class PsbRisk:
    """A risk as listed, with what the filters and the grouping by block need of it."""

    item: RiskException
    block_id: int | None
    organisation_id: int | None
    owner_id: int | None


def psb_risks() -> list[PsbRisk]:
    """Every risk held by the PSB and not closed, highest score first (two queries)."""
    risks = (
        Risk.objects.filter(level=RiskLevel.PARTNERSHIP)
        .exclude(status=Risk.Status.CLOSED)
        .select_related(
            "owner",
            "owner_organisation",
            "block",
            "outcome__block",
            "target__indicator__primary_outcome",
        )
        .prefetch_related(
            Prefetch(
                "escalations",
                queryset=Escalation.objects.order_by("-decided_at", "-pk"),
                to_attr="escalations_latest_first",
            )
        )
    )
    return [
        PsbRisk(
            item=_risk_exception(risk),
            block_id=access.risk_block_id(risk),
            organisation_id=risk.owner_organisation_id,
            owner_id=risk.owner_id,
        )
        for risk in sorted(risks, key=lambda r: (-r.current_score, r.title))
    ]


def _risk_exception(risk: Risk) -> RiskException:
    latest = _latest_escalation(risk)
    return RiskException(
        pk=risk.pk,
        title=risk.title,
        description=risk.description,
        owner=display_name(risk.owner),
        owner_organisation=risk.owner_organisation.name if risk.owner_organisation else "",
        score=risk.current_score,
        band_label=risk.current_band.label,
        status_label=risk.get_status_display(),
        hangs_on=_hangs_on(risk),
        escalation_reason=latest.reason if latest else "",
        escalated_on=timezone.localdate(latest.decided_at) if latest else None,
        review_date=risk.review_date,
    )


def _latest_escalation(risk: Risk) -> Escalation | None:
    """The latest escalation to the PSB, else the latest of any, else None."""
    escalations = risk.escalations_latest_first
    to_psb = [e for e in escalations if e.to_level == RiskLevel.PARTNERSHIP]
    return (to_psb or escalations or [None])[0]


def _hangs_on(risk: Risk) -> str:
    if risk.target_id:
        return f"{risk.target.indicator.code} target"
    if risk.outcome_id:
        return f"{risk.outcome.code} {risk.outcome.title}"
    if risk.block_id:
        return risk.block.name
    return ""
