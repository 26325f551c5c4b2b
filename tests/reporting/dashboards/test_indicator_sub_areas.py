"""The indicator page's "By sub-area" section: the latest values by sub-area, best first,
with each one's previous value and direction of travel, against the partnership area's.

CYP 01 is a percentage, higher is better, led by the council. Anycity's four area
committees have approved values for Q4 2025-26: North 52 (50 a year before: improving),
East 48 (47 the quarter before, none a year before: improving), West 45 (nothing before:
not assessed), South 39 (45 a year before: worsening); Anycity as a whole 48. North has a
draft of 60 for Q1 2026-27, which only the council and the performance team may see.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from indicators.enums import Accumulation, Frequency, Polarity
from indicators.models import IndicatorValue
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from partnership.periods import last_quarters
from reporting.dashboards.charts.sub_areas import sub_areas_chart
from reporting.dashboards.selectors.indicator_page import indicator_page
from targets.rules import Direction
from tests import factories as f
from tests.csv_helpers import csv_rows, response_text

URL = "/indicators/cyp-01/"
PAGE_QUERIES = 15  # as the page without sub-areas: the sub-areas are its one more query


@pytest.fixture
def area(db):
    return f.PartnershipAreaFactory()


def value(indicator, area, code, amount, **extra):
    return f.IndicatorValueFactory(
        indicator=indicator, area=area, period=f.period(code), value=Decimal(amount), **extra
    )


@pytest.fixture
def committees(area):
    return {
        name: f.SubAreaFactory(code=f"AC0{n}", name=f"Anycity {name}", parent=area)
        for n, name in enumerate(("North", "South", "East", "West"), start=1)
    }


@pytest.fixture
def cyp(outcome, area, committees):
    indicator = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")
    for code, amount in (("2025-26-Q3", "47"), ("2025-26-Q4", "48")):
        value(indicator, area, code, amount)
    north, south = committees["North"], committees["South"]
    east, west = committees["East"], committees["West"]
    value(indicator, north, "2024-25-Q4", "50")
    value(indicator, north, "2025-26-Q4", "52")
    value(indicator, north, "2026-27-Q1", "60", is_approved=False)
    value(indicator, south, "2024-25-Q4", "45")
    value(indicator, south, "2025-26-Q4", "39")
    value(indicator, east, "2025-26-Q3", "47")
    value(indicator, east, "2025-26-Q4", "48")
    value(indicator, west, "2025-26-Q4", "45")
    return indicator


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def figure_of(response) -> dict:
    found = re.search(
        r'<script type="application/json" data-chart-for="sub-areas-chart">(.*?)</script>',
        response.content.decode(),
        flags=re.S,
    )
    assert found, "no chart of the sub-areas on the page"
    return json.loads(found.group(1))


@pytest.mark.parametrize("person", ["psb", "board", "scrutiny"])
def test_readers_see_the_latest_approved_values_by_sub_area_best_first(
    client, cyp, person, request
):
    client.force_login(request.getfixturevalue(person))
    response = client.get(URL)
    assert response.status_code == 200
    text = text_of(response)
    assert "By sub-area" in text
    assert "Values by sub-area, Q4 2025-26, best first" in text
    rows = [
        "Anycity (partnership area) 48.0% – –",
        "Anycity North 52.0% – Improving",
        "Anycity East 48.0% 47.0% Improving",
        "Anycity West 45.0% – Not assessed",
        "Anycity South 39.0% – Worsening",
    ]
    assert " ".join(rows) in text
    assert "60.0%" not in text
    assert "not yet approved" not in text


@pytest.mark.parametrize("person", ["lead", "colleague", "officer"])
def test_the_lead_organisation_and_performance_team_see_the_draft_marked(
    client, cyp, person, request, lead_role
):
    client.force_login(request.getfixturevalue(person))
    text = text_of(client.get(URL))
    assert "Values by sub-area, Q1 2026-27, best first" in text
    assert "Anycity North 60.0% (not yet approved) 52.0% Improving" in text
    assert "Anycity South" not in text  # no value for Q1 2026-27


def test_the_section_is_absent_without_sub_area_values(client, cyp, psb):
    IndicatorValue.objects.filter(area__kind=Area.Kind.SUB_AREA).delete()
    client.force_login(psb)
    response = client.get(URL)
    assert response.status_code == 200
    assert "By sub-area" not in text_of(response)
    assert 'id="sub-areas-chart"' not in response.content.decode()


def test_only_draft_sub_area_values_show_nothing_to_readers(client, cyp, psb):
    IndicatorValue.objects.filter(area__kind=Area.Kind.SUB_AREA).update(is_approved=False)
    client.force_login(psb)
    assert "By sub-area" not in text_of(client.get(URL))


def test_the_chart_has_a_bar_per_sub_area_and_the_partnership_line(client, cyp, psb):
    client.force_login(psb)
    response = client.get(URL)
    figure = figure_of(response)
    (bars,) = figure["data"]
    assert bars["orientation"] == "h"
    assert bars["y"] == ["Anycity North", "Anycity East", "Anycity West", "Anycity South"]
    assert bars["x"] == [52.0, 48.0, 45.0, 39.0]
    assert bars["text"] == ["52.0%", "48.0%", "45.0%", "39.0%"]
    (line,) = figure["layout"]["shapes"]
    assert (line["x0"], line["x1"], line["line"]["dash"]) == (48.0, 48.0, "dash")
    assert figure["layout"]["annotations"][0]["text"] == "Anycity: 48.0%"
    summary = (
        "4 sub-areas in Q4 2025-26: best Anycity North (52.0%), worst Anycity South "
        "(39.0%). Anycity as a whole: 48.0% (the dashed line)."
    )
    assert summary in text_of(response)


def test_the_table_gives_the_same_numbers_as_the_chart(cyp, psb):
    page = indicator_page(slug="cyp-01", user=psb)
    chart = sub_areas_chart(page.sub_areas)
    figure = json.loads(chart.figure_json)
    assert chart.table.columns == ("Area", "Q4 2025-26", "Previous (Q3 2025-26)",
                                   "Direction of travel")  # fmt: skip
    assert [row[1] for row in chart.table.rows[1:]] == figure["data"][0]["text"]
    assert [line.travel for line in page.sub_areas.lines] == [
        Direction.IMPROVING, Direction.IMPROVING, Direction.NOT_ASSESSED, Direction.WORSENING
    ]  # fmt: skip


def test_one_sub_area_without_the_partnership_areas_value(cyp, psb, area):
    IndicatorValue.objects.filter(area=area).delete()
    IndicatorValue.objects.filter(area__code__in=["AC02", "AC03", "AC04"]).delete()
    chart = sub_areas_chart(indicator_page(slug="cyp-01", user=psb).sub_areas)
    assert chart.summary == "1 sub-area in Q4 2025-26: Anycity North (52.0%)."
    assert "shapes" not in json.loads(chart.figure_json)["layout"]
    assert chart.table.rows == (
        ("Anycity (partnership area)", "–", "–", "–"),
        ("Anycity North", "52.0%", "–", "Improving"),
    )


def test_lower_is_better_puts_the_smallest_first(cyp, psb):
    cyp.polarity = Polarity.LOWER
    cyp.save()
    page = indicator_page(slug="cyp-01", user=psb)
    assert [line.name for line in page.sub_areas.lines] == [
        "Anycity South", "Anycity West", "Anycity East", "Anycity North"
    ]  # fmt: skip
    assert page.sub_areas.lines[0].travel is Direction.IMPROVING  # 45 down to 39


def test_no_better_direction_is_highest_first_and_not_judged(client, cyp, psb):
    cyp.polarity = Polarity.NEITHER
    cyp.save()
    client.force_login(psb)
    text = text_of(client.get(URL))
    assert "Values by sub-area, Q4 2025-26, highest first" in text
    assert "highest Anycity North (52.0%), lowest Anycity South (39.0%)" in text
    assert "Improving" not in text.split("By sub-area")[1].split("Definition")[0]


def test_a_year_to_date_figure_is_judged_against_a_year_before_only(cyp, psb):
    cyp.accumulation = Accumulation.CUMULATIVE
    cyp.save()
    page = indicator_page(slug="cyp-01", user=psb)
    east = next(line for line in page.sub_areas.lines if line.name == "Anycity East")
    assert east.travel is Direction.NOT_ASSESSED  # only the quarter before: not compared


def test_an_annual_indicator_is_shown_by_year(outcome, area, committees, psb):
    indicator = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 01", frequency=Frequency.ANNUAL
    )
    value(indicator, committees["North"], "2024-25", "30")
    value(indicator, committees["North"], "2025-26-Q4", "33")  # the year's Q4 return
    value(indicator, committees["South"], "2025-26", "20")
    page = indicator_page(slug="cyp-01", user=psb)
    assert page.sub_areas.period_label == "2025-26"
    assert [(line.name, line.text, line.previous_text) for line in page.sub_areas.lines] == [
        ("Anycity North", "33.0%", "30.0%"),
        ("Anycity South", "20.0%", "–"),
    ]
    assert page.sub_areas.reference_value is None


def _sized(outcome, area, *, sub_areas: int, quarters: int) -> None:
    indicator = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01")
    codes = [p.code for p in last_quarters(PeriodRef.parse("2025-26-Q4"), quarters)]
    periods = {code: f.period(code) for code in codes}
    places = [
        Area.objects.create(
            code=f"W{n:05d}", name=f"Ward {n:02d}", kind=Area.Kind.SUB_AREA, parent=area
        )  # fmt: skip
        for n in range(sub_areas)
    ]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator,
            area=place,
            period=periods[code],
            value=Decimal(40 + n),
            is_approved=n % 5 != 4,
        )  # fmt: skip
        for place in [area, *places]
        for n, code in enumerate(codes)
    )


@pytest.mark.parametrize(("sub_areas", "quarters"), [(2, 2), (30, 12)])
@pytest.mark.parametrize("person", ["psb", "officer"])
def test_the_page_runs_the_same_queries_whatever_the_number_of_sub_areas(
    client, outcome, area, sub_areas, quarters, person, request, django_assert_max_num_queries
):
    _sized(outcome, area, sub_areas=sub_areas, quarters=quarters)
    client.force_login(request.getfixturevalue(person))
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(figure_of(response)["data"][0]["y"]) == sub_areas


# --- The chart's table as CSV (?format=csv&table=sub-areas-chart) ------------------------


def download(client):
    return client.get(URL, {"format": "csv", "table": "sub-areas-chart"})


@pytest.mark.parametrize("person", ["psb", "board", "scrutiny"])
def test_readers_download_the_chart_table_without_the_draft(client, cyp, person, request):
    client.force_login(request.getfixturevalue(person))
    response = download(client)
    rows = csv_rows(response)
    assert response["Content-Disposition"] == 'attachment; filename="sub-areas-chart.csv"'
    assert rows[0] == ["Area", "Q4 2025-26", "Previous (Q3 2025-26)", "Direction of travel"]
    assert [row[0] for row in rows[2:]] == [
        "Anycity North", "Anycity East", "Anycity West", "Anycity South"
    ]  # fmt: skip
    assert "60.0" not in response_text(response)
    assert 'data-table="sub-areas-chart"' in client.get(URL).content.decode()


@pytest.mark.parametrize("person", ["lead", "colleague", "officer"])
def test_the_lead_organisation_and_performance_team_download_the_draft_marked(
    client, cyp, person, request, lead_role
):
    client.force_login(request.getfixturevalue(person))
    assert csv_rows(download(client))[1:] == [
        ["Anycity (partnership area)", "–", "–", "–"],
        ["Anycity North", "60.0% (not yet approved)", "52.0%", "Improving"],
    ]


def test_the_chart_download_is_refused_as_the_page_is(client, cyp, nobody, psb):
    assert download(client)["Location"].startswith("/accounts/login/")
    client.force_login(nobody)
    assert download(client).status_code == 403
    IndicatorValue.objects.filter(area__kind=Area.Kind.SUB_AREA).delete()
    client.force_login(psb)
    assert download(client).status_code == 404  # no value by sub-area: no such table
