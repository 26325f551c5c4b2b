"""A pack's actions: those of the plans for the targets and outcomes in scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from reporting.packs.selectors.scope import is_whole_partnership, outcome_ids_in_scope
from reporting.scorecard.selectors import Scope, ScorecardRow
from targets.models import Action
from targets.plan_selectors import ActionRow, action_rows, actions_read


@dataclass(frozen=True)
class ActionLine:
    belongs_to: str  # "CYP 1 Every child..." or "NI 116 target"
    description: str
    aim: str
    lead_organisation: str
    other_partners: str
    start_date: date | None
    due_date: date | None
    status_label: str
    progress: str
    monitoring: str
    resources: str
    outputs: str
    expected_outcomes: str


def action_lines(
    scope: Scope, rows: list[ScorecardRow], outcomes: Any, today: date
) -> tuple[ActionLine, ...]:
    """The actions of the plans for the targets and outcomes in scope (four queries)."""
    actions = Action.objects.all()
    if not is_whole_partnership(scope):
        actions = actions.filter(
            Q(targets__in=[row.target_id for row in rows])
            | Q(outcome_id__in=outcome_ids_in_scope(scope, outcomes))
        ).distinct()
    actions = actions_read(actions).order_by("due_date", "pk")
    return tuple(_action_line(action) for action in action_rows(actions, today))


def _action_line(action: ActionRow) -> ActionLine:
    return ActionLine(
        belongs_to=action.belongs_to,
        description=action.description,
        aim=action.aim,
        lead_organisation=action.lead_organisation,
        other_partners=action.partners_text,
        start_date=action.start_date,
        due_date=action.due_date,
        status_label=action.status_label,
        progress=action.progress,
        monitoring=action.monitoring,
        resources=action.resources,
        outputs=action.outputs,
        expected_outcomes=action.expected_outcomes,
    )
