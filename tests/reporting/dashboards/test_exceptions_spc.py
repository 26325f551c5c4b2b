"""The exception dashboard and statistical process control (issue 16, point 2): special
cause concern and a process that will consistently fail its target make a target an
exception, each said; "signals only" lists those; a common-cause amber is marked as no
signal to react to; fewer than 12 values give no SPC reason, and say so."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from partnership.periods import Period as PeriodRef
from partnership.selectors import partnership_area
from reporting.dashboards.selectors.exceptions import target_reasons
from reporting.scorecard.selectors import RagCounts
from targets import rules
from targets.spc import Assurance, Variation
from tests import factories as f
from tests.reporting.dashboards.test_exceptions import (
    URL,
    get,
    listed_returns,
    listed_risks,
    listed_targets,
    page_for,
    text_of,
)
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round, add_target

Rag = rules.Rag

# Twelve quarters ending Q2 2025-26, oldest first. The target is 60 (higher is better); the
# milestone for Q2 2025-26 makes 50 green and 44 amber.
# Green, but the last seven values fall one after another: special cause concern (a trend).
FALLING_GREEN = [52, 56, 53, 57, 54, 58, 57, 56, 55, 54, 53, 52]
# Red and steady round 40: the target of 60 lies above the upper process limit.
STEADY_RED = [40, 41, 40, 41, 40, 41, 40, 41, 40, 41, 40, 41]
# Amber, within a wide process that the target of 60 lies inside: common cause.
NOISY_AMBER = [52, 40, 52, 40, 52, 40, 52, 40, 52, 40, 48, 44]
# Green, steady and well above the target: no exception.
STEADY_GREEN = [62, 63, 62, 63, 62, 63, 62, 63, 62, 63, 62, 63]

NO_PLAN = "Off track with no action plan"  # none of these targets has an action


def with_series(outcome, values: list[int], *, until: str = Q2, **fields):
    """A target with approved values for the quarters ending ``until``, in order."""
    target = add_target(outcome, **fields)
    area = partnership_area()
    last = PeriodRef.parse(until)
    for steps_back, number in enumerate(reversed(values)):
        f.IndicatorValueFactory(
            indicator=target.indicator,
            area=area,
            period=f.period(last.shift(-steps_back).code),
            value=Decimal(number),
            is_approved=True,
        )
    return target


@pytest.fixture
def the_round(db):
    return a_round()


@pytest.fixture
def signals(outcome, other_outcome, the_round):
    return {
        "falling green": with_series(outcome, FALLING_GREEN),
        "steady red": with_series(outcome, STEADY_RED),
        "noisy amber": with_series(other_outcome, NOISY_AMBER),
        "steady green": with_series(other_outcome, STEADY_GREEN),
        "short amber": add_target(other_outcome, value=44, last_year=40),
    }


def row_of(page, target):
    return next(
        item.row
        for group in page.groups
        for outcome in group.outcomes
        for item in outcome.targets
        if item.row.target_id == target.pk
    )


# --- The reasons, as a table ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rag", "variation", "assurance", "expected"),
    [
        (Rag.GREEN, Variation.COMMON_CAUSE, Assurance.HIT_AND_MISS, ()),
        (Rag.GREEN, Variation.IMPROVEMENT, Assurance.PASS, ()),
        (Rag.GREEN, Variation.NEUTRAL, Assurance.NOT_ASSESSED, ()),
        (Rag.GREEN, Variation.CONCERN, Assurance.HIT_AND_MISS, ("Special cause concern",)),
        (Rag.GREEN, Variation.COMMON_CAUSE, Assurance.FAIL, ("Consistently failing the target",)),
        (
            Rag.GREEN,
            Variation.CONCERN,
            Assurance.FAIL,
            ("Special cause concern", "Consistently failing the target"),
        ),
        (Rag.AMBER, Variation.COMMON_CAUSE, Assurance.HIT_AND_MISS, ("Amber",)),
        (Rag.RED, Variation.CONCERN, Assurance.FAIL,
         ("Red", "Special cause concern", "Consistently failing the target")),
        (Rag.GREEN, Variation.NOT_ENOUGH_DATA, Assurance.NOT_ASSESSED, ()),
        (Rag.RED, Variation.NOT_ENOUGH_DATA, Assurance.NOT_ASSESSED, ("Red",)),
    ],
)  # fmt: skip
def test_target_reasons_add_special_cause_concern_and_consistently_failing(
    psb, signals, rag, variation, assurance, expected
):
    # A standard target that is not worsening and has a live action (so not "off track
    # with no action plan": tests/reporting/dashboards/test_exceptions_plans.py), judged
    # again with each SPC reading.
    row = row_of(page_for(psb), signals["steady red"])
    improving = rules.Travel(rules.Direction.IMPROVING, rules.Direction.IMPROVING)
    judged = replace(
        row,
        rag=rag,
        travel=improving,
        spc_variation=variation,
        spc_assurance=assurance,
        live_actions=1,
    )

    assert target_reasons(judged) == expected


# --- The dashboard --------------------------------------------------------------------------


def test_a_green_target_with_special_cause_concern_is_listed_with_that_reason(psb, signals):
    page = page_for(psb)
    row = row_of(page, signals["falling green"])

    assert row.rag is Rag.GREEN
    assert row.spc_variation is Variation.CONCERN
    assert "Special cause concern" in listed_targets(page)[signals["falling green"].pk]


def test_a_target_the_process_will_consistently_fail_says_so(psb, signals):
    reasons = listed_targets(page_for(psb))[signals["steady red"].pk]

    assert reasons[0] == "Red"
    assert "Consistently failing the target" in reasons


def test_a_steady_green_target_meeting_its_target_is_not_an_exception(psb, signals):
    assert signals["steady green"].pk not in listed_targets(page_for(psb))


def test_a_common_cause_amber_is_marked_as_no_signal_to_react_to(client, psb, signals):
    page = page_for(psb)
    row = row_of(page, signals["noisy amber"])
    text = text_of(get(client, psb, f"period={Q2}").text)

    assert row.common_cause_amber
    assert listed_targets(page)[signals["noisy amber"].pk] == ("Amber", NO_PLAN)
    assert "Amber, common cause: no signal to react to" in text
    # In words, beside the amber tag; a special-cause one says what SPC found.
    assert "Special cause concern; hit and miss the target" in text


def test_with_fewer_than_12_values_there_is_no_spc_reason_and_the_page_says_so(
    client, psb, signals
):
    page = page_for(psb)
    row = row_of(page, signals["short amber"])
    text = text_of(get(client, psb, f"period={Q2}").text)

    assert not row.spc_enough_data
    assert listed_targets(page)[signals["short amber"].pk] == ("Amber", NO_PLAN)
    assert "Not enough data for SPC (2 of 12 values needed)" in text


def test_the_series_stops_at_the_quarter_shown(psb, outcome, the_round):
    # A later approved value is not part of the quarter's chart.
    target = with_series(outcome, STEADY_RED)
    f.IndicatorValueFactory(
        indicator=target.indicator,
        area=partnership_area(),
        period=f.period("2025-26-Q3"),
        value=Decimal(90),
        is_approved=True,
    )

    row = row_of(page_for(psb), target)

    assert row.spc_points == 12
    assert row.spc_assurance is Assurance.FAIL


def test_a_draft_value_is_not_part_of_the_series(admin_user, outcome, the_round):
    target = with_series(outcome, STEADY_RED[1:])  # 11 approved values
    f.IndicatorValueFactory(
        indicator=target.indicator,
        area=partnership_area(),
        period=f.period(PeriodRef.parse(Q2).shift(-11).code),
        value=Decimal(40),
        is_approved=False,
    )

    row = row_of(page_for(admin_user), target)

    assert row.spc_points == 11
    assert not row.spc_enough_data


# --- Signals only ---------------------------------------------------------------------------


def test_signals_only_lists_the_targets_with_a_signal_and_no_returns_or_risks(psb, signals):
    page = page_for(psb, signals_only=True)

    assert set(listed_targets(page)) == {signals["falling green"].pk, signals["steady red"].pk}
    assert listed_returns(page) == {}
    assert listed_risks(page) == {}
    assert page.notes
    # The headline still shows every target chosen.
    assert page.totals == RagCounts(green=2, amber=2, red=1)


def test_signals_only_is_kept_in_the_address_and_the_form(client, psb, signals):
    response = get(client, psb, f"period={Q2}&signals=on")
    page = response.context["page"]

    assert page.filters.signals_only
    assert page.query == f"period={Q2}&signals=on"
    assert 'id="id_signals" name="signals" type="checkbox" value="on"' in response.text
    assert "checked>" in response.text.split('id="id_signals"')[1].split("<label")[0]
    assert "with a signal" in text_of(response.text.split('id="filters-applied"')[1])
    assert set(listed_targets(page)) == {signals["falling green"].pk, signals["steady red"].pk}


# --- Queries --------------------------------------------------------------------------------


def test_query_count_does_not_grow_with_the_length_or_number_of_series(
    client, django_assert_max_num_queries, psb, outcome, other_outcome, the_round
):
    from tests.reporting.dashboards.test_exceptions import MAX_QUERIES

    client.force_login(psb)
    for values in (FALLING_GREEN, STEADY_RED):
        with_series(outcome, values)
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        client.get(URL)
    for _ in range(10):
        for values in (FALLING_GREEN, STEADY_RED, NOISY_AMBER):
            with_series(other_outcome, values + values)  # 24 quarters each
    with django_assert_max_num_queries(len(small)) as large:
        response = client.get(URL)

    assert len(response.context["page"].groups[0].outcomes) >= 1
    assert len(large) == len(small)


def test_a_draft_the_reader_may_see_is_still_not_part_of_the_series(admin_user, outcome, the_round):
    """With drafts shown (a pack with submitted values), the quarter's draft is the value
    shown, but SPC judges approved values only."""
    from reporting.scorecard.selectors import scorecard

    target = with_series(outcome, STEADY_RED[:-1], until="2025-26-Q1", value=90, approved=False)

    [row] = [
        r
        for r in scorecard(
            user=admin_user, period=f.period(Q2), today=TODAY, approved_only=False
        ).rows
        if r.target_id == target.pk
    ]

    assert row.value == Decimal(90)
    assert row.spc_points == 11
    assert row.spc_words == "Not enough data for SPC (11 of 12 values needed)"
