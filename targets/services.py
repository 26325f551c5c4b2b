"""Writes to delivery plans: the plan's written steps, its actions, and each quarter's
progress of them. Each is a transaction that asks ``partnership.access.plan_edit_refusal``
first, checks everything before it writes anything, keeps history with who, and refuses
an edit from an older version than the one stored (``ApplicationError`` on "version").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import FundingStream, Organisation, Outcome, Period
from targets import plan_rules
from targets.models import Action, ActionUpdate, DeliveryPlan, Target

STALE_ACTION = (
    "Someone else saved this action since you opened it, so your changes were not saved. "
    "What you typed is kept below: check the plan, then save again if yours should stand."
)
STALE_PLAN = (
    "Someone else saved this delivery plan since you opened it, so your changes were not "
    "saved. What you typed is kept below: check the plan, then save again if yours should "
    "stand."
)
OTHER_OUTCOMES_TARGET = (
    "An action can only be linked to its own outcome's targets. Choose from the targets of "
    "{outcome}."
)
STATUSES = {status.value for status in Action.Status}


@dataclass(frozen=True)
class ActionFields:
    """What a person gives for an action."""

    description: str
    lead_organisation_id: int
    aim: str = ""
    baseline: str = ""
    outputs: str = ""
    expected_outcomes: str = ""
    start_date: date | None = None
    due_date: date | None = None
    partner_ids: tuple[int, ...] = ()
    target_ids: tuple[int, ...] = ()
    funding_stream_id: int | None = None
    funding_amount: Decimal | None = None
    resources: str = ""
    monitoring: str = ""
    status: str = Action.Status.NOT_STARTED
    progress: str = ""


@dataclass(frozen=True)
class ActionReport:
    """A quarter's report of one action, from the quarterly return."""

    action_id: int
    status: str
    progress: str = ""


def _save(obj: Any, actor: Any) -> None:
    obj._history_user = actor  # how django-simple-history records who
    obj.save()


def _refuse(actor: Any, outcome: Outcome) -> None:
    refusal = access.plan_edit_refusal(actor, outcome)
    if refusal:
        raise ApplicationError(refusal)


# --- The plan's written steps ---------------------------------------------------------


@transaction.atomic
def plan_save(
    *, outcome: Outcome, version: int, evidence: str, options: str, links: str, actor: Any
) -> DeliveryPlan:
    """Save the evidence (step 2) and options and what works (step 4) of the plan. A plan
    not yet written is at version 0."""
    _refuse(actor, outcome)
    plan = DeliveryPlan.objects.select_for_update().filter(outcome=outcome).first()
    stored = plan.version if plan else 0
    if version != stored:
        raise ApplicationError(STALE_PLAN, field="version")
    plan = plan or DeliveryPlan(outcome=outcome, version=0)
    plan.evidence, plan.options, plan.links = evidence.strip(), options.strip(), links.strip()
    plan.version += 1
    _save(plan, actor)
    return plan


# --- Actions ----------------------------------------------------------------------------


def _checked(outcome: Outcome, fields: ActionFields) -> dict[str, Any]:
    """The action's columns from ``fields``, every one checked; ApplicationError if not."""
    if not fields.description.strip():
        raise ApplicationError("Describe the action.", field="description")
    if fields.status not in STATUSES:
        raise ApplicationError("Choose the action's status.", field="status")
    problems = plan_rules.action_problems(
        start_date=fields.start_date,
        due_date=fields.due_date,
        funding_amount=fields.funding_amount,
        has_funding_stream=fields.funding_stream_id is not None,
    )
    if problems:
        name, message = next(iter(problems.items()))
        raise ApplicationError(message, field=name)
    if not Organisation.objects.filter(pk=fields.lead_organisation_id).exists():
        raise ApplicationError(
            "Choose the partner that leads the action.", field="lead_organisation"
        )
    known = Organisation.objects.filter(pk__in=fields.partner_ids).count()
    if known != len(set(fields.partner_ids)):
        raise ApplicationError("Choose the partners from the list.", field="other_partners")
    stream = fields.funding_stream_id
    if stream is not None and not FundingStream.objects.filter(pk=stream).exists():
        raise ApplicationError("Choose a funding stream from the list.", field="funding_stream")
    own = Target.objects.filter(pk__in=fields.target_ids, indicator__primary_outcome=outcome)
    if own.count() != len(set(fields.target_ids)):
        raise ApplicationError(
            OTHER_OUTCOMES_TARGET.format(outcome=f"{outcome.code} {outcome.title}"),
            field="targets",
        )
    return {
        "description": fields.description.strip(),
        "aim": fields.aim.strip(),
        "baseline": fields.baseline.strip(),
        "outputs": fields.outputs.strip(),
        "expected_outcomes": fields.expected_outcomes.strip(),
        "start_date": fields.start_date,
        "due_date": fields.due_date,
        "lead_organisation_id": fields.lead_organisation_id,
        "funding_stream_id": stream,
        "funding_amount": fields.funding_amount,
        "resources": fields.resources.strip(),
        "monitoring": fields.monitoring.strip(),
        "status": fields.status,
        "progress": fields.progress.strip(),
    }


