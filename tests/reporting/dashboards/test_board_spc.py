"""The board view and statistical process control (issue 16, point 3): each target's
variation and assurance in words beside its RAG and direction of travel, with a key."""

from __future__ import annotations

import re

import pytest

from reporting.formats.spc_key import ASSURANCE_KEY, VARIATION_KEY
from targets.spc import Assurance, Variation
from tests.reporting.dashboards.test_board import MAX_QUERIES, get, text_of, url
from tests.reporting.dashboards.test_exceptions_spc import (
    FALLING_GREEN,
    NOISY_AMBER,
    STEADY_RED,
    with_series,
)
from tests.reporting.scorecard.test_scorecard import a_round, add_target

# Green and steady round 64.5: the target of 60 lies below the lower process limit.
STEADY_HIGH = [64, 65] * 6


@pytest.fixture
def the_round(db):
    return a_round()


@pytest.fixture
def series(outcome, the_round):
    return {
        "falling green": with_series(outcome, FALLING_GREEN),
        "steady red": with_series(outcome, STEADY_RED),
        "noisy amber": with_series(outcome, NOISY_AMBER),
        "steady green": with_series(outcome, STEADY_HIGH),
        "short amber": add_target(outcome, value=44, last_year=40),
    }


def cells_of(html: str, target) -> list[str]:
    """The words of each cell of the target's row, in order."""
    found = re.search(
        rf'<tr class="govuk-table__row" id="target-{target.indicator.slug}">(.*?)</tr>', html, re.S
    )
    assert found, f"no row for {target.indicator.slug}"
    return [
        text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", found.group(1), re.S)
    ]


def targets_headers(html: str) -> list[str]:
    section = html[html.index('id="targets"') :]
    table = section[: section.index("</thead>")]
    return [text_of(h) for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", table, re.S)]


def test_the_targets_table_has_variation_and_assurance_after_rag_and_direction(
    client, board, block, series
):
    html = get(client, board, url(block)).content.decode()

    assert targets_headers(html)[-4:] == ["RAG", "Direction of travel", "Variation", "Assurance"]


@pytest.mark.parametrize(
    ("name", "variation", "assurance"),
    [
        ("falling green", Variation.CONCERN, Assurance.HIT_AND_MISS),
        ("steady red", Variation.COMMON_CAUSE, Assurance.FAIL),
        ("noisy amber", Variation.COMMON_CAUSE, Assurance.HIT_AND_MISS),
        ("steady green", Variation.COMMON_CAUSE, Assurance.PASS),
    ],
)
def test_each_target_shows_its_variation_and_assurance_in_words(
    client, board, block, series, name, variation, assurance
):
    html = get(client, board, url(block)).content.decode()

    cells = cells_of(html, series[name])
    assert cells[-2:] == [variation.label, assurance.label]


def test_with_fewer_than_12_values_the_row_says_not_enough_data_and_how_many(
    client, board, block, series
):
    html = get(client, board, url(block)).content.decode()

    variation, assurance = cells_of(html, series["short amber"])[-2:]
    assert variation.startswith(Variation.NOT_ENOUGH_DATA.label)
    assert "approved values needed" in variation
    assert assurance == Assurance.NOT_ASSESSED.label


def test_the_key_explains_every_variation_and_assurance_word(client, board, block, series):
    html = get(client, board, url(block)).content.decode()

    key = html[html.index('id="spc-key"') :]
    key = text_of(key[: key.index("</details>")])
    assert "What the Variation and Assurance columns mean" in key
    words = [word for word, _ in (*VARIATION_KEY, *ASSURANCE_KEY)]
    assert {v.label for v in Variation} | {a.label for a in Assurance} == set(words)
    for word, meaning in (*VARIATION_KEY, *ASSURANCE_KEY):
        assert f"{word} {meaning}" in key


def test_the_exception_dashboards_table_keeps_its_columns(client, psb, series):
    html = get(client, psb, "/exceptions/").content.decode()

    assert '<th scope="col" class="govuk-table__header">Variation</th>' not in html


def test_query_count_does_not_grow_with_the_number_of_series(
    client, django_assert_max_num_queries, board, block, outcome, the_round
):
    client.force_login(board)
    with_series(outcome, FALLING_GREEN)
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        client.get(url(block))
    for _ in range(8):
        for values in (FALLING_GREEN, STEADY_RED, NOISY_AMBER):
            with_series(outcome, values + values)
    with django_assert_max_num_queries(len(small)):
        response = client.get(url(block))
    assert len(response.context["page"].outcomes[0].targets) == 25
