"""Plausible figures for an indicator: its target, trajectory and values, with no database.

Each indicator with a target gets a *profile* that decides how its values sit against
the trajectory (see ``targets.rules.trajectory``) in the latest year: on or above it
(green), a little short (amber), well short (red), or good until recently and now
slipping (worsening). Earlier periods are mostly green with some amber, as real
performance wobbles. Everything comes from the ``random.Random`` passed in, so one
seed gives one data set.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from demo.builders.catalogue import IndicatorPlan
from indicators.enums import ADDITIVE_UNITS, Frequency, Polarity, Unit
from partnership.periods import Period
from targets.rules import DEFAULT_TOLERANCE_PCT, Rag, rag, trajectory

GREEN, AMBER, RED, WORSENING, DATA_ONLY = "green", "amber", "red", "worsening", "data only"
PROFILE_WEIGHTS = ((GREEN, 0.66), (AMBER, 0.19), (RED, 0.06), (WORSENING, 0.09))
RECENT_QUARTERS = 4
# Green but slipping: long well ahead of its trajectory, and in the latest quarters only
# just on it. RAG says green; statistical process control says special cause concern,
# the case a board would otherwise miss (issue 16).
SLIPPING = "green, slipping"
SLIPPING_INDICATORS = frozenset({"L 09"})


@dataclass(frozen=True)
class TargetPlan:
    kind: str
    baseline_period: Period
    baseline_value: Decimal
    target_period: Period
    target_value: Decimal
    standard_target_value: Decimal | None
    reward_grant: Decimal | None
    tolerance: Decimal | None
    milestones: dict[Period, Decimal]


@dataclass(frozen=True)
class Point:
    period: Period
    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    milestone: Decimal | None = None  # the trajectory's value for the period, if any
    rag: Rag = Rag.GREY


@dataclass(frozen=True)
class SeriesPlan:
    indicator: IndicatorPlan
    profile: str
    target: TargetPlan | None
    points: list[Point] = field(default_factory=list)


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def value_periods(frequency: Frequency, window: list[Period]) -> list[Period]:
    """The periods an indicator has a value for within ``window`` (quarters, oldest first).

    Quarterly (and monthly, reported by quarter) indicators have every quarter; annual
    ones every year whose last quarter is in the window; biennial ones every other such
    year, counting from the first year of the window.
    """
    if frequency in (Frequency.QUARTERLY, Frequency.MONTHLY):
        return list(window)
    first, last = window[0].start_year, window[-1]
    years = [Period(y) for y in range(first, last.start_year + 1) if Period(y, 4) <= last]
    if frequency == Frequency.BIENNIAL:
        years = [y for y in years if (y.start_year - first) % 2 == 0]
    return years


def collecting_quarter(period: Period) -> Period:
    """The quarter whose return collects a value: a year's value comes with its Q4."""
    return period if period.quarter is not None else Period(period.start_year, 4)


def _sign(polarity: Polarity) -> int:
    return -1 if polarity == Polarity.LOWER else 1


