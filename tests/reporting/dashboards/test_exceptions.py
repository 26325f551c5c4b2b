"""The PSB's exception dashboard (/exceptions/): each exception rule, the filters, who sees
what, and a number of queries that does not grow with the data."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import include, path

from partnership.models import Block
from reporting.dashboards import urls as dashboard_urls
from reporting.dashboards.selectors.exceptions import (
    ExceptionFilters,
    exceptions_page,
    return_exception,
    target_reasons,
)
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.returns import urls as returns_urls
from reporting.rules.quarters import CLOSED
from reporting.scorecard.selectors import RagCounts, default_quarter
from reporting.start import urls as start_urls
from risks.models import Escalation, Risk
from risks.rules import RiskLevel
from targets.models import Target
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round, add_target, grow

URL = "/exceptions/"

RETURN_PAGE = {
    "return_detail",
    "return_live_rag",
    "return_approve",
    "return_send_back",
    "return_reopen",
}
# The site without the indicator pages, for the links made while they are not wired in.
urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("accounts.urls")),
    *start_urls.urlpatterns,
    *[p for p in returns_urls.urlpatterns if p.name in RETURN_PAGE],
    *[p for p in dashboard_urls.urlpatterns if not p.name.startswith("indicator")],
]
State = QuarterlyReturn.State
# The most queries the page may run, whatever the data: measured with the factories' small
# data set and checked against one ten times larger and against the demo.
MAX_QUERIES = 23  # the 23rd: risks proposed to the PSB


def page_for(user, **filters):
    return exceptions_page(
        user=user, period=f.period(Q2), today=TODAY, filters=ExceptionFilters(**filters)
    )


def listed_targets(page) -> dict[int, tuple[str, ...]]:
    """Every target listed as an exception, by id, with its reasons."""
    return {
        item.row.target_id: item.reasons
        for group in page.groups
        for outcome in group.outcomes
        for item in outcome.targets
    }


def listed_returns(page) -> dict[int, str]:
    return {item.outcome.outcome_id: item.reason for group in page.groups for item in group.returns}


def listed_risks(page) -> dict[int, str]:
    return {risk.pk: risk.escalation_reason for group in page.groups for risk in group.risks}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def get(client, user, query=""):
    client.force_login(user)
    return client.get(URL + (f"?{query}" if query else ""))


# --- Fixtures --------------------------------------------------------------------------------


@pytest.fixture
def the_round(db):
    return a_round()


@pytest.fixture
def targets(outcome, other_outcome):
    """One target of each kind of exception, and one that is none (green, improving)."""
    return {
        "stretch green": add_target(outcome, value=50, last_year=45, kind=Target.Kind.STRETCH),
        "worsening green": add_target(outcome, value=50, last_year=55),
        "amber": add_target(outcome, value=44, last_year=40),
        "red": add_target(other_outcome, value=30, last_year=25),
        "no exception": add_target(other_outcome, value=50, last_year=45),
    }


# --- The exception rules ---------------------------------------------------------------------


def test_a_stretch_target_that_is_green_still_appears(psb, targets, the_round):
    listed = listed_targets(page_for(psb))

    assert listed[targets["stretch green"].pk] == ("Stretch target",)


def test_a_worsening_green_target_appears(psb, targets, the_round):
    listed = listed_targets(page_for(psb))

    assert listed[targets["worsening green"].pk] == ("Worsening",)


def test_red_and_amber_targets_appear(psb, targets, the_round):
    listed = listed_targets(page_for(psb))

    assert listed[targets["amber"].pk] == ("Amber", "Off track with no action plan")
    assert listed[targets["red"].pk] == ("Red", "Off track with no action plan")


def test_a_green_improving_standard_target_is_not_an_exception(psb, targets, the_round):
    assert targets["no exception"].pk not in listed_targets(page_for(psb))


def test_a_target_meeting_several_rules_is_listed_once_with_every_reason(psb, outcome, the_round):
    target = add_target(outcome, value=30, last_year=40, kind=Target.Kind.STRETCH)

    listed = listed_targets(page_for(psb))

    assert listed == {
        target.pk: ("Stretch target", "Red", "Worsening", "Off track with no action plan")
    }


def test_a_target_without_an_approved_value_is_no_data_and_not_an_exception(
    psb, outcome, the_round
):
    target = add_target(outcome, value=30, last_year=40, approved=False)

    page = page_for(psb)

    assert target.pk not in listed_targets(page)
    assert page.totals == RagCounts(grey=1)


def test_an_approved_return_is_not_listed_as_missing(psb, outcome, the_round):
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=State.APPROVED,
        submitted_at=datetime(2025, 10, 20, 12, tzinfo=UTC),
    )

    assert listed_returns(page_for(psb)) == {}


@pytest.mark.parametrize("state", [State.NOT_STARTED, State.DRAFT, State.RETURNED])
def test_a_late_return_appears(psb, outcome, the_round, state):
    f.QuarterlyReturnFactory(
        round=the_round, outcome=outcome, state=state, returned_reason="Check it"
    )

    assert listed_returns(page_for(psb)) == {outcome.pk: "Late: not submitted by 22 October 2025"}


def test_a_return_missing_when_the_round_closed_appears_as_missing(psb, outcome):
    closed = a_round(state=ReturnRound.State.CLOSED)
    f.QuarterlyReturnFactory(round=closed, outcome=outcome, state=State.DRAFT)

    (reason,) = listed_returns(page_for(psb)).values()

    assert reason.startswith("Missing: the round closed without it")


def test_a_return_submitted_after_its_due_date_appears_as_submitted_late(psb, outcome, the_round):
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=State.SUBMITTED,
        submitted_at=datetime(2025, 10, 24, 12, tzinfo=UTC),
    )

    assert listed_returns(page_for(psb)) == {
        outcome.pk: "Submitted late on 24 October 2025 (due 22 October 2025)"
    }


def test_a_return_not_yet_due_is_not_listed(psb, outcome, db):
    future = a_round(due_on=date(2025, 12, 1))
    f.QuarterlyReturnFactory(round=future, outcome=outcome, state=State.NOT_STARTED)

    assert listed_returns(page_for(psb)) == {}


def test_a_risk_escalated_to_the_psb_appears_with_the_reason(psb, outcome, the_round):
    risk = f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=outcome)
    Escalation.objects.create(
        risk=risk,
        from_level=RiskLevel.BLOCK,
        to_level=RiskLevel.PARTNERSHIP,
        reason="Funding for the service ends in March",
        score=20,
    )
    closed = f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None, status=Risk.Status.CLOSED)
    board_risk = f.RiskFactory(level=RiskLevel.BLOCK, outcome=outcome)

    page = page_for(psb)
    risks = listed_risks(page)

    assert risks == {risk.pk: "Funding for the service ends in March"}
    assert closed.pk not in risks
    assert board_risk.pk not in risks
    (group,) = page.groups
    assert group.name == outcome.block.name


def test_each_psb_risk_links_to_its_page(client, psb, the_round):
    risk = f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None, title="Funding ends")

    html = get(client, psb).text

    assert f'<a class="govuk-link" href="/risks/{risk.pk}/">Funding ends</a>' in html


def test_a_psb_risk_on_no_block_is_listed_across_the_partnership(psb, the_round):
    risk = f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None)

    page = page_for(psb)

    assert [(g.name, [r.pk for r in g.risks]) for g in page.groups] == [
        ("Across the partnership", [risk.pk])
    ]


def test_target_reasons_and_return_exception_are_plain_rules(psb, targets, outcome, the_round):
    page = page_for(psb)
    row = next(
        item.row
        for g in page.groups
        for o in g.outcomes
        for item in o.targets
        if item.row.target_id == targets["red"].pk
    )
    assert target_reasons(row) == ("Red", "Off track with no action plan")
    assert return_exception(row.outcome_return) is None  # no return for the quarter


# --- Each exception's detail -----------------------------------------------------------------


def test_each_exception_has_its_lead_commentary_forecast_and_link(psb, outcome, the_round):
    target = add_target(outcome, value=30)
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=State.APPROVED,
        progress_summary="Behind because of staffing",
        concerns_and_actions="Two posts are being filled",
        forecast_rag="amber",
    )

    (group,) = page_for(psb).groups
    (item,) = group.outcomes

    assert item.outcome.lead_person == outcome.lead_person.get_full_name()
    assert item.outcome.progress_summary == "Behind because of staffing"
    assert item.outcome.concerns_and_actions == "Two posts are being filled"
    assert item.outcome.forecast_rag == "amber"
    assert item.targets[0].href == f"/indicators/{target.indicator.slug}/"
    assert item.return_href == f"/returns/{QuarterlyReturn.objects.get().pk}/"


@pytest.mark.urls(__name__)
def test_without_the_indicator_pages_exceptions_link_to_the_board_view(
    client, psb, outcome, the_round
):
    target = add_target(outcome, value=30)
    late = f.QuarterlyReturnFactory(round=the_round, outcome=outcome, state=State.DRAFT)

    response = get(client, psb)
    (group,) = response.context["page"].groups
    board = f"/blocks/{outcome.block.slug}/?period={Q2}"

    assert response.status_code == 200
    assert group.outcomes[0].targets[0].href == f"{board}#target-{target.indicator.slug}"
    # The PSB member may not open a draft return: the outcome on the board view instead.
    assert group.returns[0].href == f"{board}#outcome-{late.outcome_id}"


def test_the_page_shows_the_exception_with_words_not_only_colours(client, psb, outcome, the_round):
    target = add_target(outcome, value=30, last_year=40)
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=State.APPROVED,
        progress_summary="Behind because of staffing",
        forecast_rag="amber",
    )

    response = get(client, psb)
    text = text_of(response.text)

    assert response.status_code == 200
    assert f'href="/indicators/{target.indicator.slug}/"' in response.text
    assert "Listed because: Red, Worsening" in text
    assert "Behind because of staffing" in text
    assert "Forecast year-end RAG Amber" in text


# --- Headline and priorities -----------------------------------------------------------------


def test_headline_counts_targets_by_block_and_rag(psb, targets, the_round, block, other_block):
    add_target(targets["red"].indicator.primary_outcome, value=None)

    page = page_for(psb)

    assert [(line.name, line.counts) for line in page.headline] == [
        (block.name, RagCounts(green=2, amber=1)),
        (other_block.name, RagCounts(green=1, red=1, grey=1)),
    ]
    assert page.totals == RagCounts(green=3, amber=1, red=1, grey=1)


def test_headline_chart_has_a_summary_and_the_same_numbers_in_a_table(
    client, psb, targets, the_round, block
):
    response = get(client, psb)
    chart = response.context["chart"]

    assert "5 targets across 2 blocks in Q2 2025-26: 3 green, 1 amber, 1 red" in chart.summary
    assert chart.table.columns == ("Block", "Green", "Amber", "Red", "No data", "Total")
    assert chart.table.rows[0] == (block.name, "2", "1", "0", "0", "3")
    assert '"barmode":"stack"' in chart.figure_json
    assert '"orientation":"h"' in chart.figure_json
    assert '"name":"Amber"' in chart.figure_json
    assert 'id="headline-chart"' in response.text


def test_each_psb_priority_has_a_rag_summary_of_its_outcomes_targets(
    psb, targets, outcome, other_outcome, the_round
):
    priority = f.PriorityFactory(title="Narrowing the gap")
    priority.outcomes.add(outcome)
    contributing = f.PriorityFactory(title="Safer streets")
    contributing.outcomes.add(other_outcome)
    # An indicator of the first outcome contributes to the second.
    targets["amber"].indicator.contributes_to.add(other_outcome)

    lines = {line.title: line for line in page_for(psb).priorities}

    assert lines["Narrowing the gap"].counts == RagCounts(green=2, amber=1)
    assert lines["Narrowing the gap"].outcomes == (outcome.code,)
    assert lines["Safer streets"].counts == RagCounts(green=1, amber=1, red=1)


# --- Filters ---------------------------------------------------------------------------------


@pytest.fixture
def exceptions_everywhere(targets, outcome, other_outcome, the_round):
    f.QuarterlyReturnFactory(round=the_round, outcome=outcome, state=State.DRAFT)
    f.QuarterlyReturnFactory(round=the_round, outcome=other_outcome, state=State.DRAFT)
    council_risk = f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=outcome)
    police_risk = f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=other_outcome)
    return {"council risk": council_risk, "police risk": police_risk, **targets}


def test_filter_by_block(psb, exceptions_everywhere, outcome, block):
    page = page_for(psb, block=block.slug)

    assert [g.slug for g in page.groups] == [block.slug]
    assert set(listed_targets(page)) == {
        exceptions_everywhere[name].pk for name in ("stretch green", "worsening green", "amber")
    }
    assert set(listed_returns(page)) == {outcome.pk}
    assert set(listed_risks(page)) == {exceptions_everywhere["council risk"].pk}
    assert [line.slug for line in page.headline] == [block.slug]


def test_filter_by_partner(psb, exceptions_everywhere, police, other_outcome):
    exceptions_everywhere["police risk"].owner_organisation = police
    exceptions_everywhere["police risk"].save()

    page = page_for(psb, organisation=police.pk)

    assert set(listed_targets(page)) == {exceptions_everywhere["red"].pk}
    assert set(listed_returns(page)) == {other_outcome.pk}
    assert set(listed_risks(page)) == {exceptions_everywhere["police risk"].pk}


def test_filter_by_lead(psb, exceptions_everywhere, other_lead, other_outcome):
    page = page_for(psb, lead=other_lead.pk)

    assert set(listed_targets(page)) == {exceptions_everywhere["red"].pk}
    assert set(listed_returns(page)) == {other_outcome.pk}


def test_filter_by_rag_lists_targets_only(psb, exceptions_everywhere):
    page = page_for(psb, rag="amber")

    assert set(listed_targets(page)) == {exceptions_everywhere["amber"].pk}
    assert listed_returns(page) == {}
    assert listed_risks(page) == {}
    assert page.notes
    # The headline still shows every rating of what is chosen.
    assert page.totals == RagCounts(green=3, amber=1, red=1)


def test_filter_to_stretch_targets_only(psb, exceptions_everywhere):
    page = page_for(psb, stretch_only=True)

    assert set(listed_targets(page)) == {exceptions_everywhere["stretch green"].pk}
    assert page.totals == RagCounts(green=1)


def test_filters_are_kept_in_the_address_and_the_form(client, psb, exceptions_everywhere, block):
    query = f"period={Q2}&block={block.slug}&rag=amber&stretch=on"

    response = get(client, psb, query)
    page = response.context["page"]

    assert page.query == f"period={Q2}&block={block.slug}&rag=amber&stretch=on"
    assert f'<option value="{block.slug}" selected>' in response.text
    assert '<option value="amber" selected>' in response.text
    assert 'id="id_stretch" name="stretch" type="checkbox" value="on" checked' in response.text
    assert f'href="/exceptions/?period={Q2}"' in response.text  # clear the filters
    assert 'method="get" action="/exceptions/"' in response.text


def test_a_filter_that_is_not_an_option_is_shown_as_an_error_and_filters_nothing(
    client, psb, exceptions_everywhere
):
    response = get(client, psb, "block=no-such-block&organisation=abc&rag=purple")

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"block", "organisation", "rag"}
    assert "Select a block from the list" in response.text
    assert response.text.count("govuk-error-message") == 3
    assert response.context["page"].filters == ExceptionFilters()
    assert "Error: Exceptions" in response.text


# --- Who sees what ---------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={URL}"


def test_person_with_no_role_is_refused(client, nobody, the_round):
    response = get(client, nobody)

    assert response.status_code == 403
    assert "You do not have a role yet" in response.text


@pytest.mark.parametrize(
    "person", ["psb", "board", "scrutiny", "officer", "lead_role", "admin_user"]
)
def test_everyone_with_a_role_sees_the_dashboard(request, client, targets, the_round, person):
    user = request.getfixturevalue(person)
    user = getattr(user, "user", user)

    response = get(client, user)

    assert response.status_code == 200
    assert response.context["page"].period_code == Q2
    assert "Exceptions for Q2 2025-26" in response.text


@pytest.mark.parametrize("period", ["2025-26-Q9", "rubbish", "2025-26", "2030-31-Q1"])
def test_a_malformed_or_unknown_quarter_is_not_found(client, psb, the_round, period):
    f.period("2030-31")

    assert get(client, psb, f"period={period}").status_code == 404


def test_another_quarter_is_chosen_in_the_address(client, psb, outcome, the_round):
    earlier = a_round(code="2025-26-Q1", state=ReturnRound.State.CLOSED)

    response = get(client, psb, "period=2025-26-Q1")

    assert response.context["page"].period_code == earlier.period.code
    assert "Exceptions for Q1 2025-26" in response.text


def test_with_no_round_yet_there_is_nothing_to_show(client, psb):
    response = get(client, psb)

    assert response.status_code == 200
    assert 'id="nothing-yet"' in response.text


@pytest.mark.parametrize("person", ["psb", "board", "scrutiny"])
def test_a_draft_value_never_shows_its_number(request, client, other_outcome, the_round, person):
    # Police lead the outcome, and the PSB and board members work for the police.
    add_target(other_outcome, value="87.3", last_year="99.1", approved=False, kind="stretch")

    response = get(client, request.getfixturevalue(person))

    assert response.status_code == 200
    assert "87.3" not in response.text
    assert "No data" in response.text


def test_officers_see_approved_values_only_too_with_the_note(client, officer, outcome, the_round):
    add_target(outcome, value="87.3", approved=False)

    response = get(client, officer)

    assert "87.3" not in response.text
    assert 'id="approved-only-note"' in response.text


def test_board_member_reads_every_block_and_edits_nothing(
    client, board, targets, the_round, other_block
):
    response = get(client, board, f"block={other_block.slug}")

    assert [g.slug for g in response.context["page"].groups] == [other_block.slug]
    assert '<form method="post"' not in response.text.split('id="exception-dashboard"')[1]


def test_menu_offers_exceptions_and_blocks_to_everyone_with_a_role(client, scrutiny, nobody):
    client.force_login(scrutiny)
    menu = client.get("/").text
    assert 'href="/exceptions/"' in menu
    assert 'href="/blocks/"' in menu

    client.force_login(nobody)
    menu = client.get("/").text
    assert 'href="/exceptions/"' not in menu


# --- Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["psb", "admin_user"])
def test_query_count_does_not_grow_with_targets_outcomes_or_areas(
    request, client, django_assert_max_num_queries, block, council, the_round, person
):
    user = request.getfixturevalue(person)
    client.force_login(user)
    grow(3, block=block, partner=council, round_=the_round)

    with django_assert_max_num_queries(MAX_QUERIES) as small:
        client.get(URL)
    grow(27, block=block, partner=council, round_=the_round)
    with django_assert_max_num_queries(len(small)) as large:
        response = client.get(URL)

    assert len(response.context["page"].headline[0].counts.__dict__) == 4
    assert response.context["page"].totals.total == 30
    assert len(large) == len(small)


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo as at 21 November 2026, loaded once for the class and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", today="2026-11-21", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestWithTheDemo:
    """The demo partnership: the pages stay within the same number of queries."""

    def user(self, name):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(username=name)

    @pytest.mark.parametrize("name", ["psb", "admin", "board", "officer"])
    def test_exception_dashboard_stays_within_the_query_bound(
        self, client, django_assert_max_num_queries, name
    ):
        client.force_login(self.user(name))

        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(URL)

        assert response.status_code == 200
        page = response.context["page"]
        assert page.period_code == "2026-27-Q1"  # the latest quarter whose round has closed
        assert page.totals.total == Target.objects.filter(area__kind="partnership").count()

    def test_exception_dashboard_of_a_complete_quarter_lists_every_kind(self, client):
        client.force_login(self.user("psb"))

        page = client.get(URL, {"period": "2026-27-Q1"}).context["page"]

        assert page.stretch_targets == Target.objects.filter(kind="stretch").count()
        assert page.totals.red + page.totals.amber > 0
        assert page.psb_risks == (
            Risk.objects.filter(level="partnership").exclude(status="closed").count()
        )
        assert len(page.priorities) == 4

    @pytest.mark.parametrize("name", ["psb", "admin"])
    def test_board_view_and_blocks_stay_within_the_query_bound(
        self, client, django_assert_max_num_queries, name
    ):
        from tests.reporting.dashboards.test_board import MAX_QUERIES as BOARD_MAX_QUERIES

        client.force_login(self.user(name))
        for block in Block.objects.all():
            with django_assert_max_num_queries(BOARD_MAX_QUERIES):
                response = client.get(f"/blocks/{block.slug}/")
            assert response.status_code == 200
        with django_assert_max_num_queries(BOARD_MAX_QUERIES):
            assert client.get("/blocks/").status_code == 200

    def test_no_draft_value_of_the_demo_shows_to_the_psb(self, client):
        from indicators.models import IndicatorValue

        client.force_login(self.user("psb"))
        page = client.get(URL, {"period": "2026-27-Q2"}).context["page"]  # the open quarter
        drafts = set(
            IndicatorValue.objects.filter(
                is_approved=False, area__kind="partnership", period__code=page.period_code
            ).values_list("indicator_id", flat=True)
        )
        assert drafts
        shown = {
            item.row.indicator_id
            for g in page.groups
            for o in g.outcomes
            for item in o.targets
            if item.row.value is not None
        }
        assert not drafts & shown

    def test_default_quarter_is_the_latest_closed_and_says_so_with_the_open_one_a_click_away(
        self, client
    ):
        """Not the open quarter, where most targets have no approved value yet."""
        assert default_quarter().code == "2026-27-Q1"
        client.force_login(self.user("psb"))

        for address in (URL, "/blocks/", "/blocks/children-and-young-people/"):
            response = client.get(address)
            note = response.context["quarter_note"]
            assert (note.label, note.why) == ("Q1 2026-27", CLOSED), address
            shown = re.sub(r" ([.:])", r"\1", text_of(response.text))
            assert "Showing Q1 2026-27: the latest quarter whose round has closed." in shown
            assert 'href="?period=2026-27-Q2">see Q2 2026-27 so far</a>' in response.text

        chosen = client.get(URL, {"period": "2026-27-Q2"}).context["quarter_note"]
        assert (chosen.label, chosen.why, chosen.open_code) == ("Q2 2026-27", "", "")
