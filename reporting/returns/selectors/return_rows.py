"""The rows of the return page: one per indicator the return collects, and one per
indicator another outcome's return collects that also counts towards this one.

A row carries what it shows (recent history, target, milestone, the stored value) and
judges a value with :meth:`IndicatorRow.judge`, by the rules of :mod:`targets.rules`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse

from indicators.enums import Polarity, Unit, ValueStatus
from indicators.models import Indicator
from indicators.validation import quality_flag
from partnership import access
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.return_values import (
    PAST_QUARTERS,
    StoredValues,
    comparison_plan,
)
from reporting.returns.selectors.value_text import (
    POLARITY_LABELS,
    STATUS_LABELS,
    format_value,
    input_text,
    part_text,
)
from targets import rules
from targets.selectors import TargetContext, target_context


@dataclass(frozen=True)
class ShownValue:
    """A value in the row's recent history."""

    period_label: str
    value: Decimal | None
    text: str
    estimated: bool = False


@dataclass(frozen=True)
class CurrentValue:
    """The value stored for the return's quarter, as the person may see it."""

    value: Decimal
    text: str
    input: str
    numerator: str
    denominator: str
    status: str
    status_label: str
    note: str
    is_approved: bool


@dataclass(frozen=True)
class Judgement:
    """A value judged: its RAG and direction of travel, or why it cannot be read."""

    rag: rules.Rag
    travel: rules.Travel
    problem: str = ""  # the value cannot be read: the validation message
    quality: str = ""  # the data quality checks ask for the value to be confirmed
    entered: bool = False  # a value was given (a blank is grey, without a message)


NOT_ASSESSED = rules.Travel(rules.Direction.NOT_ASSESSED, rules.Direction.NOT_ASSESSED)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator the return collects, with everything its row shows."""

    indicator_id: int
    code: str
    title: str
    unit: str
    unit_label: str
    rate_per: int | None
    decimal_places: int
    has_parts: bool
    polarity: Polarity
    polarity_label: str
    period: PeriodRef
    past: tuple[ShownValue, ...]  # the four quarters before this one, oldest first
    previous_quarter: ShownValue
    same_quarter_last_year: ShownValue
    target: TargetContext | None
    milestone: Decimal | None
    milestone_text: str
    target_text: str
    current: CurrentValue | None
    missing_reason: str
    expected_on: date | None
    # For the data quality checks (only read for people who may edit the return): the
    # value stored now, the previous comparable value and the history, whoever may see them.
    stored_value: Decimal | None = None
    previous_comparable: Decimal | None = None
    history: tuple[Decimal, ...] = ()

    @property
    def is_yes_no(self) -> bool:
        return self.unit == Unit.YES_NO

    def quality_reason(self, value: Decimal | None) -> str | None:
        """Why ``value`` must be confirmed with a note, as the service will ask, or None."""
        return quality_flag(
            value=value,
            unit=self.unit,
            saved=self.stored_value,
            previous_comparable=self.previous_comparable,
            history=self.history,
        )

    def judge(self, value: Decimal | None, *, editable: bool = False) -> Judgement:
        """The RAG and direction of travel of ``value`` for the return's quarter."""
        rag = rules.rag(
            actual=value,
            milestone=self.milestone,
            polarity=self.polarity,
            tolerance_pct=self.target.tolerance_pct if self.target else rules.DEFAULT_TOLERANCE_PCT,
        )
        travel = rules.direction_of_travel(
            current=value,
            previous_period=self.previous_quarter.value,
            same_period_last_year=self.same_quarter_last_year.value,
            polarity=self.polarity,
        )
        quality = (self.quality_reason(value) or "") if editable else ""
        return Judgement(rag=rag, travel=travel, quality=quality, entered=value is not None)

    @property
    def judgement(self) -> Judgement:
        """The stored value judged, for the page as it loads."""
        return self.judge(self.current.value if self.current else None)


@dataclass(frozen=True)
class ContributingRow:
    """An indicator collected by another outcome's return that also counts towards this one."""

    code: str
    title: str
    unit_label: str
    value_text: str
    estimated: bool
    collected_by: str  # the outcome that collects it
    collected_href: str | None  # its return for this quarter, if the person may open it


# --- The indicators the return collects ---------------------------------------------------


def indicator_rows(
    qr: QuarterlyReturn,
    indicators: Sequence[Indicator],
    values: StoredValues,
    *,
    area: Area | None,
    with_quality: bool,
) -> tuple[IndicatorRow, ...]:
    """A row per indicator, with its target read in one query."""
    period = qr.round.period.ref
    targets = (
        target_context(indicator_ids=[i.pk for i in indicators], area=area, periods=[period])
        if area is not None
        else {}
    )
    return tuple(
        _row(qr, indicator, values, targets.get(indicator.pk), period, with_quality)
        for indicator in indicators
    )


