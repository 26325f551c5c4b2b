"""The indicator pages: the list of indicators and one indicator's page with its trend.

CYP 01 is a percentage (higher is better) collected by the lead's outcome (the council
leads it). Its target runs from 40 in 2024-25 to 60 in 2026-27: 2.5 a quarter, so the
milestone for Q4 2025-26 is 50 and for Q1 2026-27 52.5. Anycity's approved values for
2025-26 are 41, 44 (estimated), 46 and 48; the draft for Q1 2026-27 is 77.7, which only
the council and the performance team may see.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from indicators.enums import Accumulation, Frequency, Polarity, Unit, ValueStatus
from indicators.models import Indicator, IndicatorValue
from partnership.models import Area
from reporting.dashboards.charts.trend import trend_chart
from reporting.dashboards.selectors.indicator_page import indicator_list, indicator_page
from reporting.models import QuarterlyReturn, ReturnRound
from targets.models import Target
from targets.rules import Direction, Rag
from tests import factories as f

State = QuarterlyReturn.State
URL = "/indicators/cyp-01/"
DRAFT = "77.7"
DRAFT_WORDS = "Draft words not yet approved"
QUARTERS_2025 = ("2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4")


# --- Fixtures --------------------------------------------------------------------------------


@pytest.fixture
def area(db):
    return f.PartnershipAreaFactory()


@pytest.fixture
def region(db):
    return f.AreaFactory(code="E12000099", name="North Midlands", kind=Area.Kind.REGION)


@pytest.fixture
def england(db):
    return f.AreaFactory(code="E92000001", name="England", kind=Area.Kind.ENGLAND)


def value(indicator, area, code, amount, **extra):
    return f.IndicatorValueFactory(
        indicator=indicator, area=area, period=f.period(code), value=Decimal(amount), **extra
    )


@pytest.fixture
def cyp(outcome, other_outcome, area, region, england):
    """CYP 01 with its target, values for every kind of area, and its returns."""
    indicator = f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 01",
        title="Children in good schools",
        definition="Children in schools rated good or better.",
        data_source="School inspections",
    )
    indicator.contributes_to.add(other_outcome)
    related = f.IndicatorFactory(primary_outcome=outcome, code="CYP 02", title="School days")
    indicator.related.add(related)
    f.TargetFactory(indicator=indicator, area=area)
    for code, amount in zip(QUARTERS_2025, ("41", "44", "46", "48"), strict=True):
        estimated = code.endswith("Q2")
        value(
            indicator,
            area,
            code,
            amount,
            status=ValueStatus.ESTIMATED if estimated else ValueStatus.FINAL,
            note="Estimated from the autumn survey." if estimated else "",
        )
    value(indicator, area, "2026-27-Q1", DRAFT, is_approved=False, note="A draft note.")
    for n in range(3):
        comparator = f.AreaFactory(
            code=f"E06{n:06d}", name=f"Comparator {n}", kind=Area.Kind.COMPARATOR
        )
        for code in QUARTERS_2025:
            value(indicator, comparator, code, str(50 + n))
    for code in QUARTERS_2025:
        value(indicator, region, code, "45.5")
        value(indicator, england, code, "47.25")
    returns(outcome)
    return indicator


def returns(outcome):
    """Approved returns for Q3 and Q4 2025-26 with commentary, and a draft for Q1 2026-27."""
    for code, state, words in (
        ("2025-26-Q3", State.APPROVED, "Q3 progress"),
        ("2025-26-Q4", State.APPROVED, "Q4 progress"),
        ("2026-27-Q1", State.DRAFT, DRAFT_WORDS),
    ):
        round_ = f.ReturnRoundFactory(
            period=f.period(code),
            state=ReturnRound.State.OPEN if state == State.DRAFT else ReturnRound.State.CLOSED,
        )
        f.QuarterlyReturnFactory(
            round=round_,
            outcome=outcome,
            state=state,
            progress_summary=words,
            concerns_and_actions=f"{words}: concerns",
            forecast_rag="amber",
        )


def as_user(client, user):
    client.force_login(user)
    return user


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def figure_of(response) -> dict:
    html = response.content.decode()
    found = re.search(
        r'<script type="application/json" data-chart-for="trend-chart">(.*?)</script>',
        html,
        flags=re.S,
    )
    assert found, "no chart on the page"
    return json.loads(found.group(1))


def kinds(figure) -> list[str]:
    return [trace.get("meta", {}).get("kind") for trace in figure["data"]]


def numbers(figure) -> set[float]:
    return {y for trace in figure["data"] for y in trace["y"] if y is not None}


# --- Who may see it --------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/indicators/", URL])
def test_anonymous_is_sent_to_sign_in(client, cyp, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", ["/indicators/", URL])
def test_someone_without_a_role_is_refused(client, cyp, nobody, url):
    as_user(client, nobody)
    response = client.get(url)
    assert response.status_code == 403
    assert "You do not have a role yet" in text_of(response)


def test_an_address_that_names_no_indicator_is_not_found(client, cyp, psb):
    as_user(client, psb)
    assert client.get("/indicators/ni-999/").status_code == 404


@pytest.mark.parametrize("person", ["psb", "board", "scrutiny"])
def test_boards_psb_and_scrutiny_see_approved_values_only(client, cyp, person, request):
    as_user(client, request.getfixturevalue(person))
    response = client.get(URL)
    assert response.status_code == 200
    text = text_of(response)
    assert "CYP 01 Children in good schools" in text
    assert "48.0% for Q4 2025-26" in text  # the latest approved value
    assert DRAFT not in text
    assert DRAFT_WORDS not in text
    assert "A draft note." not in text
    assert "Only approved values are shown." in text
    assert float(DRAFT) not in numbers(figure_of(response))


@pytest.mark.parametrize("person", ["officer", "lead", "colleague", "council_officer"])
def test_the_lead_organisation_and_performance_team_see_drafts(client, cyp, person, request):
    """Unapproved values are for the lead's organisation (the colleague works there too)
    and the performance team, as partnership.access decides."""
    user = request.getfixturevalue(person)
    if person == "lead":
        request.getfixturevalue("lead_role")
    as_user(client, user)
    response = client.get(URL)
    assert response.status_code == 200
    text = text_of(response)
    assert f"{DRAFT}% for Q1 2026-27" in text
    assert DRAFT_WORDS in text
    assert "Values not yet approved are included" in text
    assert float(DRAFT) in numbers(figure_of(response))


def test_the_menu_has_the_indicators(client, cyp, psb):
    as_user(client, psb)
    html = client.get("/indicators/").content.decode()
    assert re.search(r'href="/indicators/"[^>]*aria-current="page"', html)


# --- What the page shows ---------------------------------------------------------------------


def test_the_page_shows_the_definition_and_how_to_read_the_indicator(client, cyp, psb):
    as_user(client, psb)
    text = text_of(client.get(URL))
    for expected in (
        "Children in schools rated good or better.",
        "Higher is better",
        "Percentage, to 1 decimal place",
        "Quarterly",
        "Snapshot: the position at the end of each period",
        "School inspections",
        "Local",
    ):
        assert expected in text


def test_the_page_names_the_outcomes_that_use_it_and_related_indicators(
    client, cyp, other_outcome, psb
):
    as_user(client, psb)
    response = client.get(URL)
    text = text_of(response)
    assert f"Collected by the quarterly return of {cyp.primary_outcome}" in text
    assert f"{other_outcome.code} {other_outcome.title}" in text
    assert 'href="/indicators/cyp-02/"' in response.content.decode()


def test_the_outcome_links_to_its_current_return_for_those_who_may_see_it(
    client, cyp, psb, lead, lead_role
):
    current = QuarterlyReturn.objects.get(round__period__code="2026-27-Q1")
    as_user(client, lead)
    page = indicator_page(slug="cyp-01", user=lead)
    assert page.primary_outcome.return_href == f"/returns/{current.pk}/"
    assert page.primary_outcome.return_label == "Q1 2026-27 return (Draft)"
    # The PSB may not see the draft, so there is nothing to link to.
    assert indicator_page(slug="cyp-01", user=psb).primary_outcome.return_href is None


def test_the_target_for_the_partnership_area_is_shown(client, cyp, psb, area):
    Target.objects.filter(indicator=cyp).update(
        kind=Target.Kind.STRETCH, standard_target_value=Decimal("55"), reward_grant=890000
    )
    as_user(client, psb)
    text = text_of(client.get(URL))
    assert "Stretch target 60.0% by 2026-27" in text
    assert "Baseline 40.0% in 2024-25" in text
    assert "Standard target (without the stretch) 55.0% by 2026-27" in text
    assert "£890,000 if fully achieved" in text


def test_an_indicator_without_a_target_is_data_only(client, outcome, area, psb):
    indicator = f.IndicatorFactory(primary_outcome=outcome, code="CYP 09")
    value(indicator, area, "2025-26-Q1", "10")
    as_user(client, psb)
    text = text_of(client.get("/indicators/cyp-09/"))
    assert "There is no target for Anycity" in text
    assert "No data" in text  # the RAG is grey


def test_an_indicator_without_values_says_so(client, outcome, area, psb):
    f.IndicatorFactory(primary_outcome=outcome, code="CYP 08")
    as_user(client, psb)
    response = client.get("/indicators/cyp-08/")
    text = text_of(response)
    assert "There are no values for this indicator to show you yet." in text
    assert "There is no value for Anycity to show you yet." in text
    assert "data-chart-for" not in response.content.decode()


def test_the_latest_rag_is_judged_against_its_milestone(cyp, psb, lead, lead_role):
    seen_by_psb = indicator_page(slug="cyp-01", user=psb).latest
    assert (seen_by_psb.period_label, seen_by_psb.rag) == ("Q4 2025-26", Rag.AMBER)
    assert seen_by_psb.milestone_text == "50.0%"
    seen_by_lead = indicator_page(slug="cyp-01", user=lead).latest
    assert (seen_by_lead.period_label, seen_by_lead.rag) == ("Q1 2026-27", Rag.GREEN)


def test_direction_of_travel_is_against_last_year_and_the_previous_quarter(cyp, psb, area):
    value(cyp, area, "2024-25-Q4", "49")
    latest = indicator_page(slug="cyp-01", user=psb).latest
    assert latest.travel.against_last_year is Direction.WORSENING  # 48 against 49
    assert latest.travel.against_previous is Direction.IMPROVING  # 48 against 46
    assert latest.travel.headline is Direction.WORSENING
    assert (latest.last_year_text, latest.previous_text) == ("49.0%", "46.0%")


def test_the_projection_says_how_far_short_of_the_target_the_trend_falls(client, cyp, psb):
    """41, 44, 46 and 48 rise 2.3 a quarter: 57.4 by Q4 2026-27, 2.6 short of 60."""
    projection = indicator_page(slug="cyp-01", user=psb).projection
    assert projection.on_course is False
    assert projection.text == (
        "Projected 57.4% by 2026-27: short of the target of 60.0% by 2.6 percentage points."
    )
    as_user(client, psb)
    assert projection.text in text_of(client.get(URL))


def test_the_projection_says_when_the_trend_is_on_course(client, cyp, area, psb):
    IndicatorValue.objects.filter(indicator=cyp, area=area, period__code="2026-27-Q1").update(
        value=Decimal("56"), is_approved=True
    )
    projection = indicator_page(slug="cyp-01", user=psb).projection
    assert projection.on_course is True
    assert projection.text == "On course to reach the target of 60.0% by 2026-27."
    as_user(client, psb)
    assert "On course to reach the target of 60.0% by 2026-27." in text_of(client.get(URL))


def test_a_year_to_date_indicator_is_projected_from_year_end_figures(outcome, area, psb):
    """Year-end 130 in 2024-25; 80 by Q2 2025-26 is 160 for a full year: +30 a year, so
    190 by 2026-27, 10 short of 200. The quarters' sawtooth would mislead a straight line."""
    indicator = f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 05",
        unit=Unit.NUMBER,
        decimal_places=0,
        accumulation=Accumulation.CUMULATIVE,
    )
    f.TargetFactory(
        indicator=indicator,
        area=area,
        baseline_value=Decimal("100"),
        baseline_period=f.period("2023-24"),
        target_value=Decimal("200"),
    )
    for code, amount in zip(
        ("2024-25-Q1", "2024-25-Q2", "2024-25-Q3", "2024-25-Q4", "2025-26-Q1", "2025-26-Q2"),
        ("30", "60", "90", "130", "40", "80"),
        strict=True,
    ):
        value(indicator, area, code, amount)
    page = indicator_page(slug="cyp-05", user=psb)
    assert page.projection.text == "Projected 190 by 2026-27: short of the target of 200 by 10."
    # A year-to-date figure compares only with the same point of another year.
    assert page.latest.travel.against_last_year is Direction.IMPROVING  # 80 against 60
    assert page.latest.travel.against_previous is Direction.NOT_ASSESSED
    assert "same point of another year" in page.latest.previous_note


