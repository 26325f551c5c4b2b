"""The demo partnership in one transaction: loaded whole, or not at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from demo.builders.catalogue import indicator_catalogue
from demo.builders.context import DemoContext, demo_window, rng_for
from demo.builders.framework import (
    build_areas,
    build_blocks_priorities_and_outcomes,
    build_funding,
    build_organisations,
    build_periods,
    build_profiles,
    build_roles,
    build_users,
)
from demo.builders.indicators import build_indicators
from demo.builders.plans import build_plans
from demo.builders.returns import build_rounds, due_by_round, open_round_states
from demo.builders.risks import build_risks
from demo.builders.series import plan_series
from demo.builders.targets import build_actions, build_targets
from demo.builders.values import (
    build_values,
    plan_comparator_values,
    plan_partnership_values,
    plan_sub_area_values,
    readings_of,
)
from demo.content.people import PARTNERSHIP_AREA_CODE
from indicators.models import Indicator, IndicatorValue
from partnership.models import Area, Block, FundingStream, Organisation, Outcome, Priority
from partnership.periods import Period
from reporting.models import QuarterlyReturn, ReturnRound
from risks.models import Escalation, EscalationProposal, Risk, RiskReview
from targets.models import Action, DeliveryPlan, Milestone, Target


class DemoError(Exception):
    """The demo cannot be loaded into this database."""


@dataclass(frozen=True)
class DemoResult:
    already_loaded: bool
    latest_quarter: Period
    counts: dict[str, int] = field(default_factory=dict)


def demo_is_loaded() -> bool:
    """Whether the demo's partnership area exists; refuses a database with another one."""
    area = Area.objects.filter(kind=Area.Kind.PARTNERSHIP).first()
    if area is not None and area.code != PARTNERSHIP_AREA_CODE:
        raise DemoError(
            f"This database already has a partnership area, {area}; the demo partnership "
            "can only be loaded into a database without one."
        )
    return area is not None


@transaction.atomic
def build_demo(*, today: date) -> DemoResult:
    """Load the Anycity demo partnership as at ``today``, unless it is already loaded.

    The twelve quarters end with the latest quarter completed before ``today``; that
    quarter's return round is open.
    """
    window = demo_window(today)
    if demo_is_loaded():
        return DemoResult(already_loaded=True, latest_quarter=window[-1], counts=demo_counts())
    ctx = DemoContext(today=today, window=window)
    build_users(ctx)
    build_organisations(ctx)
    build_areas(ctx)
    build_periods(ctx)
    build_profiles(ctx)
    build_blocks_priorities_and_outcomes(ctx)
    catalogue = indicator_catalogue()
    build_indicators(ctx, catalogue)
    build_roles(ctx)
    build_funding(ctx)

    series = [plan_series(p, window=window, rng=rng_for("series", p.code)) for p in catalogue]
    build_targets(ctx, series)
    due = due_by_round(series)
    open_states = open_round_states(sorted(due.get(ctx.latest, {})), rng_for("open round"))
    rows = plan_partnership_values(series, window=window, open_states=open_states)
    rows += plan_comparator_values(series)
    rows += plan_sub_area_values(rows, window=window)
    build_values(ctx, rows)
    build_rounds(ctx, due=due, open_states=open_states, readings=readings_of(series, rows))
    build_actions(ctx)
    build_plans(ctx)
    build_risks(ctx)
    return DemoResult(already_loaded=False, latest_quarter=window[-1], counts=demo_counts())


def demo_counts() -> dict[str, int]:
    """What the database holds, in the words of the summary the command prints."""
    return {
        "partners": Organisation.objects.count(),
        "areas": Area.objects.count(),
        "people": get_user_model().objects.count(),
        "blocks": Block.objects.count(),
        "outcomes": Outcome.objects.count(),
        "PSB priorities": Priority.objects.count(),
        "funding streams": FundingStream.objects.count(),
        "indicators": Indicator.objects.count(),
        "values": IndicatorValue.objects.count(),
        "targets": Target.objects.count(),
        "stretch targets": Target.objects.filter(kind=Target.Kind.STRETCH).count(),
        "milestones": Milestone.objects.count(),
        "delivery plans": DeliveryPlan.objects.count(),
        "actions": Action.objects.count(),
        "risks": Risk.objects.count(),
        "risk reviews": RiskReview.objects.count(),
        "escalations": Escalation.objects.count(),
        "risks awaiting an escalation decision": EscalationProposal.objects.filter(
            status=EscalationProposal.Status.PENDING
        ).count(),
        "return rounds": ReturnRound.objects.count(),
        "quarterly returns": QuarterlyReturn.objects.count(),
    }
