"""The list of indicators and statistical process control (issue 16, point 4): each
indicator's variation and assurance for the partnership area, filters by both kept in the
address, bad values refused with a message, approved values only, constant queries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from partnership.periods import Period as PeriodRef
from partnership.selectors import partnership_area
from targets.spc import Assurance, Variation
from tests import factories as f
from tests.reporting.dashboards.test_board_spc import STEADY_HIGH
from tests.reporting.dashboards.test_exceptions_spc import (
    FALLING_GREEN,
    NOISY_AMBER,
    STEADY_RED,
    with_series,
)
from tests.reporting.dashboards.test_indicator_page import LIST_QUERIES, as_user, text_of
from tests.reporting.scorecard.test_scorecard import Q2, add_target

URL = "/indicators/"


@pytest.fixture
def series(outcome, other_outcome):
    return {
        "falling green": with_series(outcome, FALLING_GREEN),
        "steady red": with_series(outcome, STEADY_RED),
        "noisy amber": with_series(other_outcome, NOISY_AMBER),
        "steady green": with_series(other_outcome, STEADY_HIGH),
        "short amber": add_target(other_outcome, value=44, last_year=40),
    }


def listed(response) -> dict[str, tuple[Variation, Assurance]]:
    """Each indicator listed, by code, with its variation and assurance."""
    return {
        line.code: (line.spc.variation, line.spc.assurance)
        for block in response.context["listing"].blocks
        for outcome in block.outcomes
        for line in outcome.indicators
    }


def code(target) -> str:
    return target.indicator.code


def test_every_indicator_shows_its_variation_and_assurance(client, psb, series):
    as_user(client, psb)
    response = client.get(URL)

    assert listed(response) == {
        code(series["falling green"]): (Variation.CONCERN, Assurance.HIT_AND_MISS),
        code(series["steady red"]): (Variation.COMMON_CAUSE, Assurance.FAIL),
        code(series["noisy amber"]): (Variation.COMMON_CAUSE, Assurance.HIT_AND_MISS),
        code(series["steady green"]): (Variation.COMMON_CAUSE, Assurance.PASS),
        code(series["short amber"]): (Variation.NOT_ENOUGH_DATA, Assurance.NOT_ASSESSED),
    }
    html = response.content.decode()
    assert '<th scope="col" class="govuk-table__header">Variation</th>' in html
    assert '<th scope="col" class="govuk-table__header">Assurance</th>' in html
    assert f"{code(series['falling green'])} " in text_of(response)
    assert "Special cause concern Hit and miss" in text_of(response)


@pytest.mark.parametrize(
    ("variation", "names"),
    [
        (Variation.CONCERN, {"falling green"}),
        (Variation.COMMON_CAUSE, {"steady red", "noisy amber", "steady green"}),
        (Variation.NOT_ENOUGH_DATA, {"short amber"}),
        (Variation.IMPROVEMENT, set()),
        (Variation.NEUTRAL, set()),
    ],
)
def test_the_variation_filter_keeps_the_indicators_judged_so(client, psb, series, variation, names):
    as_user(client, psb)
    response = client.get(URL, {"variation": variation.value})

    assert set(listed(response)) == {code(series[name]) for name in names}
    assert response.context["listing"].count == len(names)
    assert f'<option value="{variation.value}" selected>' in response.content.decode()
    if not names:
        assert "has that variation and assurance" in text_of(response)


@pytest.mark.parametrize(
    ("assurance", "names"),
    [
        (Assurance.PASS, {"steady green"}),
        (Assurance.FAIL, {"steady red"}),
        (Assurance.HIT_AND_MISS, {"falling green", "noisy amber"}),
        (Assurance.NOT_ASSESSED, {"short amber"}),
    ],
)
def test_the_assurance_filter_keeps_the_indicators_judged_so(client, psb, series, assurance, names):
    as_user(client, psb)
    response = client.get(URL, {"assurance": assurance.value})

    assert set(listed(response)) == {code(series[name]) for name in names}
    assert f'<option value="{assurance.value}" selected>' in response.content.decode()


def test_the_filters_combine_with_each_other_and_the_search(client, psb, series):
    as_user(client, psb)
    both = client.get(URL, {"variation": "common_cause", "assurance": "hit_and_miss"})
    searched = client.get(URL, {"q": code(series["steady red"]), "variation": "common_cause"})

    assert set(listed(both)) == {code(series["noisy amber"])}
    assert set(listed(searched)) == {code(series["steady red"])}
    assert "variation: common cause" in text_of(searched)
    assert "Show every indicator" in text_of(searched)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("variation", "Select a variation from the list"),
        ("assurance", "Select an assurance from the list"),
    ],
)
def test_a_bad_filter_value_is_an_error_that_filters_nothing_and_keeps_the_rest(
    client, psb, series, field, message
):
    as_user(client, psb)
    response = client.get(URL, {field: "<script>", "q": code(series["steady red"])})

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_{field}"' in html
    assert message in text_of(response)
    assert set(listed(response)) == {code(series["steady red"])}  # the search still applies
    assert f'value="{code(series["steady red"])}"' in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0]


def test_a_draft_is_not_part_of_the_series_even_for_who_may_see_it(client, admin_user, outcome):
    """Eleven approved values and a twelfth in draft: not enough data, whoever looks."""
    target = with_series(outcome, FALLING_GREEN[:-1], until=PeriodRef.parse(Q2).previous().code)
    f.IndicatorValueFactory(
        indicator=target.indicator,
        area=partnership_area(),
        period=f.period(Q2),
        value=Decimal(52),
        is_approved=False,
    )
    as_user(client, admin_user)

    response = client.get(URL, {"variation": Variation.NOT_ENOUGH_DATA.value})

    assert set(listed(response)) == {code(target)}


def test_query_count_does_not_grow_with_indicators_or_values(
    client, django_assert_max_num_queries, psb, outcome, other_outcome
):
    as_user(client, psb)
    with_series(outcome, FALLING_GREEN)
    with django_assert_max_num_queries(LIST_QUERIES) as small:
        client.get(URL, {"variation": "common_cause"})
    for _ in range(10):
        for values in (FALLING_GREEN, STEADY_RED, NOISY_AMBER):
            with_series(other_outcome, values + values)
    with django_assert_max_num_queries(len(small)):
        response = client.get(URL, {"variation": "common_cause"})
    assert response.context["listing"].count == 20
