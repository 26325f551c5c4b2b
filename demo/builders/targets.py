"""Anycity's targets and their milestones, and the action plans behind outcomes and targets."""

from __future__ import annotations

import calendar
from datetime import date

from demo.builders.context import DemoContext, create
from demo.builders.series import SeriesPlan
from demo.content.people import PARTNERSHIP_AREA_CODE
from demo.content.plans import ACTIONS
from partnership.models import FundingStream
from targets.models import Action, Milestone, Target


def build_targets(ctx: DemoContext, series: list[SeriesPlan]) -> None:
    area = ctx.areas[PARTNERSHIP_AREA_CODE]
    for plan in series:
        if plan.target is None:
            continue
        indicator = ctx.indicators[plan.indicator.code]
        existing = Target.objects.filter(indicator=indicator, area=area).first()
        if existing is not None:
            ctx.targets[plan.indicator.code] = existing
            continue
        spec = plan.target
        target = create(
            Target,
            by=ctx.admin,
            indicator=indicator,
            area=area,
            kind=spec.kind,
            baseline_value=spec.baseline_value,
            baseline_period=ctx.period(spec.baseline_period),
            target_value=spec.target_value,
            target_period=ctx.period(spec.target_period),
            standard_target_value=spec.standard_target_value,
            reward_grant=spec.reward_grant,
            tolerance_pct=spec.tolerance,
            lead_person=indicator.lead_person,
            lead_organisation=indicator.lead_organisation,
        )
        for period, value in sorted(spec.milestones.items()):
            create(Milestone, by=ctx.admin, target=target, period=ctx.period(period), value=value)
        ctx.targets[plan.indicator.code] = target


def months_from(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative), kept within the month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def funded_by() -> set[str]:
    """The funding streams the demo's actions draw on."""
    return {spec.funding for spec in ACTIONS if spec.funding}


def build_actions(ctx: DemoContext) -> None:
    if Action.objects.filter(description=ACTIONS[0].description).exists():
        return
    streams = {s.name: s for s in FundingStream.objects.filter(name__in=funded_by())}
    for spec in ACTIONS:
        action = create(
            Action,
            by=ctx.admin,
            outcome=(
                ctx.outcomes[spec.outcome]
                if spec.outcome
                else ctx.targets[spec.target].indicator.primary_outcome
            ),
            description=spec.description,
            aim=spec.aim,
            baseline=spec.baseline,
            outputs=spec.outputs,
            expected_outcomes=spec.expected_outcomes,
            start_date=months_from(ctx.today.replace(day=1), spec.start_months),
            due_date=months_from(ctx.today.replace(day=1), spec.due_months).replace(day=28),
            lead_organisation=ctx.organisations[spec.lead_organisation],
            resources=spec.resources,
            monitoring=spec.monitoring,
            status=spec.status,
            progress=spec.progress,
            funding_stream=streams[spec.funding] if spec.funding else None,
            funding_amount=spec.funding_amount,
            completed_on=(
                months_from(ctx.today.replace(day=1), spec.due_months).replace(day=20)
                if spec.status == Action.Status.COMPLETE
                else None
            ),
        )
        if spec.target:
            action.targets.set([ctx.targets[spec.target]])
        if spec.partners:
            action.other_partners.set([ctx.organisations[name] for name in spec.partners])
