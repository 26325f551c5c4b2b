"""target_context: each indicator's target for an area and its milestone at each period."""

from decimal import Decimal

import pytest

from indicators.enums import Accumulation, Polarity
from partnership.periods import Period as P
from targets.rules import Rag
from targets.selectors import TargetContext, default_tolerance_pct, target_context
from tests import factories as f

Q1, Q2, Q3, Q4 = (P(2025, q) for q in range(1, 5))


@pytest.fixture
def area(db):
    return f.PartnershipAreaFactory()


@pytest.fixture
def indicator(db):
    return f.IndicatorFactory(accumulation=Accumulation.SNAPSHOT, polarity=Polarity.HIGHER)


@pytest.fixture
def target(indicator, area):
    """From 40 at the end of 2024-25 to 60 at the end of 2026-27: 2.5 a quarter."""
    return f.TargetFactory(indicator=indicator, area=area)


def context_of(indicator, area, periods) -> TargetContext:
    return target_context(indicator_ids=[indicator.pk], area=area, periods=periods)[indicator.pk]


def test_the_milestone_of_a_quarter_is_on_the_line_from_baseline_to_target(indicator, area, target):
    ctx = context_of(indicator, area, [Q1, Q2, Q3, Q4])
    assert dict(ctx.milestones) == {
        Q1: Decimal("42.5"),
        Q2: Decimal("45"),
        Q3: Decimal("47.5"),
        Q4: Decimal("50"),
    }
    assert ctx.milestone(Q2) == Decimal("45")


def test_the_target_itself_is_described(indicator, area, target):
    ctx = context_of(indicator, area, [Q2])
    assert (ctx.indicator_id, ctx.kind, ctx.kind_label, ctx.is_stretch) == (
        indicator.pk,
        "standard",
        "Standard",
        False,
    )
    assert (ctx.baseline_value, ctx.baseline_period) == (Decimal("40"), P(2024))
    assert (ctx.target_value, ctx.target_period) == (Decimal("60"), P(2026))
    assert (ctx.polarity, ctx.accumulation) == (Polarity.HIGHER, Accumulation.SNAPSHOT)
    assert ctx.problem == ""


def test_a_milestone_entered_is_used_and_bends_the_line(indicator, area, target):
    f.MilestoneFactory(target=target, period=f.period("2025-26-Q2"), value=Decimal("41"))
    ctx = context_of(indicator, area, [Q1, Q2, Q3])
    # 40 at 2024-25 Q4, 41 at Q2, then on to 60 at 2026-27 Q4 (six quarters on).
    assert ctx.milestone(Q1) == Decimal("40.5")
    assert ctx.milestone(Q2) == Decimal("41")
    assert ctx.milestone(Q3) == Decimal("41") + Decimal(19) / 6


def test_no_milestone_before_the_baseline_and_the_target_holds_after_it(indicator, area, target):
    before, after = P(2023, 2), P(2028, 1)
    ctx = context_of(indicator, area, [before, after])
    assert ctx.milestone(before) is None
    assert ctx.milestone(after) == Decimal("60")


def test_a_year_to_date_share_is_judged_against_the_year_s_figure(area):
    indicator = f.IndicatorFactory(accumulation=Accumulation.CUMULATIVE, unit="percentage")
    f.TargetFactory(
        indicator=indicator, area=area, baseline_value=Decimal("40"), target_value=Decimal("60")
    )
    ctx = context_of(indicator, area, [Q1, Q4])
    assert ctx.milestone(Q1) == ctx.milestone(Q4) == Decimal("50")


def test_a_year_to_date_count_gets_its_year_to_date_milestone(area):
    indicator = f.IndicatorFactory(
        accumulation=Accumulation.CUMULATIVE, unit="number", decimal_places=0
    )
    f.TargetFactory(
        indicator=indicator,
        area=area,
        baseline_value=Decimal("400"),
        target_value=Decimal("600"),
    )
    ctx = context_of(indicator, area, [Q1, Q2, Q4, P(2025)])
    # The year 2025-26 ends halfway along the line: 500, profiled through the year.
    assert ctx.milestone(Q1) == Decimal("125")
    assert ctx.milestone(Q2) == Decimal("250")
    assert ctx.milestone(Q4) == Decimal("500")
    assert ctx.milestone(P(2025)) == Decimal("500")


