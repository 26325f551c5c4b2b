"""Risks at every level, a year of their reviews, their actions, and the escalation
route's decisions on them.

Each risk is played through its year in order: raised (at its home level), reviewed,
proposed a level up or down when a review reaches its level's threshold, and moved when
the receiving level confirmed. Every step is saved as of its day, so the risk's history
and the trend of its score read as the year did. The proposals still awaiting a decision
are made last by the escalation route itself (``refresh_proposal``), so the demo cannot
say otherwise than the rules.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Model

from demo.builders.context import DemoContext, create
from demo.builders.dates import at
from demo.content.risks import RISKS, DeclinedSpec, EscalationSpec, ReviewSpec, RiskSpec
from risks.models import Escalation, EscalationProposal, Risk, RiskAction, RiskReview
from risks.rules import RiskLevel, de_escalation_proposal, escalation_proposal, risk_score
from risks.services.escalation import proposed_move, refresh_proposal, thresholds

RISK_AGE_DAYS = 400  # how long ago the register was drawn up, in the demo's story
Event = ReviewSpec | EscalationSpec | DeclinedSpec


def review_interval(level: str) -> int:
    """Days from a review to the next one for a risk held at ``level`` (a setting)."""
    return settings.RISK_REVIEW_INTERVAL_DAYS[level]


def build_risks(ctx: DemoContext) -> None:
    if Risk.objects.filter(title=RISKS[0].title).exists():
        return
    for spec in RISKS:
        _build_risk(ctx, spec)
    started = at(ctx.today - timedelta(days=RISK_AGE_DAYS), 10)
    Risk.objects.filter(title__in=[r.title for r in RISKS]).update(created_at=started)


def _dated(obj: Model, *, by: Any, when: datetime) -> Any:
    """Save ``obj`` with its history recorded as made by ``by`` at ``when``."""
    obj._history_user = by
    obj._history_date = when
    obj.save()
    return obj


def _events(spec: RiskSpec) -> list[Event]:
    """The risk's year in order: oldest first, a review before a decision on its day."""
    events: list[Event] = [*spec.reviews, *spec.escalations, *spec.declined]
    return sorted(events, key=lambda e: (-e.days_ago, not isinstance(e, ReviewSpec)))


def _build_risk(ctx: DemoContext, spec: RiskSpec) -> None:
    owner = ctx.users[spec.owner]
    risk = Risk(
        title=spec.title,
        description=spec.description,
        cause=spec.cause,
        consequence=spec.consequence,
        owner=owner,
        owner_organisation=ctx.organisations[spec.owner_organisation],
        level=spec.home_level,
        home_level=spec.home_level,
        target=ctx.targets[spec.target] if spec.target else None,
        outcome=ctx.outcomes[spec.outcome] if spec.outcome else None,
        block=ctx.blocks[spec.block] if spec.block else None,
        inherent_likelihood=spec.inherent[0],
        inherent_impact=spec.inherent[1],
        current_likelihood=spec.inherent[0],
        current_impact=spec.inherent[1],
        target_score=spec.target_score,
        controls=spec.controls,
        status=spec.status,
        version=1,
    )
    _dated(risk, by=owner, when=at(ctx.today - timedelta(days=RISK_AGE_DAYS), 10))
    for action in spec.actions:
        create(
            RiskAction,
            by=owner,
            risk=risk,
            description=action.description,
            owner=ctx.users[action.owner],
            due_date=ctx.today + timedelta(days=action.due_days),
            status=action.status,
        )
    reviewed = at(ctx.today - timedelta(days=RISK_AGE_DAYS), 10)
    for event in _events(spec):
        if isinstance(event, ReviewSpec):
            reviewed = _review(ctx, risk, event, by=ctx.users[event.by or spec.owner])
        else:
            _decide(ctx, risk, event, proposed_at=reviewed)
    pending = refresh_proposal(risk)
    if pending is not None:  # proposed by the latest review
        EscalationProposal.objects.filter(pk=pending.pk).update(proposed_at=reviewed)
        EscalationProposal.history.filter(id=pending.pk).update(history_date=reviewed)


def _review(ctx: DemoContext, risk: Risk, review: ReviewSpec, *, by: Any) -> datetime:
    """Record ``review`` and take its position onto the risk; returns when it was made."""
    day = ctx.today - timedelta(days=review.days_ago)
    when = at(day, 10)
    next_date = day + timedelta(days=review_interval(risk.level))
    risk.current_likelihood, risk.current_impact = review.likelihood, review.impact
    risk.review_date = next_date
    risk.version += 1
    _dated(risk, by=by, when=when)
    row = RiskReview(
        risk=risk,
        reviewed_on=day,
        reviewer=by,
        likelihood=review.likelihood,
        impact=review.impact,
        note=review.note,
        next_review_date=next_date,
    )
    _dated(row, by=by, when=when)
    RiskReview.objects.filter(pk=row.pk).update(created_at=when)
    return when


