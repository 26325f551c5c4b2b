"""The actions of a return's outcome, as its quarterly return shows them: each with the
status and line of progress reported for the return's quarter (four queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnership.models import Period
from targets.models import Action
from targets.plan_selectors import ActionRow, action_row, actions_read


@dataclass(frozen=True)
class ReturnAction:
    row: ActionRow
    status: str  # reported for the quarter, else the action's status now
    progress: str  # reported for the quarter, else ""
    reported: bool  # progress was reported for the quarter


def return_actions(*, outcome_id: int, period: Period, today: date) -> tuple[ReturnAction, ...]:
    """The outcome's actions not complete, and those reported for ``period`` (a complete
    action reported in this quarter stays, so that its report can be corrected)."""
    out = []
    for action in actions_read(Action.objects.filter(outcome_id=outcome_id)).order_by(
        "due_date", "pk"
    ):
        update = next((u for u in action.updates.all() if u.period_id == period.pk), None)
        if update is None and action.status == Action.Status.COMPLETE:
            continue
        out.append(
            ReturnAction(
                row=action_row(action, today),
                status=update.status if update else action.status,
                progress=update.progress if update else "",
                reported=update is not None,
            )
        )
    return tuple(out)
