"""Every table of the exception dashboard, the blocks, a board view and the indicator
pages as CSV (``?format=csv&table=``): the page's own rows, for the roles that may read
the page, with the page's filters; a value not yet approved never in them."""

from __future__ import annotations

import pytest

from risks.rules import RiskLevel
from targets.models import Action
from tests import factories as f
from tests.csv_helpers import csv_column, csv_rows, response_text
from tests.reporting.scorecard.test_scorecard import Q2, a_round, add_target

ROLES = ["psb", "board", "scrutiny", "council_scrutiny", "lead", "officer", "council_officer"]
DRAFT = "77.7"  # the draft's value: no download may hold it


@pytest.fixture
def world(outcome, block, council, lead_role):
    a_round()
    red = add_target(outcome, value=30, last_year=40, code="NI 111", title="Red one")
    green = add_target(outcome, value=50, last_year=45, code="NI 222", title="Green one")
    draft = add_target(outcome, value=77.7, approved=False, code="NI 333", title="Draft one")
    # A later quarter's figure of the red target, still in its return.
    f.IndicatorValueFactory(
        indicator=red.indicator, area=red.area, period=f.period("2025-26-Q3"),
        value=77.7, is_approved=False,
    )  # fmt: skip
    risk = f.RiskFactory(title="Carers leave", level=RiskLevel.BLOCK, outcome=None, block=block)
    action = Action.objects.create(
        outcome=outcome, description="Recruit more carers", lead_organisation=council
    )
    action.targets.add(red)
    return {"red": red, "green": green, "draft": draft, "risk": risk}


def person(request, role):
    return (
        request.getfixturevalue("lead_role").user
        if role == "lead"
        else request.getfixturevalue(role)
    )


def get(client, user, path, **query):
    client.force_login(user)
    return client.get(path, {"format": "csv", "period": Q2, **query})


def board_url(block):
    return f"/blocks/{block.slug}/"


# --- Every role that reads the page gets its tables -----------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_exceptions_download_lists_the_exceptions_shown(request, client, world, role):
    response = get(client, person(request, role), "/exceptions/")

    assert response["Content-Disposition"] == f'attachment; filename="exceptions-{Q2}.csv"'
    assert csv_column(response, "Indicator") == ["NI 111"]
    assert csv_column(response, "RAG") == ["Red"]
    assert DRAFT not in response_text(response)


@pytest.mark.parametrize("role", ROLES)
def test_the_board_view_downloads_each_of_its_tables(request, client, world, block, role):
    user = person(request, role)

    targets = get(client, user, board_url(block), table="targets")
    scorecard = get(client, user, board_url(block), table="scorecard")
    risks = get(client, user, board_url(block), table="risks")
    actions = get(client, user, board_url(block), table="actions")

    assert sorted(csv_column(targets, "Indicator")) == ["NI 111", "NI 222", "NI 333"]
    draft_row = [row for row in csv_rows(targets) if row[2] == "NI 333"][0]
    assert draft_row[8] == ""  # no value shown: the draft is not approved
    assert DRAFT not in response_text(get(client, user, board_url(block), table="targets"))
    assert csv_rows(scorecard)[1][4:7] == ["1", "0", "1"]  # green, amber, red
    assert csv_column(risks, "Risk") == ["Carers leave"]
    assert csv_column(actions, "Action") == ["Recruit more carers"]


@pytest.mark.parametrize("role", ROLES)
def test_the_blocks_download_counts_each_block(request, client, world, block, role):
    response = get(client, person(request, role), "/blocks/")

    rows = csv_rows(response)
    assert rows[0] == ["Block", "Outcomes", "Green", "Amber", "Red", "No data", "Targets"]
    assert [block.name, "1", "1", "0", "1", "1", "3"] in rows


@pytest.mark.parametrize("role", ROLES)
def test_the_indicators_download_lists_them_with_the_search(request, client, world, role):
    user = person(request, role)

    every = csv_column(get(client, user, "/indicators/"), "Indicator")
    searched = csv_column(get(client, user, "/indicators/", q="Red one"), "Indicator")

    assert {"NI 111", "NI 222", "NI 333"} <= set(every)
    assert searched == ["NI 111"]


@pytest.mark.parametrize("role", ["psb", "board", "scrutiny", "council_scrutiny"])
def test_an_indicators_trend_table_holds_no_draft_for_readers(request, client, world, role):
    slug = world["red"].indicator.slug

    response = get(client, person(request, role), f"/indicators/{slug}/", table="trend-chart")

    assert csv_rows(response)[0]  # the chart's table, its columns first
    assert DRAFT not in response_text(response)


