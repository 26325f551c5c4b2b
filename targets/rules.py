"""Rules for judging performance against targets, as plain functions on plain values.

RAG ratings, direction of travel, the trajectory of milestones towards a target,
stretch-target reward and a straight-line projection to the target period. Nothing
here touches Django, the database, settings or the clock, and every value is a
``Decimal``: rounding is for display only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from indicators.enums import Accumulation, Polarity
from partnership.periods import Period

_HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_ONE = Decimal(1)

# --------------------------------------------------------------------------- RAG

DEFAULT_TOLERANCE_PCT = Decimal("5")


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"  # no value, or no target or milestone to judge it against

    @property
    def label(self) -> str:
        return _RAG_LABELS[self]


_RAG_LABELS = {Rag.GREEN: "Green", Rag.AMBER: "Amber", Rag.RED: "Red", Rag.GREY: "No data"}


def _check_percentage(value: Decimal, name: str) -> None:
    if value < 0:
        raise ValueError(f"The {name} is a percentage and cannot be negative, not {value}.")


def rag(
    *,
    actual: Decimal | None,
    milestone: Decimal | None,
    polarity: Polarity,
    tolerance_pct: Decimal = DEFAULT_TOLERANCE_PCT,
) -> Rag:
    """The RAG rating of an actual value against the milestone for its period.

    Rule: "Green when the actual meets or beats the milestone for the period; amber when
    it misses by no more than the tolerance; red when it misses by more. Grey when there
    is no value, or no target or milestone (data only)."

    - Polarity decides what "beats" means: above the milestone when higher is better,
      below it when lower is better.
    - The tolerance is a percentage of the milestone's size (its absolute value), so a
      negative milestone is judged by its magnitude. With a zero milestone there is no
      room at all: any miss is red.
    - Exactly on the milestone is green; exactly on the edge of the tolerance is amber.
    - For an indicator with no better direction (Polarity.NEITHER): green within the
      tolerance either side of the milestone, amber within twice the tolerance, red
      beyond.
    - A year-to-date indicator must be given its year-to-date milestone for the period
      (see :func:`trajectory`), not the annual figure.

    A negative tolerance raises ValueError.
    """
    _check_percentage(tolerance_pct, "tolerance")
    if actual is None or milestone is None:
        return Rag.GREY
    allowance = abs(milestone) * tolerance_pct / _HUNDRED
    if polarity is Polarity.NEITHER:
        distance = abs(actual - milestone)
        if distance <= allowance:
            return Rag.GREEN
        return Rag.AMBER if distance <= 2 * allowance else Rag.RED
    shortfall = milestone - actual if polarity is Polarity.HIGHER else actual - milestone
    if shortfall <= 0:
        return Rag.GREEN
    return Rag.AMBER if shortfall <= allowance else Rag.RED


# ---------------------------------------------------------- direction of travel

DEFAULT_NO_CHANGE_BAND_PCT = Decimal("1")


class Direction(StrEnum):
    IMPROVING = "improving"
    NO_CHANGE = "no_change"
    WORSENING = "worsening"
    NOT_ASSESSED = "not_assessed"

    @property
    def label(self) -> str:
        return _DIRECTION_LABELS[self]


_DIRECTION_LABELS = {
    Direction.IMPROVING: "Improving",
    Direction.NO_CHANGE: "No change",
    Direction.WORSENING: "Worsening",
    Direction.NOT_ASSESSED: "Not assessed",
}


def direction(
    *,
    current: Decimal | None,
    previous: Decimal | None,
    polarity: Polarity,
    no_change_band_pct: Decimal = DEFAULT_NO_CHANGE_BAND_PCT,
) -> Direction:
    """The direction of travel from a previous value to the current one.

    Rule: "Improving when the value has moved the good way for the indicator's polarity,
    worsening when it has moved the bad way. A change within the no-change band is no
    change. Without both values, or for an indicator with no better direction, the
    direction is not assessed."

    - The band is a percentage of the previous value's size (its absolute value), and a
      change exactly on its edge counts as no change.
    - When the previous value is zero the band has no width: only an identical value is
      no change.

    A negative band raises ValueError.
    """
    _check_percentage(no_change_band_pct, "no-change band")
    if current is None or previous is None or polarity is Polarity.NEITHER:
        return Direction.NOT_ASSESSED
    change = current - previous
    if abs(change) <= abs(previous) * no_change_band_pct / _HUNDRED:
        return Direction.NO_CHANGE
    went_up = change > 0
    return Direction.IMPROVING if went_up == (polarity is Polarity.HIGHER) else Direction.WORSENING


@dataclass(frozen=True)
class Travel:
    """Direction of travel against the same period last year and the period before."""

    against_last_year: Direction
    against_previous: Direction

    @property
    def headline(self) -> Direction:
        """The direction to report: against last year, as that removes seasonal swings,
        else against the previous period when last year's value is missing."""
        if self.against_last_year is Direction.NOT_ASSESSED:
            return self.against_previous
        return self.against_last_year


