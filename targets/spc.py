"""Statistical process control: the XmR ("plot the dots") chart, as plain functions.

NHS England's "Making Data Count" method tells common-cause variation (the noise a
process always makes) from special cause (a signal worth acting on), and says whether a
target will ever be met by the process as it runs. Nothing here touches Django, the
database, settings or the clock; every value is a ``Decimal`` and only the two-thirds
lines (for drawing) involve a division that is not exact.

The method, for one indicator's series in one area, in time order:

- The mean of the points, the moving ranges ``|x(i) - x(i-1)|``, their mean (mR-bar), and
  the process limits ``mean ± 2.66 × mR-bar``. With fewer than 12 points there is not
  enough data for SPC.
- Fixed limits (``baseline_points``): the mean and mR-bar come from the first N points and
  hold for the points after them.
- Rebasing (``rebase_at``): the series is cut into parts at the chosen points, each part
  with its own limits, when a process is known to have changed. The moving range across
  a cut is not counted, and no rule runs across a cut.
- Special cause, each flagged on the points it covers (see the rule functions): a point
  outside the limits; a shift (7 or more points on one side of the mean); a trend (7 or
  more points each higher, or each lower, than the one before); two of three points close
  to a limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from indicators.enums import Polarity

MIN_POINTS = 12  # fewer than this: not enough data for SPC
RUN_LENGTH = 7  # points in a shift or a trend
LIMIT_FACTOR = Decimal("2.66")  # 3 sigma for an XmR chart: 3 / 1.128
NOT_ENOUGH_DATA = "Not enough data for SPC"


class Side(StrEnum):
    """Which way a signal points: above the mean (or rising), or below it (or falling)."""

    HIGH = "high"
    LOW = "low"


class Rule(StrEnum):
    OUTSIDE_LIMITS = "outside_limits"
    SHIFT = "shift"
    TREND = "trend"
    CLOSE_TO_LIMIT = "close_to_limit"

    @property
    def label(self) -> str:
        return _RULE_LABELS[self]


_RULE_LABELS = {
    Rule.OUTSIDE_LIMITS: "Outside the process limits",
    Rule.SHIFT: f"Shift: {RUN_LENGTH} or more points on one side of the mean",
    Rule.TREND: f"Trend: {RUN_LENGTH} or more points rising or falling",
    Rule.CLOSE_TO_LIMIT: "Two of three points close to a limit",
}


class Variation(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEUTRAL = "special_cause_neutral"
    NOT_ENOUGH_DATA = "not_enough_data"

    @property
    def label(self) -> str:
        return _VARIATION_LABELS[self]


_VARIATION_LABELS = {
    Variation.COMMON_CAUSE: "Common cause",
    Variation.IMPROVEMENT: "Special cause improvement",
    Variation.CONCERN: "Special cause concern",
    Variation.NEUTRAL: "Special cause (neither better nor worse)",
    Variation.NOT_ENOUGH_DATA: NOT_ENOUGH_DATA,
}


class Assurance(StrEnum):
    PASS = "consistently_pass"
    FAIL = "consistently_fail"
    HIT_AND_MISS = "hit_and_miss"
    NOT_ASSESSED = "not_assessed"

    @property
    def label(self) -> str:
        return _ASSURANCE_LABELS[self]


_ASSURANCE_LABELS = {
    Assurance.PASS: "Consistently pass",
    Assurance.FAIL: "Consistently fail",
    Assurance.HIT_AND_MISS: "Hit and miss",
    Assurance.NOT_ASSESSED: "Not assessed",
}

# A set of flagged points: (position in the series, which way the signal points).
Marks = frozenset[tuple[int, Side]]


# ------------------------------------------------------------------ the limits


def mean(values: Sequence[Decimal]) -> Decimal:
    """The arithmetic mean. An empty series raises ValueError."""
    if not values:
        raise ValueError("The mean of no values is not defined.")
    return sum(values, Decimal(0)) / len(values)


def moving_ranges(values: Sequence[Decimal]) -> list[Decimal]:
    """``|x(i) - x(i-1)|`` for each point after the first: one fewer than the points."""
    return [abs(b - a) for a, b in zip(values, values[1:], strict=False)]


@dataclass(frozen=True)
class Limits:
    """The centre line and process limits of one part of a series."""

    mean: Decimal
    mr_bar: Decimal
    baseline_points: int  # how many points the mean and mR-bar come from

    @property
    def upper(self) -> Decimal:
        return self.mean + LIMIT_FACTOR * self.mr_bar

    @property
    def lower(self) -> Decimal:
        return self.mean - LIMIT_FACTOR * self.mr_bar

    @property
    def upper_two_thirds(self) -> Decimal:
        """Two thirds of the way from the mean to the upper limit (for drawing)."""
        return self.mean + (self.upper - self.mean) * 2 / 3

    @property
    def lower_two_thirds(self) -> Decimal:
        return self.mean - (self.mean - self.lower) * 2 / 3


def limits(values: Sequence[Decimal], *, baseline_points: int | None = None) -> Limits:
    """The mean, mR-bar and limits of ``values``, from the first ``baseline_points`` of
    them when given (fixed limits), else from all of them.

    A baseline longer than the series uses the whole series (the limits are not yet
    fixed). Fewer than two points, or a baseline of fewer than two, raise ValueError: a
    moving range needs two points.
    """
    if baseline_points is not None and baseline_points < 2:
        raise ValueError(f"A baseline needs at least 2 points, not {baseline_points}.")
    if len(values) < 2:
        raise ValueError("Process limits need at least 2 points.")
    base = values[:baseline_points] if baseline_points is not None else values
    return Limits(mean=mean(base), mr_bar=mean(moving_ranges(base)), baseline_points=len(base))


# ------------------------------------------------------------------- the rules


def outside_limits(values: Sequence[Decimal], bounds: Limits) -> Marks:
    """Points above the upper limit or below the lower one. A point exactly on a limit
    is inside."""
    return frozenset(
        (i, Side.HIGH if x > bounds.upper else Side.LOW)
        for i, x in enumerate(values)
        if x > bounds.upper or x < bounds.lower
    )


def _runs(sides: Sequence[Side | None], length: int) -> Marks:
    """Every position in a run of ``length`` or more equal sides (None breaks a run)."""
    marks: set[tuple[int, Side]] = set()
    start = 0
    for i in range(1, len(sides) + 1):
        if i == len(sides) or sides[i] != sides[start]:
            side = sides[start]
            if side is not None and i - start >= length:
                marks.update((j, side) for j in range(start, i))
            start = i
    return frozenset(marks)


def shifts(values: Sequence[Decimal], centre: Decimal, length: int = RUN_LENGTH) -> Marks:
    """Runs of ``length`` or more consecutive points on the same side of the mean.

    Reading: a point exactly on the mean is on neither side, so it ends a run and is not
    part of one (Making Data Count leaves this open; counting it for neither side is the
    cautious choice, as it never makes a signal).
    """
    sides = [None if x == centre else Side.HIGH if x > centre else Side.LOW for x in values]
    return _runs(sides, length)


def trends(values: Sequence[Decimal], length: int = RUN_LENGTH) -> Marks:
    """Runs of ``length`` or more consecutive points each higher than the one before (or
    each lower).

    A point equal to the one before breaks a trend. The turning point of a rise followed
    by a fall belongs to both, so it can carry a rising and a falling mark.
    """
    steps = [
        None if b == a else Side.HIGH if b > a else Side.LOW
        for a, b in zip(values, values[1:], strict=False)
    ]
    # A run of k equal steps covers k + 1 points: step i joins point i and point i + 1.
    step_marks = _runs(steps, length - 1)
    return frozenset(mark for i, side in step_marks for mark in ((i, side), (i + 1, side)))


def close_to_limits(values: Sequence[Decimal], bounds: Limits) -> Marks:
    """Two of three consecutive points beyond two thirds of the way from the mean to a
    limit, on the same side; the points beyond are flagged (not the third point).

    "Beyond" is strict: a point exactly on the two-thirds line is not beyond it. A point
    outside the limits is beyond the two-thirds line too. Compared without dividing,
    ``3 × (x - mean)`` against ``2 × (limit - mean)``, so the test is exact.
    """
    gap = 2 * (bounds.upper - bounds.mean)  # the same below, as the limits are symmetric

    def side(x: Decimal) -> Side | None:
        if 3 * (x - bounds.mean) > gap:
            return Side.HIGH
        if 3 * (bounds.mean - x) > gap:
            return Side.LOW
        return None

    sides = [side(x) for x in values]
    marks: set[tuple[int, Side]] = set()
    for start in range(len(values) - 2):
        window = range(start, start + 3)
        for wanted in Side:
            beyond = [i for i in window if sides[i] is wanted]
            if len(beyond) >= 2:
                marks.update((i, wanted) for i in beyond)
    return frozenset(marks)


# ------------------------------------------------------- improvement or concern


def signal_variation(side: Side, polarity: Polarity) -> Variation:
    """A signal's meaning by the indicator's polarity: high is improvement when higher is
    better, concern when lower is better; with no better direction it is neutral."""
    if polarity is Polarity.NEITHER:
        return Variation.NEUTRAL
    good = Side.HIGH if polarity is Polarity.HIGHER else Side.LOW
    return Variation.IMPROVEMENT if side is good else Variation.CONCERN


def point_variation(variations: Iterable[Variation]) -> Variation:
    """One point's variation from the meanings of the signals on it: common cause with
    none. A point with both an improvement and a concern signal (a falling trend still
    above the mean, say) is a concern: a board should not be told all is well while one
    rule says otherwise."""
    found = set(variations)
    for variation in (Variation.CONCERN, Variation.IMPROVEMENT, Variation.NEUTRAL):
        if variation in found:
            return variation
    return Variation.COMMON_CAUSE


def assurance(*, target: Decimal | None, bounds: Limits, polarity: Polarity) -> Assurance:
    """Whether the process as it runs will meet the target.

    The target outside the limits on the good side (below the lower limit when higher is
    better): the process will consistently pass. Outside on the bad side: it will
    consistently fail (the target will not be met without changing the process). Inside
    the limits, or exactly on one, it will hit and miss at random. Not assessed with no
    target, or with no better direction (Polarity.NEITHER).
    """
    if target is None or polarity is Polarity.NEITHER:
        return Assurance.NOT_ASSESSED
    if target < bounds.lower:
        return Assurance.PASS if polarity is Polarity.HIGHER else Assurance.FAIL
    if target > bounds.upper:
        return Assurance.FAIL if polarity is Polarity.HIGHER else Assurance.PASS
    return Assurance.HIT_AND_MISS


# ------------------------------------------------------------------ the chart


@dataclass(frozen=True)
class Signal:
    rule: Rule
    side: Side
    variation: Variation  # improvement, concern or neutral


@dataclass(frozen=True)
class Point:
    value: Decimal
    limits: Limits  # of the part of the series the point is in
    moving_range: Decimal | None  # None for the first point of a part
    signals: tuple[Signal, ...]  # in the order of Rule, then HIGH before LOW

    @property
    def variation(self) -> Variation:
        return point_variation(signal.variation for signal in self.signals)


@dataclass(frozen=True)
class Spc:
    """An XmR chart: its points, the limits of each part, and what it says."""

    enough_data: bool
    points: tuple[Point, ...]  # empty when there is not enough data
    parts: tuple[Limits, ...]  # one per part, in order (one without rebasing)
    variation: Variation  # of the latest point
    assurance: Assurance  # of the target against the latest part's limits


def _parts(count: int, rebase_at: Sequence[int]) -> list[range]:
    """The positions in each part of a series of ``count`` points cut at ``rebase_at``."""
    cuts = list(rebase_at)
    if cuts != sorted(set(cuts)) or any(not 0 < cut < count for cut in cuts):
        raise ValueError(
            f"Rebasing points must be distinct, in order and inside the series, not {cuts}."
        )
    edges = [0, *cuts, count]
    parts = [range(a, b) for a, b in zip(edges, edges[1:], strict=False)]
    if any(len(part) < MIN_POINTS for part in parts):
        raise ValueError(f"Each part of a rebased series needs at least {MIN_POINTS} points.")
    return parts


def _signals(values: Sequence[Decimal], bounds: Limits) -> dict[Rule, Marks]:
    return {
        Rule.OUTSIDE_LIMITS: outside_limits(values, bounds),
        Rule.SHIFT: shifts(values, bounds.mean),
        Rule.TREND: trends(values),
        Rule.CLOSE_TO_LIMIT: close_to_limits(values, bounds),
    }


def spc(
    values: Sequence[Decimal],
    *,
    polarity: Polarity,
    target: Decimal | None = None,
    baseline_points: int | None = None,
    rebase_at: Sequence[int] = (),
) -> Spc:
    """The XmR chart of ``values`` (in time order) and its reading.

    - Fewer than ``MIN_POINTS`` (12) values: not enough data for SPC, whatever else is
      asked (no points, variation NOT_ENOUGH_DATA, assurance NOT_ASSESSED).
    - ``rebase_at``: the positions where a new part begins. Each part gets its own
      limits, moving ranges and rules; each must have at least 12 points, and the
      positions must be in order and inside the series, else ValueError.
    - ``baseline_points``: each part's limits are fixed from its first N points (from all
      of them when it has fewer); N must be at least 2, else ValueError.
    - The variation is the latest point's; the assurance compares the target with the
      latest part's limits.
    """
    if len(values) < MIN_POINTS:
        return Spc(False, (), (), Variation.NOT_ENOUGH_DATA, Assurance.NOT_ASSESSED)
    points: list[Point] = []
    parts: list[Limits] = []
    for part in _parts(len(values), rebase_at):
        chunk = values[part.start : part.stop]
        bounds = limits(chunk, baseline_points=baseline_points)
        marks = _signals(chunk, bounds)
        ranges: list[Decimal | None] = [None, *moving_ranges(chunk)]
        for i, value in enumerate(chunk):
            signals = tuple(
                Signal(rule, side, signal_variation(side, polarity))
                for rule in Rule
                for side in Side
                if (i, side) in marks[rule]
            )
            points.append(Point(value, bounds, ranges[i], signals))
        parts.append(bounds)
    return Spc(
        enough_data=True,
        points=tuple(points),
        parts=tuple(parts),
        variation=points[-1].variation,
        assurance=assurance(target=target, bounds=parts[-1], polarity=polarity),
    )
