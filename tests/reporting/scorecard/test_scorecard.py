"""The scorecard: every target judged for a quarter, as plain data (shared by the dashboards
and the Excel packs).

The builders here (``add_target``, ``grow``) are used by the exception dashboard's and the
board view's tests too.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from indicators.enums import Accumulation, Frequency, Polarity, Unit, ValueStatus
from partnership.access import roles_of
from partnership.models import Area, Role
from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.scorecard.selectors import (
    PeriodNotFound,
    RagCounts,
    Scope,
    default_quarter,
    quarter_named,
    scorecard,
)
from risks.models import Escalation
from risks.rules import RiskLevel
from targets import rules
from targets.models import Action, Target
from tests import factories as f

Q2 = "2025-26-Q2"
Q1 = "2025-26-Q1"
LAST_YEAR = "2024-25-Q2"
DUE = date(2025, 10, 22)
TODAY = date(2025, 11, 21)  # after the due date: a return not in by now is late
State = QuarterlyReturn.State
Rag = rules.Rag
Direction = rules.Direction

# With the factory's target (baseline 40 in 2024-25, target 60 in 2026-27) the line runs
# 2.5 a quarter: the milestone for Q2 2025-26 is 45, and amber runs down to 42.75 (5 %).
MILESTONE = Decimal("45")
# Codes for comparator areas that never meet the factories' own.
AREA_NUMBERS = itertools.count()


# --- Builders --------------------------------------------------------------------------------


def partnership_area() -> Area:
    return f.PartnershipAreaFactory()


def add_target(
    outcome,
    *,
    value=None,
    previous=None,
    last_year=None,
    approved=True,
    kind=Target.Kind.STANDARD,
    polarity=Polarity.HIGHER,
    indicator=None,
    **indicator_fields,
) -> Target:
    """A target of the partnership's area for a new indicator of ``outcome``, with values
    for Q2 2025-26 (approved or not), the quarter before and the same quarter last year."""
    area = partnership_area()
    indicator = indicator or f.IndicatorFactory(
        primary_outcome=outcome, polarity=polarity, **indicator_fields
    )
    target = f.TargetFactory(
        indicator=indicator,
        area=area,
        kind=kind,
        standard_target_value=Decimal("55") if kind == Target.Kind.STRETCH else None,
    )
    for code, number, is_approved in (
        (Q2, value, approved),
        (Q1, previous, True),
        (LAST_YEAR, last_year, True),
    ):
        if number is not None:
            f.IndicatorValueFactory(
                indicator=indicator,
                area=area,
                period=f.period(code),
                value=Decimal(str(number)),
                is_approved=is_approved,
            )
    return target


def a_round(*, state=ReturnRound.State.OPEN, code=Q2, due_on=DUE) -> ReturnRound:
    return f.ReturnRoundFactory(
        period=f.period(code),
        opens_on=date(2025, 10, 1),
        due_on=due_on,
        closes_on=due_on + timedelta(days=14),
        state=state,
    )


def grow(n: int, *, block, partner, round_) -> None:
    """``n`` more outcomes, each with a target (some red, some stretch), values for it in
    three comparator areas too, an approved return, a PSB risk with its escalation, a
    risk and an action on its target, and a PSB priority."""
    for i in range(n):
        outcome = f.OutcomeFactory(block=block, lead_organisation=partner)
        target = add_target(
            outcome,
            value=[50, 44, 30][i % 3],
            previous=47,
            last_year=[40, 50, 35][i % 3],
            kind=Target.Kind.STRETCH if i % 4 == 0 else Target.Kind.STANDARD,
        )
        for _ in range(3):
            comparator = f.AreaFactory(code=f"E0699{next(AREA_NUMBERS):04d}")
            f.IndicatorValueFactory(
                indicator=target.indicator, area=comparator, period=f.period(Q2)
            )
        f.QuarterlyReturnFactory(
            round=round_,
            outcome=outcome,
            state=[State.APPROVED, State.NOT_STARTED, State.SUBMITTED][i % 3],
            progress_summary=f"Progress on {outcome.code}",
            forecast_rag="amber",
        )
        risk = f.RiskFactory(
            level=RiskLevel.PARTNERSHIP,
            outcome=outcome,
            current_likelihood=5,
            current_impact=4,
        )
        Escalation.objects.create(
            risk=risk, from_level="block", to_level="partnership", reason="Too big", score=20
        )
        f.RiskFactory(level=RiskLevel.TARGET, outcome=None, target=target)
        Action.objects.create(
            outcome=outcome, description=f"Act on {outcome.code}", lead_organisation=partner
        ).targets.add(target)
        f.PriorityFactory().outcomes.add(outcome)


def row_for(card, target):
    return next(row for row in card.rows if row.target_id == target.pk)


# --- Fixtures --------------------------------------------------------------------------------


@pytest.fixture
def quarter(db):
    return f.period(Q2)


@pytest.fixture
def the_round(db):
    return a_round()


# --- What a row holds ------------------------------------------------------------------------


def test_a_row_holds_the_value_milestone_target_rag_and_direction(officer, outcome, quarter):
    target = add_target(outcome, value=50, previous=48, last_year=44)

    card = scorecard(user=officer, period=quarter, today=TODAY)

    row = row_for(card, target)
    assert (row.code, row.slug, row.block_name) == (
        target.indicator.code,
        target.indicator.slug,
        outcome.block.name,
    )
    assert row.value == Decimal("50")
    assert row.value_text == "50.0%"
    assert row.milestone == MILESTONE
    assert row.milestone_text == "45.0%"
    assert row.target_text == "60.0% by 2026-27"
    assert row.rag is Rag.GREEN
    assert row.travel == rules.Travel(Direction.IMPROVING, Direction.IMPROVING)
    assert row.direction is Direction.IMPROVING
    assert row.value_period == row.period == PeriodRef.parse(Q2)
    assert card.counts == RagCounts(green=1)


@pytest.mark.parametrize(
    ("value", "rag"),
    [(45, Rag.GREEN), ("42.75", Rag.AMBER), (42, Rag.RED), (None, Rag.GREY)],
)
def test_rag_is_the_rule_against_the_milestone_for_the_quarter(
    officer, outcome, quarter, value, rag
):
    target = add_target(outcome, value=value)

    row = row_for(scorecard(user=officer, period=quarter, today=TODAY), target)

    assert row.rag is rag


def test_direction_is_against_the_same_quarter_last_year_first(officer, outcome, quarter):
    target = add_target(outcome, value=50, previous=40, last_year=55)

    row = row_for(scorecard(user=officer, period=quarter, today=TODAY), target)

    assert row.travel.against_previous is Direction.IMPROVING
    assert row.direction is Direction.WORSENING
    assert row.worsening


def test_lead_is_the_targets_own_else_the_indicators(officer, outcome, quarter, lead, council):
    own = add_target(outcome, value=50)
    Target.objects.filter(pk=own.pk).update(lead_person=lead, lead_organisation=council)
    other = add_target(outcome, value=50, lead_person=None)

    card = scorecard(user=officer, period=quarter, today=TODAY)

    assert (row_for(card, own).lead_person_id, row_for(card, own).lead_organisation) == (
        lead.pk,
        council.name,
    )
    # No lead on the target or the indicator: the outcome's lead.
    assert row_for(card, other).lead_person_id == outcome.lead_person_id


# --- Stretch targets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "achievement", "earned"),
    [(52, Decimal("0.6"), True), (51, Decimal("0.55"), False), (None, None, False)],
)
def test_stretch_achievement_is_measured_from_baseline_to_stretch_target(
    officer, outcome, quarter, value, achievement, earned
):
    target = add_target(outcome, value=value, kind=Target.Kind.STRETCH)

    row = row_for(scorecard(user=officer, period=quarter, today=TODAY), target)

    assert row.is_stretch
    assert row.achievement == achievement
    assert row.reward_earned is earned
    assert row.reward_floor_pct == 60


def test_a_year_to_date_count_is_measured_against_the_year_so_far(officer, outcome, quarter):
    """At Q2 a year-to-date count covers half the year: half of the baseline (40) and of
    the stretch target (60)."""
    target = add_target(
        outcome,
        value=26,
        kind=Target.Kind.STRETCH,
        unit=Unit.NUMBER,
        accumulation=Accumulation.CUMULATIVE,
    )

    row = row_for(scorecard(user=officer, period=quarter, today=TODAY), target)

    assert row.achievement == Decimal("0.6")


def test_a_standard_target_has_no_stretch_achievement(officer, outcome, quarter):
    target = add_target(outcome, value=52)

    row = row_for(scorecard(user=officer, period=quarter, today=TODAY), target)

    assert row.achievement is None
    assert not row.reward_earned


# --- Yearly indicators -----------------------------------------------------------------------


def test_an_annual_indicator_shows_its_latest_years_figure(officer, outcome, quarter):
    target = add_target(outcome, frequency=Frequency.ANNUAL)
    area = partnership_area()
    for code, number in (("2023-24", "41"), ("2024-25", "44")):
        f.IndicatorValueFactory(
            indicator=target.indicator, area=area, period=f.period(code), value=Decimal(number)
        )

    row = row_for(scorecard(user=officer, period=quarter, today=TODAY), target)

    assert row.value == Decimal("44")
    assert row.value_period == PeriodRef.parse("2024-25")
    assert row.value_is_for_another_period
    assert row.previous_value == row.last_year_value == Decimal("41")
    assert row.direction is Direction.IMPROVING
    # The baseline year: the milestone is the baseline, 40.
    assert row.milestone == Decimal("40")
    assert row.rag is Rag.GREEN


# --- Who sees what ---------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["psb", "board", "scrutiny", "officer", "lead"])
def test_values_not_yet_approved_are_left_out_for_everyone_by_default(
    request, outcome, quarter, person
):
    target = add_target(outcome, value="87.3", approved=False)
    user = request.getfixturevalue(person)

    row = row_for(scorecard(user=user, period=quarter, today=TODAY), target)

    assert row.value is None
    assert row.value_text == "–"
    assert row.rag is Rag.GREY


def test_psb_member_does_not_see_their_own_partners_draft(psb, other_outcome, quarter):
    """The PSB member works for the police, who lead this outcome: ``visible_values``
    alone would show them the draft, the dashboards do not."""
    target = add_target(other_outcome, value="87.3", approved=False)

    row = row_for(scorecard(user=psb, period=quarter, today=TODAY), target)

    assert row.value is None


def test_with_approved_only_off_the_performance_team_sees_drafts_marked(officer, outcome, quarter):
    target = add_target(outcome, value="87.3", approved=False)

    row = row_for(scorecard(user=officer, period=quarter, today=TODAY, approved_only=False), target)

    assert row.value == Decimal("87.3")
    assert not row.is_approved


def test_with_approved_only_off_the_psb_still_sees_approved_values_only(scrutiny, outcome, quarter):
    target = add_target(outcome, value="87.3", approved=False)

    row = row_for(
        scorecard(user=scrutiny, period=quarter, today=TODAY, approved_only=False), target
    )

    assert row.value is None


def test_commentary_and_forecast_only_from_an_approved_return(
    officer, psb, outcome, other_outcome, the_round
):
    add_target(outcome, value=50)
    add_target(other_outcome, value=50)
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=State.APPROVED,
        progress_summary="On track",
        concerns_and_actions="None",
        forecast_rag="green",
    )
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=other_outcome,
        state=State.SUBMITTED,
        progress_summary="Draft words",
        forecast_rag="red",
    )

    for user in (psb, officer):
        lines = {
            line.outcome_id: line
            for line in scorecard(user=user, period=the_round.period, today=TODAY).outcomes
        }
        approved, submitted = lines[outcome.pk], lines[other_outcome.pk]
        assert (approved.progress_summary, approved.forecast_rag) == ("On track", Rag.GREEN)
        assert approved.readable
        assert (submitted.progress_summary, submitted.forecast_rag) == ("", None)
        assert submitted.state == State.SUBMITTED

    officer_view = scorecard(
        user=officer, period=the_round.period, today=TODAY, approved_only=False
    )
    submitted = next(o for o in officer_view.outcomes if o.outcome_id == other_outcome.pk)
    assert submitted.progress_summary == "Draft words"


def test_person_without_a_role_sees_no_values(nobody, outcome, quarter):
    target = add_target(outcome, value=50)

    row = row_for(scorecard(user=nobody, period=quarter, today=TODAY), target)

    assert row.value is None


# --- Returns ---------------------------------------------------------------------------------


def test_each_outcome_comes_with_its_returns_state_and_timeliness(
    psb, outcome, other_outcome, the_round
):
    f.QuarterlyReturnFactory(round=the_round, outcome=outcome, state=State.DRAFT)
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=other_outcome,
        state=State.SUBMITTED,
        submitted_at=datetime(2025, 10, 30, 12, tzinfo=UTC),
    )

    card = scorecard(user=psb, period=the_round.period, today=TODAY)
    lines = {line.outcome_id: line for line in card.outcomes}

    assert lines[outcome.pk].is_late
    assert not lines[other_outcome.pk].is_late
    assert lines[other_outcome.pk].submitted_late
    assert card.round_due_on == DUE


# --- Scope -----------------------------------------------------------------------------------


@pytest.fixture
def spread(outcome, other_outcome, lead, other_lead):
    """A standard and a stretch target in each block."""
    return {
        "council standard": add_target(outcome, value=50, lead_person=lead),
        "council stretch": add_target(outcome, value=50, lead_person=lead, kind="stretch"),
        "police standard": add_target(other_outcome, value=50, lead_person=other_lead),
        "police stretch": add_target(
            other_outcome, value=50, lead_person=other_lead, kind="stretch"
        ),
    }


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({}, {"council standard", "council stretch", "police standard", "police stretch"}),
        ({"block": "children-and-young-people"}, {"council standard", "council stretch"}),
        ({"organisation": "police"}, {"police standard", "police stretch"}),
        ({"lead": "lead"}, {"council standard", "council stretch"}),
        ({"stretch_only": True}, {"council stretch", "police stretch"}),
        ({"block": "safer-and-stronger", "stretch_only": True}, {"police stretch"}),
    ],
)
def test_scope_narrows_the_targets(request, officer, spread, quarter, scope, expected):
    if "organisation" in scope:
        scope["organisation"] = request.getfixturevalue(scope["organisation"]).pk
    if "lead" in scope:
        scope["lead"] = request.getfixturevalue(scope["lead"]).pk

    card = scorecard(user=officer, period=quarter, today=TODAY, scope=Scope(**scope))

    names = {
        name for name, target in spread.items() if target.pk in {r.target_id for r in card.rows}
    }
    assert names == expected


def test_rows_are_in_block_then_outcome_then_indicator_order(officer, outcome, other_outcome):
    second = add_target(outcome, value=50, code="L 200")
    first = add_target(outcome, value=50, code="L 100")
    police = add_target(other_outcome, value=50, code="L 001")

    card = scorecard(user=officer, period=f.period(Q2), today=TODAY)

    assert [r.target_id for r in card.rows] == [first.pk, second.pk, police.pk]


def test_targets_of_other_areas_and_inactive_indicators_are_left_out(officer, outcome, quarter):
    kept = add_target(outcome, value=50)
    f.TargetFactory(indicator=kept.indicator, area=f.AreaFactory())
    retired = add_target(outcome, value=50, is_active=False)

    card = scorecard(user=officer, period=quarter, today=TODAY)

    assert [r.target_id for r in card.rows] == [kept.pk]
    assert retired.pk not in {r.target_id for r in card.rows}


# --- The quarter -----------------------------------------------------------------------------


def test_default_quarter_is_the_latest_with_approved_returns(outcome):
    older = a_round(code="2025-26-Q1", state=ReturnRound.State.CLOSED)
    f.QuarterlyReturnFactory(round=older, outcome=outcome, state=State.APPROVED)
    newer = a_round(code=Q2)
    f.QuarterlyReturnFactory(round=newer, outcome=outcome, state=State.DRAFT)

    assert default_quarter() == older.period


def test_default_quarter_without_approved_returns_is_the_latest_round(db):
    a_round(code="2025-26-Q1")
    latest = a_round(code=Q2)

    assert default_quarter() == latest.period


def test_no_rounds_no_default_quarter(db):
    assert default_quarter() is None


@pytest.mark.parametrize("code", ["2025-26-Q9", "nonsense", "2025-27-Q1", "2025-26", "2030-31-Q1"])
def test_a_malformed_a_year_or_an_unknown_quarter_is_not_found(quarter, code):
    f.period("2025-26")
    f.period("2030-31")

    with pytest.raises(PeriodNotFound):
        quarter_named(code)


def test_a_stored_quarter_is_found(quarter):
    assert quarter_named(Q2) == quarter


# --- Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["psb", "officer"])
def test_query_count_does_not_grow_with_targets_or_areas(
    request, django_assert_max_num_queries, block, council, the_round, person
):
    user = request.getfixturevalue(person)
    grow(3, block=block, partner=council, round_=the_round)
    f.assign(f.UserFactory(), Role.SCRUTINY)  # another person: no effect on the count
    roles_of(user)  # read once per request, as a page does before it reads the scorecard

    with django_assert_max_num_queries(10) as small:
        scorecard(user=user, period=the_round.period, today=TODAY)
    grow(27, block=block, partner=council, round_=the_round)
    with django_assert_max_num_queries(len(small)) as large:
        card = scorecard(user=user, period=the_round.period, today=TODAY)

    assert len(card.rows) == 30
    assert len(large) == len(small)


def test_an_estimated_value_is_flagged(officer, outcome, quarter):
    target = add_target(outcome)
    f.IndicatorValueFactory(
        indicator=target.indicator,
        area=partnership_area(),
        period=quarter,
        value=Decimal("50"),
        status=ValueStatus.ESTIMATED,
    )

    row = row_for(scorecard(user=officer, period=quarter, today=TODAY), target)

    assert row.estimated
