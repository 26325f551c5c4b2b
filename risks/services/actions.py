"""Adding, editing and completing a risk's actions, each in a transaction, with who in
history.

Who may is who may edit the risk (``access.risk_edit_refusal``). An edit carries the last
change to the action the person saw (its latest history record) and is refused if the
action has changed since: never saved over someone else's change.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from partnership import access
from risks.models import Risk, RiskAction
from risks.services.edit import RiskRefused

STALE_ACTION_MESSAGE = (
    "Someone else changed this action since you opened it, so your changes have not been "
    "saved. What you typed is kept below: check what they saved on the risk's page, then "
    "save again if yours should replace it."
)


class StaleAction(Exception):
    """The action changed after the person opened it."""


def last_change(action_id: int) -> int | None:
    """The id of the action's latest history record: what an edit form carries."""
    return (
        RiskAction.history.filter(id=action_id)
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


def _check(user: Any, risk: Risk) -> None:
    refusal = access.risk_edit_refusal(user, risk)
    if refusal is not None:
        raise RiskRefused(refusal)


def _save(action: RiskAction, user: Any) -> None:
    action._history_user = user  # noqa: SLF001 - how django-simple-history records who
    action.save()


def _locked(action_id: int) -> RiskAction:
    return (
        RiskAction.objects.select_for_update(of=("self",))
        .select_related("risk__target__indicator", "risk__outcome")
        .get(pk=action_id)
    )


@transaction.atomic
def add_action(*, user: Any, risk: Risk, action: RiskAction) -> RiskAction:
    """Save the new ``action`` (unsaved, from the form) on ``risk``."""
    _check(user, risk)
    action.risk = risk
    _save(action, user)
    return action


@transaction.atomic
def edit_action(
    *, user: Any, action_id: int, seen: int | None, changes: dict[str, Any]
) -> RiskAction:
    """Save ``changes`` if the action's last change is still ``seen``; StaleAction if not."""
    action = _locked(action_id)
    _check(user, action.risk)
    if last_change(action_id) != seen:
        raise StaleAction(action_id)
    for name, value in changes.items():
        setattr(action, name, value)
    _save(action, user)
    return action


@transaction.atomic
def complete_action(*, user: Any, action_id: int) -> RiskAction:
    """Mark the action done (nothing is written if it already is)."""
    action = _locked(action_id)
    _check(user, action.risk)
    if action.status != RiskAction.Status.DONE:
        action.status = RiskAction.Status.DONE
        _save(action, user)
    return action
