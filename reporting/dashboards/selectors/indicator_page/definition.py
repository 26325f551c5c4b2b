"""What the indicator is: the indicator read by its address, how often it is reported,
the outcome whose return collects it, the outcomes it contributes to and related
indicators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse

from indicators.enums import Accumulation, Frequency
from indicators.models import Indicator
from partnership import access
from partnership.models import Outcome
from reporting.returns.models import QuarterlyReturn

FREQUENCY_LABELS = {
    Frequency.MONTHLY: "Monthly (reported each quarter)",
    Frequency.QUARTERLY: "Quarterly",
    Frequency.ANNUAL: "Annual (reported in the Q4 return)",
    Frequency.BIENNIAL: "Every two years (reported in the Q4 return)",
}
ACCUMULATION_LABELS = {
    Accumulation.DISCRETE: "Discrete: each quarter's figure stands alone",
    Accumulation.CUMULATIVE: "Year to date: each quarter's figure covers the year so far",
    Accumulation.ROLLING: "Rolling: each figure covers the four quarters to its end",
    Accumulation.SNAPSHOT: "Snapshot: the position at the end of each period",
}


class IndicatorNotFound(Exception):
    """No indicator has this address."""


@dataclass(frozen=True)
class OutcomeLink:
    code: str
    title: str
    block: str
    return_href: str | None  # its current return, when the person may see it
    return_label: str  # "Q2 2026-27 return (Draft)"


@dataclass(frozen=True)
class RelatedLink:
    code: str
    title: str
    href: str


def read_indicator(slug: str) -> Indicator:
    """The indicator with its outcomes, leads and related indicators (three queries)."""
    indicator = (
        Indicator.objects.select_related(
            "primary_outcome__block",
            "primary_outcome__lead_organisation",
            "lead_organisation",
            "lead_person",
        )
        .prefetch_related(
            Prefetch("contributes_to", queryset=Outcome.objects.select_related("block")),
            "related",
        )
        .filter(slug=slug)
        .first()
    )
    if indicator is None:
        raise IndicatorNotFound(slug)
    return indicator


def frequency_label(indicator: Indicator) -> str:
    return FREQUENCY_LABELS.get(Frequency(indicator.frequency), "")


def accumulation_label(indicator: Indicator) -> str:
    return ACCUMULATION_LABELS.get(Accumulation(indicator.accumulation), "")


def primary_outcome(
    user: Any, indicator: Indicator, current: QuarterlyReturn | None
) -> OutcomeLink:
    """The outcome whose return collects the indicator, linking to its current return
    when the person may see it."""
    outcome = indicator.primary_outcome
    href, label = None, ""
    if current is not None and access.can_view_return(user, current):
        href = reverse("return_detail", args=[current.pk])
        label = f"{current.round.period.label} return ({current.get_state_display()})"
    return OutcomeLink(outcome.code, outcome.title, outcome.block.name, href, label)


def contributes_to(indicator: Indicator) -> tuple[OutcomeLink, ...]:
    """The other outcomes the indicator contributes to, by code."""
    return tuple(
        OutcomeLink(o.code, o.title, o.block.name, None, "")
        for o in sorted(indicator.contributes_to.all(), key=lambda o: o.code)
        if o.pk != indicator.primary_outcome_id
    )


def related(indicator: Indicator) -> tuple[RelatedLink, ...]:
    """The indicators related to this one, by code."""
    return tuple(
        RelatedLink(r.code, r.title, reverse("indicator_detail", args=[r.slug]))
        for r in sorted(indicator.related.all(), key=lambda r: r.code)
        if r.pk != indicator.pk
    )