def _pick_profile(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for profile, weight in PROFILE_WEIGHTS:
        total += weight
        if roll < total:
            return profile
    return GREEN


def plan_target(
    indicator: IndicatorPlan, *, window: list[Period], rng: random.Random
) -> TargetPlan:
    """A target from the first year of the window to its last year or the next."""
    first, last = Period(window[0].start_year), Period(window[-1].start_year)
    if indicator.frequency == Frequency.BIENNIAL:
        gap = (last.start_year - first.start_year) % 2
        target_period = last.shift(gap)
        steps = range(first.start_year + 2, target_period.start_year, 2)
    else:
        target_period = last if rng.random() < 0.5 else last.next()
        steps = range(first.start_year + 1, target_period.start_year)
    places = indicator.decimal_places
    baseline = quantize(indicator.level, places)
    change = baseline * indicator.improve * _sign(indicator.polarity)
    target = quantize(baseline + change, places)

    milestones: dict[Period, Decimal] = {}
    if rng.random() < 0.45:
        span = target_period.start_year - first.start_year
        for year in steps:
            if rng.random() < 0.7:
                # Profiled for a slower start than a straight line: plans take time to bite.
                share = Decimal(str(((year - first.start_year) / span) ** 1.4))
                milestones[Period(year)] = quantize(baseline + (target - baseline) * share, places)

    stretch = indicator.target_kind == "stretch"
    return TargetPlan(
        kind=indicator.target_kind,
        baseline_period=first,
        baseline_value=baseline,
        target_period=target_period,
        target_value=target,
        standard_target_value=quantize(baseline + change * Decimal("0.6"), places)
        if stretch
        else None,
        reward_grant=Decimal(rng.randrange(150, 901, 10) * 1000) if stretch else None,
        tolerance=indicator.tolerance,
        milestones=milestones,
    )


def _deviation(
    profile: str, *, recent: int | None, count: int, tol: float, depth: float, rng: random.Random
) -> float:
    """How far a value sits from its milestone, as a share, positive being better.

    ``recent`` is the position of the period among the latest ``count`` periods, or
    None for an earlier period. A worsening indicator ends ``depth`` tolerances short.
    """
    if profile == SLIPPING:
        return rng.uniform(0.002, 0.006) if recent is not None else rng.uniform(0.05, 0.065)
    if recent is None or profile == GREEN:
        if recent is None and rng.random() < 0.25:
            return -rng.uniform(0.2, 0.8) * tol
        return rng.uniform(0.004, 0.035)
    if profile == AMBER:
        return -rng.uniform(0.25, 0.85) * tol
    if profile == RED:
        return -rng.uniform(1.6, 3.0) * tol
    # Worsening: from a little ahead to well behind over the latest periods.
    share = recent / max(count - 1, 1)
    return 0.02 - share * (0.02 + depth * tol)


def _finish(indicator: IndicatorPlan, raw: float) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """Round a figure, keep it possible, and derive its parts when the demo records them."""
    value = max(raw, 0.0)
    if indicator.unit == Unit.PERCENTAGE:
        value = min(value, 100.0)
    places = indicator.decimal_places
    if indicator.denominator is None:
        return quantize(Decimal(repr(value)), places), None, None
    per = indicator.rate_per or 100
    denominator = Decimal(indicator.denominator)
    numerator = Decimal(round(value * indicator.denominator / per))
    return quantize(numerator * per / denominator, places), numerator, denominator


def plan_series(
    indicator: IndicatorPlan, *, window: list[Period], rng: random.Random
) -> SeriesPlan:
    """The target (unless data only) and one value per period of the window."""
    periods = value_periods(indicator.frequency, window)
    sign = _sign(indicator.polarity)
    adds_up = indicator.adds_up
    level = float(indicator.level)

    def year_fraction(period: Period) -> float:
        return (period.quarter or 4) / 4 if adds_up else 1.0

    if not indicator.target_kind:
        trend = rng.choice((-1, 1)) * rng.uniform(0.005, 0.03)
        points = []
        for period in periods:
            years = (period.index - periods[0].index) / 4
            raw = level * (1 + trend * years) * (1 + rng.uniform(-0.02, 0.02))
            value, numerator, denominator = _finish(indicator, raw * year_fraction(period))
            points.append(Point(period, value, numerator, denominator))
        return SeriesPlan(indicator, DATA_ONLY, None, points)

    target = plan_target(indicator, window=window, rng=rng)
    profile = _pick_profile(rng)
    if indicator.code in SLIPPING_INDICATORS:
        profile = SLIPPING
    depth = rng.uniform(0.6, 1.6)  # how far a worsening indicator has slipped (amber or red)
    path = trajectory(
        baseline_period=target.baseline_period,
        baseline_value=target.baseline_value,
        target_period=target.target_period,
        target_value=target.target_value,
        milestones=target.milestones,
        periods=periods,
        accumulation=indicator.accumulation,
        additive=indicator.unit in ADDITIVE_UNITS,
    )
    tol_pct = target.tolerance if target.tolerance is not None else DEFAULT_TOLERANCE_PCT
    tol = float(tol_pct) / 100
    recent_count = RECENT_QUARTERS if indicator.is_quarterly else 1
    recent_from = len(periods) - recent_count
    points = []
    for position, period in enumerate(periods):
        milestone = path.get(period)
        baseline_here = period.index == target.baseline_period.index
        if milestone is None or baseline_here:
            base = float(target.baseline_value) * year_fraction(period)
            jitter = 0.0 if baseline_here else sign * rng.uniform(-0.03, 0.01)
            raw = base * (1 + jitter)
        else:
            reference = float(milestone)
            recent = position - recent_from if position >= recent_from else None
            if indicator.polarity == Polarity.NEITHER:
                deviation = rng.uniform(-0.6, 0.6) * tol
            else:
                deviation = _deviation(
                    profile, recent=recent, count=recent_count, tol=tol, depth=depth, rng=rng
                )
            raw = reference * (1 + sign * deviation)
        value, numerator, denominator = _finish(indicator, raw)
        rating = rag(
            actual=value,
            milestone=milestone,
            polarity=Polarity(indicator.polarity),
            tolerance_pct=tol_pct,
        )
        points.append(Point(period, value, numerator, denominator, milestone, rating))
    return SeriesPlan(indicator, profile, target, points)


def comparator_values(
    indicator: IndicatorPlan,
    *,
    periods: list[Period],
    factor: float,
    rng: random.Random,
) -> list[tuple[Period, Decimal]]:
    """Another area's figures: Anycity's level scaled for the area, improving gently."""
    spread = 1 + (factor - 1) * rng.uniform(-1.2, 1.2)
    sign = _sign(indicator.polarity)
    out = []
    for period in periods:
        years = (period.index - periods[0].index) / 4
        raw = float(indicator.level) * spread * (1 + sign * 0.02 * years)
        raw *= 1 + rng.uniform(-0.015, 0.015)
        if indicator.adds_up and period.quarter:
            raw *= period.quarter / 4
        value = max(raw, 0.0)
        if indicator.unit == Unit.PERCENTAGE:
            value = min(value, 100.0)
        out.append((period, quantize(Decimal(repr(value)), indicator.decimal_places)))
    return out
