"""Every outcome's delivery plan: its written steps, an action plan for the outcomes the
bespoke actions leave out, and the progress reported in the latest quarter.

Two actions in three that are not complete have their progress reported for the latest
quarter, so the board sees both "no progress reported this quarter" and reported lines.
"""

from __future__ import annotations

from demo.builders.context import DemoContext, create
from demo.builders.targets import months_from
from demo.content.plans import generic_actions, plan_for
from targets.models import Action, ActionUpdate, DeliveryPlan


def build_plans(ctx: DemoContext) -> None:
    if DeliveryPlan.objects.exists():
        return
    planned = set(Action.objects.values_list("outcome_id", flat=True))
    for index, (code, outcome) in enumerate(sorted(ctx.outcomes.items())):
        spec = plan_for(code, outcome.title)
        lead = ctx.lead_of(code)
        create(
            DeliveryPlan,
            by=lead,
            outcome=outcome,
            evidence=spec.evidence,
            options=spec.options,
            links=spec.links,
        )
        if outcome.pk not in planned:
            _add_generic_actions(ctx, index, outcome)
    _report_progress(ctx)


def _add_generic_actions(ctx: DemoContext, index: int, outcome) -> None:  # type: ignore[no-untyped-def]
    first = ctx.today.replace(day=1)
    for spec in generic_actions(index, outcome.title):
        create(
            Action,
            by=ctx.lead_of(outcome.code),
            outcome=outcome,
            description=spec.description,
            start_date=months_from(first, spec.start_months),
            due_date=months_from(first, spec.due_months).replace(day=28),
            lead_organisation=outcome.lead_organisation,
            status=spec.status,
            progress=spec.progress,
            monitoring="Quarterly progress in the outcome's return to the board.",
            completed_on=(
                months_from(first, spec.due_months).replace(day=20)
                if spec.status == Action.Status.COMPLETE
                else None
            ),
        )


def _report_progress(ctx: DemoContext) -> None:
    quarter = ctx.period(ctx.latest)
    live = Action.objects.exclude(status=Action.Status.COMPLETE).select_related("outcome")
    for n, action in enumerate(live.order_by("pk")):
        if n % 3 == 2 or not action.progress:
            continue  # left for the lead to report: "no progress reported this quarter"
        create(
            ActionUpdate,
            by=ctx.lead_of(action.outcome.code),
            action=action,
            period=quarter,
            status=action.status,
            progress=action.progress,
            reported_by=ctx.lead_of(action.outcome.code),
        )
