"""A risk's page (``/risks/<id>/``): what it hangs on, its scores, trend, actions,
escalations and the history of every change.

A constant number of queries: the risk with what it hangs on, its actions, its reviews, its
escalations, its proposals, its history and its actions' history, and the people and
organisations the history names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from partnership import access
from partnership.history import Change, Names, by_object, newest_first, record_changes, value_text
from partnership.models import Block, Organisation, Outcome
from partnership.people import display_name
from risks.charts import TrendPoint
from risks.models import EscalationProposal, Risk, RiskAction, RiskReview
from risks.rules import RiskLevel, risk_band
from risks.selectors.proposals import ProposalLine, lines
from risks.selectors.register import block_of, hangs_on, register_queryset, review_overdue
from targets.models import Target


class RiskNotFound(Exception):
    """No such risk, or not one the person may see: the view answers 404."""


@dataclass(frozen=True)
class Link:
    text: str
    url_name: str
    slug: str


@dataclass(frozen=True)
class ActionLine:
    pk: int
    done: bool
    description: str
    owner: str
    due_date: date | None
    status_label: str
    overdue: bool


@dataclass(frozen=True)
class ReviewLine:
    reviewed_on: date
    reviewer: str
    rating: str  # "L x I"
    score: str  # "score band"
    note: str
    next_review_date: date


@dataclass(frozen=True)
class EscalationLine:
    when: Any
    from_label: str
    to_label: str
    score: int
    reason: str
    decided_by: str


@dataclass(frozen=True)
class RiskPage:
    risk: Risk
    level_label: str
    hangs_on: str
    links: tuple[Link, ...]
    owner: str
    scores: tuple[tuple[str, str, str], ...]  # (position, "L x I", "score band")
    review_overdue: bool
    trend: tuple[TrendPoint, ...]
    actions: tuple[ActionLine, ...]
    escalations: tuple[EscalationLine, ...]
    changes: tuple[Change, ...]
    reviews: tuple[ReviewLine, ...] = ()
    # The escalation route's proposals, oldest first, and the one awaiting a decision.
    proposals: tuple[ProposalLine, ...] = ()
    pending_proposal: EscalationProposal | None = None


def _links(risk: Risk) -> tuple[Link, ...]:
    links = []
    if risk.target_id:
        indicator = risk.target.indicator
        links.append(
            Link(f"{indicator.code} {indicator.title}", "indicator_detail", indicator.slug)
        )
    block = block_of(risk)
    if block is not None:
        links.append(Link(f"{block.name} board view", "block_detail", block.slug))
    return tuple(links)


def _scores(risk: Risk) -> tuple[tuple[str, str, str], ...]:
    def scored(score: int) -> str:
        return f"{score} {risk_band(score).label}"

    target = scored(risk.target_score) if risk.target_score else "No target score set"
    return (
        (
            "Inherent",
            f"{risk.inherent_likelihood} x {risk.inherent_impact}",
            scored(risk.inherent_score),
        ),
        (
            "Current",
            f"{risk.current_likelihood} x {risk.current_impact}",
            scored(risk.current_score),
        ),
        ("Target", "", target),
    )


def _trend(risk: Risk, records: list[Any], reviews: list[RiskReview]) -> tuple[TrendPoint, ...]:
    """The current score when the risk was added, then at each review, oldest first."""
    if records:  # oldest first
        added = records[0]
        when, likelihood, impact = (
            timezone.localtime(added.history_date).date(),
            added.current_likelihood,
            added.current_impact,
        )
    else:  # recorded before history was kept
        when = timezone.localtime(risk.created_at).date()
        likelihood, impact = risk.current_likelihood, risk.current_impact
    points = [TrendPoint(f"{when:%-d %b %Y} (added)", likelihood, impact)]
    points += [TrendPoint(f"{r.reviewed_on:%-d %b %Y}", r.likelihood, r.impact) for r in reviews]
    return tuple(points)


def _reviews(reviews: list[RiskReview]) -> tuple[ReviewLine, ...]:
    """The reviews, newest first."""
    return tuple(
        ReviewLine(
            reviewed_on=r.reviewed_on,
            reviewer=display_name(r.reviewer, nobody="Not recorded"),
            rating=f"{r.likelihood} x {r.impact}",
            score=f"{r.score} {risk_band(r.score).label}",
            note=r.note,
            next_review_date=r.next_review_date,
        )
        for r in reversed(reviews)
    )


def _ids(records: list[Any], name: str) -> set[int]:
    return {value for r in records if (value := getattr(r, f"{name}_id", None))}


def _names(records: list[Any]) -> Names:
    """The people, organisations and what the risk hung on that the history names: one
    query for each, however long the history."""
    users = get_user_model().objects.filter(pk__in=_ids(records, "owner"))
    organisations = Organisation.objects.filter(pk__in=_ids(records, "owner_organisation"))
    outcomes = Outcome.objects.filter(pk__in=_ids(records, "outcome"))
    blocks = Block.objects.filter(pk__in=_ids(records, "block"))
    targets = Target.objects.filter(pk__in=_ids(records, "target")).select_related("indicator")
    return {
        "owner": {u.pk: display_name(u) for u in users},
        "owner_organisation": {o.pk: str(o) for o in organisations},
        "outcome": {o.pk: str(o) for o in outcomes},
        "block": {b.pk: b.name for b in blocks},
        "target": {t.pk: f"{t.indicator.code} target" for t in targets},
    }


def _history(risk: Risk) -> tuple[list[Any], tuple[Change, ...]]:
    risk_records = list(
        risk.history.select_related("history_user").order_by("history_date", "history_id")
    )
    action_records = list(
        RiskAction.history.filter(risk_id=risk.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    names = _names(risk_records + action_records)
    changes = _changes(Risk, risk_records, lambda r: "Risk", names)
    for records in by_object(action_records):
        changes += _changes(RiskAction, records, lambda r: f"Action: {r.description[:80]}", names)
    return risk_records, newest_first(changes)


def _changes(model: Any, records: list[Any], what: Any, names: Names) -> list[Change]:
    return record_changes(
        model,
        records,
        what=what,
        shown=lambda field, value: value_text(model, field, value, names),
        excluded=["updated_at", "created_at"],
        removed="Deleted",
    )


def risk_page(*, user: Any, risk_id: int, today: date) -> RiskPage:
    """The page of the risk ``risk_id``; RiskNotFound if there is none ``user`` may see."""
    risk = access.visible_risks(user, register_queryset()).filter(pk=risk_id).first()
    if risk is None:
        raise RiskNotFound(risk_id)
    actions = tuple(
        ActionLine(
            pk=a.pk,
            done=a.status == RiskAction.Status.DONE,
            description=a.description,
            owner=display_name(a.owner, nobody="No owner named"),
            due_date=a.due_date,
            status_label=a.get_status_display(),
            overdue=a.due_date is not None
            and a.due_date < today
            and a.status != RiskAction.Status.DONE,
        )
        for a in risk.actions.select_related("owner")
    )
    escalations = tuple(
        EscalationLine(
            when=e.decided_at,
            from_label=RiskLevel(e.from_level).label,
            to_label=RiskLevel(e.to_level).label,
            score=e.score,
            reason=e.reason,
            decided_by=display_name(e.decided_by, nobody="Not recorded"),
        )
        for e in risk.escalations.select_related("decided_by")
    )
    risk_records, changes = _history(risk)
    reviews = list(risk.reviews.select_related("reviewer").order_by("reviewed_on", "pk"))
    proposals = list(risk.proposals.select_related("decided_by"))
    for proposal in proposals:
        proposal.risk = risk  # already read, with what it hangs on
    pending = [p for p in proposals if p.status == EscalationProposal.Status.PENDING]
    return RiskPage(
        risk=risk,
        level_label=RiskLevel(risk.level).label,
        hangs_on=hangs_on(risk),
        links=_links(risk),
        owner=display_name(risk.owner, nobody="No owner named"),
        scores=_scores(risk),
        review_overdue=review_overdue(risk, today),
        trend=_trend(risk, risk_records, reviews),
        actions=actions,
        escalations=escalations,
        changes=changes,
        reviews=_reviews(reviews),
        proposals=tuple(lines(proposals)),
        pending_proposal=pending[0] if pending else None,
    )
