"""The heat map's counts, the target scores' counts and the bands' scores: pure functions
of the rows read."""

import json
from dataclasses import replace

import pytest

from risks.charts import heat_map, heat_map_chart, target_counts
from risks.rules import RiskBand
from risks.selectors.register import RegisterRow, band_scores


def a_row(**changes) -> RegisterRow:
    base = RegisterRow(
        pk=1,
        title="A risk",
        level_label="Outcome",
        hangs_on="",
        block_name="",
        owner="",
        owner_organisation="",
        status_label="Open",
        review_date=None,
        review_overdue=False,
        inherent_likelihood=4,
        inherent_impact=5,
        inherent_score=20,
        current_likelihood=2,
        current_impact=3,
        score=6,
        band=RiskBand.MEDIUM,
        band_label="Medium",
        target_score=None,
        target_band_label="",
    )
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("band", "scores"),
    [
        (RiskBand.LOW, range(1, 5)),
        (RiskBand.MEDIUM, range(5, 10)),
        (RiskBand.HIGH, range(10, 15)),
        (RiskBand.VERY_HIGH, range(15, 26)),
    ],
)
def test_band_scores_are_every_score_in_the_band(band, scores):
    assert band_scores(band) == list(scores)


def test_heat_map_counts_every_cell_likelihood_five_at_the_top():
    rows = [a_row(), a_row(pk=2), a_row(pk=3, current_likelihood=5, current_impact=1)]
    matrix = heat_map(rows, "current")

    assert [line[0].likelihood for line in matrix.rows] == [5, 4, 3, 2, 1]
    assert [cell.impact for cell in matrix.rows[0]] == [1, 2, 3, 4, 5]
    counts = {(c.likelihood, c.impact): c.count for line in matrix.rows for c in line}
    assert counts[2, 3] == 2
    assert counts[5, 1] == 1
    assert sum(counts.values()) == matrix.total == 3
    assert (matrix.rows[0][4].score, matrix.rows[0][4].band) == (25, RiskBand.VERY_HIGH)


def test_heat_map_of_inherent_positions():
    counts = {
        (c.likelihood, c.impact): c.count
        for line in heat_map([a_row()], "inherent").rows
        for c in line
    }
    assert counts[4, 5] == 1
    assert counts[2, 3] == 0


def test_an_empty_heat_map_says_so_in_its_summary():
    chart = heat_map_chart(heat_map([], "current"), position_label="Current")
    assert chart.summary.startswith("0 risks placed by their current likelihood")
    assert all(row[1:] == ("0",) * 5 for row in chart.table.rows)


def test_each_cell_of_the_chart_writes_its_count_score_and_band():
    chart = heat_map_chart(heat_map([a_row()], "current"), position_label="Current")
    text = json.loads(chart.figure_json)["data"][0]["text"]
    assert text[3][2] == "1<br>6 Medium"  # likelihood 2 (fourth row down), impact 3
    assert text[0][4] == "0<br>25 Very high"


def test_target_counts_by_band_and_none():
    rows = [a_row(target_score=4), a_row(target_score=20), a_row(target_score=16), a_row()]
    assert target_counts(rows) == (
        ("Very high", 2),
        ("High", 0),
        ("Medium", 0),
        ("Low", 1),
        ("No target score", 1),
    )