def test_an_annual_indicator_is_shown_by_year(outcome, area, psb):
    """A year's value may be stored against the year or its Q4 (the return collects it)."""
    indicator = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 06", frequency=Frequency.ANNUAL
    )
    value(indicator, area, "2023-24", "40")
    value(indicator, area, "2024-25-Q4", "42")
    trend = indicator_page(slug="cyp-06", user=psb).trend
    assert trend.by_year
    assert trend.period_labels == ("2023-24", "2024-25")
    assert [p.text for p in trend.partnership.points] == ["40.0%", "42.0%"]


# --- The chart and its table ---------------------------------------------------------------


def test_the_chart_has_the_trajectory_target_comparators_region_and_england(client, cyp, psb):
    as_user(client, psb)
    figure = figure_of(client.get(URL))
    assert kinds(figure).count("comparator") == 3
    for kind in ("milestone", "region", "england", "partnership", "target", "projection"):
        assert kind in kinds(figure)
    trajectory = figure["data"][kinds(figure).index("milestone")]
    assert trajectory["x"][:4] == ["Q1 2025-26", "Q2 2025-26", "Q3 2025-26", "Q4 2025-26"]
    assert trajectory["y"] == [42.5, 45.0, 47.5, 50.0, 52.5, 55.0, 57.5, 60.0]
    target = figure["data"][kinds(figure).index("target")]
    assert (target["x"], target["y"], target["text"]) == (["Q4 2026-27"], [60.0], ["Target 60.0%"])


