"""Reads of delivery plans shared by every page that judges a target: how many live
actions cover each target (:mod:`targets.plan_rules` says what "live" is), worked out in
the database as an annotation of the targets' own query, so no page runs another query
for it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from targets import plan_rules
from targets.models import Action, ActionUpdate, Target

COMPLETE = Action.Status.COMPLETE


def live_q(today: date, prefix: str = "") -> Q:
    """The actions live on ``today``, as ``plan_rules.is_live``: not complete and not past
    their due date."""
    return ~Q(**{f"{prefix}status": COMPLETE}) & (
        Q(**{f"{prefix}due_date__isnull": True}) | Q(**{f"{prefix}due_date__gte": today})
    )


def _count(actions: QuerySet[Action]) -> Coalesce:
    counted = actions.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_live_actions(targets: QuerySet, today: date) -> QuerySet:
    """``targets`` each annotated with ``live_actions``: the live actions linked to it,
    plus the live actions of its outcome that are linked to no target."""
    live = Action.objects.filter(live_q(today))
    linked = _count(live.filter(targets=OuterRef("pk")))
    whole_outcome = _count(
        live.filter(outcome=OuterRef("indicator__primary_outcome"), targets__isnull=True)
    )
    return targets.annotate(live_actions=linked + whole_outcome)


# --- An action as every page reads it ---------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    """One action of a plan, as the plan page, the board, the return and the pack read it."""

    pk: int
    version: int
    outcome_id: int
    outcome_code: str
    outcome_title: str
    description: str
    aim: str
    baseline: str
    outputs: str
    expected_outcomes: str
    start_date: date | None
    due_date: date | None
    lead_organisation: str
    partners: tuple[str, ...]
    target_ids: tuple[int, ...]
    target_codes: tuple[str, ...]  # the indicator codes of its targets
    funding_stream: str
    funding_amount: Decimal | None
    resources: str
    monitoring: str
    status: str
    status_label: str
    progress: str
    completed_on: date | None
    overdue: bool
    live: bool
    flags: tuple[str, ...]  # "Overdue", "No progress reported this quarter"
    reported_quarters: tuple[str, ...]  # codes of the quarters with progress reported

    @property
    def belongs_to(self) -> str:
        return belongs_to(f"{self.outcome_code} {self.outcome_title}", self.target_codes)

    @property
    def partners_text(self) -> str:
        return ", ".join(self.partners)


def belongs_to(outcome: str, target_codes: Sequence[str]) -> str:
    """What an action is for: "NI 116 target", "NI 116 and NI 117 targets", or its
    ``outcome`` as a whole."""
    if not target_codes:
        return outcome
    if len(target_codes) == 1:
        return f"{target_codes[0]} target"
    return f"{', '.join(target_codes[:-1])} and {target_codes[-1]} targets"


def actions_read(actions: QuerySet[Action]) -> QuerySet[Action]:
    """``actions`` with all an :class:`ActionRow` reads: four queries, whatever their number."""
    return actions.select_related(
        "outcome", "lead_organisation", "funding_stream"
    ).prefetch_related(
        Prefetch("targets", queryset=Target.objects.select_related("indicator")),
        "other_partners",
        Prefetch("updates", queryset=ActionUpdate.objects.select_related("period")),
    )


def action_rows(actions: Iterable[Action], today: date) -> tuple[ActionRow, ...]:
    """Each action (read by :func:`actions_read`) as plain data, judged on ``today``."""
    return tuple(action_row(action, today) for action in actions)


def action_row(action: Action, today: date) -> ActionRow:
    reported = [update.period.ref for update in action.updates.all()]
    targets = sorted(action.targets.all(), key=lambda t: t.indicator.code)
    return ActionRow(
        pk=action.pk,
        version=action.version,
        outcome_id=action.outcome_id,
        outcome_code=action.outcome.code,
        outcome_title=action.outcome.title,
        description=action.description,
        aim=action.aim,
        baseline=action.baseline,
        outputs=action.outputs,
        expected_outcomes=action.expected_outcomes,
        start_date=action.start_date,
        due_date=action.due_date,
        lead_organisation=action.lead_organisation.name,
        partners=tuple(sorted(o.name for o in action.other_partners.all())),
        target_ids=tuple(t.pk for t in targets),
        target_codes=tuple(t.indicator.code for t in targets),
        funding_stream=action.funding_stream.name if action.funding_stream else "",
        funding_amount=action.funding_amount,
        resources=action.resources,
        monitoring=action.monitoring,
        status=action.status,
        status_label=action.get_status_display(),
        progress=action.progress,
        completed_on=action.completed_on,
        overdue=plan_rules.is_overdue(status=action.status, due_date=action.due_date, today=today),
        live=plan_rules.is_live(status=action.status, due_date=action.due_date, today=today),
        flags=plan_rules.action_flags(
            status=action.status,
            start_date=action.start_date,
            due_date=action.due_date,
            reported=reported,
            today=today,
        ),
        reported_quarters=tuple(sorted(p.code for p in reported)),
    )