def _row(
    qr: QuarterlyReturn,
    indicator: Indicator,
    values: StoredValues,
    target: TargetContext | None,
    period: PeriodRef,
    with_quality: bool,
) -> IndicatorRow:
    unit, places = indicator.unit, indicator.decimal_places
    past = tuple(_shown(indicator, values, period.shift(-n)) for n in range(PAST_QUARTERS, 0, -1))
    milestone = target.milestone(period) if target else None
    current = values.seen(indicator.pk, period)
    missing = qr.missing_values.get(str(indicator.pk)) or {}
    quality = _quality_context(indicator, values, period) if with_quality else {}
    return IndicatorRow(
        indicator_id=indicator.pk,
        code=indicator.code,
        title=indicator.title,
        unit=unit,
        unit_label=indicator.unit_label,
        rate_per=indicator.rate_per,
        decimal_places=places,
        has_parts=indicator.has_parts,
        polarity=Polarity(indicator.polarity),
        polarity_label=POLARITY_LABELS[Polarity(indicator.polarity)],
        period=period,
        past=past,
        previous_quarter=past[-1],
        same_quarter_last_year=past[0],
        target=target,
        milestone=milestone,
        milestone_text=format_value(milestone, unit=unit, decimal_places=places),
        target_text=_target_text(target, unit=unit, places=places),
        current=_current(current, unit=unit, places=places) if current else None,
        missing_reason=str(missing.get("reason") or ""),
        expected_on=_date_or_none(missing.get("expected_on")),
        **quality,
    )


def _shown(indicator: Indicator, values: StoredValues, at: PeriodRef) -> ShownValue:
    """The value of a quarter in the row's recent history, as the person may see it."""
    found = values.seen(indicator.pk, at)
    value = found["value"] if found else None
    return ShownValue(
        period_label=at.label,
        value=value,
        text=format_value(value, unit=indicator.unit, decimal_places=indicator.decimal_places),
        estimated=bool(found and found["status"] == ValueStatus.ESTIMATED),
    )


def _quality_context(
    indicator: Indicator, values: StoredValues, period: PeriodRef
) -> dict[str, Any]:
    """What the data quality checks compare a value with, whoever may see it."""
    plan = comparison_plan(indicator, period)
    stored = values.stored(indicator.pk, period)
    previous = values.stored(indicator.pk, plan.previous)
    # normalize(): the checks' messages quote these numbers, and stored ones carry six
    # decimal places ("40.000000"); it changes no comparison.
    return {
        "stored_value": stored["value"] if stored else None,
        "previous_comparable": previous["value"].normalize() if previous else None,
        "history": tuple(
            found["value"].normalize()
            for p in plan.history
            if (found := values.stored(indicator.pk, p)) is not None
        ),
    }


def _target_text(target: TargetContext | None, *, unit: str, places: int) -> str:
    if target is None:
        return "No target (data only)"
    value = format_value(target.target_value, unit=unit, decimal_places=places)
    return f"{value} by {target.target_period.label}"


def _current(found: dict[str, Any], *, unit: str, places: int) -> CurrentValue:
    return CurrentValue(
        value=found["value"],
        text=format_value(found["value"], unit=unit, decimal_places=places),
        input=input_text(found["value"], unit=unit, decimal_places=places),
        numerator=part_text(found["numerator"]),
        denominator=part_text(found["denominator"]),
        status=found["status"],
        status_label=STATUS_LABELS.get(found["status"], found["status"]),
        note=found["note"],
        is_approved=found["is_approved"],
    )


def _date_or_none(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


# --- The indicators other returns collect -------------------------------------------------


def contributing_rows(
    user: Any, qr: QuarterlyReturn, indicators: Sequence[Indicator], values: StoredValues
) -> tuple[ContributingRow, ...]:
    """A row per indicator collected elsewhere, linked to the return that collects it
    (one query for those returns)."""
    if not indicators:
        return ()
    period = qr.round.period.ref
    returns = {
        r.outcome_id: r
        for r in QuarterlyReturn.objects.filter(
            round_id=qr.round_id, outcome_id__in={i.primary_outcome_id for i in indicators}
        ).select_related("outcome", "round")
    }
    out = []
    for indicator in indicators:
        found = values.seen(indicator.pk, period)
        collecting = returns.get(indicator.primary_outcome_id)
        href = (
            reverse("return_detail", args=[collecting.pk])
            if collecting is not None and access.can_view_return(user, collecting)
            else None
        )
        out.append(
            ContributingRow(
                code=indicator.code,
                title=indicator.title,
                unit_label=indicator.unit_label,
                value_text=format_value(
                    found["value"] if found else None,
                    unit=indicator.unit,
                    decimal_places=indicator.decimal_places,
                ),
                estimated=bool(found and found["status"] == ValueStatus.ESTIMATED),
                collected_by=str(indicator.primary_outcome),
                collected_href=href,
            )
        )
    return tuple(out)