def test_the_lines_differ_by_dash_and_marker_not_colour_alone(client, cyp, psb):
    as_user(client, psb)
    figure = figure_of(client.get(URL))
    lines = [t for t in figure["data"] if t["mode"] == "lines+markers"]
    styles = {(t["line"]["dash"], t["legendgroup"]) for t in lines}
    assert len({dash for dash, _ in styles}) == len({group for _, group in styles}) == 5
    assert figure["layout"]["legend"]["orientation"] == "h"
    target = figure["data"][kinds(figure).index("target")]
    assert target["marker"]["symbol"] == "star"
    assert target["mode"] == "markers+text"  # labelled with its value


def test_the_table_gives_the_same_numbers_as_the_chart(cyp, psb):
    page = indicator_page(slug="cyp-01", user=psb)
    made = trend_chart(page.trend)
    figure = json.loads(made.figure_json)
    rows = {row[0]: row[1:] for row in made.table.rows}
    assert made.table.columns[0] == "Area"
    assert list(made.table.columns[1:]) == figure["data"][0]["x"]
    for trace in figure["data"]:
        if trace.get("meta", {}).get("kind") in ("comparator", "region", "england", "partnership"):
            name = trace["customdata"][0]
            shown = [re.sub(r"[%,]| \(estimated\)", "", cell) for cell in rows[name]]
            assert shown == ["–" if y is None else f"{y:.1f}" for y in trace["y"]]
    assert rows["Anycity"][:5] == ("41.0%", "44.0% (estimated)", "46.0%", "48.0%", "–")
    assert rows["Milestone (trajectory)"][3] == "50.0%"
    assert rows["Target"][-1] == "60.0%"