def _decide(
    ctx: DemoContext, risk: Risk, decision: EscalationSpec | DeclinedSpec, *, proposed_at: datetime
) -> None:
    """The receiving level's decision on the proposal the latest review made."""
    decider = ctx.users[decision.decided_by]
    when = at(ctx.today - timedelta(days=decision.days_ago), 11)
    up = RiskLevel(decision.to_level).rank > RiskLevel(risk.level).rank
    confirmed = isinstance(decision, EscalationSpec)
    proposal = EscalationProposal(
        risk=risk,
        direction=EscalationProposal.Direction.UP if up else EscalationProposal.Direction.DOWN,
        from_level=risk.level,
        to_level=decision.to_level,
        score=decision.score,
        status=(
            EscalationProposal.Status.CONFIRMED if confirmed else EscalationProposal.Status.DECLINED
        ),
        reason=decision.reason,
        decided_by=decider,
        decided_at=when,
    )
    _dated(proposal, by=decider, when=when)
    EscalationProposal.objects.filter(pk=proposal.pk).update(proposed_at=proposed_at)
    if not confirmed:
        return
    escalation = Escalation(
        risk=risk,
        from_level=risk.level,
        to_level=decision.to_level,
        reason=decision.reason,
        score=decision.score,
        decided_by=decider,
    )
    _dated(escalation, by=decider, when=when)
    # decided_at is stamped on insert; the story says when the move was made.
    Escalation.objects.filter(pk=escalation.pk).update(decided_at=when)
    risk.level = decision.to_level
    risk.version += 1
    _dated(risk, by=decider, when=when)


def _rules_propose(level: str, home_level: str, score: int) -> str | None:
    """The level the escalation route proposes for a risk held at ``level``, or None."""
    held, home = RiskLevel(level), RiskLevel(home_level)
    up = escalation_proposal(level=held, score=score, thresholds=thresholds())
    if up is not None:
        return up
    return de_escalation_proposal(level=held, score=score, home_level=home, thresholds=thresholds())


def risk_story_problems(spec: RiskSpec) -> list[str]:
    """Where the risk's year goes against the escalation route's rules."""
    problems: list[str] = []
    level, proposed, score = spec.home_level, None, None
    for event in _events(spec):
        if isinstance(event, ReviewSpec):
            if proposed is not None:
                problems.append(f"{spec.title}: proposed to {proposed}, never decided")
            score = risk_score(likelihood=event.likelihood, impact=event.impact)
            proposed = _rules_propose(level, spec.home_level, score)
            continue
        if event.to_level != proposed or event.score != score:
            problems.append(
                f"{spec.title}: decided on {event.to_level} at {event.score}, "
                f"but the rules proposed {proposed} at {score}"
            )
        if isinstance(event, EscalationSpec):
            if event.from_level != level:
                problems.append(f"{spec.title}: moved from {event.from_level}, held at {level}")
            level = event.to_level
        proposed = None
    if level != spec.level:
        problems.append(f"{spec.title}: held at {spec.level}, its moves put it at {level}")
    if proposed != spec.awaiting:
        problems.append(f"{spec.title}: awaiting {spec.awaiting}, the rules propose {proposed}")
    return problems


def check_risk_content() -> list[str]:
    """Problems with the demo's risk register: scores, levels and decisions that do not
    follow the escalation route's rules, and reviews out of order."""
    problems = []
    for spec in RISKS:
        problems += risk_story_problems(spec)
        days = [r.days_ago for r in spec.reviews]
        if days != sorted(days, reverse=True) or not 0 < days[-1] < days[0] <= 366:
            problems.append(f"{spec.title}: reviews not in order over the past year")
    return problems


def check_loaded_proposals(today: date) -> list[str]:
    """Problems with the demo risks as loaded: a pending proposal that is not what the
    rules propose for the risk now, or a current position that is not its latest review's."""
    problems = []
    risks = Risk.objects.filter(title__in=[s.title for s in RISKS]).prefetch_related(
        "proposals", "reviews"
    )
    for risk in risks:
        pending = [p for p in risk.proposals.all() if p.status == EscalationProposal.Status.PENDING]
        move = proposed_move(risk)
        found = [(p.direction, p.to_level, p.score) for p in pending]
        wanted = [(move[0], move[1], risk.current_score)] if move else []
        if found != wanted:
            problems.append(f"{risk.title}: pending {found}, the rules propose {wanted}")
        latest = list(risk.reviews.all())[-1]
        if (latest.likelihood, latest.impact) != (risk.current_likelihood, risk.current_impact):
            problems.append(f"{risk.title}: current position is not its latest review's")
        if latest.next_review_date != risk.review_date or latest.reviewed_on >= today:
            problems.append(f"{risk.title}: review date is not set by its latest review")
    return problems
