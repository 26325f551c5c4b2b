"""The list of returns as CSV (/returns/?format=csv): the round's returns as the page lists
them for each role, with its filters; a lead's own returns (&table=yours)."""

import pytest

from tests.csv_helpers import csv_column, csv_rows
from tests.reporting.returns.test_returns_list import (  # noqa: F401 - fixtures
    Q2,
    URL,
    round_returns,
    the_round,
)

pytestmark = pytest.mark.usefixtures("round_returns")
EVERY = ["CYP 1", "CYP 2", "CYP 3", "SSC 1", "SSC 2", "SSC 3"]


def get(client, user, **query):
    client.force_login(user)
    return client.get(URL, {"format": "csv", "round": Q2, **query})


def test_the_performance_team_gets_every_return_in_every_state(client, officer):
    response = get(client, officer)

    assert response["Content-Disposition"] == f'attachment; filename="returns-{Q2}.csv"'
    rows = {row[0]: row for row in csv_rows(response)[1:]}
    assert sorted(rows) == EVERY
    assert rows["CYP 1"][6] == "Draft"


def test_a_partners_officer_gets_their_partners_returns(client, council_officer):
    assert csv_column(get(client, council_officer), "Outcome") == ["CYP 1", "CYP 2", "CYP 3"]


@pytest.mark.parametrize("role", ["psb", "board", "scrutiny", "council_scrutiny"])
def test_readers_get_the_approved_returns_only(request, client, role):
    response = get(client, request.getfixturevalue(role))

    assert csv_column(response, "Outcome") == ["SSC 2"]
    assert csv_column(response, "State") == ["Approved"]


def test_the_filters_narrow_the_download(client, officer):
    assert csv_column(get(client, officer, state="submitted"), "Outcome") == ["CYP 2", "SSC 1"]


def test_a_lead_gets_their_own_returns(client, lead_role):
    response = get(client, lead_role.user)

    assert response["Content-Disposition"] == 'attachment; filename="your-returns.csv"'
    assert csv_column(response, "Outcome") == ["CYP 1"]
    assert get(client, lead_role.user, table="round").status_code == 404


def test_someone_with_no_role_gets_nothing(client, nobody):
    response = get(client, nobody)

    assert response.status_code == 403
    assert b"CYP 1" not in response.content


def test_the_page_links_its_downloads(client, officer, lead_role):
    client.force_login(officer)
    officer_page = client.get(URL, {"round": Q2, "state": "submitted"}).text
    client.force_login(lead_role.user)
    lead_page = client.get(URL, {"round": Q2}).text

    assert (
        f'href="/returns/?round={Q2}&amp;state=submitted&amp;format=csv&amp;table=round"'
        in officer_page
    )
    assert "Download your returns (CSV)" in lead_page
