"""The funding streams by block and outcome with their amounts per financial year, and
the totals by block and year, aligned against pooled (``/funding/``, the pack's Funding
sheet).

A constant number of queries whatever the number of streams, amounts or actions: the
blocks, the streams, their amounts and what the actions draw, one query each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from partnership.models import Block, FundingAmount, FundingStream
from partnership.periods import Period as PeriodRef
from reporting.funding.rules import KindTotals, kind_totals
from targets.models import Action


@dataclass(frozen=True)
class StreamLine:
    pk: int
    name: str
    kind: str
    kind_label: str
    provider: str
    block_name: str
    block_slug: str
    for_label: str  # "The whole block" or "CYP 1 Every child..."
    outcome_code: str  # "" for a stream on the block
    amounts: tuple[Decimal | None, ...]  # one for each of the page's years
    total: Decimal
    action_count: int
    drawn: Decimal  # what the actions that draw on it take, all told


@dataclass(frozen=True)
class BlockFunding:
    name: str
    slug: str
    streams: tuple[StreamLine, ...]
    totals: tuple[KindTotals, ...]  # one for each year


@dataclass(frozen=True)
class FundingPage:
    years: tuple[str, ...]  # financial year codes, oldest first
    blocks: tuple[BlockFunding, ...]
    totals: tuple[KindTotals, ...]  # the partnership's, one for each year

    @property
    def year_totals(self) -> tuple[tuple[str, KindTotals], ...]:
        return tuple(zip(self.years, self.totals, strict=True))

    @property
    def stream_count(self) -> int:
        return sum(len(block.streams) for block in self.blocks)


def _streams() -> QuerySet:
    return FundingStream.objects.select_related("block", "outcome__block", "provider")


def funding_lines(
    *,
    block_slug: str = "",
    outcome_ids: Iterable[int] | None = None,
    provider_id: int | None = None,
) -> FundingPage:
    """The streams (all, or the block's, or those on the outcomes or from the provider),
    grouped by block, with their amounts and totals per year."""
    streams = _streams()
    if block_slug:
        streams = streams.filter(Q(block__slug=block_slug) | Q(outcome__block__slug=block_slug))
    if outcome_ids is not None or provider_id is not None:
        streams = streams.filter(
            Q(outcome_id__in=list(outcome_ids or [])) | Q(provider_id=provider_id)
        )
    streams_list = list(streams)
    ids = [s.pk for s in streams_list]
    amounts: dict[int, dict[str, Decimal]] = {}
    for stream_id, code, amount in FundingAmount.objects.filter(stream_id__in=ids).values_list(
        "stream_id", "year__code", "amount"
    ):
        amounts.setdefault(stream_id, {})[code] = amount
    years = tuple(
        sorted({code for by_year in amounts.values() for code in by_year}, key=PeriodRef.parse)
    )
    drawn = {
        row["funding_stream_id"]: row
        for row in Action.objects.filter(funding_stream_id__in=ids)
        .values("funding_stream_id")
        .annotate(count=Count("pk"), drawn=Sum("funding_amount"))
        .order_by()
    }
    lines = [_line(s, amounts.get(s.pk, {}), years, drawn.get(s.pk)) for s in streams_list]
    blocks = [_block(b, lines, years) for b in Block.objects.order_by("order", "name")]
    shown = tuple(b for b in blocks if b.streams or not (block_slug or outcome_ids is not None))
    return FundingPage(years=years, blocks=shown, totals=_totals(lines, years))


def funding_page() -> FundingPage:
    """Every funding stream of the partnership, for ``/funding/``."""
    return funding_lines()


def stream_for(stream: FundingStream) -> tuple[str, str, str, str]:
    """The block's name and slug, what in it the stream is for, and the outcome's code."""
    if stream.outcome_id:
        outcome = stream.outcome
        return outcome.block.name, outcome.block.slug, str(outcome), outcome.code
    return stream.block.name, stream.block.slug, "The whole block", ""


def _line(
    stream: FundingStream, by_year: dict[str, Decimal], years: tuple[str, ...], drawn: dict | None
) -> StreamLine:
    block_name, block_slug, for_label, outcome_code = stream_for(stream)
    return StreamLine(
        pk=stream.pk,
        name=stream.name,
        kind=stream.kind,
        kind_label=stream.get_kind_display(),
        provider=stream.provider.name if stream.provider else "",
        block_name=block_name,
        block_slug=block_slug,
        for_label=for_label,
        outcome_code=outcome_code,
        amounts=tuple(by_year.get(year) for year in years),
        total=sum(by_year.values(), Decimal(0)),
        action_count=drawn["count"] if drawn else 0,
        drawn=(drawn["drawn"] or Decimal(0)) if drawn else Decimal(0),
    )


def _block(block: Block, lines: list[StreamLine], years: tuple[str, ...]) -> BlockFunding:
    mine = sorted(
        (line for line in lines if line.block_slug == block.slug),
        key=lambda line: (line.outcome_code != "", line.outcome_code, line.name),
    )
    return BlockFunding(
        name=block.name, slug=block.slug, streams=tuple(mine), totals=_totals(mine, years)
    )


def _totals(lines: list[StreamLine], years: tuple[str, ...]) -> tuple[KindTotals, ...]:
    return tuple(
        kind_totals(
            (line.kind, amount) for line in lines if (amount := line.amounts[index]) is not None
        )
        for index in range(len(years))
    )
