"""One funding stream's page (``/funding/<pk>/``): its amounts per financial year, the
actions that draw on it, and every change to it and its amounts (who, when, what).

A constant number of queries, however many amounts, actions or changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from partnership.history import Change, Names, by_object, newest_first, record_changes, value_text
from partnership.models import Block, FundingAmount, FundingStream, Organisation, Outcome
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


def _names(records: list[Any]) -> Names:
    """What the history's records name (blocks, outcomes, partners): a query for each."""
    names: dict[str, dict[int, str]] = {}
    for field, model in NAMED.items():
        ids = {value for r in records if (value := getattr(r, f"{field}_id", None))}
        names[field] = {o.pk: str(o) for o in model.objects.filter(pk__in=ids)}
    return names


def _changes(model: Any, records: list[Any], what: Callable[[Any], str], names: Names) -> list:
    def shown(field: str, value: Any) -> str:
        if field == "amount" and value is not None:
            return pounds(value)
        return value_text(model, field, value, names)

    return record_changes(
        model,
        records,
        what=what,
        shown=shown,
        excluded=["version", "year"],
        first=lambda r: "Recorded" if model is FundingStream else pounds(r.amount),
    )


def _history(stream: FundingStream) -> tuple[Change, ...]:
    """Every change to the stream and its amounts, newest first."""
    stream_records = list(
        stream.history.select_related("history_user").order_by("history_date", "history_id")
    )
    amount_records = (
        FundingAmount.history.filter(stream_id=stream.pk)
        .select_related("history_user", "year")
        .order_by("history_date", "history_id")
    )
    names = _names(stream_records)
    changes = _changes(FundingStream, stream_records, lambda r: "Stream", names)
    for records in by_object(amount_records):
        changes += _changes(FundingAmount, records, lambda r: f"Amount for {r.year.code}", names)
    return newest_first(changes)