def test_the_chart_has_a_text_summary(client, cyp, psb):
    as_user(client, psb)
    text = text_of(client.get(URL))
    assert (
        "Anycity's values for CYP 01 by quarter from Q1 2025-26 to Q4 2026-27, against the "
        "trajectory to the target of 60.0% by 2026-27, compared with 3 comparator areas, "
        "North Midlands (region) and England."
    ) in text.replace("&#x27;", "'")


# --- Commentary history --------------------------------------------------------------------


def test_the_commentary_history_is_newest_first_with_value_notes(cyp, lead, lead_role):
    entries = indicator_page(slug="cyp-01", user=lead).commentary
    assert [e.period_label for e in entries] == [
        "Q1 2026-27",
        "Q4 2025-26",
        "Q3 2025-26",
        "Q2 2025-26",
    ]
    assert entries[0].progress_summary == DRAFT_WORDS
    assert entries[0].return_state == State.DRAFT
    assert entries[0].value_note == "A draft note."
    assert entries[1].concerns_and_actions == "Q4 progress: concerns"
    assert entries[1].forecast_rag == "amber"
    assert (entries[3].return_state, entries[3].value_note) == (
        "",
        "Estimated from the autumn survey.",
    )


@pytest.mark.parametrize("person", ["psb", "board", "scrutiny"])
def test_the_commentary_history_shows_approved_returns_only_to_readers(cyp, person, request):
    entries = indicator_page(slug="cyp-01", user=request.getfixturevalue(person)).commentary
    assert [e.period_label for e in entries] == ["Q4 2025-26", "Q3 2025-26", "Q2 2025-26"]
    assert {e.return_state for e in entries} == {State.APPROVED, ""}


