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


# --- The counts by lead partner (&table=partners) ------------------------------------------


def counts_of(response) -> dict[str, dict[str, str]]:
    """Each partner's row of the counts file, by the header's states (without the 0s)."""
    head, *rows = csv_rows(response)
    assert (head[0], head[-1]) == ("Partner", "Total")
    return {
        row[0]: {state: n for state, n in zip(head[1:], row[1:], strict=True) if n != "0"}
        for row in rows
    }


def test_the_performance_team_downloads_the_counts_by_partner(client, officer, council, police):
    response = get(client, officer, table="partners")

    assert response["Content-Disposition"] == f'attachment; filename="returns-{Q2}-by-partner.csv"'
    counts = counts_of(response)
    assert counts[council.short_name] == {
        "Not started": "1", "Draft": "1", "Submitted": "1", "Total": "3"
    }  # fmt: skip
    assert counts[police.short_name]["Approved"] == "1"
    assert counts[police.short_name]["Total"] == "3"
    client.force_login(officer)
    assert 'data-table="partners"' in client.get(URL, {"round": Q2}).text


def test_a_partners_officer_downloads_their_partners_counts_only(client, council_officer, council):
    assert list(counts_of(get(client, council_officer, table="partners"))) == [council.short_name]


@pytest.mark.parametrize("role", ["psb", "board", "scrutiny", "council_scrutiny", "lead"])
def test_readers_and_leads_have_no_counts_by_partner(request, client, role):
    user = (
        request.getfixturevalue("lead_role").user
        if role == "lead"
        else (request.getfixturevalue(role))
    )
    assert get(client, user, table="partners").status_code == 404
