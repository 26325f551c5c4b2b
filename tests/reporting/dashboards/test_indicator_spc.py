"""The indicator page's statistical process control section (issue 16).

CYP 01 is a percentage, higher is better, with a target of 60 for Anycity. Its approved
values from Q1 2022-23 to Q4 2025-26 alternate 44 and 46, then leap to 52 in the last
quarter: mean 45.375, mR-bar 2.4, process limits 38.991 to 51.759. The leap is above the
upper limit (special cause), and the target is above the limits (it will not be met as
the process runs). A draft of 77.7 for Q1 2026-27 is no part of the chart.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from indicators.enums import Accumulation, Polarity, Unit
from partnership.periods import Period as PeriodRef
from partnership.periods import last_quarters
from reporting.dashboards.charts.spc import spc_chart
from reporting.dashboards.selectors.indicator_page import indicator_page
from targets.spc import Assurance, Variation
from tests import factories as f

URL = "/indicators/cyp-01/"
SERIES = ["44", "46"] * 7 + ["44", "52"]  # 16 quarters to Q4 2025-26
QUARTERS = [p.code for p in last_quarters(PeriodRef.parse("2025-26-Q4"), 16)]


@pytest.fixture
def area(db):
    return f.PartnershipAreaFactory()


def make(outcome, area, values, *, polarity=Polarity.HIGHER, target=True, draft=True):
    indicator = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", polarity=polarity)
    if target:
        f.TargetFactory(indicator=indicator, area=area)
    codes = QUARTERS[len(QUARTERS) - len(values) :]
    for code, amount in zip(codes, values, strict=True):
        f.IndicatorValueFactory(
            indicator=indicator, area=area, period=f.period(code), value=Decimal(amount)
        )
    if draft:
        f.IndicatorValueFactory(
            indicator=indicator,
            area=area,
            period=f.period("2026-27-Q1"),
            value=Decimal("77.7"),
            is_approved=False,
        )
    return indicator


@pytest.fixture
def cyp(outcome, area):
    return make(outcome, area, SERIES)


def page_of(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def section(html: str) -> str:
    found = re.search(r'<section aria-labelledby="spc-heading".*?</section>', html, flags=re.S)
    assert found, "no SPC section on the page"
    return found.group(0)


def figure_of(html: str) -> dict:
    found = re.search(
        r'<script type="application/json" data-chart-for="spc-chart">(.*?)</script>',
        html,
        flags=re.S,
    )
    assert found, "no SPC chart on the page"
    return json.loads(found.group(1))


def by_kind(figure: dict) -> dict[str, dict]:
    return {trace["meta"]["kind"]: trace for trace in figure["data"]}


# --- What it says ----------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["psb", "officer"])
def test_the_variation_assurance_and_reading_in_words(client, cyp, person, request):
    text = text_of(section(page_of(client, request.getfixturevalue(person))))
    assert "Variation (the latest value) Special cause improvement" in text
    assert "Assurance against the target Consistently fail" in text
    assert (
        "Over 16 approved values for Anycity, from Q1 2022-23 to Q4 2025-26, CYP 01 has a "
        "mean of 45.4%, and its process limits say any value from 39.0% to 51.8% is "
        "ordinary variation."
    ) in text
    assert (
        "The latest value, 52.0% for Q4 2025-26, shows special cause improvement "
        "(outside the process limits)."
    ) in text
    assert "will not be met without changing the process" in text


def test_a_draft_is_no_part_of_the_chart_even_for_those_who_see_it(client, cyp, officer):
    html = page_of(client, officer)
    assert "77.7%" in html  # the officer sees the draft in the trend
    spc = section(html)
    assert "77.7" not in spc
    assert "Q1 2026-27" not in spc
    assert len(figure_of(html)["data"][0]["x"]) == 16


def test_fewer_than_12_approved_values_is_not_enough_data(client, outcome, area, officer):
    make(outcome, area, SERIES[-11:])  # 11 approved and a draft: 12 seen by the officer
    html = page_of(client, officer)
    assert (
        "Not enough data for SPC: the chart needs at least 12 approved values for Anycity, "
        "and there are 11."
    ) in text_of(section(html))
    assert 'data-chart-for="spc-chart"' not in html


def test_no_values_at_all_is_not_enough_data(client, outcome, area, psb):
    make(outcome, area, [], draft=False)
    assert "and there are 0." in text_of(section(page_of(client, psb)))


@pytest.mark.parametrize(
    ("polarity", "variation", "assurance", "words"),
    [
        pytest.param(
            Polarity.LOWER,
            "Special cause concern",
            "Consistently pass",
            "it will consistently be met",
            id="lower is better: the leap is a concern, the target above the limits is met",
        ),
        pytest.param(
            Polarity.NEITHER,
            "Special cause (neither better nor worse)",
            "Not assessed",
            "no better direction, so the target is not judged",
            id="no better direction",
        ),
    ],
)
def test_the_words_follow_polarity(
    client, outcome, area, psb, polarity, variation, assurance, words
):
    make(outcome, area, SERIES, polarity=polarity)
    text = text_of(section(page_of(client, psb)))
    assert f"Variation (the latest value) {variation}" in text
    assert f"Assurance against the target {assurance}" in text
    assert words in text


def test_a_target_inside_the_limits_is_hit_and_miss(outcome, area, psb):
    make(outcome, area, ["58", "62"] * 8)
    spc = indicator_page(slug="cyp-01", user=psb).spc
    assert (spc.variation, spc.assurance) == (Variation.COMMON_CAUSE, Assurance.HIT_AND_MISS)
    assert "is common cause variation" in spc.reading
    assert "met at some times and missed at others, at random" in spc.reading


def test_without_a_target_there_is_no_assurance(outcome, area, psb):
    make(outcome, area, SERIES, target=False)
    spc = indicator_page(slug="cyp-01", user=psb).spc
    assert spc.assurance is Assurance.NOT_ASSESSED
    assert spc.reading.endswith("There is no target to judge the process against.")


# --- The chart and its table -----------------------------------------------------------------


def test_the_chart_has_values_mean_limits_and_target(client, cyp, psb):
    traces = by_kind(figure_of(page_of(client, psb)))
    assert set(traces) == {
        "limit",
        "mean",
        "target",
        "values",
        "common_cause",
        "special_cause_improvement",
    }
    assert traces["mean"]["y"] == [45.375] * 16
    assert traces["target"]["y"] == [60.0] * 16
    assert traces["target"]["name"] == "Target (60.0%)"
    assert traces["special_cause_improvement"]["x"] == ["Q4 2025-26"]


def test_special_cause_points_differ_by_marker_shape_not_colour_alone(outcome, area, psb):
    # Lower is better: a fall to 30 is improvement, then a leap to 70 a concern.
    make(outcome, area, ["44", "46"] * 6 + ["30", "45", "44", "70"], polarity=Polarity.LOWER)
    figure = json.loads(spc_chart(indicator_page(slug="cyp-01", user=psb).spc).figure_json)
    traces = by_kind(figure)
    symbols = {
        kind: traces[kind]["marker"]["symbol"]
        for kind in ("common_cause", "special_cause_improvement", "special_cause_concern")
    }
    assert len(set(symbols.values())) == 3
    assert traces["special_cause_improvement"]["name"] == "Special cause improvement"
    assert traces["special_cause_concern"]["name"] == "Special cause concern"
    assert traces["special_cause_concern"]["x"] == ["Q4 2025-26"]


def test_the_table_gives_the_same_figures_as_the_chart(cyp, psb):
    chart = spc_chart(indicator_page(slug="cyp-01", user=psb).spc)
    table = chart.table
    assert table.columns == (
        "Period",
        "Value",
        "Mean",
        "Lower process limit",
        "Upper process limit",
        "Variation",
    )
    assert [row[0] for row in table.rows] == [PeriodRef.parse(c).label for c in QUARTERS]
    assert [row[1] for row in table.rows] == [f"{v}.0%" for v in SERIES]
    assert table.rows[0][2:] == ("45.4%", "39.0%", "51.8%", "Common cause")
    assert table.rows[-1][5] == "Special cause improvement: Outside the process limits"
    assert "the target is 60.0%" in table.caption
    assert chart.summary.startswith("Over 16 approved values for Anycity")


# --- A year-to-date count ------------------------------------------------------------------


def test_a_year_to_date_count_is_charted_on_its_quarterly_increments(client, outcome, area, psb):
    """Reported as 20, 45, 70, 100 every year, it rises and drops back each April: charted
    as reported that saw tooth is a signal every year; its increments 20, 25, 25, 30 are
    ordinary variation, compared with a quarter of the target (60 / 4 = 15)."""
    indicator = f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 01",
        unit=Unit.NUMBER,
        decimal_places=0,
        accumulation=Accumulation.CUMULATIVE,
    )
    f.TargetFactory(indicator=indicator, area=area, target_value=Decimal("60"))
    for code, amount in zip(QUARTERS, ["20", "45", "70", "100"] * 4, strict=True):
        f.IndicatorValueFactory(
            indicator=indicator, area=area, period=f.period(code), value=Decimal(amount)
        )
    spc = indicator_page(slug="cyp-01", user=psb).spc
    assert [point.value for point in spc.points] == [
        Decimal(v) for v in ["20", "25", "25", "30"] * 4
    ]
    assert spc.target == Decimal("15")
    assert spc.variation is Variation.COMMON_CAUSE
    text = text_of(section(page_of(client, psb)))
    assert "The chart uses what each quarter added" in text


def test_a_snapshot_is_charted_as_reported(client, cyp, psb):
    spc = indicator_page(slug="cyp-01", user=psb).spc
    assert [point.value for point in spc.points] == [Decimal(v) for v in SERIES]
    assert spc.increments_note == ""
    assert "The chart uses what each quarter added" not in text_of(section(page_of(client, psb)))
