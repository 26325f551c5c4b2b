"""Which quarters are public: those whose round of returns has closed."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Max

from indicators.models import Indicator
from partnership.models import Period
from reporting.returns.models import QuarterlyReturn, ReturnRound


def latest_closed_quarter() -> Period | None:
    """The latest quarter whose round has closed, in one query; None before any has."""
    return (
        Period.objects.filter(return_round__state=ReturnRound.State.CLOSED)
        .order_by("-end_date")
        .first()
    )


def closed_until(quarter: Period | None) -> date | None:
    """The last day a public value may be for (see :func:`access.public_values`)."""
    return quarter.end_date if quarter is not None else None


def last_updated() -> datetime | None:
    """When what is public last changed: the latest approval of a return in a closed round,
    or the latest publishing of an indicator; two queries."""
    approved = QuarterlyReturn.objects.filter(
        round__state=ReturnRound.State.CLOSED, state=QuarterlyReturn.State.APPROVED
    ).aggregate(at=Max("approved_at"))["at"]
    published = Indicator.objects.filter(published=True).aggregate(at=Max("published_at"))["at"]
    moments = [m for m in (approved, published) if m is not None]
    return max(moments) if moments else None
