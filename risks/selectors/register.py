"""The risk register (``/risks/``): the risks a person may see, filtered, highest score first.

One query reads the risks shown, with everything a row names; the counts by band and the
heat map are counted from the same rows, so the page runs the same queries whatever the
number of risks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet

from partnership import access
from partnership.models import Block, Organisation, Outcome
from partnership.people import display_name
from risks.models import Risk
from risks.rules import RiskBand, RiskLevel, risk_band

SCORES = range(1, 26)


class Position:
    """Where on the matrix a risk is placed: its current, inherent or target position."""

    CURRENT = "current"
    INHERENT = "inherent"
    TARGET = "target"
    CHOICES = ((CURRENT, "Current"), (INHERENT, "Inherent"), (TARGET, "Target"))


def band_scores(band: RiskBand) -> list[int]:
    """The scores (1 to 25) that fall in ``band``, by the rule in risks.rules."""
    return [score for score in SCORES if risk_band(score) == band]


@dataclass(frozen=True)
class RegisterFilters:
    level: str = ""
    block: Block | None = None
    outcome: Outcome | None = None
    organisation: Organisation | None = None
    owner: Any = None
    band: str = ""
    status: str = ""
    overdue: bool = False
    closed: bool = False
    position: str = Position.CURRENT
    likelihood: int | None = None
    impact: int | None = None

    @property
    def active(self) -> bool:
        return any(
            (
                self.level,
                self.block,
                self.outcome,
                self.organisation,
                self.owner,
                self.band,
                self.status,
                self.overdue,
                self.likelihood,
                self.impact,
            )
        )


@dataclass(frozen=True)
class RegisterRow:
    pk: int
    title: str
    level_label: str
    hangs_on: str
    block_name: str
    owner: str
    owner_organisation: str
    status_label: str
    review_date: date | None
    review_overdue: bool
    inherent_likelihood: int
    inherent_impact: int
    inherent_score: int
    current_likelihood: int
    current_impact: int
    score: int
    band: RiskBand
    band_label: str
    target_score: int | None
    target_band_label: str


@dataclass(frozen=True)
class RegisterPage:
    rows: tuple[RegisterRow, ...]
    filters: RegisterFilters
    band_counts: tuple[tuple[RiskBand, int], ...]
    today: date


def hangs_on(risk: Risk) -> str:
    """What a risk hangs on, in words (risks read with ``register_queryset``)."""
    if risk.target_id:
        target = risk.target
        return f"{target.indicator.code} target ({target.area.name})"
    if risk.outcome_id:
        return f"{risk.outcome.code} {risk.outcome.title}"
    if risk.block_id:
        return risk.block.name
    return "The partnership"


def block_of(risk: Risk) -> Block | None:
    """The block a risk belongs to, read from what ``register_queryset`` selected."""
    if risk.block_id:
        return risk.block
    if risk.outcome_id:
        return risk.outcome.block
    if risk.target_id:
        return risk.target.indicator.primary_outcome.block
    return None


def register_queryset() -> QuerySet:
    """Risks with everything the register and a risk's page name, in one query."""
    return Risk.objects.select_related(
        "owner",
        "owner_organisation",
        "block",
        "outcome__block",
        "target__area",
        "target__indicator__primary_outcome__block",
    ).annotate(score=F("current_likelihood") * F("current_impact"))


def _by_position(filters: RegisterFilters) -> Q:
    prefix = "inherent" if filters.position == Position.INHERENT else "current"
    query = Q()
    if filters.likelihood:
        query &= Q(**{f"{prefix}_likelihood": filters.likelihood})
    if filters.impact:
        query &= Q(**{f"{prefix}_impact": filters.impact})
    return query


def filtered(risks: QuerySet, filters: RegisterFilters, today: date) -> QuerySet:
    """``risks`` narrowed by the register's filters (closed risks only when asked for)."""
    if filters.level:
        risks = risks.filter(level=filters.level)
    if filters.block is not None:
        risks = risks.filter(
            Q(block=filters.block)
            | Q(outcome__block=filters.block)
            | Q(target__indicator__primary_outcome__block=filters.block)
        )
    if filters.outcome is not None:
        risks = risks.filter(
            Q(outcome=filters.outcome) | Q(target__indicator__primary_outcome=filters.outcome)
        )
    if filters.organisation is not None:
        risks = risks.filter(owner_organisation=filters.organisation)
    if filters.owner is not None:
        risks = risks.filter(owner=filters.owner)
    if filters.band:
        risks = risks.filter(score__in=band_scores(RiskBand(filters.band)))
    if filters.status:
        risks = risks.filter(status=filters.status)
    elif not filters.closed:
        risks = risks.exclude(status=Risk.Status.CLOSED)
    if filters.overdue:
        risks = risks.filter(review_date__lt=today).exclude(status=Risk.Status.CLOSED)
    return risks.filter(_by_position(filters))


def review_overdue(risk: Risk, today: date) -> bool:
    return (
        risk.review_date is not None
        and risk.review_date < today
        and risk.status != Risk.Status.CLOSED
    )


def row(risk: Risk, today: date) -> RegisterRow:
    band = risk_band(risk.current_score)
    block = block_of(risk)
    return RegisterRow(
        pk=risk.pk,
        title=risk.title,
        level_label=RiskLevel(risk.level).label,
        hangs_on=hangs_on(risk),
        block_name=block.name if block else "",
        owner=display_name(risk.owner),
        owner_organisation=str(risk.owner_organisation or ""),
        status_label=risk.get_status_display(),
        review_date=risk.review_date,
        review_overdue=review_overdue(risk, today),
        inherent_likelihood=risk.inherent_likelihood,
        inherent_impact=risk.inherent_impact,
        inherent_score=risk.inherent_score,
        current_likelihood=risk.current_likelihood,
        current_impact=risk.current_impact,
        score=risk.current_score,
        band=band,
        band_label=band.label,
        target_score=risk.target_score,
        target_band_label=risk_band(risk.target_score).label if risk.target_score else "",
    )


def register_page(*, user: Any, filters: RegisterFilters, today: date) -> RegisterPage:
    """The risks ``user`` may see that match ``filters``, highest current score first."""
    risks = filtered(access.visible_risks(user, register_queryset()), filters, today)
    rows = tuple(row(risk, today) for risk in risks.order_by("-score", "title", "pk"))
    counts = Counter(r.band for r in rows)
    return RegisterPage(
        rows=rows,
        filters=filters,
        band_counts=tuple((band, counts[band]) for band in reversed(RiskBand)),
        today=today,
    )


def outcome_risks(*, outcome_id: int, today: date) -> tuple[RegisterRow, ...]:
    """The open risks of an outcome and of its indicators' targets, highest score first,
    as the register lists them (one query): what its quarterly return shows."""
    risks = (
        register_queryset()
        .filter(Q(outcome_id=outcome_id) | Q(target__indicator__primary_outcome_id=outcome_id))
        .exclude(status=Risk.Status.CLOSED)
        .order_by("-score", "title", "pk")
    )
    return tuple(row(risk, today) for risk in risks)
