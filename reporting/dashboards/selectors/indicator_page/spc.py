"""The indicator's statistical process control: the XmR chart of the partnership area's
approved values (:mod:`targets.spc`), its variation and assurance, and a reading in words.

Only approved values count, whoever is looking: a draft is not yet part of the process.
The chart runs over every approved value in time order, not just the trend's columns; a
period with no value is left out rather than guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from indicators.enums import Polarity
from indicators.models import Indicator, IndicatorValue
from partnership.periods import Period as PeriodRef
from reporting.dashboards.selectors.indicator_page.values import partnership_area_or_none
from reporting.returns.selectors.return_page import format_value
from targets.selectors import TargetContext, spc_process
from targets.spc import MIN_POINTS, Assurance, Spc, Variation, spc
from targets.spc_series import INCREMENTS_NOTE, ProcessOptions, chart_series


@dataclass(frozen=True)
class SpcPoint:
    period_label: str
    value: Decimal
    text: str
    mean: Decimal
    lower: Decimal
    upper: Decimal
    mean_text: str
    lower_text: str
    upper_text: str
    variation: Variation
    rules: tuple[str, ...]  # what flags it, in words; none for common cause


@dataclass(frozen=True)
class SpcSummary:
    code: str
    area_name: str
    unit: str
    unit_label: str
    decimal_places: int
    count: int  # approved values of the partnership area
    enough_data: bool
    points: tuple[SpcPoint, ...]  # empty when there is not enough data
    target: Decimal | None
    target_text: str
    variation: Variation
    assurance: Assurance
    reading: str  # a paragraph in plain English; "" when there is not enough data
    increments_note: str  # why a year-to-date count is charted on increments; "" otherwise
    # The change of process the performance team recorded, as applied ("" for none).
    process_note: str = ""
    process_waiting: str = ""  # why a recorded rebase is not applied yet

    @property
    def min_points(self) -> int:
        return MIN_POINTS


def _chart(
    indicator: Indicator,
    approved: list[tuple[PeriodRef, Decimal]],
    target: Decimal | None,
    process: ProcessOptions,
) -> Spc:
    return spc(
        [v for _, v in approved],
        polarity=Polarity(indicator.polarity),
        target=target,
        baseline_points=process.baseline_points,
        rebase_at=process.rebase_at,
    )


def indicator_spc(
    indicator: Indicator,
    own: Mapping[PeriodRef, dict[str, Any]],
    context: TargetContext | None,
    area_name: str,
) -> SpcSummary:
    """The XmR chart of the approved values in ``own`` (the partnership area's, by period)."""
    charted = chart_series(
        [(p, row["value"]) for p, row in own.items() if row["is_approved"]],
        accumulation=indicator.accumulation,
        unit=indicator.unit,
        target=context.target_value if context is not None else None,
    )
    approved, target = charted.points, charted.target
    process = spc_process(indicator, [period for period, _ in approved])
    chart = _chart(indicator, approved, target, process)

    def text(value: Decimal) -> str:
        return format_value(value, unit=indicator.unit, decimal_places=indicator.decimal_places)

    points = tuple(
        SpcPoint(
            period_label=period.label,
            value=point.value,
            text=text(point.value),
            mean=point.limits.mean,
            lower=point.limits.lower,
            upper=point.limits.upper,
            mean_text=text(point.limits.mean),
            lower_text=text(point.limits.lower),
            upper_text=text(point.limits.upper),
            variation=point.variation,
            rules=tuple(dict.fromkeys(signal.rule.label for signal in point.signals)),
        )
        for (period, _), point in zip(approved, chart.points, strict=False)
    )
    summary = SpcSummary(
        code=indicator.code,
        area_name=area_name,
        unit=indicator.unit,
        unit_label=indicator.unit_label,
        decimal_places=indicator.decimal_places,
        count=len(approved),
        enough_data=chart.enough_data,
        points=points,
        target=target,
        target_text=text(target) if target is not None else "",
        variation=chart.variation,
        assurance=chart.assurance,
        reading="",
        increments_note=INCREMENTS_NOTE if charted.increments else "",
        process_note=process_note(indicator),
        process_waiting=process.waiting,
    )
    return replace(summary, reading=reading(summary)) if chart.enough_data else summary


def process_note(indicator: Indicator) -> str:
    """The recorded change of process in words, with its reason ("" when none)."""
    parts = []
    if indicator.spc_rebased_from:
        parts.append(f"New process limits from {PeriodRef.parse(indicator.spc_rebased_from).label}")
    if indicator.spc_baseline_points:
        parts.append(
            f"limits fixed from the first {indicator.spc_baseline_points} points of each part"
        )
    if not parts:
        return ""
    said = "; ".join(parts)
    return f"{said[0].upper()}{said[1:]}, because: {indicator.spc_change_reason}"


_VARIATION_WORDS = {
    Variation.COMMON_CAUSE: (
        "is common cause variation: within what the process usually does, so not a reason "
        "to react on its own"
    ),
    Variation.IMPROVEMENT: "shows special cause improvement",
    Variation.CONCERN: "shows special cause concern, worth looking into",
    Variation.NEUTRAL: (
        "shows special cause variation, neither better nor worse as the indicator has no "
        "better direction"
    ),
}


def reading(summary: SpcSummary) -> str:
    """One paragraph that says what the chart says, for someone who cannot see it."""
    first, latest = summary.points[0], summary.points[-1]
    name = summary.area_name or "the partnership area"
    words = [
        f"Over {summary.count} approved values for {name}, from {first.period_label} to "
        f"{latest.period_label}, {summary.code} has a mean of {latest.mean_text}, and its "
        f"process limits say any value from {latest.lower_text} to {latest.upper_text} is "
        "ordinary variation."
    ]
    because = f" ({'; '.join(rule.lower() for rule in latest.rules)})" if latest.rules else ""
    words.append(
        f"The latest value, {latest.text} for {latest.period_label}, "
        f"{_VARIATION_WORDS[summary.variation]}{because}."
    )
    words.append(_assurance_words(summary))
    return " ".join(words)


def _assurance_words(summary: SpcSummary) -> str:
    target = f"The target of {summary.target_text}"
    if summary.assurance is Assurance.PASS:
        return (
            f"{target} is outside the process limits on the good side: it will consistently be met."
        )
    if summary.assurance is Assurance.FAIL:
        return (
            f"{target} is outside the process limits on the wrong side: it will consistently "
            "be missed, and will not be met without changing the process."
        )
    if summary.assurance is Assurance.HIT_AND_MISS:
        return (
            f"{target} is inside the process limits: as the process runs, it will be met "
            "at some times and missed at others, at random."
        )
    if summary.target is None:
        return "There is no target to judge the process against."
    return "The indicator has no better direction, so the target is not judged this way."


def charted_quarters(indicator: Indicator) -> list[PeriodRef]:
    """The quarters the indicator's SPC chart plots (the partnership area's approved
    values, a year-to-date count's increments), oldest first (one query)."""
    area = partnership_area_or_none()
    if area is None:
        return []
    rows = IndicatorValue.objects.filter(
        indicator=indicator, area=area, is_approved=True, value__isnull=False
    ).values_list("period__code", "value")
    charted = chart_series(
        [(PeriodRef.parse(code), value) for code, value in rows if "-Q" in code],
        accumulation=indicator.accumulation,
        unit=indicator.unit,
        target=None,
    )
    return [period for period, _ in charted.points]