@pytest.mark.parametrize("role", ROLES)
def test_an_indicators_trend_table_is_the_one_its_page_shows(request, client, world, role):
    user = person(request, role)
    slug = world["red"].indicator.slug
    client.force_login(user)
    chart = client.get(f"/indicators/{slug}/").context["chart"]

    rows = csv_rows(get(client, user, f"/indicators/{slug}/", table="trend-chart"))

    assert rows == [list(chart.table.columns), *[list(row) for row in chart.table.rows]]


@pytest.fixture
def psb_business(world, block, outcome):
    """A risk held by the PSB, a risk proposed to it, one proposed to the board, a priority."""
    f.RiskFactory(title="Hospital discharge", level=RiskLevel.PARTNERSHIP, outcome=outcome)
    f.EscalationProposalFactory(
        risk=f.RiskFactory(title="Budget gap", level=RiskLevel.BLOCK, outcome=None, block=block),
        from_level=RiskLevel.BLOCK, to_level=RiskLevel.PARTNERSHIP, score=20,
    )  # fmt: skip
    f.EscalationProposalFactory(risk=f.RiskFactory(title="Staff turnover", outcome=outcome))
    f.PriorityFactory(title="Best start in life").outcomes.add(outcome)


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_downloads_the_psb_risks_proposals_and_priorities(
    request, client, psb_business, outcome, role
):
    user = person(request, role)

    risks = get(client, user, "/exceptions/", table="psb-risks")
    proposed = get(client, user, "/exceptions/", table="proposals")
    priorities = get(client, user, "/exceptions/", table="priorities")

    assert csv_column(risks, "Risk") == ["Hospital discharge"]
    assert csv_column(proposed, "Risk") == ["Budget gap"]  # not the one for the board
    assert csv_column(proposed, "To") == ["Partnership (Public Service Board)"]
    assert csv_rows(priorities)[1][:5] == ["Best start in life", outcome.code, "1", "0", "1"]
    assert DRAFT not in response_text(priorities)


@pytest.mark.parametrize("role", ROLES)
def test_the_board_view_downloads_the_risks_proposed_to_it(
    request, client, psb_business, block, role
):
    proposed = get(client, person(request, role), board_url(block), table="proposals")

    assert csv_column(proposed, "Risk") == ["Staff turnover"]
    assert csv_column(proposed, "Move") == ["Escalation"]


def test_the_dashboard_links_its_psb_tables(client, psb_business, block, psb):
    client.force_login(psb)
    page = client.get("/exceptions/", {"period": Q2}).text
    board = client.get(board_url(block), {"period": Q2}).text

    for table in ("psb-risks", "proposals", "priorities"):
        assert f'format=csv&amp;table={table}"' in page
    assert 'format=csv&amp;table=proposals"' in board


# --- Filters, refusals and the link ----------------------------------------------------


def test_the_exceptions_filters_narrow_the_download(client, world, psb):
    assert csv_column(get(client, psb, "/exceptions/", rag="green"), "Indicator") == []


def test_the_pages_link_each_download_with_their_filters(client, world, block, psb):
    client.force_login(psb)

    exceptions = client.get("/exceptions/", {"period": Q2, "rag": "red"}).text
    board = client.get(board_url(block), {"period": Q2}).text

    assert (
        f'href="/exceptions/?period={Q2}&amp;rag=red&amp;format=csv&amp;table=exceptions"'
        in exceptions
    )
    for table in ("scorecard", "targets", "risks", "actions", "outcomes-chart"):
        assert f'format=csv&amp;table={table}"' in board
    assert "Download this table (CSV)" in client.get("/blocks/").text
    assert "Download these indicators (CSV)" in client.get("/indicators/").text


@pytest.mark.parametrize("path", ["/exceptions/", "/blocks/", "/indicators/", "board", "indicator"])
def test_someone_with_no_role_gets_no_download(client, world, block, nobody, path):
    path = {
        "board": board_url(block),
        "indicator": f"/indicators/{world['red'].indicator.slug}/",
    }.get(path, path)

    response = get(client, nobody, path)

    assert response.status_code == 403
    assert b"NI 111" not in response.content


def test_anonymous_is_sent_to_sign_in(client, world):
    assert client.get("/exceptions/", {"format": "csv"}).status_code == 302


def test_a_table_the_page_has_not_is_not_found(client, world, block, psb):
    assert get(client, psb, board_url(block), table="nope").status_code == 404
    assert get(client, psb, "/blocks/no-such-block/").status_code == 404
