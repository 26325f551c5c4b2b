"""The framework as it is kept, read once for an import or an export: every outcome,
indicator, target and milestone with what they name, in a fixed number of queries, and
each one's values in the workbook's columns."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Max

from indicators.models import Indicator
from partnership.models import Area, Block, Organisation, Outcome
from targets.framework_import import sheets as s
from targets.framework_import.cells import References, by_names, key
from targets.models import Milestone, Target

VERSIONED = (Block, Organisation, Area, Outcome, Indicator, Target, Milestone)


@dataclass
class Framework:
    """The kept framework, each sheet's rows by the key of their sheet."""

    refs: References
    rows: dict[str, dict[tuple[Any, ...], Any]]
    # What the file's earlier sheets give, for the rows of later ones to name.
    planned_outcomes: dict[str, dict[str, Any]] = field(default_factory=dict)
    planned_targets: set[tuple[Any, ...]] = field(default_factory=set)


def row_key(sheet: str, values: dict[str, Any]) -> tuple[Any, ...]:
    """What a row is known by: codes by their key, an area by its id."""
    return tuple(
        values[name].pk if hasattr(values[name], "pk") else key(values[name])
        for name in s.KEYS[sheet]
    )


def current_values(sheet: str, item: Any) -> dict[str, Any]:
    """A kept outcome, indicator, target or milestone as the values of its sheet's row."""
    owner = item.target if sheet == s.MILESTONES else item
    values: dict[str, Any] = {}
    for column in s.COLUMNS[sheet]:
        if column.kind == s.OUTCOME:
            values[column.key] = getattr(item, column.key).code
        elif column.kind == s.INDICATOR:
            values[column.key] = owner.indicator.code
        elif column.kind == s.AREA:
            values[column.key] = owner.area
        elif column.kind == s.PERIOD:
            values[column.key] = getattr(item, column.key).code
        else:
            values[column.key] = getattr(item, column.key)
    return values


def framework_read() -> Framework:
    """Everything an import compares with and every name a row may use: eight queries."""
    blocks = list(Block.objects.all())
    organisations = list(Organisation.objects.all())
    people = list(get_user_model().objects.filter(is_active=True).only("username", "email"))
    areas = list(Area.objects.all())
    outcomes = list(Outcome.objects.select_related("block", "lead_organisation", "lead_person"))
    indicators = list(
        Indicator.objects.select_related("primary_outcome", "lead_organisation", "lead_person")
    )
    targets = list(
        Target.objects.select_related(
            "indicator", "area", "baseline_period", "target_period", "lead_organisation",
            "lead_person",
        )
    )  # fmt: skip
    milestones = list(
        Milestone.objects.select_related("target__indicator", "target__area", "period")
    )
    refs = References(
        blocks=by_names(blocks, "name", "slug"),
        organisations=by_names(organisations, "short_name", "name"),
        people=by_names(people, "username", "email"),
        outcomes={key(o.code): o.code for o in outcomes},
        indicators={key(i.code): i.code for i in indicators},
        areas=by_names(areas, "code", "name"),
    )
    kept: dict[str, list[Any]] = {
        s.OUTCOMES: outcomes, s.INDICATORS: indicators, s.TARGETS: targets,
        s.MILESTONES: milestones,
    }  # fmt: skip
    rows = {
        sheet: {row_key(sheet, current_values(sheet, item)): item for item in items}
        for sheet, items in kept.items()
    }
    return Framework(refs=refs, rows=rows)


def framework_version() -> str:
    """A fingerprint of the framework: it changes whenever any part of it is changed,
    added or deleted (each change writes a history row), so a preview can be known stale."""
    parts = []
    for model in VERSIONED:
        history = model.history.model
        parts.append(f"{model.__name__}:{history.objects.aggregate(n=Max('history_id'))['n']}")
    return hashlib.sha256(";".join(parts).encode()).hexdigest()
