"""The XmR chart's rules (targets/spc.py), table by table, with no database."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from indicators.enums import Polarity
from targets.spc import (
    LIMIT_FACTOR,
    MIN_POINTS,
    NOT_ENOUGH_DATA,
    RUN_LENGTH,
    Assurance,
    Limits,
    Rule,
    Side,
    Signal,
    Variation,
    assurance,
    close_to_limits,
    limits,
    mean,
    moving_ranges,
    outside_limits,
    point_variation,
    shifts,
    signal_variation,
    spc,
    trends,
)

D = Decimal
HIGHER, LOWER, NEITHER = Polarity.HIGHER, Polarity.LOWER, Polarity.NEITHER
HIGH, LOW = Side.HIGH, Side.LOW
COMMON, IMPROVEMENT, CONCERN = Variation.COMMON_CAUSE, Variation.IMPROVEMENT, Variation.CONCERN
NEUTRAL, NO_DATA = Variation.NEUTRAL, Variation.NOT_ENOUGH_DATA
PASS, FAIL, HIT_AND_MISS = Assurance.PASS, Assurance.FAIL, Assurance.HIT_AND_MISS
NOT_ASSESSED = Assurance.NOT_ASSESSED


def xs(text: str) -> list[Decimal]:
    """A series from its values separated by spaces."""
    return [D(x) for x in text.split()]


def marks(text: str, side: Side) -> frozenset[tuple[int, Side]]:
    """Positions (separated by spaces) flagged on one side."""
    return frozenset((int(i), side) for i in text.split())


NONE: frozenset[tuple[int, Side]] = frozenset()
# Mean 10, mR-bar 1: limits 7.34 and 12.66; two-thirds lines 8.226... and 11.773...
TEN = Limits(mean=D(10), mr_bar=D(1), baseline_points=12)
# Mean 0, mR-bar 3: limits -7.98 and 7.98; two-thirds lines -5.32 and 5.32 exactly.
ZERO = Limits(mean=D(0), mr_bar=D(3), baseline_points=12)
STABLE = "9 11 " * 6  # 12 points, mean 10, every moving range 2


# ======================================================================= constants


def test_the_method_s_constants() -> None:
    assert MIN_POINTS == 12
    assert RUN_LENGTH == 7
    assert D("2.66") == LIMIT_FACTOR
    assert NOT_ENOUGH_DATA == "Not enough data for SPC"


@pytest.mark.parametrize(
    ("member", "label"),
    [
        (Rule.OUTSIDE_LIMITS, "Outside the process limits"),
        (Rule.SHIFT, "Shift: 7 or more points on one side of the mean"),
        (Rule.TREND, "Trend: 7 or more points rising or falling"),
        (Rule.CLOSE_TO_LIMIT, "Two of three points close to a limit"),
        (COMMON, "Common cause"),
        (IMPROVEMENT, "Special cause improvement"),
        (CONCERN, "Special cause concern"),
        (NEUTRAL, "Special cause (neither better nor worse)"),
        (NO_DATA, "Not enough data for SPC"),
        (PASS, "Consistently pass"),
        (FAIL, "Consistently fail"),
        (HIT_AND_MISS, "Hit and miss"),
        (NOT_ASSESSED, "Not assessed"),
    ],
)
def test_labels_are_the_users_words(member: Rule | Variation | Assurance, label: str) -> None:
    assert member.label == label


# ====================================================================== the limits


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param("7", "7", id="one value"),
        pytest.param("1 2 3 4", "2.5", id="several"),
        pytest.param("-4 2", "-1", id="negative values"),
    ],
)
def test_mean(values: str, expected: str) -> None:
    assert mean(xs(values)) == D(expected)


def test_mean_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="no values"):
        mean([])


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param("", "", id="no points: no ranges"),
        pytest.param("5", "", id="one point: no ranges"),
        pytest.param("1 4 2", "3 2", id="absolute differences"),
        pytest.param("3 3 3", "0 0", id="flat: zero ranges"),
    ],
)
def test_moving_ranges(values: str, expected: str) -> None:
    assert moving_ranges(xs(values)) == xs(expected)


def test_limits_are_the_mean_plus_and_minus_2_66_mr_bar() -> None:
    bounds = limits(xs(STABLE))
    assert (bounds.mean, bounds.mr_bar, bounds.baseline_points) == (D(10), D(2), 12)
    assert (bounds.lower, bounds.upper) == (D("4.68"), D("15.32"))
    assert bounds.upper_two_thirds == D(10) + D("5.32") * 2 / 3
    assert bounds.lower_two_thirds == D(10) - D("5.32") * 2 / 3


def test_the_two_thirds_lines_of_an_exact_case() -> None:
    assert (ZERO.lower_two_thirds, ZERO.upper_two_thirds) == (D("-5.32"), D("5.32"))


def test_fixed_limits_come_from_the_baseline_only() -> None:
    bounds = limits(xs("1 3 1 3 50 90"), baseline_points=4)
    assert (bounds.mean, bounds.mr_bar, bounds.baseline_points) == (D(2), D(2), 4)


def test_a_baseline_longer_than_the_series_uses_the_whole_series() -> None:
    assert limits(xs("1 3 5"), baseline_points=20) == Limits(D(3), D(2), 3)


def test_a_flat_series_has_limits_on_its_mean() -> None:
    bounds = limits(xs("4 4 4"))
    assert (bounds.lower, bounds.mean, bounds.upper) == (D(4), D(4), D(4))


@pytest.mark.parametrize(
    ("values", "baseline", "message"),
    [
        pytest.param("", None, "at least 2 points", id="no points"),
        pytest.param("5", None, "at least 2 points", id="one point"),
        pytest.param("1 2 3", 1, "baseline needs at least 2 points, not 1", id="baseline of 1"),
        pytest.param("1 2 3", 0, "baseline needs at least 2 points, not 0", id="baseline of 0"),
    ],
)
def test_limits_need_two_points(values: str, baseline: int | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        limits(xs(values), baseline_points=baseline)


# ================================================================ outside the limits


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param("", NONE, id="no points"),
        pytest.param("10 8 12", NONE, id="inside"),
        pytest.param("12.66 7.34", NONE, id="exactly on a limit is inside"),
        pytest.param("12.67", marks("0", HIGH), id="just above the upper limit"),
        pytest.param("7.33", marks("0", LOW), id="just below the lower limit"),
        pytest.param(
            "10 20 10 0", marks("1", HIGH) | marks("3", LOW), id="one each side, flagged alone"
        ),
    ],
)
def test_outside_limits(values: str, expected: frozenset[tuple[int, Side]]) -> None:
    assert outside_limits(xs(values), TEN) == expected


# ========================================================================== shifts


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param("", NONE, id="no points"),
        pytest.param("11 11 11 11 11 11", NONE, id="series shorter than a shift"),
        pytest.param("9 11 11 11 11 11 11 9", NONE, id="6 above is not a shift"),
        pytest.param("11 11 11 11 11 11 11", marks("0 1 2 3 4 5 6", HIGH), id="7 above"),
        pytest.param(
            "12 9 8 9 9 8 9 9 12", marks("1 2 3 4 5 6 7", LOW), id="7 below, between others"
        ),
        pytest.param(
            "11 11 11 11 11 11 11 11 11", marks("0 1 2 3 4 5 6 7 8", HIGH), id="9 above: all 9"
        ),
        pytest.param("11 11 11 10 11 11 11 11", NONE, id="a point on the mean breaks the run"),
        pytest.param(
            "11 11 11 11 11 11 11 10",
            marks("0 1 2 3 4 5 6", HIGH),
            id="a point on the mean after a run is not part of it",
        ),
        pytest.param("10 10 10 10 10 10 10", NONE, id="all on the mean: no side, no shift"),
        pytest.param(
            "11 11 11 11 11 11 11 9 9 9 9 9 9 9",
            marks("0 1 2 3 4 5 6", HIGH) | marks("7 8 9 10 11 12 13", LOW),
            id="a shift each side",
        ),
    ],
)
def test_shifts(values: str, expected: frozenset[tuple[int, Side]]) -> None:
    assert shifts(xs(values), D(10)) == expected


def test_a_shift_of_another_length() -> None:
    assert shifts(xs("11 11 9"), D(10), length=2) == marks("0 1", HIGH)


# ========================================================================== trends


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param("", NONE, id="no points"),
        pytest.param("5", NONE, id="one point"),
        pytest.param("1 2 3 4 5 6", NONE, id="series shorter than a trend"),
        pytest.param("9 1 2 3 4 5 6 0", NONE, id="6 rising is not a trend"),
        pytest.param("1 2 3 4 5 6 7", marks("0 1 2 3 4 5 6", HIGH), id="7 rising"),
        pytest.param("7 6 5 4 3 2 1", marks("0 1 2 3 4 5 6", LOW), id="7 falling"),
        pytest.param(
            "0 9 8 7 6 5 4 3 2 9", marks("1 2 3 4 5 6 7 8", LOW), id="8 falling between others"
        ),
        pytest.param("1 2 3 3 4 5 6 7", NONE, id="a tie breaks a trend"),
        pytest.param(
            "1 2 3 3 4 5 6 7 8 9",
            marks("3 4 5 6 7 8 9", HIGH),
            id="a trend may start at the tie",
        ),
        pytest.param(
            "1 2 3 4 5 6 7 6 5 4 3 2 1",
            marks("0 1 2 3 4 5 6", HIGH) | marks("6 7 8 9 10 11 12", LOW),
            id="the peak belongs to the rise and the fall",
        ),
        pytest.param("-3 -2 -1 0 1 2 3", marks("0 1 2 3 4 5 6", HIGH), id="through zero"),
    ],
)
def test_trends(values: str, expected: frozenset[tuple[int, Side]]) -> None:
    assert trends(xs(values)) == expected


def test_a_trend_of_another_length() -> None:
    assert trends(xs("1 2 3 1"), length=3) == marks("0 1 2", HIGH)


# ===================================================== two of three close to a limit
# Against ZERO: the two-thirds lines are 5.32 and -5.32, the limits 7.98 and -7.98.


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param("", NONE, id="no points"),
        pytest.param("6 6", NONE, id="series shorter than three points"),
        pytest.param("6 0 0", NONE, id="one of three"),
        pytest.param("6 6 0", marks("0 1", HIGH), id="first two of three"),
        pytest.param("6 0 6", marks("0 2", HIGH), id="first and third: the middle is not"),
        pytest.param("0 6 6", marks("1 2", HIGH), id="last two of three"),
        pytest.param("6 6 6", marks("0 1 2", HIGH), id="three of three"),
        pytest.param("-6 0 -6", marks("0 2", LOW), id="below"),
        pytest.param("6 0 0 6", NONE, id="two of four, not within three"),
        pytest.param("6 -6 0", NONE, id="two of three on opposite sides"),
        pytest.param("6 -6 6", marks("0 2", HIGH), id="two high around one low"),
        pytest.param("5.32 5.32 6", NONE, id="exactly on the two-thirds line is not beyond"),
        pytest.param("5.33 0 5.33", marks("0 2", HIGH), id="just beyond the two-thirds line"),
        pytest.param("-5.32 -6 -5.32", NONE, id="exactly on the lower two-thirds line"),
        pytest.param("-5.33 -5.33", NONE, id="two points: no window of three"),
        pytest.param("-5.33 -5.33 0", marks("0 1", LOW), id="just beyond the lower line"),
        pytest.param("9 6 0", marks("0 1", HIGH), id="a point outside the limits counts"),
        pytest.param(
            "0 0 6 0 6 0 6 0 0", marks("2 4 6", HIGH), id="overlapping windows flag each point"
        ),
    ],
)
def test_close_to_limits(values: str, expected: frozenset[tuple[int, Side]]) -> None:
    assert close_to_limits(xs(values), ZERO) == expected


def test_close_to_limits_is_exact_where_the_line_is_not() -> None:
    # TEN's two-thirds line is 10 + 2.66 * 2/3 = 11.7733...: a point on 11.7733333 is below it.
    on_either_side = xs("11.7733333 11.7733333 11.7733334 11.7733334")
    assert close_to_limits(on_either_side, TEN) == marks("2 3", HIGH)


# ========================================================= improvement or concern


@pytest.mark.parametrize(
    ("side", "polarity", "expected"),
    [
        (HIGH, HIGHER, IMPROVEMENT),
        (LOW, HIGHER, CONCERN),
        (HIGH, LOWER, CONCERN),
        (LOW, LOWER, IMPROVEMENT),
        (HIGH, NEITHER, NEUTRAL),
        (LOW, NEITHER, NEUTRAL),
    ],
)
def test_signal_variation_follows_polarity(
    side: Side, polarity: Polarity, expected: Variation
) -> None:
    assert signal_variation(side, polarity) is expected


@pytest.mark.parametrize(
    ("signals", "expected"),
    [
        pytest.param([], COMMON, id="no signal: common cause"),
        pytest.param([IMPROVEMENT], IMPROVEMENT, id="improvement"),
        pytest.param([CONCERN, CONCERN], CONCERN, id="concern"),
        pytest.param([NEUTRAL], NEUTRAL, id="neutral"),
        pytest.param([IMPROVEMENT, CONCERN], CONCERN, id="concern outweighs improvement"),
        pytest.param([NEUTRAL, IMPROVEMENT], IMPROVEMENT, id="improvement outweighs neutral"),
    ],
)
def test_point_variation(signals: list[Variation], expected: Variation) -> None:
    assert point_variation(signals) is expected


# ======================================================================= assurance
# Against TEN: the limits are 7.34 and 12.66.


@pytest.mark.parametrize(
    ("target", "polarity", "expected"),
    [
        pytest.param("7", HIGHER, PASS, id="higher is better: target below the limits"),
        pytest.param("7.33", HIGHER, PASS, id="higher is better: just below the lower limit"),
        pytest.param("7.34", HIGHER, HIT_AND_MISS, id="higher is better: on the lower limit"),
        pytest.param("10", HIGHER, HIT_AND_MISS, id="higher is better: on the mean"),
        pytest.param("12.66", HIGHER, HIT_AND_MISS, id="higher is better: on the upper limit"),
        pytest.param("12.67", HIGHER, FAIL, id="higher is better: above the limits"),
        pytest.param("7.33", LOWER, FAIL, id="lower is better: below the limits"),
        pytest.param("7.34", LOWER, HIT_AND_MISS, id="lower is better: on the lower limit"),
        pytest.param("12.66", LOWER, HIT_AND_MISS, id="lower is better: on the upper limit"),
        pytest.param("12.67", LOWER, PASS, id="lower is better: above the limits"),
        pytest.param("7", NEITHER, NOT_ASSESSED, id="no better direction: not assessed"),
        pytest.param(None, HIGHER, NOT_ASSESSED, id="no target: not assessed"),
    ],
)
def test_assurance(target: str | None, polarity: Polarity, expected: Assurance) -> None:
    value = None if target is None else D(target)
    assert assurance(target=value, bounds=TEN, polarity=polarity) is expected


# ======================================================================= the chart


def variations(
    values: str,
    polarity: Polarity = HIGHER,
    *,
    baseline_points: int | None = None,
    rebase_at: Sequence[int] = (),
) -> list[str]:
    """Each point's variation as a letter: c(ommon cause), i(mprovement), x (concern),
    n(eutral)."""
    chart = spc(xs(values), polarity=polarity, baseline_points=baseline_points, rebase_at=rebase_at)
    letters = {COMMON: "c", IMPROVEMENT: "i", CONCERN: "x", NEUTRAL: "n"}
    return [letters[point.variation] for point in chart.points]


@pytest.mark.parametrize(
    "values",
    [
        pytest.param("", id="no points"),
        pytest.param("9 11 " * 5 + "9", id="11 points"),
    ],
)
def test_fewer_than_12_points_is_not_enough_data(values: str) -> None:
    chart = spc(xs(values), polarity=HIGHER, target=D(1), rebase_at=[3], baseline_points=1)
    assert not chart.enough_data
    assert (chart.points, chart.parts) == ((), ())
    assert (chart.variation, chart.assurance) == (NO_DATA, NOT_ASSESSED)


def test_12_stable_points_are_common_cause() -> None:
    chart = spc(xs(STABLE), polarity=HIGHER, target=D(10))
    assert chart.enough_data
    assert chart.parts == (Limits(D(10), D(2), 12),)
    assert [point.value for point in chart.points] == xs(STABLE)
    assert [point.moving_range for point in chart.points] == [None] + [D(2)] * 11
    assert all(point.limits == chart.parts[0] for point in chart.points)
    assert all(point.signals == () for point in chart.points)
    assert (chart.variation, chart.assurance) == (COMMON, HIT_AND_MISS)


# 11 points swinging about the mean, then a leap: mean 16.66..., upper limit 89.19...
LEAP = "0 20 " * 5 + "0 100"


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [(HIGHER, IMPROVEMENT), (LOWER, CONCERN), (NEITHER, NEUTRAL)],
)
def test_the_latest_point_s_variation_follows_polarity(
    polarity: Polarity, expected: Variation
) -> None:
    chart = spc(xs(LEAP), polarity=polarity)
    assert chart.points[-1].signals == (Signal(Rule.OUTSIDE_LIMITS, HIGH, expected),)
    assert chart.variation is expected
    assert [p.variation for p in chart.points[:-1]] == [COMMON] * 11


def test_each_rule_flags_the_points_it_covers() -> None:
    # Five low points, then seven high and falling. Higher is better: the five are below
    # the lower limit (concern); the seven are a shift above the mean (improvement) and a
    # fall (concern); the first three are above the upper limit and the first five close
    # to it (improvement).
    values = "1 2 1 2 1 20 19 18 17 16 15 14"
    chart = spc(xs(values), polarity=HIGHER)
    bounds = chart.parts[0]
    assert bounds.mean == D("10.5")
    assert bounds.upper == D("10.5") + LIMIT_FACTOR * D(29) / 11
    assert chart.points[0].signals == (
        Signal(Rule.OUTSIDE_LIMITS, LOW, CONCERN),
        Signal(Rule.CLOSE_TO_LIMIT, LOW, CONCERN),
    )
    first_high = chart.points[5]
    assert first_high.signals == (
        Signal(Rule.OUTSIDE_LIMITS, HIGH, IMPROVEMENT),
        Signal(Rule.SHIFT, HIGH, IMPROVEMENT),
        Signal(Rule.TREND, LOW, CONCERN),
        Signal(Rule.CLOSE_TO_LIMIT, HIGH, IMPROVEMENT),
    )
    assert chart.points[-1].signals == (
        Signal(Rule.SHIFT, HIGH, IMPROVEMENT),
        Signal(Rule.TREND, LOW, CONCERN),
    )
    assert variations(values) == list("x" * 12)
    assert chart.variation is CONCERN


def test_a_falling_trend_when_lower_is_better_against_a_shift_above() -> None:
    values = "1 2 1 2 1 20 19 18 17 16 15 14"
    assert spc(xs(values), polarity=LOWER).variation is CONCERN
    assert spc(xs(values), polarity=NEITHER).variation is NEUTRAL
    assert variations(values, NEITHER) == list("n" * 12)


def test_a_point_on_the_mean_breaks_a_shift_in_the_chart() -> None:
    # Six points above the mean, one on it (the mean is exactly 10), six below.
    on_mean = "11 15 11 15 11 15 10 9 5 9 5 9 5"
    assert spc(xs(on_mean), polarity=HIGHER).parts[0].mean == D(10)
    assert variations(on_mean) == list("c" * 13)
    # The same with 11 for the 10: seven above in a row.
    off_mean = "11 15 11 15 11 15 11 9 5 9 5 9 5"
    assert variations(off_mean) == list("i" * 7 + "c" * 6)


# ---------------------------------------------------------------- fixed limits

STEP_UP = STABLE + "19 21 " * 6  # 12 points around 10, then 12 around 20


def test_fixed_limits_judge_the_points_after_the_baseline() -> None:
    chart = spc(xs(STEP_UP), polarity=HIGHER, baseline_points=12)
    assert chart.parts == (Limits(D(10), D(2), 12),)
    assert (chart.parts[0].lower, chart.parts[0].upper) == (D("4.68"), D("15.32"))
    # Every later point is above the baseline's upper limit, and the baseline's last
    # point (11, above its mean of 10) starts the shift that they make.
    assert variations(STEP_UP, baseline_points=12) == list("c" * 11 + "i" * 13)
    assert all(Rule.OUTSIDE_LIMITS in {s.rule for s in p.signals} for p in chart.points[12:])


def test_limits_from_every_point_when_not_fixed() -> None:
    chart = spc(xs(STEP_UP), polarity=HIGHER)
    assert chart.parts[0].mean == D(15)
    assert chart.parts[0].baseline_points == 24
    # The step itself makes the moving ranges large: the shift shows, not points outside.
    assert variations(STEP_UP) == list("x" * 12 + "i" * 12)
    assert all(Rule.OUTSIDE_LIMITS not in {s.rule for s in p.signals} for p in chart.points)


# -------------------------------------------------------------------- rebasing


def test_rebasing_gives_each_part_its_own_limits() -> None:
    chart = spc(xs(STEP_UP), polarity=HIGHER, target=D(18), rebase_at=[12])
    assert chart.parts == (Limits(D(10), D(2), 12), Limits(D(20), D(2), 12))
    assert [p.limits for p in chart.points] == [chart.parts[0]] * 12 + [chart.parts[1]] * 12
    # The moving range across the cut (11 to 19) is not counted.
    assert chart.points[12].moving_range is None
    assert variations(STEP_UP, rebase_at=[12]) == list("c" * 24)
    # The assurance is against the latest part: 18 is inside 14.68 to 25.32.
    assert chart.assurance is HIT_AND_MISS


def test_no_rule_runs_across_a_rebase() -> None:
    # Twelve points ending on four above the mean, then a part starting on four above its
    # own: eight above in a row, but no shift within either part.
    first = "9 11 9 11 9 9 9 9 11 11 11 11"
    second = "11 11 11 11 9 9 9 9 11 9 11 9"
    assert variations(first + " " + second, rebase_at=[12]) == list("c" * 24)


def test_rebasing_and_fixed_limits_together() -> None:
    values = STABLE + "1 3 " * 6 + "90"
    chart = spc(xs(values), polarity=LOWER, rebase_at=[12], baseline_points=12)
    assert chart.parts[1] == Limits(D(2), D(2), 12)
    assert chart.variation is CONCERN  # 90 is above the second part's fixed limits


@pytest.mark.parametrize(
    ("rebase_at", "message"),
    [
        pytest.param([0], "inside the series", id="at the first point"),
        pytest.param([24], "inside the series", id="after the last point"),
        pytest.param([-1], "inside the series", id="negative"),
        pytest.param([12, 12], "distinct", id="twice"),
        pytest.param([18, 6], "in order", id="out of order"),
        pytest.param([11], "at least 12 points", id="a short first part"),
        pytest.param([13], "at least 12 points", id="a short last part"),
        pytest.param([6, 12], "at least 12 points", id="a short middle part"),
    ],
)
def test_bad_rebasing_is_refused(rebase_at: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        spc(xs(STEP_UP), polarity=HIGHER, rebase_at=rebase_at)


def test_bad_baseline_is_refused() -> None:
    with pytest.raises(ValueError, match="baseline needs at least 2 points"):
        spc(xs(STABLE), polarity=HIGHER, baseline_points=1)


# ------------------------------------------------------------------- assurance


@pytest.mark.parametrize(
    ("target", "polarity", "expected"),
    [
        pytest.param("4", HIGHER, PASS, id="higher is better, target under the limits"),
        pytest.param("16", HIGHER, FAIL, id="higher is better, target over the limits"),
        pytest.param("4", LOWER, FAIL, id="lower is better, target under the limits"),
        pytest.param("16", LOWER, PASS, id="lower is better, target over the limits"),
        pytest.param("15.32", HIGHER, HIT_AND_MISS, id="target on the upper limit"),
        pytest.param("16", NEITHER, NOT_ASSESSED, id="no better direction"),
        pytest.param(None, HIGHER, NOT_ASSESSED, id="no target"),
    ],
)
def test_the_chart_s_assurance(target: str | None, polarity: Polarity, expected: Assurance) -> None:
    value = None if target is None else D(target)
    assert spc(xs(STABLE), polarity=polarity, target=value).assurance is expected