def _write(action: Action, columns: dict[str, Any], fields: ActionFields, actor: Any) -> None:
    for name, value in columns.items():
        setattr(action, name, value)
    _mark_completion(action)
    _save(action, actor)
    action.other_partners.set(fields.partner_ids)
    action.targets.set(fields.target_ids)


def _mark_completion(action: Action, today: date | None = None) -> None:
    if action.status != Action.Status.COMPLETE:
        action.completed_on = None
    elif action.completed_on is None:
        action.completed_on = today or timezone.localdate()


@transaction.atomic
def action_add(*, outcome: Outcome, fields: ActionFields, actor: Any) -> Action:
    """Add an action to the outcome's plan."""
    _refuse(actor, outcome)
    columns = _checked(outcome, fields)
    action = Action(outcome=outcome, version=1)
    _write(action, columns, fields, actor)
    return action


def _locked(action_id: int, version: int, actor: Any) -> Action:
    action = (
        Action.objects.select_for_update(of=("self",)).select_related("outcome").get(pk=action_id)
    )
    _refuse(actor, action.outcome)
    if action.version != version:
        raise ApplicationError(STALE_ACTION, field="version")
    return action


@transaction.atomic
def action_edit(*, action_id: int, version: int, fields: ActionFields, actor: Any) -> Action:
    """Save changes to an action still at ``version``."""
    action = _locked(action_id, version, actor)
    columns = _checked(action.outcome, fields)
    action.version += 1
    _write(action, columns, fields, actor)
    return action


@transaction.atomic
def action_complete(*, action_id: int, version: int, actor: Any, today: date) -> Action:
    """Mark the action complete, today."""
    action = _locked(action_id, version, actor)
    action.status = Action.Status.COMPLETE
    action.completed_on = today
    action.version += 1
    _save(action, actor)
    return action


# --- Each quarter's progress ------------------------------------------------------------


def action_progress_record(
    *, outcome: Outcome, period: Period, reports: Sequence[ActionReport], actor: Any
) -> None:
    """Record each action's status and line of progress for the quarter ``period``: its
    ``ActionUpdate`` for the quarter (one per action per quarter, replaced if reported
    again) and the action's own status and progress, which are its latest. Called inside
    the quarterly return's save, so that values and progress are saved together or not at
    all; only the outcome's own actions may be reported."""
    _refuse(actor, outcome)
    if not reports:
        return
    wanted = {report.action_id for report in reports}
    actions = {
        a.pk: a for a in Action.objects.select_for_update().filter(outcome=outcome, pk__in=wanted)
    }
    if len(actions) != len(wanted) or len(wanted) != len(reports):
        raise ApplicationError(
            "Nothing was saved. Report each of this outcome's actions once, and no other."
        )
    for report in reports:
        if report.status not in STATUSES:
            raise ApplicationError(
                f"Nothing was saved. Choose a status for “{actions[report.action_id]}”."
            )
    existing = {
        u.action_id: u for u in ActionUpdate.objects.filter(action__in=wanted, period=period)
    }
    for report in reports:
        _report(actions[report.action_id], existing.get(report.action_id), report, period, actor)


def _report(
    action: Action,
    update: ActionUpdate | None,
    report: ActionReport,
    period: Period,
    actor: Any,
) -> None:
    update = update or ActionUpdate(action=action, period=period)
    update.status, update.progress, update.reported_by = (
        report.status,
        report.progress.strip(),
        actor if getattr(actor, "pk", None) else None,
    )
    _save(update, actor)
    if (action.status, action.progress) != (update.status, update.progress):
        action.status, action.progress = update.status, update.progress
        _mark_completion(action)
        action.version += 1
        _save(action, actor)
