"""Open data: every published value in the long layout, and the quarters published.

The long layout is the one the value import reads (``Indicator,Area,Period,Value,Status,
Source``), so the file can be loaded back. One query each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count

from indicators.models import IndicatorValue
from partnership import access
from partnership.models import Period
from public.selectors.quarters import closed_until, latest_closed_quarter
from reporting.returns.models import ReturnRound

COLUMNS = ("indicator_code", "area_code", "period", "value", "status", "source")
HEADER = ("Indicator", "Area", "Period", "Value", "Status", "Source")
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
LICENCE = (
    "Contains public sector information licensed under the Open Government Licence v3.0: "
    + LICENCE_URL
)
FEED_QUARTERS = 12


def plain_number(value: Decimal) -> str:
    """``20.500000`` as ``20.5``, ``20.000000`` as ``20``."""
    return f"{value.normalize():f}"


def public_values() -> list[tuple[str, ...]]:
    """Every published value, by indicator, area and period: the rows of the open data."""
    rows = access.public_values(
        IndicatorValue.objects.all(), closed_until=closed_until(latest_closed_quarter())
    )
    found = rows.order_by("indicator__code", "area__code", "period__end_date", "period__code")
    return [
        (code, area, period, plain_number(value), status, source)
        for code, area, period, value, status, source in found.values_list(
            "indicator__code", "area__code", "period__code", "value", "status", "source"
        )
    ]


@dataclass(frozen=True)
class PublishedQuarter:
    code: str
    label: str
    closed_on: date
    indicators: int  # how many published indicators have a value for it


def published_quarters() -> list[PublishedQuarter]:
    """The quarters whose round has closed, latest first, with how many published
    indicators have a public value for each (the feed's entries); two queries."""
    quarters = list(
        Period.objects.filter(return_round__state=ReturnRound.State.CLOSED)
        .select_related("return_round")
        .order_by("-end_date")[:FEED_QUARTERS]
    )
    if not quarters:
        return []
    counts = dict(
        access.public_values(IndicatorValue.objects.all(), closed_until=quarters[0].end_date)
        .filter(period__in=quarters)
        .values("period_id")
        .annotate(n=Count("indicator_id", distinct=True))
        .values_list("period_id", "n")
    )
    return [
        PublishedQuarter(q.code, q.label, q.return_round.closes_on, counts.get(q.pk, 0))
        for q in quarters
        if counts.get(q.pk)
    ]
