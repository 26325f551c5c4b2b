"""The demo's indicators, what they contribute to and which ones are related."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.utils import timezone

from demo.builders.catalogue import IndicatorPlan
from demo.builders.context import DemoContext, create
from demo.content.indicators import CONTRIBUTES_TO, RELATED, UNPUBLISHED
from indicators.models import Indicator


def build_indicators(ctx: DemoContext, catalogue: list[IndicatorPlan]) -> None:
    existing = {i.code: i for i in Indicator.objects.filter(code__in=[p.code for p in catalogue])}
    for plan in catalogue:
        if plan.code in existing:
            ctx.indicators[plan.code] = existing[plan.code]
            continue
        outcome = ctx.outcomes[plan.outcome]
        lead = ctx.users[plan.lead] if plan.lead else outcome.lead_person
        lead_organisation = lead.profile.organisation if plan.lead else outcome.lead_organisation
        ctx.indicators[plan.code] = create(
            Indicator,
            by=ctx.admin,
            code=plan.code,
            title=plan.title,
            definition=plan.definition,
            kind=plan.kind,
            unit=plan.unit,
            rate_per=plan.rate_per,
            decimal_places=plan.decimal_places,
            polarity=plan.polarity,
            frequency=plan.frequency,
            accumulation=plan.accumulation,
            data_source=plan.source,
            lead_organisation=lead_organisation,
            lead_person=lead,
            primary_outcome=outcome,
            **_publishing(ctx, plan.code),
        )
    for code, outcome_codes in CONTRIBUTES_TO:
        if code not in existing:
            ctx.indicators[code].contributes_to.set([ctx.outcomes[c] for c in outcome_codes])
    for one, other in RELATED:
        if one not in existing or other not in existing:
            ctx.indicators[one].related.add(ctx.indicators[other])


def _publishing(ctx: DemoContext, code: str) -> dict[str, Any]:
    """Most of the demo's indicators are published by the performance team; a few are not."""
    if code in UNPUBLISHED:
        return {"published": False}
    published_at = timezone.make_aware(datetime.combine(ctx.today, time(9)))
    return {"published": True, "published_at": published_at, "published_by": ctx.admin}
