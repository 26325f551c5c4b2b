"""The return form's inputs for the outcome's actions: a status and a line of progress
for each, saved with the values (``ActionReport`` for ``return_save``).

An action is reported for the quarter when a line of progress is given or its status
changed; on submitting, every action listed needs its line of progress.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms

from reporting.returns.forms.common import text_field
from reporting.returns.selectors.return_actions import ReturnAction
from targets.models import Action
from targets.services import ActionReport

PROGRESS_MAX = 1000


def action_field(pk: int, part: str) -> str:
    return f"a{pk}_{part}"


@dataclass(frozen=True)
class ActionInputs:
    action: ReturnAction
    status: forms.BoundField
    progress: forms.BoundField


def add_action_fields(form: forms.Form, actions: Sequence[ReturnAction]) -> None:
    for item in actions:
        short = item.row.description[:60]
        form.fields[action_field(item.row.pk, "status")] = forms.ChoiceField(
            label="Status",
            choices=Action.Status.choices,
            error_messages={
                "required": f"Choose the status of “{short}”",
                "invalid_choice": f"Choose the status of “{short}”",
            },
        )
        form.fields[action_field(item.row.pk, "progress")] = text_field(
            max_length=PROGRESS_MAX,
            widget=forms.Textarea,
            label="Progress this quarter",
            error_messages={
                "max_length": f"The progress of “{short}” must be {PROGRESS_MAX} characters "
                "or fewer"
            },
        )


def initial_actions(actions: Sequence[ReturnAction]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for item in actions:
        initial[action_field(item.row.pk, "status")] = item.status
        initial[action_field(item.row.pk, "progress")] = item.progress
    return initial


def clean_actions(form: forms.Form, actions: Sequence[ReturnAction], *, submitting: bool) -> None:
    """On submitting, each action needs its line of progress."""
    if not submitting:
        return
    for item in actions:
        name = action_field(item.row.pk, "progress")
        if name not in form.errors and not form.cleaned_data.get(name):
            form.add_error(
                name, f"Say what progress there has been on “{item.row.description[:60]}”"
            )


def action_reports(form: forms.Form, actions: Sequence[ReturnAction]) -> list[ActionReport]:
    """A report for each action given a line of progress or a new status."""
    reports = []
    for item in actions:
        status = form.cleaned_data.get(action_field(item.row.pk, "status")) or item.status
        progress = form.cleaned_data.get(action_field(item.row.pk, "progress")) or ""
        if progress.strip() or status != item.row.status or item.reported:
            reports.append(ActionReport(action_id=item.row.pk, status=status, progress=progress))
    return reports


def action_inputs(form: forms.Form, actions: Sequence[ReturnAction]) -> list[ActionInputs]:
    return [
        ActionInputs(
            action=item,
            status=form[action_field(item.row.pk, "status")],
            progress=form[action_field(item.row.pk, "progress")],
        )
        for item in actions
    ]
