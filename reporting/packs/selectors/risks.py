"""A pack's risks: the open risks in scope, highest score first, with their mitigations,
their review state and the moves up or down the escalation route confirmed in the quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from partnership.models import Period
from partnership.people import display_name
from reporting.packs.selectors.scope import is_whole_partnership, outcome_ids_in_scope
from reporting.scorecard.selectors import Scope, ScorecardRow
from risks.models import Escalation, Risk, RiskAction
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
    review_state: str  # "Overdue", "Due this quarter" or ""
    description: str
    cause: str
    consequence: str
    controls: str
    mitigations: str  # each mitigating action on a line: "what (who, due, status)"
    # Each escalation or de-escalation confirmed in the quarter, a line each.
    moves: str = ""


def risk_lines(
    scope: Scope, rows: list[ScorecardRow], outcomes: Any, *, period: Period, today: date
) -> tuple[RiskLine, ...]:
    """The open risks in scope, highest score first (three queries)."""
    risks = _risks_in_scope(scope, rows, outcomes).prefetch_related(
        Prefetch(
            "escalations",
            queryset=Escalation.objects.filter(
                decided_at__date__gte=period.start_date, decided_at__date__lte=period.end_date
            )
            .select_related("decided_by")
            .order_by("decided_at", "pk"),
            to_attr="moves_in_quarter",
        )
    )
    return tuple(
        _risk_line(risk, period, today)
        for risk in sorted(risks, key=lambda r: (-r.current_score, r.title, r.pk))
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


def review_state(review_date: date | None, period: Period, today: date) -> str:
    """ "Overdue" when the next review date has passed; "Due this quarter" when it falls in
    the pack's quarter; else nothing."""
    if review_date is None:
        return ""
    if review_date < today:
        return "Overdue"
    if period.start_date <= review_date <= period.end_date:
        return "Due this quarter"
    return ""


def _move(escalation: Escalation) -> str:
    """ "Outcome to Block (partnership board), 5 November 2026, by Asha Patel: why"."""
    by = display_name(escalation.decided_by)
    return (
        f"{RiskLevel(escalation.from_level).label} to {RiskLevel(escalation.to_level).label}, "
        f"{timezone.localdate(escalation.decided_at):%-d %B %Y}"
        + (f", by {by}" if by else "")
        + f": {escalation.reason}"
    )


def _risk_line(risk: Risk, period: Period, today: date) -> RiskLine:
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
        review_state=review_state(risk.review_date, period, today),
        description=risk.description,
        cause=risk.cause,
        consequence=risk.consequence,
        controls=risk.controls,
        mitigations="\n".join(_mitigation(action) for action in risk.actions.all()),
        moves="\n".join(_move(e) for e in risk.moves_in_quarter),
    )
