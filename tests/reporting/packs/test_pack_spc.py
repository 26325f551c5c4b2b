"""The pack's block sheets and statistical process control (issue 16, point 3): each
target's variation and assurance in words beside RAG and direction of travel, and their
key on the Cover, next to the RAG key."""

from __future__ import annotations

import pytest

from reporting.formats.spc_key import ASSURANCE_KEY, VARIATION_KEY
from targets.spc import Assurance, Variation
from tests.reporting.dashboards.test_board_spc import STEADY_HIGH
from tests.reporting.dashboards.test_exceptions_spc import (
    FALLING_GREEN,
    NOISY_AMBER,
    STEADY_RED,
    with_series,
)
from tests.reporting.packs.test_pack_build import FORECAST, RAG, TRAVEL, build, row_of
from tests.reporting.scorecard.test_scorecard import a_round, add_target

VARIATION, ASSURANCE = TRAVEL + 1, TRAVEL + 2


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


def test_variation_and_assurance_sit_after_rag_and_direction_and_before_the_forecast(
    officer, outcome, series
):
    sheet = build(officer)[outcome.block.name]

    header = [cell.value for cell in sheet[1]]
    assert header[RAG - 1 : FORECAST] == [
        "RAG",
        "Direction of travel",
        "Variation",
        "Assurance",
        "Forecast RAG",
    ]


@pytest.mark.parametrize(
    ("name", "variation", "assurance"),
    [
        ("falling green", Variation.CONCERN, Assurance.HIT_AND_MISS),
        ("steady red", Variation.COMMON_CAUSE, Assurance.FAIL),
        ("noisy amber", Variation.COMMON_CAUSE, Assurance.HIT_AND_MISS),
        ("steady green", Variation.COMMON_CAUSE, Assurance.PASS),
        ("short amber", Variation.NOT_ENOUGH_DATA, Assurance.NOT_ASSESSED),
    ],
)
def test_each_target_gives_its_variation_and_assurance_in_words(
    officer, outcome, series, name, variation, assurance
):
    sheet = build(officer)[outcome.block.name]

    row = row_of(sheet, series[name].indicator.code)
    cells = [sheet.cell(row=row, column=c) for c in (VARIATION, ASSURANCE)]
    assert [c.value for c in cells] == [variation.label, assurance.label]
    assert all(c.fill.fgColor.rgb in (None, "00000000") for c in cells)  # words, not colour
    assert all(c.alignment.wrap_text for c in cells)


def test_the_cover_explains_every_variation_and_assurance_word_after_the_rag_key(
    officer, outcome, series
):
    cover = build(officer)["Cover"]

    lines = [tuple(v for v in row if v is not None) for row in cover.iter_rows(values_only=True)]
    lines = [line for line in lines if line]
    rag_key = lines.index(("RAG key",))
    key = lines.index(("Variation and assurance key",))
    assert rag_key < key < lines.index(("Sheets",))
    for word, meaning in (*VARIATION_KEY, *ASSURANCE_KEY):
        assert (word, meaning) in lines[key:]
    explained = {word for word, _ in (*VARIATION_KEY, *ASSURANCE_KEY)}
    assert explained == {v.label for v in Variation} | {a.label for a in Assurance}
