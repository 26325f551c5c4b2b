"""A pack's risks: the open risks in scope, highest score first, with their mitigations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from partnership.people import display_name
from reporting.packs.selectors.scope import is_whole_partnership, outcome_ids_in_scope
from reporting.scorecard.selectors import Scope, ScorecardRow
from risks.models import Risk, RiskAction
from risks.rules import RiskLevel


@dataclass(frozen=True)
class RiskLine:
    title: str
    level_label: str
    hangs_on: str
    owner: str
    owner_organisation: str
    inherent_score: int
    current_score: int
    band_label: str
    target_score: int | None
    status_label: str
    review_date: date | None
    description: str
    cause: str
    consequence: str
    controls: str
    mitigations: str  # each mitigating action on a line: "what (who, due, status)"


def risk_lines(scope: Scope, rows: list[ScorecardRow], outcomes: Any) -> tuple[RiskLine, ...]:
    """The open risks in scope, highest score first (two queries)."""
    risks = _risks_in_scope(scope, rows, outcomes)
    return tuple(
        _risk_line(risk) for risk in sorted(risks, key=lambda r: (-r.current_score, r.title, r.pk))
    )


def _risks_in_scope(scope: Scope, rows: list[ScorecardRow], outcomes: Any) -> QuerySet[Risk]:
    """The whole partnership's pack holds every open risk; a narrower one the risks held on
    its targets and outcomes (and, for a block, on the block itself)."""
    risks = Risk.objects.exclude(status=Risk.Status.CLOSED)
    if not is_whole_partnership(scope):
        held = Q(target_id__in=[row.target_id for row in rows]) | Q(
            outcome_id__in=outcome_ids_in_scope(scope, outcomes)
        )
        if scope.block and not scope.stretch_only and scope.organisation is None:
            held |= Q(block__slug=scope.block)
        risks = risks.filter(held)
    return risks.select_related(
        "owner", "owner_organisation", "block", "outcome", "target__indicator"
    ).prefetch_related(
        Prefetch(
            "actions",
            queryset=RiskAction.objects.select_related("owner").order_by("due_date", "pk"),
        )
    )


def _hangs_on(risk: Risk) -> str:
    """What the risk is held on: a target, an outcome, a block or the partnership."""
    if risk.target_id:
        return f"{risk.target.indicator.code} target"
    if risk.outcome_id:
        return f"{risk.outcome.code} {risk.outcome.title}"
    return risk.block.name if risk.block_id else "The partnership"


def _mitigation(action: RiskAction) -> str:
    """A mitigating action: "what (who, due, status)"."""
    parts = (
        display_name(action.owner),
        f"due {action.due_date:%-d %B %Y}" if action.due_date else "",
        action.get_status_display().lower(),
    )
    return f"{action.description} (" + ", ".join(part for part in parts if part) + ")"


def _risk_line(risk: Risk) -> RiskLine:
    return RiskLine(
        title=risk.title,
        level_label=RiskLevel(risk.level).label,
        hangs_on=_hangs_on(risk),
        owner=display_name(risk.owner),
        owner_organisation=risk.owner_organisation.name if risk.owner_organisation else "",
        inherent_score=risk.inherent_score,
        current_score=risk.current_score,
        band_label=risk.current_band.label,
        target_score=risk.target_score,
        status_label=risk.get_status_display(),
        review_date=risk.review_date,
        description=risk.description,
        cause=risk.cause,
        consequence=risk.consequence,
        controls=risk.controls,
        mitigations="\n".join(_mitigation(action) for action in risk.actions.all()),
    )