def direction_of_travel(
    *,
    current: Decimal | None,
    previous_period: Decimal | None,
    same_period_last_year: Decimal | None,
    polarity: Polarity,
    no_change_band_pct: Decimal = DEFAULT_NO_CHANGE_BAND_PCT,
) -> Travel:
    """Both directions of travel for a value.

    Rule: "The direction of travel reported is against the same quarter a year before;
    where that cannot be assessed, against the previous period." The comparison with
    the previous period is always given as well.
    """
    return Travel(
        against_last_year=direction(
            current=current,
            previous=same_period_last_year,
            polarity=polarity,
            no_change_band_pct=no_change_band_pct,
        ),
        against_previous=direction(
            current=current,
            previous=previous_period,
            polarity=polarity,
            no_change_band_pct=no_change_band_pct,
        ),
    )


# ------------------------------------------------------------------- trajectory


def _interpolate(anchors: Mapping[int, Decimal], index: int) -> Decimal:
    """The value at ``index`` on straight lines joining ``anchors``, which must include
    a point at or below ``index`` and one at or above it."""
    if index in anchors:
        return anchors[index]
    below = max(i for i in anchors if i < index)
    above = min(i for i in anchors if i > index)
    # Multiply before dividing: a rounded step, multiplied, would carry its error.
    return anchors[below] + (anchors[above] - anchors[below]) * (index - below) / (above - below)


def trajectory(
    *,
    baseline_period: Period,
    baseline_value: Decimal,
    target_period: Period,
    target_value: Decimal,
    milestones: Mapping[Period, Decimal],
    periods: Sequence[Period],
    accumulation: Accumulation = Accumulation.DISCRETE,
    additive: bool = True,
) -> dict[Period, Decimal]:
    """The milestone (profiled value) expected at each of ``periods``.

    Rule: "Milestones entered for a period are used as given. Any other period between
    the baseline and the target gets a milestone on a straight line between the known
    points around it (the baseline, the milestones entered and the target). Before the
    baseline there is no milestone; after the target, the target holds."

    - Positions on the line are ``Period.index``: quarters are evenly spaced and a year
      sits on its Q4. For discrete, rolling and snapshot indicators years and quarters
      are read as the same kind of figure (a rate, a percentage, a position): a count
      that adds up over the year should be year to date (CUMULATIVE).
    - Year to date (Accumulation.CUMULATIVE): the baseline, target and milestones for
      years (or for a Q4, which is the same figure) are year-end totals. The line runs
      between those year-end totals, and a quarter without its own milestone gets its
      year's year-end figure times quarter/4: a straight-line profile through the year.
      The baseline year's quarters are profiled from the baseline, and the target
      year's quarters (and any after) from the target. The baseline and target must
      then be a year or a Q4, else ValueError.
    - A year-to-date share (``additive`` False: a percentage or ratio, such as repeat
      incidents so far this year) does not build up through the year: a quarter without
      its own milestone gets its year's figure as it is, not a part of it.
    - A milestone entered outside the baseline-to-target span is returned for its own
      period but does not bend the line. Where a year and its Q4 both have milestones,
      the Q4 one shapes the line. At the baseline and target positions the baseline and
      target values shape the line.
    - The target must come after the baseline, else ValueError.
    - Nothing is rounded.
    """
    cumulative = accumulation is Accumulation.CUMULATIVE
    _check_span(baseline_period, target_period, cumulative=cumulative)
    first, last = baseline_period.index, target_period.index
    anchors = _anchors(milestones, first=first, last=last, cumulative=cumulative)
    anchors[first], anchors[last] = baseline_value, target_value
    result: dict[Period, Decimal] = {}
    for period in periods:
        if period in milestones:
            result[period] = milestones[period]
            continue
        # For year to date, judge where the period is on the line by its year end.
        position = period.year().index if cumulative else period.index
        if position < first:
            continue
        value = _on_line(anchors, position, last=last)
        if cumulative and additive and period.quarter is not None:
            value = value * period.quarter / 4
        result[period] = value
    return result


def _check_span(baseline_period: Period, target_period: Period, *, cumulative: bool) -> None:
    """A trajectory runs forward, and for year to date from a year end to a year end."""
    if cumulative:
        for name, period in (("baseline", baseline_period), ("target", target_period)):
            if period.quarter not in (None, 4):
                raise ValueError(
                    f"A year-to-date indicator's {name} is a year-end figure: give a year "
                    f"or a Q4, not {period.label}."
                )
    if target_period.index <= baseline_period.index:
        raise ValueError(
            f"The target ({target_period.label}) must come after the baseline "
            f"({baseline_period.label})."
        )


def _anchors(
    milestones: Mapping[Period, Decimal], *, first: int, last: int, cumulative: bool
) -> dict[int, Decimal]:
    """The milestones entered that bend the line, by position: those strictly between the
    baseline's position ``first`` and the target's ``last``."""
    anchors: dict[int, Decimal] = {}
    # A year and its Q4 share a position. Sorting the year first lets the Q4 overwrite
    # it: the quarter is the figure at the point itself, not for the year up to it.
    for period in sorted(milestones, key=lambda p: (p.index, p.quarter is not None)):
        # For year to date only year-end figures (a year, or a Q4) shape the line.
        if first < period.index < last and not (cumulative and period.quarter in (1, 2, 3)):
            anchors[period.index] = milestones[period]
    return anchors