def test_the_commentary_links_to_each_return(client, cyp, psb):
    approved = QuarterlyReturn.objects.get(round__period__code="2025-26-Q4")
    as_user(client, psb)
    html = client.get(URL).content.decode()
    assert f'href="/returns/{approved.pk}/"' in html
    assert "Q4 progress: concerns" in html


# --- The list of indicators ----------------------------------------------------------------


def test_the_list_groups_indicators_by_block_and_outcome(client, cyp, other_outcome, psb):
    f.IndicatorFactory(primary_outcome=other_outcome, code="SSC 01", title="Crime")
    as_user(client, psb)
    response = client.get("/indicators/")
    assert response.status_code == 200
    listing = response.context["listing"]
    assert [(b.name, [o.code for o in b.outcomes]) for b in listing.blocks] == [
        (cyp.primary_outcome.block.name, [cyp.primary_outcome.code]),
        (other_outcome.block.name, [other_outcome.code]),
    ]
    assert [line.code for line in listing.blocks[0].outcomes[0].indicators] == [
        "CYP 01",
        "CYP 02",
    ]
    assert 'href="/indicators/cyp-01/"' in response.content.decode()
    assert "3 indicators." in text_of(response)


@pytest.mark.parametrize(
    ("query", "codes"),
    [("cyp 01", ["CYP 01"]), ("SCHOOL", ["CYP 01", "CYP 02"]), ("cyp-02", ["CYP 02"])],
)
def test_the_search_finds_indicators_by_code_or_title(client, cyp, psb, query, codes):
    as_user(client, psb)
    response = client.get("/indicators/", {"q": query})
    found = [
        line.code
        for b in response.context["listing"].blocks
        for o in b.outcomes
        for line in o.indicators
    ]
    assert found == codes
    assert f'value="{query}"' in response.content.decode()


def test_a_search_that_finds_nothing_says_so(client, cyp, psb):
    as_user(client, psb)
    text = text_of(client.get("/indicators/", {"q": "zebra"}))
    assert "No indicator’s code or title contains ‘zebra’" in text


def test_a_search_too_long_is_an_error_that_keeps_what_was_typed(client, cyp, psb):
    as_user(client, psb)
    response = client.get("/indicators/", {"q": "x" * 101})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_q"' in html
    assert 'value="' + "x" * 101 + '"' in html


def test_inactive_indicators_are_not_listed(cyp, outcome, psb):
    f.IndicatorFactory(primary_outcome=outcome, code="CYP 07", is_active=False)
    assert "CYP 07" not in [
        line.code
        for b in indicator_list(user=psb).blocks
        for o in b.outcomes
        for line in o.indicators
    ]


# --- Queries -------------------------------------------------------------------------------


# The list of indicators: the session and the person, the indicators, and for statistical
# process control the partnership area, its approved values and its targets.
LIST_QUERIES = 8


def add_areas(indicator, *, comparators: int, quarters: int) -> None:
    """``comparators`` comparator areas with a value for each of ``quarters`` quarters, the
    partnership area too (approved and one draft), and a return with commentary for each."""
    from partnership.periods import Period as PeriodRef
    from partnership.periods import last_quarters

    codes = [p.code for p in last_quarters(PeriodRef.parse("2025-26-Q4"), quarters)]
    periods = {code: f.period(code) for code in codes}
    areas = [
        f.AreaFactory(code=f"E06{n:06d}", name=f"Comparator {n:02d}", kind=Area.Kind.COMPARATOR)
        for n in range(comparators)
    ]
    partnership = Area.objects.get(kind=Area.Kind.PARTNERSHIP)
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator,
            area=area,
            period=periods[code],
            value=Decimal(40 + n),
            is_approved=area is not partnership or n < quarters - 1,
            note="A note." if area is partnership else "",
        )
        for area in [partnership, *areas]
        for n, code in enumerate(codes)
    )
    for code in codes:
        f.QuarterlyReturnFactory(
            round=f.ReturnRoundFactory(period=periods[code], state=ReturnRound.State.CLOSED),
            outcome=indicator.primary_outcome,
            state=State.APPROVED,
            progress_summary=f"Progress in {code}",
        )


