"""The quarters a scorecard may be for: one named in an address, the default, the choices."""

from __future__ import annotations

from partnership.models import Period
from partnership.periods import Period as PeriodRef
from partnership.periods import PeriodError
from reporting.returns.models import QuarterlyReturn, ReturnRound

State = QuarterlyReturn.State


class PeriodNotFound(LookupError):
    """The quarter asked for is not a quarter the partnership has (the page answers 404)."""


def quarter_named(code: str) -> Period:
    """The stored quarter with this code; PeriodNotFound if malformed, a year, or unknown."""
    try:
        ref = PeriodRef.parse(code)
    except PeriodError:
        raise PeriodNotFound(code) from None
    if ref.quarter is None:
        raise PeriodNotFound(code)
    found = Period.objects.filter(code=ref.code).first()
    if found is None:
        raise PeriodNotFound(code)
    return found


def default_quarter() -> Period | None:
    """The latest quarter with approved returns; else the latest with a round; else None."""
    approved = (
        Period.objects.filter(return_round__returns__state=State.APPROVED)
        .order_by("-end_date")
        .first()
    )
    if approved is not None:
        return approved
    latest = ReturnRound.objects.select_related("period").order_by("-period__end_date").first()
    return latest.period if latest else None


def quarter_options() -> list[Period]:
    """The quarters offered to choose from: those with a round of returns, latest first."""
    return list(Period.objects.filter(return_round__isnull=False).order_by("-end_date"))
