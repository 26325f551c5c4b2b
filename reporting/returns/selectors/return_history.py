"""The history of a return, as its page shows it: who changed what and when.

The return's own history (its state, commentary, forecast and the reasons for missing
values) and the history of the values it collects for its quarter, newest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from indicators.models import Indicator, IndicatorValue
from partnership.models import Area
from partnership.people import display_name
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.value_text import DASH, STATUS_LABELS, format_value
from targets import rules

State = QuarterlyReturn.State
COMMENTARY_FIELDS = (
    ("progress_summary", "Progress summary"),
    ("going_well", "What is going well"),
    ("concerns_and_actions", "Concerns and the actions being taken"),
    ("beyond_our_control", "Circumstances beyond our control"),
)
RAG_WORDS = {r.value: r.label for r in rules.Rag}


@dataclass(frozen=True)
class Change:
    what: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: tuple[Change, ...] = ()
    reason: str = ""


def return_records(qr: QuarterlyReturn) -> list[Any]:
    """Every historical record of the return, oldest first (one query)."""
    return list(
        QuarterlyReturn.history.model.objects.filter(id=qr.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )


def return_history(
    qr: QuarterlyReturn,
    records: Sequence[Any],
    indicators: Iterable[Indicator],
    area: Area | None,
    *,
    complete: bool,
) -> tuple[HistoryEntry, ...]:
    """Who changed what and when, newest first.

    People who may not see the return's unapproved values see its changes of state only:
    the drafts before approval are not published.
    """
    indicators = list(indicators)
    codes = {i.pk: i.code for i in indicators}
    entries: list[HistoryEntry] = []
    before = None
    for record in records:
        action = _state_action(before, record)
        changed_state = before is None or before.state != record.state
        if complete or changed_state:
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=display_name(record.history_user, nobody="the system"),
                    action=action,
                    changes=_return_changes(before, record, codes) if complete else (),
                    reason=record.history_change_reason or "" if changed_state else "",
                )
            )
        before = record
    if complete and area is not None:
        entries.extend(_value_history(qr, indicators, area))
    entries.sort(key=lambda e: e.when, reverse=True)
    return tuple(entries)


# --- The return's own changes ---------------------------------------------------------------


def _state_action(before: Any, after: Any) -> str:
    if before is None:
        return "Return created"
    if after.state == before.state:
        return "Saved"
    if after.state == State.SUBMITTED:
        return "Submitted"
    if after.state == State.APPROVED:
        return "Approved"
    if after.state == State.RETURNED:
        return "Sent back to the lead"
    if before.state == State.APPROVED:
        return "Reopened"
    return "Saved as a draft"


def _missing_reason_changes(before: Any, after: Any, codes: dict[int, str]) -> list[Change]:
    """The reasons given for missing values, as they changed."""
    old, new = before.missing_values or {}, after.missing_values or {}
    changes = []
    for key in sorted(set(old) | set(new)):
        was, now = (old.get(key) or {}).get("reason", ""), (new.get(key) or {}).get("reason", "")
        if was != now and key.isdigit():
            code = codes.get(int(key), f"Indicator {key}")
            changes.append(Change(f"{code}: why the value is missing", was, now))
    return changes


def _return_changes(before: Any, after: Any, codes: dict[int, str]) -> tuple[Change, ...]:
    if before is None:
        return ()
    changes = [
        Change(label, getattr(before, name), getattr(after, name))
        for name, label in COMMENTARY_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
    if before.forecast_rag != after.forecast_rag:
        changes.append(
            Change(
                "Forecast year-end RAG",
                RAG_WORDS.get(before.forecast_rag, DASH),
                RAG_WORDS.get(after.forecast_rag, DASH),
            )
        )
    changes.extend(_missing_reason_changes(before, after, codes))
    return tuple(changes)


# --- The changes to its values --------------------------------------------------------------


def _value_history(
    qr: QuarterlyReturn, indicators: Sequence[Indicator], area: Area
) -> list[HistoryEntry]:
    """The changes to the values this return collects for its quarter (one query)."""
    if not indicators:
        return []
    by_id = {i.pk: i for i in indicators}
    records = (
        IndicatorValue.history.model.objects.filter(
            indicator_id__in=by_id, area_id=area.pk, period_id=qr.round.period_id
        )
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries: list[HistoryEntry] = []
    last: dict[int, Any] = {}
    for record in records:
        before = last.get(record.id)
        last[record.id] = record
        changes = _value_changes(by_id[record.indicator_id], before, record)
        if changes:
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=display_name(record.history_user, nobody="the system"),
                    action="Value changed",
                    changes=tuple(changes),
                )
            )
    return entries


def _value_changes(indicator: Indicator, before: Any, record: Any) -> list[Change]:
    """What one historical record of a value changed since the one ``before`` it."""

    def text(value: Decimal | None) -> str:
        return format_value(value, unit=indicator.unit, decimal_places=indicator.decimal_places)

    name = f"{indicator.code} {indicator.title}"
    if record.history_type == "-":
        return [Change(f"{name}: value", text(record.value), "removed")]
    if before is None:
        return [Change(f"{name}: value", DASH, text(record.value))]
    changes = []
    if before.value != record.value:
        changes.append(Change(f"{name}: value", text(before.value), text(record.value)))
    if before.status != record.status:
        changes.append(
            Change(
                f"{name}: status",
                STATUS_LABELS.get(before.status, before.status),
                STATUS_LABELS.get(record.status, record.status),
            )
        )
    if before.note != record.note:
        changes.append(Change(f"{name}: note", before.note or DASH, record.note or DASH))
    if before.is_approved != record.is_approved:
        changes.append(
            Change(
                f"{name}: approval",
                "Approved" if before.is_approved else "Not approved",
                "Approved" if record.is_approved else "Not approved",
            )
        )
    return changes
