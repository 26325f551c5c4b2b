"""The national-scale synthetic data set for benchmarks: ``load_demo --scale national``.

By default 150 areas (Anycity and 149 made-up comparators), 200 indicators collected
through the demo's outcomes (so their pages and packs show them), with a target and a
milestone for every quarter, and a value for every area, indicator and quarter: 360,000
values on top of the demo; and a few thousand risks with their reviews, actions and
proposals (``demo.builders.benchmark_risks``). Loaded on top of the demo, in one
transaction, and only what is missing, so running it twice adds nothing.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from simple_history.utils import bulk_create_with_history

from demo.builders.benchmark_risks import build_national_risks
from demo.builders.context import demo_window, rng_for, window_years
from demo.builders.demo import build_demo
from demo.builders.framework import ensure_periods
from demo.builders.series import quantize
from demo.content.people import ADMIN, PARTNERSHIP_AREA_CODE, REGION_CODE
from indicators.enums import Accumulation, Frequency, Polarity, Unit
from indicators.models import Indicator, IndicatorValue
from partnership.models import Area, Outcome
from partnership.models import Period as PeriodRow
from partnership.periods import Period
from targets.models import Milestone, Target
from targets.rules import trajectory

DEFAULT_AREAS, DEFAULT_INDICATORS, DEFAULT_QUARTERS = 150, 200, 12
BATCH_SIZE = 5000
INDICATOR_CODE = "X {:03d}"
AREA_CODE = "E0699{:04d}"
_UNITS = ((Unit.PERCENTAGE, None, 1), (Unit.RATE, 1000, 2), (Unit.NUMBER, None, 0))
_ACCUMULATIONS = (Accumulation.SNAPSHOT, Accumulation.DISCRETE, Accumulation.ROLLING)


@dataclass(frozen=True)
class NationalPlan:
    """How many rows the data set holds, worked out without building it."""

    areas: int
    indicators: int
    quarters: int
    values: int
    targets: int
    milestones: int


@dataclass(frozen=True)
class NationalResult:
    areas: int
    indicators: int
    quarters: int
    created_indicators: int
    created_values: int
    created_risks: int = 0


def _target_span(window: list[Period]) -> tuple[Period, Period]:
    """Baseline the first year of the window; target its last year, or the next one when
    the window sits within one year."""
    first, last = Period(window[0].start_year), Period(window[-1].start_year)
    return first, last if last > first else last.next()


def milestone_quarters(window: list[Period]) -> list[Period]:
    """The quarters of the window that get a milestone: those after the baseline."""
    baseline, target = _target_span(window)
    return [q for q in window if baseline.index < q.index <= target.index]


def plan_national(
    *, today: date, areas: int = DEFAULT_AREAS, indicators: int = DEFAULT_INDICATORS,
    quarters: int = DEFAULT_QUARTERS,
) -> NationalPlan:  # fmt: skip
    window = demo_window(today, quarters)
    return NationalPlan(
        areas=areas,
        indicators=indicators,
        quarters=quarters,
        values=areas * indicators * quarters,
        targets=indicators,
        milestones=indicators * len(milestone_quarters(window)),
    )


@dataclass(frozen=True)
class _Synthetic:
    code: str
    unit: Unit
    rate_per: int | None
    places: int
    polarity: Polarity
    accumulation: Accumulation
    level: float


def _synthetic(number: int) -> _Synthetic:
    unit, rate_per, places = _UNITS[number % len(_UNITS)]
    rng = rng_for("national indicator", number)
    level = {
        Unit.PERCENTAGE: rng.uniform(20, 80),
        Unit.RATE: rng.uniform(5, 50),
        Unit.NUMBER: rng.uniform(100, 5000),
    }[unit]
    return _Synthetic(
        code=INDICATOR_CODE.format(number),
        unit=unit,
        rate_per=rate_per,
        places=places,
        polarity=Polarity.HIGHER if number % 2 else Polarity.LOWER,
        accumulation=_ACCUMULATIONS[number % len(_ACCUMULATIONS)],
        level=level,
    )


@transaction.atomic
def build_national(
    *, today: date, areas: int = DEFAULT_AREAS, indicators: int = DEFAULT_INDICATORS,
    quarters: int = DEFAULT_QUARTERS,
) -> NationalResult:  # fmt: skip
    build_demo(today=today)
    window = demo_window(today, quarters)
    periods = ensure_periods([*window, *window_years(window)])
    admin = get_user_model().objects.get(username=ADMIN)
    area_rows = _ensure_areas(areas, admin)
    specs = [_synthetic(n) for n in range(1, indicators + 1)]
    indicator_rows, created_indicators = _ensure_indicators(specs, admin)
    _ensure_targets(
        specs,
        indicators=indicator_rows,
        partnership=area_rows[0],
        window=window,
        periods=periods,
        admin=admin,
    )
    created = _ensure_values(
        specs, indicators=indicator_rows, areas=area_rows, window=window, periods=periods
    )
    risks = build_national_risks(today=today, admin=admin)
    return NationalResult(areas, indicators, quarters, created_indicators, created, risks)


def _ensure_areas(count: int, admin: Any) -> list[Area]:
    """Anycity, then made-up comparator areas up to ``count``."""
    partnership = Area.objects.get(code=PARTNERSHIP_AREA_CODE)
    region = Area.objects.get(code=REGION_CODE)
    codes = [AREA_CODE.format(n) for n in range(1, count)]
    existing = {a.code: a for a in Area.objects.filter(code__in=codes)}
    missing = [
        Area(code=code, name=f"Benchmark area {n:03d}", kind=Area.Kind.COMPARATOR, parent=region)
        for n, code in enumerate(codes, start=1)
        if code not in existing
    ]
    bulk_create_with_history(missing, Area, batch_size=BATCH_SIZE, default_user=admin)
    existing.update({a.code: a for a in Area.objects.filter(code__in=codes)})
    return [partnership, *(existing[code] for code in codes)]


def _ensure_indicators(specs: list[_Synthetic], admin: Any) -> tuple[dict[str, Indicator], int]:
    outcomes = list(Outcome.objects.order_by("code").select_related("lead_organisation"))
    existing = {i.code: i for i in Indicator.objects.filter(code__in=[s.code for s in specs])}
    missing = []
    for number, spec in enumerate(specs):
        if spec.code in existing:
            continue
        outcome = outcomes[number % len(outcomes)]
        missing.append(
            Indicator(
                code=spec.code,
                title=f"Benchmark indicator {spec.code[2:]}",
                definition="Synthetic indicator of the national benchmark data set.",
                kind=Indicator.Kind.LOCAL,
                unit=spec.unit,
                rate_per=spec.rate_per,
                decimal_places=spec.places,
                polarity=spec.polarity,
                frequency=Frequency.QUARTERLY,
                accumulation=spec.accumulation,
                data_source="Synthetic",
                lead_organisation=outcome.lead_organisation,
                lead_person_id=outcome.lead_person_id,
                primary_outcome=outcome,
            )
        )
    bulk_create_with_history(missing, Indicator, batch_size=BATCH_SIZE, default_user=admin)
    rows = {i.code: i for i in Indicator.objects.filter(code__in=[s.code for s in specs])}
    return rows, len(missing)


def _ensure_targets(
    specs: list[_Synthetic],
    *,
    indicators: dict[str, Indicator],
    partnership: Area,
    window: list[Period],
    periods: dict[str, PeriodRow],
    admin: Any,
) -> None:
    """A standard target on Anycity for each indicator, and a milestone every quarter."""
    baseline, target_period = _target_span(window)
    ids = [indicators[s.code].pk for s in specs]
    have = set(
        Target.objects.filter(indicator_id__in=ids, area=partnership).values_list(
            "indicator_id", flat=True
        )
    )
    targets, plans = [], []
    for spec in specs:
        indicator = indicators[spec.code]
        if indicator.pk in have:
            continue
        base = quantize(Decimal(repr(spec.level)), spec.places)
        sign = 1 if spec.polarity == Polarity.HIGHER else -1
        goal = quantize(base * (1 + sign * Decimal("0.08")), spec.places)
        targets.append(
            Target(
                indicator=indicator,
                area=partnership,
                kind=Target.Kind.STANDARD,
                baseline_value=base,
                baseline_period=periods[baseline.code],
                target_value=goal,
                target_period=periods[target_period.code],
                lead_person_id=indicator.lead_person_id,
                lead_organisation_id=indicator.lead_organisation_id,
            )
        )
        plans.append((base, goal, spec.places))
    bulk_create_with_history(targets, Target, batch_size=BATCH_SIZE, default_user=admin)
    quarters = milestone_quarters(window)
    milestones = []
    for target, (base, goal, places) in zip(targets, plans, strict=True):
        path = trajectory(
            baseline_period=baseline,
            baseline_value=base,
            target_period=target_period,
            target_value=goal,
            milestones={},
            periods=quarters,
        )
        milestones += [
            Milestone(target=target, period=periods[q.code], value=quantize(path[q], places))
            for q in quarters
        ]
    bulk_create_with_history(milestones, Milestone, batch_size=BATCH_SIZE, default_user=admin)


def _ensure_values(
    specs: list[_Synthetic],
    *,
    indicators: dict[str, Indicator],
    areas: list[Area],
    window: list[Period],
    periods: dict[str, PeriodRow],
) -> int:
    """Every missing value, written in batches with plain bulk_create.

    Benchmark data: no history rows for the values, which would double the load for
    nothing a benchmark measures.
    """
    period_ids = [periods[q.code].pk for q in window]
    area_ids = [a.pk for a in areas]
    ids = [indicators[s.code].pk for s in specs]
    full = len(area_ids) * len(period_ids)
    counts = dict(
        IndicatorValue.objects.filter(
            indicator_id__in=ids, area_id__in=area_ids, period_id__in=period_ids
        )
        .values_list("indicator_id")
        .annotate(n=Count("id"))
        .values_list("indicator_id", "n")
    )
    created, batch = 0, []
    for spec in specs:
        indicator_id = indicators[spec.code].pk
        if counts.get(indicator_id, 0) >= full:
            continue
        stored: set[tuple[int, int]] = set()
        if counts.get(indicator_id):
            stored = set(
                IndicatorValue.objects.filter(indicator_id=indicator_id).values_list(
                    "area_id", "period_id"
                )
            )
        for value in _values_of(spec, indicator_id, area_ids, period_ids):
            if (value.area_id, value.period_id) in stored:
                continue
            batch.append(value)
            if len(batch) >= BATCH_SIZE:
                IndicatorValue.objects.bulk_create(batch, batch_size=BATCH_SIZE)
                created += len(batch)
                batch = []
    IndicatorValue.objects.bulk_create(batch, batch_size=BATCH_SIZE)
    return created + len(batch)


def _values_of(
    spec: _Synthetic, indicator_id: int, area_ids: list[int], period_ids: list[int]
) -> Iterator[IndicatorValue]:
    rng: random.Random = rng_for("national values", spec.code)
    sign = 1 if spec.polarity == Polarity.HIGHER else -1
    cap = 100.0 if spec.unit == Unit.PERCENTAGE else float("inf")
    fmt = f"{{:.{spec.places}f}}"
    latest = len(period_ids) - 1
    for position, area_id in enumerate(area_ids):
        # Anycity (the first area) is on its way to the target; others vary around it.
        spread = 1.0 if position == 0 else rng.uniform(0.8, 1.2)
        for step, period_id in enumerate(period_ids):
            years = step / 4
            raw = spec.level * spread * (1 + sign * 0.02 * years) * rng.uniform(0.96, 1.04)
            open_quarter = step == latest and position == 0
            yield IndicatorValue(
                indicator_id=indicator_id,
                area_id=area_id,
                period_id=period_id,
                value=Decimal(fmt.format(min(max(raw, 0.0), cap))),
                status="provisional" if open_quarter else "final",
                source="return" if position == 0 else "imported",
                # Past quarters are approved; Anycity's open quarter is still in its round.
                is_approved=not open_quarter,
            )
