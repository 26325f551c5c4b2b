"""The list of indicators (``/indicators/``): every active one, by block and outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from indicators.models import Indicator
from partnership.people import display_name


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    title: str
    href: str
    kind_label: str
    lead: str  # the lead person and organisation


@dataclass(frozen=True)
class OutcomeGroup:
    code: str
    title: str
    indicators: tuple[IndicatorLine, ...]


@dataclass(frozen=True)
class BlockGroup:
    name: str
    slug: str
    outcomes: tuple[OutcomeGroup, ...]


@dataclass(frozen=True)
class IndicatorList:
    query: str
    count: int
    blocks: tuple[BlockGroup, ...]


def indicator_list(*, query: str = "") -> IndicatorList:
    """Every active indicator, by block and by the outcome whose return collects it.

    ``query`` keeps those whose code, address or title contains it (any case). Every
    indicator is public to people who use the site; the view checks that. One query.
    """
    query = " ".join(query.split())
    # Block -> outcome -> lines, in the order read.
    grouped: dict[Any, dict[Any, list[IndicatorLine]]] = {}
    count = 0
    for indicator in _active_indicators(query):
        count += 1
        outcome = indicator.primary_outcome
        lines = grouped.setdefault(outcome.block, {}).setdefault(outcome, [])
        lines.append(_line(indicator))
    return IndicatorList(
        query=query,
        count=count,
        blocks=tuple(
            BlockGroup(
                block.name,
                block.slug,
                tuple(OutcomeGroup(o.code, o.title, tuple(lines)) for o, lines in outcomes.items()),
            )
            for block, outcomes in grouped.items()
        ),
    )


def _active_indicators(query: str) -> QuerySet[Indicator]:
    """The active indicators matching ``query``, in the order of blocks and outcomes."""
    indicators = Indicator.objects.filter(is_active=True).select_related(
        "primary_outcome__block", "lead_organisation", "lead_person"
    )
    if query:
        indicators = indicators.filter(
            Q(code__icontains=query) | Q(title__icontains=query) | Q(slug__icontains=query)
        )
    return indicators.order_by(
        "primary_outcome__block__order",
        "primary_outcome__block__name",
        "primary_outcome__code",
        "code",
    )


def _line(indicator: Indicator) -> IndicatorLine:
    return IndicatorLine(
        code=indicator.code,
        title=indicator.title,
        href=reverse("indicator_detail", args=[indicator.slug]),
        kind_label=indicator.get_kind_display(),
        lead=_lead(indicator),
    )


def _lead(indicator: Indicator) -> str:
    person = display_name(indicator.lead_person)
    organisation = indicator.lead_organisation.name
    return f"{person}, {organisation}" if person else organisation
