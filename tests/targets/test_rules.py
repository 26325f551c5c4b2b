"""RAG, direction of travel, trajectory, stretch reward and projection, with no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.enums import Accumulation, Polarity
from partnership.periods import Period
from targets.rules import (
    DEFAULT_NO_CHANGE_BAND_PCT,
    DEFAULT_TOLERANCE_PCT,
    REWARD_FLOOR,
    Direction,
    Projection,
    Rag,
    Travel,
    direction,
    direction_of_travel,
    projection,
    rag,
    reward_earned,
    reward_grant_earned,
    stretch_achievement,
    stretch_achievement_words,
    trajectory,
)

D = Decimal
HIGHER, LOWER, NEITHER = Polarity.HIGHER, Polarity.LOWER, Polarity.NEITHER
GREEN, AMBER, RED, GREY = Rag.GREEN, Rag.AMBER, Rag.RED, Rag.GREY
IMPROVING, NO_CHANGE = Direction.IMPROVING, Direction.NO_CHANGE
WORSENING, NOT_ASSESSED = Direction.WORSENING, Direction.NOT_ASSESSED


def q(code: str) -> Period:
    return Period.parse(code)


# ============================================================================ RAG


def test_defaults() -> None:
    assert D("5") == DEFAULT_TOLERANCE_PCT
    assert D("1") == DEFAULT_NO_CHANGE_BAND_PCT
    assert D("0.60") == REWARD_FLOOR


@pytest.mark.parametrize(
    ("rating", "label"),
    [
        pytest.param(GREEN, "Green", id="green"),
        pytest.param(AMBER, "Amber", id="amber"),
        pytest.param(RED, "Red", id="red"),
        pytest.param(GREY, "No data", id="grey reads as no data"),
    ],
)
def test_rag_labels(rating: Rag, label: str) -> None:
    assert rating.label == label


def test_rag_values_are_stored_words() -> None:
    assert [r.value for r in Rag] == ["green", "amber", "red", "grey"]


@pytest.mark.parametrize(
    ("actual", "milestone", "polarity", "expected"),
    [
        # Higher is better, milestone 100, 5 % tolerance: amber down to 95.
        pytest.param("100", "100", HIGHER, GREEN, id="higher is better: exactly on milestone"),
        pytest.param("101", "100", HIGHER, GREEN, id="higher is better: beats milestone"),
        pytest.param("96", "100", HIGHER, AMBER, id="higher is better: inside tolerance"),
        pytest.param("95", "100", HIGHER, AMBER, id="higher is better: on tolerance boundary"),
        pytest.param("94.99", "100", HIGHER, RED, id="higher is better: just outside tolerance"),
        pytest.param("60", "100", HIGHER, RED, id="higher is better: well short"),
        # Lower is better, milestone 100: amber up to 105.
        pytest.param("100", "100", LOWER, GREEN, id="lower is better: exactly on milestone"),
        pytest.param("80", "100", LOWER, GREEN, id="lower is better: beats milestone"),
        pytest.param("104", "100", LOWER, AMBER, id="lower is better: just inside tolerance"),
        pytest.param("105", "100", LOWER, AMBER, id="lower is better: on tolerance boundary"),
        pytest.param("105.01", "100", LOWER, RED, id="lower is better: just outside tolerance"),
        pytest.param("150", "100", LOWER, RED, id="lower is better: well over"),
        # Small percentages keep their own scale: 5 % of 2.0 is 0.1.
        pytest.param("1.9", "2.0", HIGHER, AMBER, id="percentage point: on boundary"),
        pytest.param("1.89", "2.0", HIGHER, RED, id="percentage point: beyond boundary"),
        # Zero milestone: no room for any miss.
        pytest.param("0", "0", HIGHER, GREEN, id="zero milestone: exactly on"),
        pytest.param("3", "0", HIGHER, GREEN, id="zero milestone: higher beats it"),
        pytest.param("-0.01", "0", HIGHER, RED, id="zero milestone: any shortfall is red"),
        pytest.param("0.01", "0", LOWER, RED, id="zero milestone: any excess is red"),
        pytest.param("0", "0", LOWER, GREEN, id="zero milestone, lower is better: on"),
        # Negative milestones (a net reduction, a deficit) by their size: 5 % of 100 is 5.
        pytest.param("-100", "-100", HIGHER, GREEN, id="negative milestone: exactly on"),
        pytest.param("-50", "-100", HIGHER, GREEN, id="negative milestone, higher: beats"),
        pytest.param("-105", "-100", HIGHER, AMBER, id="negative milestone, higher: boundary"),
        pytest.param("-105.5", "-100", HIGHER, RED, id="negative milestone, higher: outside"),
        pytest.param("-120", "-100", LOWER, GREEN, id="negative milestone, lower: beats"),
        pytest.param("-95", "-100", LOWER, AMBER, id="negative milestone, lower: boundary"),
        pytest.param("-94", "-100", LOWER, RED, id="negative milestone, lower: outside"),
        # No better direction: green within 5 % either side, amber within 10 %.
        pytest.param("100", "100", NEITHER, GREEN, id="neither: exactly on milestone"),
        pytest.param("105", "100", NEITHER, GREEN, id="neither: on tolerance above"),
        pytest.param("95", "100", NEITHER, GREEN, id="neither: on tolerance below"),
        pytest.param("105.01", "100", NEITHER, AMBER, id="neither: just past tolerance above"),
        pytest.param("94.99", "100", NEITHER, AMBER, id="neither: just past tolerance below"),
        pytest.param("110", "100", NEITHER, AMBER, id="neither: on twice tolerance above"),
        pytest.param("90", "100", NEITHER, AMBER, id="neither: on twice tolerance below"),
        pytest.param("110.01", "100", NEITHER, RED, id="neither: past twice tolerance above"),
        pytest.param("89.99", "100", NEITHER, RED, id="neither: past twice tolerance below"),
        pytest.param("0", "0", NEITHER, GREEN, id="neither: zero milestone exactly on"),
        pytest.param("0.01", "0", NEITHER, RED, id="neither: zero milestone any distance"),
        pytest.param("-89", "-100", NEITHER, RED, id="neither: negative milestone outside"),
        pytest.param("-108", "-100", NEITHER, AMBER, id="neither: negative milestone amber"),
    ],
)
def test_rag(actual: str, milestone: str, polarity: Polarity, expected: Rag) -> None:
    assert rag(actual=D(actual), milestone=D(milestone), polarity=polarity) is expected


@pytest.mark.parametrize(
    ("actual", "milestone"),
    [
        pytest.param(None, D("100"), id="no value yet"),
        pytest.param(D("100"), None, id="no milestone: data only"),
        pytest.param(None, None, id="neither value nor milestone"),
    ],
)
@pytest.mark.parametrize("polarity", [HIGHER, LOWER, NEITHER])
def test_rag_is_grey_without_value_or_milestone(
    actual: Decimal | None, milestone: Decimal | None, polarity: Polarity
) -> None:
    assert rag(actual=actual, milestone=milestone, polarity=polarity) is GREY


@pytest.mark.parametrize(
    ("actual", "polarity", "tolerance", "expected"),
    [
        pytest.param("100", HIGHER, "0", GREEN, id="zero tolerance: exactly on is green"),
        pytest.param("99.99", HIGHER, "0", RED, id="zero tolerance: any shortfall is red"),
        pytest.param("100.01", LOWER, "0", RED, id="zero tolerance: any excess is red"),
        pytest.param("100.01", NEITHER, "0", RED, id="zero tolerance, neither: any distance"),
        pytest.param("91", HIGHER, "10", AMBER, id="ten per cent: inside tolerance"),
        pytest.param("90", HIGHER, "10", AMBER, id="ten per cent: on boundary"),
        pytest.param("89.9", HIGHER, "10", RED, id="ten per cent: outside tolerance"),
        pytest.param("119", NEITHER, "10", AMBER, id="ten per cent, neither: amber"),
    ],
)
def test_rag_with_other_tolerances(
    actual: str, polarity: Polarity, tolerance: str, expected: Rag
) -> None:
    rating = rag(
        actual=D(actual), milestone=D("100"), polarity=polarity, tolerance_pct=D(tolerance)
    )
    assert rating is expected


def test_rag_rejects_a_negative_tolerance() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        rag(actual=D(1), milestone=D(1), polarity=HIGHER, tolerance_pct=D("-5"))


def test_year_to_date_indicator_at_q2_is_judged_against_the_q2_milestone() -> None:
    # Annual target 800 referrals: by Q2 the year-to-date milestone is 400, not 800.
    profile = trajectory(
        baseline_period=q("2024-25"),
        baseline_value=D("600"),
        target_period=q("2025-26"),
        target_value=D("800"),
        milestones={},
        periods=[q("2025-26-Q2")],
        accumulation=Accumulation.CUMULATIVE,
    )
    q2_milestone = profile[q("2025-26-Q2")]
    assert q2_milestone == D("400")
    assert rag(actual=D("400"), milestone=q2_milestone, polarity=HIGHER) is GREEN
    assert rag(actual=D("390"), milestone=q2_milestone, polarity=HIGHER) is AMBER
    assert rag(actual=D("379"), milestone=q2_milestone, polarity=HIGHER) is RED
    # Against the annual figure the same Q2 return would wrongly be red.
    assert rag(actual=D("390"), milestone=D("800"), polarity=HIGHER) is RED


@pytest.mark.parametrize("quarter", ["2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4"])
def test_a_year_to_date_share_is_judged_against_the_year_s_figure_in_every_quarter(
    quarter: str,
) -> None:
    # Repeat incidents of domestic violence so far this year, as a percentage: 30 % by
    # Q1 is as good as 30 % by Q4, so the quarter's milestone is the year's, not a part.
    profile = trajectory(
        baseline_period=q("2024-25"),
        baseline_value=D("34"),
        target_period=q("2025-26"),
        target_value=D("30"),
        milestones={},
        periods=[q(quarter)],
        accumulation=Accumulation.CUMULATIVE,
        additive=False,
    )
    assert profile[q(quarter)] == D("30")
    assert rag(actual=D("29"), milestone=profile[q(quarter)], polarity=LOWER) is GREEN


# ========================================================== direction of travel


@pytest.mark.parametrize(
    ("travel", "label"),
    [
        pytest.param(IMPROVING, "Improving", id="improving"),
        pytest.param(NO_CHANGE, "No change", id="no change"),
        pytest.param(WORSENING, "Worsening", id="worsening"),
        pytest.param(NOT_ASSESSED, "Not assessed", id="not assessed"),
    ],
)
def test_direction_labels(travel: Direction, label: str) -> None:
    assert travel.label == label


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "expected"),
    [
        # Higher is better, previous 100, 1 % band: 99 to 101 is no change.
        pytest.param("110", "100", HIGHER, IMPROVING, id="higher is better: went up"),
        pytest.param("90", "100", HIGHER, WORSENING, id="higher is better: went down"),
        pytest.param("100", "100", HIGHER, NO_CHANGE, id="higher is better: identical"),
        pytest.param("100.5", "100", HIGHER, NO_CHANGE, id="higher is better: within band"),
        pytest.param("101", "100", HIGHER, NO_CHANGE, id="higher is better: on band edge up"),
        pytest.param("99", "100", HIGHER, NO_CHANGE, id="higher is better: on band edge down"),
        pytest.param("101.01", "100", HIGHER, IMPROVING, id="higher is better: just past band"),
        pytest.param("98.99", "100", HIGHER, WORSENING, id="higher is better: just below band"),
        # Lower is better.
        pytest.param("90", "100", LOWER, IMPROVING, id="lower is better: went down"),
        pytest.param("110", "100", LOWER, WORSENING, id="lower is better: went up"),
        pytest.param("99", "100", LOWER, NO_CHANGE, id="lower is better: on band edge"),
        pytest.param("101.01", "100", LOWER, WORSENING, id="lower is better: just past band"),
        pytest.param("98.99", "100", LOWER, IMPROVING, id="lower is better: just below band"),
        # Previous zero: the band has no width.
        pytest.param("0", "0", HIGHER, NO_CHANGE, id="previous zero: still zero"),
        pytest.param("0.01", "0", HIGHER, IMPROVING, id="previous zero: higher, went up"),
        pytest.param("-0.01", "0", HIGHER, WORSENING, id="previous zero: higher, went down"),
        pytest.param("0.01", "0", LOWER, WORSENING, id="previous zero: lower, went up"),
        pytest.param("-0.01", "0", LOWER, IMPROVING, id="previous zero: lower, went down"),
        # Negative previous: the band is a share of its size.
        pytest.param("-99.5", "-100", HIGHER, NO_CHANGE, id="negative previous: within band"),
        pytest.param("-90", "-100", HIGHER, IMPROVING, id="negative previous: higher, up"),
        pytest.param("-110", "-100", LOWER, IMPROVING, id="negative previous: lower, down"),
        # No better direction.
        pytest.param("150", "100", NEITHER, NOT_ASSESSED, id="neither: never assessed"),
    ],
)
def test_direction(current: str, previous: str, polarity: Polarity, expected: Direction) -> None:
    assert direction(current=D(current), previous=D(previous), polarity=polarity) is expected


@pytest.mark.parametrize(
    ("current", "previous"),
    [
        pytest.param(None, D("100"), id="no current value"),
        pytest.param(D("100"), None, id="no previous value"),
        pytest.param(None, None, id="no values at all"),
    ],
)
@pytest.mark.parametrize("polarity", [HIGHER, LOWER])
def test_direction_not_assessed_without_both_values(
    current: Decimal | None, previous: Decimal | None, polarity: Polarity
) -> None:
    assert direction(current=current, previous=previous, polarity=polarity) is NOT_ASSESSED


@pytest.mark.parametrize(
    ("current", "band", "expected"),
    [
        pytest.param("100.01", "0", IMPROVING, id="zero band: smallest rise counts"),
        pytest.param("100", "0", NO_CHANGE, id="zero band: identical is no change"),
        pytest.param("104", "5", NO_CHANGE, id="five per cent band: within"),
        pytest.param("105.5", "5", IMPROVING, id="five per cent band: beyond"),
    ],
)
def test_direction_with_other_bands(current: str, band: str, expected: Direction) -> None:
    travel = direction(
        current=D(current), previous=D("100"), polarity=HIGHER, no_change_band_pct=D(band)
    )
    assert travel is expected


def test_direction_rejects_a_negative_band() -> None:
    with pytest.raises(ValueError, match="no-change band"):
        direction(current=D(1), previous=D(1), polarity=HIGHER, no_change_band_pct=D("-1"))


@pytest.mark.parametrize(
    ("last_year", "previous", "polarity", "expected"),
    [
        pytest.param(
            "100", "120", HIGHER,
            Travel(against_last_year=IMPROVING, against_previous=WORSENING),
            id="better than last year, worse than last quarter",
        ),
        pytest.param(
            "120", "100", LOWER,
            Travel(against_last_year=IMPROVING, against_previous=WORSENING),
            id="lower is better: down on last year, up on last quarter",
        ),
        pytest.param(
            None, "120", HIGHER,
            Travel(against_last_year=NOT_ASSESSED, against_previous=WORSENING),
            id="no value a year ago",
        ),
        pytest.param(
            "100", None, HIGHER,
            Travel(against_last_year=IMPROVING, against_previous=NOT_ASSESSED),
            id="no value last quarter",
        ),
        pytest.param(
            "100", "120", NEITHER,
            Travel(against_last_year=NOT_ASSESSED, against_previous=NOT_ASSESSED),
            id="neither polarity: not assessed",
        ),
    ],
)  # fmt: skip
def test_direction_of_travel(
    last_year: str | None, previous: str | None, polarity: Polarity, expected: Travel
) -> None:
    travel = direction_of_travel(
        current=D("110"),
        previous_period=None if previous is None else D(previous),
        same_period_last_year=None if last_year is None else D(last_year),
        polarity=polarity,
    )
    assert travel == expected


def test_direction_of_travel_passes_the_band_on() -> None:
    travel = direction_of_travel(
        current=D("104"),
        previous_period=D("100"),
        same_period_last_year=D("100"),
        polarity=HIGHER,
        no_change_band_pct=D("5"),
    )
    assert travel == Travel(against_last_year=NO_CHANGE, against_previous=NO_CHANGE)


@pytest.mark.parametrize(
    ("against_last_year", "against_previous", "headline"),
    [
        pytest.param(IMPROVING, WORSENING, IMPROVING, id="last year leads"),
        pytest.param(NO_CHANGE, IMPROVING, NO_CHANGE, id="no change on last year still leads"),
        pytest.param(NOT_ASSESSED, WORSENING, WORSENING, id="falls back to previous period"),
        pytest.param(NOT_ASSESSED, NOT_ASSESSED, NOT_ASSESSED, id="nothing to report"),
    ],
)
def test_travel_headline(
    against_last_year: Direction, against_previous: Direction, headline: Direction
) -> None:
    travel = Travel(against_last_year=against_last_year, against_previous=against_previous)
    assert travel.headline is headline


# =================================================================== trajectory

BASE_Q4 = q("2024-25-Q4")
TARGET_Q4 = q("2025-26-Q4")
YEAR = [q(f"2025-26-Q{n}") for n in range(1, 5)]


def discrete(
    periods: list[Period],
    milestones: dict[Period, Decimal] | None = None,
    *,
    baseline_period: Period = BASE_Q4,
    target_period: Period = TARGET_Q4,
    accumulation: Accumulation = Accumulation.DISCRETE,
) -> dict[Period, Decimal]:
    """Baseline 100 and target 140, four quarters apart unless told otherwise."""
    return trajectory(
        baseline_period=baseline_period,
        baseline_value=D("100"),
        target_period=target_period,
        target_value=D("140"),
        milestones=milestones or {},
        periods=periods,
        accumulation=accumulation,
    )


@pytest.mark.parametrize(
    "accumulation",
    [Accumulation.DISCRETE, Accumulation.ROLLING, Accumulation.SNAPSHOT],
)
def test_trajectory_interpolates_a_straight_line(accumulation: Accumulation) -> None:
    profile = discrete(YEAR, accumulation=accumulation)
    assert profile == dict(zip(YEAR, [D(110), D(120), D(130), D(140)], strict=True))


def test_trajectory_keeps_the_order_of_the_periods_asked_for() -> None:
    assert list(discrete(YEAR[::-1])) == YEAR[::-1]


def test_trajectory_falling_target() -> None:
    profile = trajectory(
        baseline_period=BASE_Q4,
        baseline_value=D("30"),
        target_period=TARGET_Q4,
        target_value=D("10"),
        milestones={},
        periods=YEAR,
    )
    assert list(profile.values()) == [D(25), D(20), D(15), D(10)]


@pytest.mark.parametrize(
    ("milestones", "expected"),
    [
        pytest.param(
            {YEAR[1]: D("125")},
            [D("112.5"), D("125"), D("132.5"), D("140")],
            id="explicit Q2 milestone bends the line either side",
        ),
        pytest.param(
            {YEAR[0]: D("100"), YEAR[2]: D("100")},
            [D("100"), D("100"), D("100"), D("140")],
            id="flat first three quarters, step in Q4",
        ),
        pytest.param(
            {YEAR[3]: D("150")},
            [D("110"), D("120"), D("130"), D("150")],
            id="explicit milestone at the target period is used as given",
        ),
    ],
)
def test_trajectory_explicit_milestones_override(
    milestones: dict[Period, Decimal], expected: list[Decimal]
) -> None:
    assert list(discrete(YEAR, milestones).values()) == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param(q("2024-25-Q3"), None, id="quarter before baseline: omitted"),
        pytest.param(q("2023-24"), None, id="year before baseline: omitted"),
        pytest.param(BASE_Q4, D("100"), id="baseline period: baseline value"),
        pytest.param(q("2024-25"), D("100"), id="baseline year, same point as its Q4"),
        pytest.param(TARGET_Q4, D("140"), id="target period: target value"),
        pytest.param(q("2026-27-Q1"), D("140"), id="quarter after target: target holds"),
        pytest.param(q("2030-31"), D("140"), id="year long after target: target holds"),
    ],
)
def test_trajectory_ends(period: Period, expected: Decimal | None) -> None:
    assert discrete([period]).get(period) == expected


def test_trajectory_mixed_years_and_quarters() -> None:
    # Baseline and target are years (2024-25, 2026-27); a year sits on its Q4.
    periods = [*YEAR, q("2025-26"), q("2026-27-Q2"), q("2026-27")]
    profile = discrete(periods, baseline_period=q("2024-25"), target_period=q("2026-27"))
    assert profile == {
        YEAR[0]: D(105),
        YEAR[1]: D(110),
        YEAR[2]: D(115),
        YEAR[3]: D(120),
        q("2025-26"): D(120),
        q("2026-27-Q2"): D(130),
        q("2026-27"): D(140),
    }


def test_trajectory_year_milestone_shapes_quarters_around_it() -> None:
    profile = discrete(
        [q("2025-26-Q2"), q("2026-27-Q2")],
        {q("2025-26"): D("110")},
        baseline_period=q("2024-25"),
        target_period=q("2026-27"),
    )
    assert profile == {q("2025-26-Q2"): D("105"), q("2026-27-Q2"): D("125")}


@pytest.mark.parametrize(
    "milestones",
    [
        pytest.param({q("2025-26"): D("999"), q("2025-26-Q4"): D("120")}, id="year entered first"),
        pytest.param({q("2025-26-Q4"): D("120"), q("2025-26"): D("999")}, id="Q4 entered first"),
    ],
)
def test_trajectory_q4_milestone_beats_year_milestone_on_the_line(
    milestones: dict[Period, Decimal],
) -> None:
    profile = discrete(
        [q("2025-26-Q2"), q("2025-26"), q("2025-26-Q4")],
        milestones,
        target_period=q("2026-27-Q4"),
    )
    # Q2 lies on the line from 100 (baseline) to 120 (the Q4 milestone).
    assert profile == {
        q("2025-26-Q2"): D("110"),
        q("2025-26"): D("999"),
        q("2025-26-Q4"): D("120"),
    }


def test_trajectory_milestones_outside_the_span_do_not_bend_the_line() -> None:
    milestones = {q("2024-25-Q2"): D("90"), q("2026-27-Q2"): D("150"), BASE_Q4: D("70")}
    periods = [q("2024-25-Q2"), BASE_Q4, YEAR[0], q("2026-27-Q1"), q("2026-27-Q2")]
    assert discrete(periods, milestones) == {
        q("2024-25-Q2"): D("90"),
        BASE_Q4: D("70"),
        YEAR[0]: D("110"),
        q("2026-27-Q1"): D("140"),
        q("2026-27-Q2"): D("150"),
    }


def test_trajectory_keeps_full_precision() -> None:
    profile = trajectory(
        baseline_period=BASE_Q4,
        baseline_value=D("0"),
        target_period=q("2025-26-Q3"),
        target_value=D("1"),
        milestones={},
        periods=YEAR[:2],
    )
    assert profile == {YEAR[0]: D(1) / D(3), YEAR[1]: D(2) / D(3)}


@pytest.mark.parametrize(
    ("baseline_period", "target_period"),
    [
        pytest.param(TARGET_Q4, BASE_Q4, id="target before baseline"),
        pytest.param(BASE_Q4, BASE_Q4, id="target same as baseline"),
        pytest.param(q("2025-26"), TARGET_Q4, id="year and its Q4 are the same point"),
    ],
)
def test_trajectory_target_must_come_after_baseline(
    baseline_period: Period, target_period: Period
) -> None:
    with pytest.raises(ValueError, match="must come after the baseline"):
        discrete(YEAR, baseline_period=baseline_period, target_period=target_period)


# Year to date: 400 a year at baseline (2024-25), 800 a year by 2026-27, 600 in 2025-26.
BASE_YEAR, TARGET_YEAR = Period(2024), Period(2026)


def year_to_date(
    periods: list[Period],
    milestones: dict[Period, Decimal] | None = None,
    *,
    baseline_period: Period = BASE_YEAR,
    target_period: Period = TARGET_YEAR,
) -> dict[Period, Decimal]:
    return trajectory(
        baseline_period=baseline_period,
        baseline_value=D("400"),
        target_period=target_period,
        target_value=D("800"),
        milestones=milestones or {},
        periods=periods,
        accumulation=Accumulation.CUMULATIVE,
    )


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param(q("2025-26-Q1"), D("150"), id="Q1 is a quarter of the year-end figure"),
        pytest.param(q("2025-26-Q2"), D("300"), id="Q2 is half"),
        pytest.param(q("2025-26-Q3"), D("450"), id="Q3 is three quarters"),
        pytest.param(q("2025-26-Q4"), D("600"), id="Q4 is the year-end figure"),
        pytest.param(q("2025-26"), D("600"), id="the year is the year-end figure"),
        pytest.param(q("2024-25-Q2"), D("200"), id="baseline year follows the baseline"),
        pytest.param(q("2024-25"), D("400"), id="baseline year is the baseline"),
        pytest.param(q("2023-24-Q4"), None, id="year before baseline: omitted"),
        pytest.param(q("2026-27-Q2"), D("400"), id="target year: half the target at Q2"),
        pytest.param(q("2026-27"), D("800"), id="target year: the target"),
        pytest.param(q("2027-28-Q1"), D("200"), id="after target: target's profile holds"),
        pytest.param(q("2027-28"), D("800"), id="after target: target holds"),
    ],
)
def test_trajectory_year_to_date(period: Period, expected: Decimal | None) -> None:
    assert year_to_date([period]).get(period) == expected


@pytest.mark.parametrize(
    ("milestones", "period", "expected"),
    [
        pytest.param(
            {q("2025-26-Q2"): D("350")}, q("2025-26-Q2"), D("350"),
            id="explicit Q2 year-to-date milestone is used as given",
        ),
        pytest.param(
            {q("2025-26-Q2"): D("350")}, q("2025-26-Q3"), D("450"),
            id="explicit Q2 milestone does not bend the year-end line",
        ),
        pytest.param(
            {q("2025-26"): D("700")}, q("2025-26-Q2"), D("350"),
            id="explicit year milestone profiles its quarters",
        ),
        pytest.param(
            {q("2025-26-Q4"): D("700")}, q("2025-26-Q2"), D("350"),
            id="explicit Q4 milestone is the year end and profiles the year",
        ),
        pytest.param(
            {q("2025-26-Q4"): D("700")}, q("2025-26"), D("700"),
            id="explicit Q4 milestone is also the year's figure",
        ),
    ],
)  # fmt: skip
def test_trajectory_year_to_date_milestones(
    milestones: dict[Period, Decimal], period: Period, expected: Decimal
) -> None:
    assert year_to_date([period], milestones)[period] == expected


def test_trajectory_year_to_date_accepts_q4_baseline_and_target() -> None:
    profile = year_to_date(
        [q("2025-26-Q2")], baseline_period=q("2024-25-Q4"), target_period=q("2026-27-Q4")
    )
    assert profile == {q("2025-26-Q2"): D("300")}


@pytest.mark.parametrize(
    ("baseline_period", "target_period", "which"),
    [
        pytest.param(q("2024-25-Q2"), Period(2026), "baseline", id="baseline part way through"),
        pytest.param(Period(2024), q("2026-27-Q3"), "target", id="target part way through"),
    ],
)
def test_trajectory_year_to_date_needs_year_end_baseline_and_target(
    baseline_period: Period, target_period: Period, which: str
) -> None:
    with pytest.raises(ValueError, match=f"{which} is a year-end figure"):
        year_to_date([], baseline_period=baseline_period, target_period=target_period)


# ======================================================================= stretch


@pytest.mark.parametrize(
    ("baseline", "stretch_target", "actual", "expected"),
    [
        pytest.param("50", "70", "62", D("0.6"), id="higher is better: 60 % of the way"),
        pytest.param("30", "20", "24", D("0.6"), id="lower is better: 60 % of the way"),
        pytest.param("50", "70", "50", D("0"), id="still at baseline"),
        pytest.param("50", "70", "70", D("1"), id="stretch target met"),
        pytest.param("50", "70", "45", D("-0.25"), id="higher is better: worse than baseline"),
        pytest.param("30", "20", "33", D("-0.3"), id="lower is better: worse than baseline"),
        pytest.param("50", "70", "75", D("1.25"), id="higher is better: beyond the stretch"),
        pytest.param("30", "20", "15", D("1.5"), id="lower is better: beyond the stretch"),
        pytest.param("0", "3", "1", D(1) / D(3), id="a third, unrounded"),
    ],
)
def test_stretch_achievement(
    baseline: str, stretch_target: str, actual: str, expected: Decimal
) -> None:
    achieved = stretch_achievement(
        baseline=D(baseline), stretch_target=D(stretch_target), actual=D(actual)
    )
    assert achieved == expected


@pytest.mark.parametrize(
    ("baseline", "stretch_target", "actual"),
    [
        pytest.param(D("50"), D("70"), None, id="no actual yet"),
        pytest.param(D("50"), D("50"), D("60"), id="stretch target equals baseline"),
    ],
)
def test_stretch_achievement_none(
    baseline: Decimal, stretch_target: Decimal, actual: Decimal | None
) -> None:
    assert (
        stretch_achievement(baseline=baseline, stretch_target=stretch_target, actual=actual) is None
    )


@pytest.mark.parametrize(
    ("achievement", "earned"),
    [
        pytest.param(D("0.60"), True, id="exactly 60 % earns the reward"),
        pytest.param(D("0.6"), True, id="0.6 written without trailing zero"),
        pytest.param(D("0.5999"), False, id="just under 60 %"),
        pytest.param(D("1.3"), True, id="beyond the stretch"),
        pytest.param(D("-0.2"), False, id="worse than baseline"),
        pytest.param(None, False, id="no achievement"),
    ],
)
def test_reward_earned(achievement: Decimal | None, earned: bool) -> None:
    assert reward_earned(achievement=achievement) is earned


@pytest.mark.parametrize(
    ("achievement", "expected"),
    [
        pytest.param(None, D("0"), id="no achievement: nothing"),
        pytest.param(D("0.59"), D("0"), id="below 60 %: nothing"),
        pytest.param(D("-0.5"), D("0"), id="worse than baseline: nothing"),
        pytest.param(D("0.60"), D("6000"), id="exactly 60 %: 60 % of the grant"),
        pytest.param(D("0.75"), D("7500"), id="pro rata at 75 %"),
        pytest.param(D("1"), D("10000"), id="full grant at 100 %"),
        pytest.param(D("1.3"), D("10000"), id="capped at the full grant above 100 %"),
    ],
)
def test_reward_grant_earned(achievement: Decimal | None, expected: Decimal) -> None:
    assert reward_grant_earned(achievement=achievement, grant=D("10000")) == expected


def test_reward_grant_earned_keeps_full_precision() -> None:
    earned = reward_grant_earned(achievement=D(2) / D(3), grant=D("100"))
    assert earned == D("100") * (D(2) / D(3))


def test_reward_grant_of_zero() -> None:
    assert reward_grant_earned(achievement=D("0.8"), grant=D("0")) == D("0")


def test_reward_grant_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        reward_grant_earned(achievement=D("0.8"), grant=D("-1"))


# ==================================================================== projection

QUARTERS = [q("2025-26-Q1"), q("2025-26-Q2"), q("2025-26-Q3")]
FOUR_ON = q("2026-27-Q1")  # four quarters after the first point


def points(*values: str) -> list[tuple[Period, Decimal]]:
    return [(period, D(value)) for period, value in zip(QUARTERS, values, strict=False)]


@pytest.mark.parametrize(
    ("values", "target", "polarity", "expected"),
    [
        pytest.param(
            ("10", "20", "30"), "45", HIGHER, Projection(D("50"), True, D("0")),
            id="higher is better: on course",
        ),
        pytest.param(
            ("10", "20", "30"), "50", HIGHER, Projection(D("50"), True, D("0")),
            id="higher is better: projected exactly on target",
        ),
        pytest.param(
            ("10", "20", "30"), "60", HIGHER, Projection(D("50"), False, D("10")),
            id="higher is better: off course with gap",
        ),
        pytest.param(
            ("30", "20", "10"), "0", LOWER, Projection(D("-10"), True, D("0")),
            id="lower is better: on course",
        ),
        pytest.param(
            ("30", "28", "26"), "20", LOWER, Projection(D("22"), False, D("2")),
            id="lower is better: off course with gap",
        ),
        pytest.param(
            ("10", "20", "30"), "45", LOWER, Projection(D("50"), False, D("5")),
            id="lower is better: rising trend is off course",
        ),
        pytest.param(
            ("1", "3", "2"), "3", HIGHER, Projection(D("3.5"), True, D("0")),
            id="least squares through scattered values",
        ),
        pytest.param(
            ("0", "1", "1"), "3", HIGHER, Projection(D(13) / D(6), False, D(3) - D(13) / D(6)),
            id="unrounded sixths",
        ),
        pytest.param(
            ("10", "20"), "60", NEITHER, Projection(D("50"), None, None),
            id="neither: projected but not judged",
        ),
    ],
)  # fmt: skip
def test_projection(
    values: tuple[str, ...], target: str, polarity: Polarity, expected: Projection
) -> None:
    result = projection(
        points=points(*values), target_period=FOUR_ON, target_value=D(target), polarity=polarity
    )
    assert result == expected


def test_projection_of_annual_figures() -> None:
    yearly = [(Period(2023), D("10")), (Period(2024), D("20"))]
    result = projection(
        points=yearly, target_period=Period(2026), target_value=D("40"), polarity=HIGHER
    )
    assert result == Projection(D("40"), True, D("0"))


@pytest.mark.parametrize(
    "given",
    [
        pytest.param([], id="no points"),
        pytest.param([(QUARTERS[0], D("10"))], id="one point"),
        pytest.param([(QUARTERS[1], D("10")), (QUARTERS[1], D("30"))], id="same quarter twice"),
        pytest.param(
            [(q("2025-26"), D("10")), (q("2025-26-Q4"), D("30"))],
            id="a year and its Q4 are the same point",
        ),
    ],
)
@pytest.mark.parametrize("polarity", [HIGHER, LOWER, NEITHER])
def test_projection_needs_two_distinct_periods(
    given: list[tuple[Period, Decimal]], polarity: Polarity
) -> None:
    result = projection(points=given, target_period=FOUR_ON, target_value=D("1"), polarity=polarity)
    assert result == Projection(None, None, None)


def test_projection_with_a_repeated_period_among_others() -> None:
    given = [(QUARTERS[0], D("10")), (QUARTERS[0], D("20")), (QUARTERS[1], D("25"))]
    # Mean at Q1 is 15, so the line runs 15 -> 25: +10 a quarter, 55 four quarters on.
    result = projection(points=given, target_period=FOUR_ON, target_value=D("50"), polarity=HIGHER)
    assert result == Projection(D("55"), True, D("0"))


@pytest.mark.parametrize(
    ("achievement", "words"),
    [
        (None, "no value yet to measure the improvement against"),
        (Decimal("0"), "0% of the planned improvement achieved"),
        (Decimal("0.45"), "45% of the planned improvement achieved"),
        (Decimal("0.999"), "99% of the planned improvement achieved"),
        (Decimal("1"), "stretch target met: 100% of the planned improvement achieved"),
        (Decimal("1.2"), "beyond the stretch target: 120% of the planned improvement achieved"),
        (
            Decimal("-0.333"),
            "moved away from the stretch target: worse than the baseline by 33% of the "
            "planned improvement",
        ),
    ],
    ids=["no value", "at the baseline", "part way", "nearly there", "met", "beyond", "away"],
)
def test_stretch_achievement_words(achievement, words):
    assert stretch_achievement_words(achievement) == words