@pytest.fixture
def sized(outcome, other_outcome, area, region, england):
    def make(comparators, quarters):
        indicator = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01")
        indicator.contributes_to.add(other_outcome)
        indicator.related.add(f.IndicatorFactory(primary_outcome=outcome, code="CYP 02"))
        f.TargetFactory(indicator=indicator, area=area)
        add_areas(indicator, comparators=comparators, quarters=quarters)
        return indicator

    return make


PAGE_QUERIES = 15  # the whole request: session, user, roles (2), then the selector (11)
SELECTOR_QUERIES = 13  # two of them read the person's roles


# 20 quarters: 19 approved for the partnership area, enough for its SPC chart.
@pytest.mark.parametrize(("comparators", "quarters"), [(3, 4), (30, 12), (30, 20)])
@pytest.mark.parametrize("person", ["psb", "officer"])
def test_the_page_runs_the_same_queries_whatever_the_number_of_areas_and_periods(
    client, sized, comparators, quarters, person, request, django_assert_max_num_queries
):
    sized(comparators, quarters)
    as_user(client, request.getfixturevalue(person))
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(URL)
    assert response.status_code == 200
    assert kinds(figure_of(response)).count("comparator") == comparators
    assert ('data-chart-for="spc-chart"' in response.content.decode()) == (quarters >= 13)


def test_the_selector_reads_as_many_queries_for_30_areas_as_for_3(sized, psb, outcome):
    sized(3, 4)
    fresh = type(psb).objects.get(pk=psb.pk)  # a user as a request has it: roles not yet read
    with CaptureQueriesContext(connection) as small:
        indicator_page(slug="cyp-01", user=fresh)
    Indicator.objects.all().delete()
    QuarterlyReturn.objects.all().delete()
    sized(30, 12)
    fresh = type(psb).objects.get(pk=psb.pk)
    with CaptureQueriesContext(connection) as large:
        page = indicator_page(slug="cyp-01", user=fresh)
    assert len(page.trend.comparators) == 30
    assert len(page.commentary) == 12
    assert len(small.captured_queries) == len(large.captured_queries) <= SELECTOR_QUERIES


@pytest.mark.parametrize("n", [3, 30])
def test_the_list_runs_the_same_queries_whatever_the_number_of_indicators(
    client, outcome, other_outcome, psb, n, django_assert_max_num_queries
):
    for i in range(n):
        f.IndicatorFactory(primary_outcome=outcome if i % 2 else other_outcome)
    as_user(client, psb)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get("/indicators/")
    assert response.context["listing"].count == n


# --- With the demo ---------------------------------------------------------------------------


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo as at 21 November 2026, loaded once for the class and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", today=date(2026, 11, 21).isoformat(), stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestWithTheDemo:
    @pytest.mark.parametrize("username", ["psb", "board", "scrutiny", "officer", "lead", "admin"])
    def test_ni_111_runs_a_fixed_number_of_queries(
        self, client, username, django_assert_max_num_queries
    ):
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username=username))
        with django_assert_max_num_queries(PAGE_QUERIES):
            response = client.get("/indicators/ni-111/")
        assert response.status_code == 200
        assert "comparator" in kinds(figure_of(response))

    def test_psb_sees_no_draft_of_the_demo(self, client):
        from django.contrib.auth import get_user_model

        psb = get_user_model().objects.get(username="psb")
        client.force_login(psb)
        figure = figure_of(client.get("/indicators/ni-111/"))
        drafts = IndicatorValue.objects.filter(indicator__slug="ni-111", is_approved=False)
        assert drafts.exists()
        own = figure["data"][kinds(figure).index("partnership")]
        for draft in drafts.select_related("period"):
            position = own["x"].index(draft.period.ref.label)
            assert own["y"][position] is None

    def test_the_list_of_the_demo_indicators(self, client, django_assert_max_num_queries):
        from django.contrib.auth import get_user_model

        client.force_login(get_user_model().objects.get(username="board"))
        with django_assert_max_num_queries(LIST_QUERIES):
            response = client.get("/indicators/", {"q": "NI 111"})
        assert response.context["listing"].count == 1


def test_polarity_neither_projects_without_judging(outcome, area, psb):
    indicator = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 04", polarity=Polarity.NEITHER
    )
    f.TargetFactory(indicator=indicator, area=area)
    value(indicator, area, "2025-26-Q1", "40")
    value(indicator, area, "2025-26-Q2", "42")
    projection = indicator_page(slug="cyp-04", user=psb).projection
    assert projection.on_course is None
    assert projection.text == "Projected 54.0% by 2026-27."
