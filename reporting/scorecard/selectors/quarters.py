"""The quarters a scorecard may be for: one named in an address, the default, the choices."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from partnership.models import Period
from partnership.periods import Period as PeriodRef
from partnership.periods import PeriodError
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.rules import quarters as rules
from reporting.rules.quarters import RoundStatus

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


def _round_statuses() -> list[RoundStatus]:
    """Every quarter's round with its returns counted, latest first, in one query."""
    rows = (
        ReturnRound.objects.order_by("-period__end_date")
        .annotate(
            n_returns=Count("returns"),
            n_approved=Count("returns", filter=Q(returns__state=State.APPROVED)),
        )
        .values_list("period__code", "state", "n_returns", "n_approved")
    )
    return [RoundStatus(code, state, n, approved) for code, state, n, approved in rows]


def default_quarter_code() -> str | None:
    """The code of the quarter shown when none is asked for (see
    :mod:`reporting.rules.quarters`), in one query; None when there is no round."""
    chosen = rules.default_quarter(_round_statuses())
    return chosen.code if chosen else None


def default_quarter() -> Period | None:
    """The quarter shown when none is asked for."""
    code = default_quarter_code()
    return Period.objects.get(code=code) if code else None


@dataclass(frozen=True)
class QuarterNote:
    """Which quarter a page shows and why, and the open quarter if it is another."""

    label: str
    why: str  # "" when the person chose the quarter
    open_code: str = ""
    open_label: str = ""


def quarter_note(period: Period, *, chosen: bool) -> QuarterNote:
    """What the page says of its quarter: why it is the one shown, unless the person chose
    it, and a way to the open quarter's figures so far."""
    statuses = _round_statuses()
    default = rules.default_quarter(statuses)
    why = "" if chosen or default is None or default.code != period.code else default.why
    open_now = next((s for s in statuses if s.state == ReturnRound.State.OPEN), None)
    if open_now is None or open_now.code == period.code:
        return QuarterNote(label=period.label, why=why)
    return QuarterNote(
        label=period.label,
        why=why,
        open_code=open_now.code,
        open_label=PeriodRef.parse(open_now.code).label,
    )


def quarter_options() -> list[Period]:
    """The quarters offered to choose from: those with a round of returns, latest first."""
    return list(Period.objects.filter(return_round__isnull=False).order_by("-end_date"))
