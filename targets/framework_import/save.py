"""Writing a previewed framework import: every row or none, in batches, with its history.

The caller holds the transaction. Sheets are written in order (outcomes, indicators,
targets, milestones) so that each may name what the one before created; each sheet's
rows are created and updated in batches, a fixed number of queries a batch, and every
history row records who imported it and which import it came from.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from indicators.imports.save import kept_periods
from indicators.models import Indicator
from partnership.models import Outcome
from targets.framework_import import sheets as s
from targets.framework_import.cells import key
from targets.framework_import.current import row_key
from targets.framework_import.plan import Plan, PlannedRow
from targets.models import Milestone, Target

MODELS: dict[str, type[Any]] = {
    s.OUTCOMES: Outcome, s.INDICATORS: Indicator, s.TARGETS: Target, s.MILESTONES: Milestone,
}  # fmt: skip
_HEADERS = {sheet: {c.header: c for c in s.COLUMNS[sheet]} for sheet in s.SHEETS}


class _Made:
    """The outcomes, indicators and targets by key, kept and made, for later sheets."""

    def __init__(self, plan: Plan) -> None:
        self.by_key = {sheet: dict(plan.kept.get(sheet, {})) for sheet in s.SHEETS}
        self.periods = kept_periods(_period_codes(plan))

    def add(self, sheet: str, rows: list[PlannedRow], objects: list[Any]) -> None:
        for row, made in zip(rows, objects, strict=True):
            self.by_key[sheet][row_key(sheet, row.values)] = made


def _period_codes(plan: Plan) -> set[str]:
    codes = set()
    for sheet in (s.TARGETS, s.MILESTONES):
        for row in plan.sheets[sheet].added + plan.sheets[sheet].changed:
            codes |= {row.values[c.key] for c in s.COLUMNS[sheet] if c.kind == s.PERIOD}
    return codes


def _resolved(sheet: str, column: s.Column, values: dict[str, Any], made: _Made) -> Any:
    value = values[column.key]
    if column.kind == s.PERIOD:
        return made.periods[value]
    if column.kind == s.OUTCOME:
        return made.by_key[s.OUTCOMES][(key(value),)]
    if column.kind == s.INDICATOR:
        return made.by_key[s.INDICATORS][(key(value),)]
    return value


def _fields(sheet: str, row: PlannedRow, made: _Made, only: set[str] | None) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for column in s.COLUMNS[sheet]:
        if only is not None and column.key not in only:
            continue
        fields[column.key] = _resolved(sheet, column, row.values, made)
    if sheet == s.MILESTONES and "indicator" in fields:
        indicator, area = fields.pop("indicator"), fields.pop("area")
        fields["target"] = made.by_key[s.TARGETS][(key(indicator.code), area.pk)]
    return fields


def _save_sheet(plan: Plan, sheet: str, made: _Made, actor: Any, reason: str) -> None:
    model, batch = MODELS[sheet], settings.VALUE_IMPORT_BATCH_SIZE
    sheet_plan = plan.sheets[sheet]
    new = [model(**_fields(sheet, row, made, None)) for row in sheet_plan.added]
    bulk_create_with_history(
        new, model, batch_size=batch, default_user=actor, default_change_reason=reason
    )
    made.add(sheet, sheet_plan.added, new)
    changed_fields: set[str] = set()
    for row in sheet_plan.changed:
        only = {_HEADERS[sheet][change.column].key for change in row.changes}
        for name, value in _fields(sheet, row, made, only).items():
            setattr(row.existing, name, value)
        changed_fields |= only
    if sheet_plan.changed:
        bulk_update_with_history(
            [row.existing for row in sheet_plan.changed],
            model,
            sorted(changed_fields),
            batch_size=batch,
            default_user=actor,
            default_change_reason=reason,
        )


def plan_save(*, plan: Plan, actor: Any, reason: str) -> None:
    """Write the plan's added and changed rows, sheet by sheet."""
    made = _Made(plan)
    for sheet in s.SHEETS:
        _save_sheet(plan, sheet, made, actor, reason)