def test_a_target_whose_trajectory_cannot_be_worked_out_judges_grey(area):
    indicator = f.IndicatorFactory(accumulation=Accumulation.CUMULATIVE)
    f.TargetFactory(indicator=indicator, area=area, baseline_period=f.period("2024-25-Q2"))
    ctx = context_of(indicator, area, [Q2])
    assert ctx.milestones == {}
    assert "year-end figure" in ctx.problem
    assert ctx.rag(actual=Decimal("999"), period=Q2) is Rag.GREY


def test_an_indicator_without_a_target_for_the_area_is_left_out(indicator, area):
    f.TargetFactory(indicator=indicator, area=f.AreaFactory())
    assert target_context(indicator_ids=[indicator.pk], area=area, periods=[Q2]) == {}


def test_no_indicators_need_no_query(area, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert target_context(indicator_ids=[], area=area, periods=[Q2]) == {}


def test_the_targets_own_tolerance_is_used(indicator, area):
    f.TargetFactory(indicator=indicator, area=area, tolerance_pct=Decimal("10"))
    ctx = context_of(indicator, area, [Q2])
    assert ctx.tolerance_pct == Decimal("10")
    assert ctx.rag(actual=Decimal("41"), period=Q2) is Rag.AMBER  # 4 short of 45: within 4.5


def test_a_tolerance_of_zero_is_kept_not_replaced_by_the_default(indicator, area):
    f.TargetFactory(indicator=indicator, area=area, tolerance_pct=Decimal("0"))
    ctx = context_of(indicator, area, [Q2])
    assert ctx.tolerance_pct == Decimal("0")
    assert ctx.rag(actual=Decimal("44.9"), period=Q2) is Rag.RED


def test_without_its_own_tolerance_a_target_takes_the_partnerships(
    indicator, area, target, settings
):
    settings.RAG_TOLERANCE_PCT = "7.5"
    ctx = context_of(indicator, area, [Q2])
    assert ctx.tolerance_pct == Decimal("7.5") == default_tolerance_pct()


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (None, Rag.GREY),
        (Decimal("45"), Rag.GREEN),
        (Decimal("43"), Rag.AMBER),
        (Decimal("42"), Rag.RED),
    ],
    ids=["no value is grey", "on the milestone", "within 5 %", "beyond 5 %"],
)
def test_rag_judges_against_the_periods_milestone(indicator, area, target, actual, expected):
    assert context_of(indicator, area, [Q2]).rag(actual=actual, period=Q2) is expected


def test_rag_for_a_period_not_asked_for_is_grey(indicator, area, target):
    assert context_of(indicator, area, [Q2]).rag(actual=Decimal("45"), period=Q3) is Rag.GREY


def test_a_stretch_target_is_marked(indicator, area):
    f.TargetFactory(
        indicator=indicator, area=area, kind="stretch", standard_target_value=Decimal("55")
    )
    ctx = context_of(indicator, area, [Q2])
    assert ctx.is_stretch
    assert ctx.kind_label == "Stretch"
    assert ctx.standard_target_value == Decimal("55")


def test_stored_periods_and_an_area_id_are_taken_too(indicator, area, target):
    by_id = target_context(
        indicator_ids=[indicator.pk], area=area.pk, periods=[f.period("2025-26-Q2")]
    )
    assert by_id[indicator.pk].milestone(Q2) == Decimal("45")


def test_a_lower_is_better_indicator_is_judged_by_its_polarity(area):
    indicator = f.IndicatorFactory(polarity=Polarity.LOWER)
    f.TargetFactory(
        indicator=indicator, area=area, baseline_value=Decimal("60"), target_value=Decimal("40")
    )
    ctx = context_of(indicator, area, [Q2])
    assert ctx.milestone(Q2) == Decimal("55")
    assert ctx.rag(actual=Decimal("54"), period=Q2) is Rag.GREEN
    assert ctx.rag(actual=Decimal("57"), period=Q2) is Rag.AMBER


@pytest.mark.parametrize("n", [3, 30])
def test_two_queries_whatever_the_number_of_indicators(area, n, django_assert_num_queries):
    ids = []
    for _ in range(n):
        target = f.TargetFactory(indicator=f.IndicatorFactory(), area=area)
        f.MilestoneFactory(target=target, period=f.period("2025-26-Q3"), value=Decimal("50"))
        ids.append(target.indicator_id)
    with django_assert_num_queries(2):
        contexts = target_context(indicator_ids=ids, area=area, periods=[Q1, Q2, Q3, Q4])
    assert len(contexts) == n
    assert all(c.milestone(Q3) == Decimal("50") for c in contexts.values())
