"""The list of indicators (``/indicators/``): every active one, by block and outcome, with
what statistical process control says of each (:mod:`.list_spc`), filtered by a search
and by variation and assurance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from indicators.models import Indicator
from partnership.people import display_name
from reporting.dashboards.selectors.indicator_page.list_spc import (
    NO_JUDGEMENT,
    SpcJudgement,
    spc_judgements,
)
from targets.spc import Assurance, Variation


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    title: str
    href: str
    kind_label: str
    lead: str  # the lead person and organisation
    spc: SpcJudgement  # the partnership area's approved values


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
    variation: Variation | None = None
    assurance: Assurance | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.query or self.variation or self.assurance)


def indicator_list(
    *,
    user: Any,
    query: str = "",
    variation: Variation | None = None,
    assurance: Assurance | None = None,
) -> IndicatorList:
    """Every active indicator, by block and by the outcome whose return collects it, with
    its variation and assurance.

    ``query`` keeps those whose code, address or title contains it (any case);
    ``variation`` and ``assurance``, those statistical process control judges so. Every
    indicator is public to people who use the site; the view checks that. Four queries,
    whatever the number of indicators or values.
    """
    query = " ".join(query.split())
    indicators = list(_active_indicators(query))
    judged = spc_judgements(user=user, indicators=indicators)
    # Block -> outcome -> lines, in the order read.
    grouped: dict[Any, dict[Any, list[IndicatorLine]]] = {}
    count = 0
    for indicator in indicators:
        judgement = judged.get(indicator.pk, NO_JUDGEMENT)
        if variation is not None and judgement.variation is not variation:
            continue
        if assurance is not None and judgement.assurance is not assurance:
            continue
        count += 1
        outcome = indicator.primary_outcome
        lines = grouped.setdefault(outcome.block, {}).setdefault(outcome, [])
        lines.append(_line(indicator, judgement))
    return IndicatorList(
        query=query,
        variation=variation,
        assurance=assurance,
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


def _line(indicator: Indicator, judgement: SpcJudgement) -> IndicatorLine:
    return IndicatorLine(
        code=indicator.code,
        title=indicator.title,
        href=reverse("indicator_detail", args=[indicator.slug]),
        kind_label=indicator.get_kind_display(),
        lead=_lead(indicator),
        spc=judgement,
    )


def _lead(indicator: Indicator) -> str:
    person = display_name(indicator.lead_person)
    organisation = indicator.lead_organisation.name
    return f"{person}, {organisation}" if person else organisation
