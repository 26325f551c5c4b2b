"""Risks at every level, their mitigating actions, and escalations up and back down."""

from __future__ import annotations

from datetime import timedelta

from demo.builders.context import DemoContext, create
from demo.builders.dates import at
from demo.content.plans import RISKS
from risks.models import Escalation, Risk, RiskAction
from risks.rules import risk_score

RISK_AGE_DAYS = 400  # how long ago the register was drawn up, in the demo's story


def build_risks(ctx: DemoContext) -> None:
    if Risk.objects.filter(title=RISKS[0].title).exists():
        return
    for spec in RISKS:
        owner = ctx.users[spec.owner]
        risk = create(
            Risk,
            by=owner,
            title=spec.title,
            description=spec.description,
            cause=spec.cause,
            consequence=spec.consequence,
            owner=owner,
            owner_organisation=ctx.organisations[spec.owner_organisation],
            level=spec.level,
            target=ctx.targets[spec.target] if spec.target else None,
            outcome=ctx.outcomes[spec.outcome] if spec.outcome else None,
            block=ctx.blocks[spec.block] if spec.block else None,
            inherent_likelihood=spec.inherent[0],
            inherent_impact=spec.inherent[1],
            current_likelihood=spec.current[0],
            current_impact=spec.current[1],
            target_score=spec.target_score,
            controls=spec.controls,
            status=spec.status,
            review_date=ctx.today + timedelta(days=spec.review_days),
        )
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
        for move in spec.escalations:
            escalation = Escalation.objects.create(
                risk=risk,
                from_level=move.from_level,
                to_level=move.to_level,
                reason=move.reason,
                score=move.score,
                decided_by=ctx.users[move.decided_by],
            )
            # decided_at is stamped on insert; the story says when the move was made.
            when = at(ctx.today - timedelta(days=move.days_ago), 11)
            Escalation.objects.filter(pk=escalation.pk).update(decided_at=when)
    started = at(ctx.today - timedelta(days=RISK_AGE_DAYS), 10)
    Risk.objects.filter(title__in=[r.title for r in RISKS]).update(created_at=started)


def check_risk_content() -> list[str]:
    """Problems with the demo's risk register: scores and levels that do not add up."""
    problems = []
    for spec in RISKS:
        score = risk_score(likelihood=spec.current[0], impact=spec.current[1])
        if spec.escalations:
            last = spec.escalations[-1]
            if last.to_level != spec.level:
                problems.append(
                    f"{spec.title}: held at {spec.level}, last moved to {last.to_level}"
                )
            if last.score != score:
                problems.append(f"{spec.title}: scored {score}, moved at {last.score}")
    return problems