def _on_line(anchors: Mapping[int, Decimal], position: int, *, last: int) -> Decimal:
    """The value on the line at ``position``; from the target's position ``last`` on, the
    target holds."""
    return anchors[last] if position >= last else _interpolate(anchors, position)


# ---------------------------------------------------------------------- stretch

REWARD_FLOOR = Decimal("0.60")


def stretch_achievement(
    *, baseline: Decimal, stretch_target: Decimal, actual: Decimal | None
) -> Decimal | None:
    """The share of the planned improvement achieved so far.

    Rule: "Achievement is the improvement from the baseline so far, as a share of the
    improvement from the baseline to the stretch target." 1 is the stretch target met;
    above 1 is beyond it; below 0 is worse than the baseline. It works whichever way
    is better, as the target's side of the baseline says which way that is.

    None when there is no actual, or when the stretch target equals the baseline (there
    is no improvement to share out).
    """
    if actual is None or stretch_target == baseline:
        return None
    return (actual - baseline) / (stretch_target - baseline)


def stretch_achievement_words(achievement: Decimal | None) -> str:
    """A stretch target's achievement as people read it, with a sign that means something.

    Below 0 the value has moved away from the stretch target, past the baseline the other
    way: that is said in words, not as a negative share.
    """
    if achievement is None:
        return "no value yet to measure the improvement against"
    share = int((abs(achievement) * 100).to_integral_value())
    if achievement < 0:
        return (
            "moved away from the stretch target: worse than the baseline by "
            f"{share}% of the planned improvement"
        )
    if achievement > 1:
        return f"beyond the stretch target: {share}% of the planned improvement achieved"
    if achievement == 1:
        return "stretch target met: 100% of the planned improvement achieved"
    # Rounded down short of the target, so that "100%" is never said of one not met.
    share = int((achievement * 100).to_integral_value(rounding=ROUND_DOWN))
    return f"{share}% of the planned improvement achieved"


def reward_earned(*, achievement: Decimal | None) -> bool:
    """Rule: "Reward is earned from 60 % of the stretch improvement, inclusive.\""""
    return achievement is not None and achievement >= REWARD_FLOOR


def reward_grant_earned(*, achievement: Decimal | None, grant: Decimal) -> Decimal:
    """The part of a reward grant earned.

    Rule: "Nothing below 60 % achievement; from 60 %, the grant in proportion to the
    achievement; the full grant at 100 % and above." A negative grant raises ValueError.
    """
    if grant < 0:
        raise ValueError(f"A reward grant cannot be negative, not {grant}.")
    if achievement is None or not reward_earned(achievement=achievement):
        return _ZERO
    return grant * min(achievement, _ONE)


# ------------------------------------------------------------------- projection


@dataclass(frozen=True)
class Projection:
    projected_value: Decimal | None
    on_course: bool | None
    gap: Decimal | None  # how far the projection falls short of the target; never < 0


def projection(
    *,
    points: Sequence[tuple[Period, Decimal]],
    target_period: Period,
    target_value: Decimal,
    polarity: Polarity,
) -> Projection:
    """Where the trend so far will be at the target period.

    Rule: "Fit a least-squares straight line through the values so far and extend it to
    the target period. The indicator is on course when that projected value meets or
    beats the target; the gap is how far it falls short (0 when on course)."

    - Positions on the line are ``Period.index`` (quarters evenly spaced, a year on its
      Q4).
    - Fewer than two distinct periods give no line: nothing is projected.
    - With no better direction (Polarity.NEITHER) the value is projected but neither
      "on course" nor a gap is judged.
    """
    if len({period.index for period, _ in points}) < 2:
        return Projection(None, None, None)
    # Measure from the earliest point to keep the sums small, and carry sums rather than
    # means so that the only inexact step is the final division.
    origin = min(period.index for period, _ in points)
    xs = [period.index - origin for period, _ in points]
    ys = [value for _, value in points]
    n = len(points)
    sum_x, sum_y = sum(xs), sum(ys, _ZERO)
    s_xx = n * sum(x * x for x in xs) - sum_x * sum_x
    s_xy = n * sum((x * y for x, y in zip(xs, ys, strict=True)), _ZERO) - sum_x * sum_y
    at = target_period.index - origin
    projected = (sum_y * s_xx + s_xy * (n * at - sum_x)) / (n * s_xx)

    if polarity is Polarity.NEITHER:
        return Projection(projected, None, None)
    shortfall = (
        target_value - projected if polarity is Polarity.HIGHER else projected - target_value
    )
    if shortfall <= 0:
        return Projection(projected, True, _ZERO)
    return Projection(projected, False, shortfall)
