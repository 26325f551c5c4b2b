"""A block's resources for its board view: the streams on the block and its outcomes with
this financial year's amounts, and the year's totals aligned against pooled.

Two queries, whatever the number of streams.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from partnership.models import Block, FundingAmount, FundingStream
from partnership.periods import Period as PeriodRef
from reporting.funding.rules import KindTotals, kind_totals
from reporting.funding.selectors.streams import stream_for


@dataclass(frozen=True)
class ResourceLine:
    pk: int
    name: str
    kind_label: str
    provider: str
    for_label: str
    amount: Decimal | None  # None: no amount recorded for the year


@dataclass(frozen=True)
class BlockResources:
    year: str  # the financial year shown, "2025-26"
    streams: tuple[ResourceLine, ...]
    totals: KindTotals


def block_resources(block: Block, *, today: date) -> BlockResources:
    """The block's streams (its own and its outcomes') with the amounts of the financial
    year that holds ``today``."""
    year = PeriodRef.year_of(today).code
    streams = list(
        FundingStream.objects.filter(Q(block=block) | Q(outcome__block=block)).select_related(
            "block", "outcome__block", "provider"
        )
    )
    # The block's own streams first, then its outcomes' in order of their codes.
    streams.sort(
        key=lambda s: (s.outcome_id is not None, s.outcome.code if s.outcome else "", s.name)
    )
    amounts = dict(
        FundingAmount.objects.filter(stream__in=[s.pk for s in streams], year__code=year)
        .values_list("stream_id", "amount")
    )  # fmt: skip
    lines = tuple(
        ResourceLine(
            pk=stream.pk,
            name=stream.name,
            kind_label=stream.get_kind_display(),
            provider=stream.provider.name if stream.provider else "",
            for_label=stream_for(stream)[2],
            amount=amounts.get(stream.pk),
        )
        for stream in streams
    )
    totals = kind_totals((s.kind, amounts[s.pk]) for s in streams if s.pk in amounts)
    return BlockResources(year=year, streams=lines, totals=totals)
