"""One funding stream's page (``/funding/<pk>/``): its amounts per financial year, the
actions that draw on it, and every change to it and its amounts (who, when, what).

A constant number of queries, however many amounts, actions or changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from partnership.models import Block, FundingAmount, FundingStream, Organisation, Outcome
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from reporting.funding.rules import pounds
from reporting.funding.selectors.streams import stream_for
from targets.models import Action, Target
from targets.plan_selectors import belongs_to


class StreamNotFound(LookupError):
    """No funding stream with that number (the page answers 404)."""


@dataclass(frozen=True)
class YearAmount:
    year: str
    amount: Decimal


@dataclass(frozen=True)
class FundedAction:
    description: str
    belongs_to: str  # "CYP 1 Every child..." or "NI 53 target"
    block_slug: str
    amount: Decimal | None
    status_label: str


@dataclass(frozen=True)
class Change:
    when: datetime
    who: str
    what: str  # "Stream" or "Amount for 2025-26"
    changes: tuple[str, ...]


@dataclass(frozen=True)
class StreamPage:
    pk: int
    name: str
    kind_label: str
    provider: str
    block_name: str
    block_slug: str
    for_label: str
    version: int
    amounts: tuple[YearAmount, ...]
    total: Decimal
    actions: tuple[FundedAction, ...]
    drawn: Decimal
    changes: tuple[Change, ...]


def stream_page(stream_id: int) -> StreamPage:
    """The page of the stream ``stream_id``; StreamNotFound if there is none."""
    stream = (
        FundingStream.objects.select_related("block", "outcome__block", "provider")
        .filter(pk=stream_id)
        .first()
    )
    if stream is None:
        raise StreamNotFound(stream_id)
    amounts = sorted(
        (YearAmount(year=code, amount=amount) for code, amount in
         stream.amounts.values_list("year__code", "amount")),
        key=lambda a: PeriodRef.parse(a.year),
    )  # fmt: skip
    actions = tuple(_action(a) for a in _actions(stream))
    block_name, block_slug, for_label, _ = stream_for(stream)
    return StreamPage(
        pk=stream.pk,
        name=stream.name,
        kind_label=stream.get_kind_display(),
        provider=stream.provider.name if stream.provider else "",
        block_name=block_name,
        block_slug=block_slug,
        for_label=for_label,
        version=stream.version,
        amounts=tuple(amounts),
        total=sum((a.amount for a in amounts), Decimal(0)),
        actions=actions,
        drawn=sum((a.amount or Decimal(0) for a in actions), Decimal(0)),
        changes=_history(stream),
    )


def _actions(stream: FundingStream) -> Any:
    return (
        Action.objects.filter(funding_stream=stream)
        .select_related("outcome__block")
        .prefetch_related(Prefetch("targets", queryset=Target.objects.select_related("indicator")))
        .order_by("due_date", "pk")
    )


def _action(action: Action) -> FundedAction:
    codes = sorted(target.indicator.code for target in action.targets.all())
    return FundedAction(
        description=action.description,
        belongs_to=belongs_to(str(action.outcome), codes),
        block_slug=action.outcome.block.slug,
        amount=action.funding_amount,
        status_label=action.get_status_display(),
    )


# --- History -----------------------------------------------------------------------------------

NAMED = {"block": Block, "outcome": Outcome, "provider": Organisation}


def _names(records: list[Any]) -> dict[str, dict[int, str]]:
    """What the history's records name (blocks, outcomes, partners): a query for each."""
    names: dict[str, dict[int, str]] = {}
    for field, model in NAMED.items():
        ids = {value for r in records if (value := getattr(r, f"{field}_id", None))}
        names[field] = {o.pk: str(o) for o in model.objects.filter(pk__in=ids)}
    return names


def _shown(model: Any, field: str, value: Any, names: dict[str, dict[int, str]]) -> str:
    if value in (None, ""):
        return "nothing"
    if field in names:
        return names[field].get(value, "(since removed)")
    if field == "amount":
        return pounds(value)
    choices = model._meta.get_field(field).flatchoices
    return str(dict(choices).get(value, value)) if choices else str(value)


def _changes(model: Any, records: list[Any], what: Callable[[Any], str], names: dict) -> list:
    changes: list[Change] = []
    previous = None
    for record in records:
        if record.history_type == "-":
            lines: tuple[str, ...] = ("Removed",)
        elif previous is None:
            lines = ("Recorded",) if model is FundingStream else (f"{pounds(record.amount)}",)
        else:
            delta = record.diff_against(previous, excluded_fields=["version", "year"])
            lines = tuple(
                f"{model._meta.get_field(c.field).verbose_name.capitalize()}: "
                f"{_shown(model, c.field, c.old, names)} to {_shown(model, c.field, c.new, names)}"
                for c in delta.changes
            )
        if lines:
            changes.append(
                Change(
                    when=record.history_date,
                    who=display_name(record.history_user, nobody="the system"),
                    what=what(record),
                    changes=lines,
                )
            )
        previous = record
    return changes


def _history(stream: FundingStream) -> tuple[Change, ...]:
    """Every change to the stream and its amounts, newest first."""
    stream_records = list(
        stream.history.select_related("history_user").order_by("history_date", "history_id")
    )
    amount_records = list(
        FundingAmount.history.filter(stream_id=stream.pk)
        .select_related("history_user", "year")
        .order_by("history_date", "history_id")
    )
    names = _names(stream_records)
    changes = _changes(FundingStream, stream_records, lambda r: "Stream", names)
    by_amount: dict[int, list[Any]] = {}
    for record in amount_records:
        by_amount.setdefault(record.id, []).append(record)
    for records in by_amount.values():
        changes += _changes(FundingAmount, records, lambda r: f"Amount for {r.year.code}", names)
    changes.sort(key=lambda c: c.when, reverse=True)
    return tuple(changes)
