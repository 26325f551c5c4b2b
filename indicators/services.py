"""Writes of indicator values: the one row per indicator, area and period.

A value entered in a return, imported from published data or typed by an officer is
written here, to the single ``IndicatorValue`` row for its indicator, area and period,
which every page, pack, report, export and API response then reads (one entry, many
uses). Permission is the caller's to check (``reporting.returns.services`` for returns): these
functions are the building blocks of those services.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_update_with_history

from indicators.enums import ValueStatus
from indicators.models import Indicator, IndicatorValue
from indicators.signals import approved_values_changed
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area, Period

_STATUSES = frozenset(status.value for status in ValueStatus)


@transaction.atomic
def value_record(
    *,
    indicator: Indicator,
    area: Area,
    period: Period,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    status: str,
    note: str,
    actor: Any,
    approved: bool = False,
) -> IndicatorValue:
    """Write the value of ``indicator`` for ``area`` and ``period``: the one row.

    A second write for the same indicator, area and period updates that row, so readers
    never see two values. The history records ``actor`` as who changed it. The value is
    expected to be checked already (``indicators.validation``); a value given only by
    its numerator and denominator must be worked out by the caller.
    """
    if value is None:
        raise ApplicationError(f"Enter a value for {indicator.code}.", field="value")
    if status not in _STATUSES:
        raise ApplicationError(f"'{status}' is not a value status.", field="status")
    try:
        row = IndicatorValue.objects.select_for_update().get(
            indicator=indicator, area=area, period=period
        )
    except IndicatorValue.DoesNotExist:
        row = IndicatorValue(indicator=indicator, area=area, period=period)
    row.value = value
    row.numerator = numerator
    row.denominator = denominator
    row.status = status
    row.note = note
    row.is_approved = approved
    row.entered_by = actor
    row._history_user = actor
    # A value written at the same moment by someone else (the first for this key) makes
    # this save fail on the unique constraint rather than add a second row.
    row.save()
    return row


@transaction.atomic
def value_clear(*, indicator: Indicator, area: Area, period: Period, actor: Any) -> bool:
    """Remove a value not yet approved, when the person entering it empties the box.

    An approved value (published data, or a return approved before) is kept: it is
    changed by entering a new value, never by leaving the box blank. Returns whether a
    value was removed.
    """
    row = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, area=area, period=period, is_approved=False)
        .first()
    )
    if row is None:
        return False
    row._history_user = actor
    row.delete()
    return True


def _own_areas(area: Area) -> Q:
    """The area, and for the partnership area its sub-areas too: their figures are the
    partnership's own, approved with the return that gives its area's."""
    if area.kind == Area.Kind.PARTNERSHIP:
        return Q(area=area) | Q(area__kind=Area.Kind.SUB_AREA)
    return Q(area=area)


def _set_approved(
    *, indicator_ids: Iterable[int], area: Area, period: Period, approved: bool, actor: Any
) -> int:
    rows = list(
        IndicatorValue.objects.select_for_update()
        .filter(_own_areas(area), indicator_id__in=list(indicator_ids), period=period)
        .exclude(is_approved=approved)
    )
    for row in rows:
        row.is_approved = approved
    # bulk_update_with_history writes one historical row per value, by ``actor``.
    bulk_update_with_history(rows, IndicatorValue, ["is_approved"], default_user=actor)
    if rows:
        approved_values_changed.send(sender=IndicatorValue)
    return len(rows)


@transaction.atomic
def values_approve(
    *, indicator_ids: Iterable[int], area: Area, period: Period, actor: Any = None
) -> int:
    """Mark the values of these indicators for ``area`` and ``period`` approved, so that
    boards, the PSB, scrutiny, packs and the API's readers see them; for the partnership
    area, its sub-areas' values for the period too. Returns how many changed."""
    return _set_approved(
        indicator_ids=indicator_ids, area=area, period=period, approved=True, actor=actor
    )


@transaction.atomic
def values_unapprove(
    *, indicator_ids: Iterable[int], area: Area, period: Period, actor: Any = None
) -> int:
    """Take approval back (a reopened return): the values are seen again only by the lead's
    organisation and the performance team (the partnership area's sub-areas' values too).
    Returns how many changed."""
    return _set_approved(
        indicator_ids=indicator_ids, area=area, period=period, approved=False, actor=actor
    )


@transaction.atomic
def record_process_change(
    *,
    user: Any,
    indicator_id: int,
    rebased_from: str,
    baseline_points: int | None,
    reason: str,
) -> Indicator:
    """Record (or clear, with neither) the change of process behind the indicator's SPC
    chart: new limits from the quarter ``rebased_from`` (a code, or ""), limits fixed from
    each part's first ``baseline_points``; the reason is required for a change and kept in
    the indicator's history with who and when. Refused (ApplicationError) for anyone but
    the performance team."""
    refusal = access.spc_process_refusal(user)
    if refusal is not None:
        raise ApplicationError(refusal)
    indicator = Indicator.objects.select_for_update().get(pk=indicator_id)
    indicator.spc_rebased_from = rebased_from
    indicator.spc_baseline_points = baseline_points
    indicator.spc_change_reason = reason if (rebased_from or baseline_points) else ""
    indicator._history_user = user  # noqa: SLF001 - how django-simple-history records who
    indicator._change_reason = reason or "Change of process cleared"  # noqa: SLF001
    indicator.save(update_fields=["spc_rebased_from", "spc_baseline_points", "spc_change_reason"])
    return indicator
