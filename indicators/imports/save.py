"""Writing a previewed import: every value or none, in batches, with its history.

One transaction; values are created and updated in batches (a fixed number of queries a
batch, however many rows), and each value's history row records who imported it and
which import it came from.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from indicators.imports.plan import Plan
from indicators.models import IndicatorValue
from partnership.models import Period
from partnership.periods import Period as PeriodRef

_CHANGED_FIELDS = [
    "value", "numerator", "denominator", "status", "note", "source", "is_approved",
    "entered_by", "updated_at",
]  # fmt: skip


def kept_periods(codes: set[str]) -> dict[str, Period]:
    """The periods of ``codes`` by code, created where the partnership has not used them
    (two or three queries, however many)."""
    kept = {p.code: p for p in Period.objects.filter(code__in=codes)}
    missing = []
    for code in sorted(codes - kept.keys()):
        ref = PeriodRef.parse(code)
        missing.append(Period(code=code, start_date=ref.start_date, end_date=ref.end_date))
    Period.objects.bulk_create(missing)
    if missing:
        kept = {p.code: p for p in Period.objects.filter(code__in=codes)}
    return kept


def plan_save(*, plan: Plan, actor: Any, reason: str) -> None:
    """Write the plan's added and changed values; the caller holds the transaction."""
    batch = settings.VALUE_IMPORT_BATCH_SIZE
    periods = kept_periods({v.period_code for v in plan.added})
    now = timezone.now()
    new = [
        IndicatorValue(
            indicator=v.indicator,
            area=v.area,
            period=periods[v.period_code],
            value=v.value,
            numerator=v.numerator,
            denominator=v.denominator,
            status=v.status,
            note=v.note,
            source=v.source,
            is_approved=v.approved,
            entered_by=actor,
        )
        for v in plan.added
    ]
    bulk_create_with_history(
        new, IndicatorValue, batch_size=batch, default_user=actor, default_change_reason=reason
    )
    changed = []
    for v in plan.changed:
        row = v.existing
        assert row is not None  # a changed value has one kept
        row.value, row.numerator, row.denominator = v.value, v.numerator, v.denominator
        row.status, row.note, row.source = v.status, v.note, v.source
        row.is_approved = v.approved or row.is_approved
        row.entered_by, row.updated_at = actor, now
        changed.append(row)
    bulk_update_with_history(
        changed,
        IndicatorValue,
        _CHANGED_FIELDS,
        batch_size=batch,
        default_user=actor,
        default_change_reason=reason,
    )
