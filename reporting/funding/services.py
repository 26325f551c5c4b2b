"""Writes of funding: adding a stream, and editing one with its amounts per financial year.

Each is one transaction that asks ``access.funding_edit_refusal`` first and keeps history
with who. An edit carries the version the person opened and is refused, never saved over,
if someone saved since; amounts are checked whole (none negative, one per year, years
only) before anything is written, so a refused save leaves nothing half saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Block, FundingAmount, FundingStream, Organisation, Outcome
from partnership.periods import Period as PeriodRef
from partnership.periods import PeriodError
from partnership.services import period_get_or_create
from reporting.funding.rules import duplicate_years

STALE_MESSAGE = (
    "Someone else saved this funding stream since you opened it, so your changes have not "
    "been saved. What you typed is kept below: check what they saved on the stream's page, "
    "then save again if yours should replace it."
)


class StaleStream(ApplicationError):
    """Someone saved the stream after the person opened it."""


@dataclass(frozen=True)
class StreamFields:
    name: str
    kind: str
    block: Block | None
    outcome: Outcome | None
    provider: Organisation | None


def check_amounts(amounts: list[tuple[str, Decimal]]) -> None:
    """Refuse (ApplicationError) amounts that are negative, not for a financial year, or
    given twice for one year."""
    for code, amount in amounts:
        try:
            ref = PeriodRef.parse(code)
        except PeriodError as error:
            raise ApplicationError(f"{code} is not a financial year.") from error
        if not ref.is_year:
            raise ApplicationError(
                f"Funding is set per financial year, not per quarter: {code} is a quarter."
            )
        if amount < 0:
            raise ApplicationError(f"The amount for {code} cannot be negative.")
    repeated = duplicate_years(code for code, _ in amounts)
    if repeated:
        raise ApplicationError(
            f"There is more than one amount for {', '.join(repeated)}: give each year once."
        )


def _refuse_unless_allowed(user: Any) -> None:
    refusal = access.funding_edit_refusal(user)
    if refusal is not None:
        raise ApplicationError(refusal)


def _checked(stream: FundingStream) -> None:
    """The stream's own rules (a block or an outcome, not both), in the users' words."""
    try:
        stream.full_clean(exclude=["version"])
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages)) from error


def _save(obj: Any, user: Any, **kwargs: Any) -> None:
    obj._history_user = user  # noqa: SLF001 - how django-simple-history records who
    obj.save(**kwargs)


def _set_amounts(stream: FundingStream, user: Any, amounts: Mapping[str, Decimal]) -> None:
    """The stream's amounts become ``amounts`` (year code to amount): new years added,
    changed ones saved, years no longer given removed, each with who in its history."""
    kept = {a.year.code: a for a in stream.amounts.select_related("year")}
    for code, amount in amounts.items():
        existing = kept.pop(code, None)
        if existing is None:
            _save(
                FundingAmount(stream=stream, year=period_get_or_create(code), amount=amount), user
            )
        elif existing.amount != amount:
            existing.amount = amount
            _save(existing, user)
    for gone in kept.values():
        gone._history_user = user  # noqa: SLF001
        gone.delete()


@transaction.atomic
def add_stream(
    *, user: Any, fields: StreamFields, amounts: list[tuple[str, Decimal]]
) -> FundingStream:
    """A new funding stream with its amounts per year."""
    _refuse_unless_allowed(user)
    check_amounts(amounts)
    stream = FundingStream(**fields.__dict__, version=1)
    _checked(stream)
    _save(stream, user)
    _set_amounts(stream, user, dict(amounts))
    return stream


@transaction.atomic
def edit_stream(
    *,
    user: Any,
    stream_id: int,
    version: int,
    fields: StreamFields,
    amounts: list[tuple[str, Decimal]],
) -> FundingStream:
    """Save the stream's fields and amounts if it is still at ``version``; StaleStream if
    someone saved since."""
    _refuse_unless_allowed(user)
    check_amounts(amounts)
    stream = FundingStream.objects.select_for_update().get(pk=stream_id)
    if stream.version != version:
        raise StaleStream(STALE_MESSAGE)
    for name, value in fields.__dict__.items():
        setattr(stream, name, value)
    _checked(stream)
    stream.version += 1
    _save(stream, user)
    _set_amounts(stream, user, dict(amounts))
    return stream
