"""The partnership area's latest value the person may see: its RAG, its milestone and its
direction of travel."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from indicators.enums import Accumulation, Polarity, ValueStatus
from indicators.models import Indicator
from partnership.periods import Period as PeriodRef
from reporting.dashboards.selectors.indicator_page.values import value_text
from reporting.returns.selectors.return_page import format_value
from targets import rules
from targets.selectors import TargetContext

YEAR_TO_DATE_NOTE = "A year-to-date figure is compared with the same point of another year only."


@dataclass(frozen=True)
class Latest:
    """The partnership area's latest value the person may see, judged."""

    period_label: str
    text: str
    rag: rules.Rag
    milestone_text: str  # "" when there is no milestone for the period
    travel: rules.Travel
    last_year_label: str
    last_year_text: str
    previous_label: str
    previous_text: str
    previous_note: str  # why there is no comparison with the previous period, if not


def latest_value(
    indicator: Indicator,
    own: dict[PeriodRef, dict[str, Any]],
    period: PeriodRef,
    context: TargetContext | None,
    *,
    by_year: bool,
) -> Latest:
    """The latest value seen, its RAG and its direction of travel.

    Direction of travel is against the same period a year before and against the period
    before. A year-to-date figure only compares with the same point of another year, so
    for one the comparison with the quarter before is not made.
    """
    current = own[period]["value"]
    year_to_date = not by_year and indicator.accumulation == Accumulation.CUMULATIVE
    last_year = period.same_quarter_last_year()
    previous = period.previous()
    travel = rules.direction_of_travel(
        current=current,
        previous_period=None if year_to_date else _value_at(own, previous),
        same_period_last_year=_value_at(own, last_year),
        polarity=Polarity(indicator.polarity),
    )
    return Latest(
        period_label=period.label,
        text=_text_at(indicator, own, period),
        rag=(context.rag(actual=current, period=period) if context is not None else rules.Rag.GREY),
        milestone_text=_milestone_text(indicator, period, context),
        travel=travel,
        last_year_label=last_year.label,
        last_year_text=_text_at(indicator, own, last_year),
        previous_label=previous.label,
        previous_text=_text_at(indicator, own, previous),
        previous_note=YEAR_TO_DATE_NOTE if year_to_date else "",
    )


def _value_at(own: dict[PeriodRef, dict[str, Any]], at: PeriodRef) -> Decimal | None:
    return own[at]["value"] if at in own else None


def _text_at(indicator: Indicator, own: dict[PeriodRef, dict[str, Any]], at: PeriodRef) -> str:
    """The value seen at ``at`` as the page shows it, ``–`` when there is none."""
    estimated = at in own and own[at]["status"] == ValueStatus.ESTIMATED
    return value_text(
        _value_at(own, at),
        unit=indicator.unit,
        places=indicator.decimal_places,
        estimated=estimated,
    )


def _milestone_text(indicator: Indicator, period: PeriodRef, context: TargetContext | None) -> str:
    milestone = context.milestone(period) if context else None
    if milestone is None:
        return ""
    return format_value(milestone, unit=indicator.unit, decimal_places=indicator.decimal_places)
