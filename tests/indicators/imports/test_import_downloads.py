"""The record of value imports as CSV (/data/imports/?format=csv): for the performance
team only, as the page lists it."""

import pytest

from indicators.imports.services import import_preview
from tests.csv_helpers import csv_rows
from tests.indicators.imports.conftest import csv_bytes

URL = "/data/imports/?format=csv"


@pytest.fixture
def imports(world, officer):
    good = csv_bytes("Indicator,Area,Period,Value", "NI 116,E06000001,2025-26-Q1,20.5")
    bad = csv_bytes("Indicator,Area,Period,Value", "NI 116,E06000001,2025-26-Q1,lots")
    import_preview(content=good, file_name="=good.csv", actor=officer)
    import_preview(content=bad, file_name="bad.csv", actor=officer)


def test_the_performance_team_gets_every_import_newest_first(client, imports, officer):
    client.force_login(officer)

    head, *rows = csv_rows(client.get(URL))

    assert head[:6] == ["Import", "File", "When", "Who", "Status", "Layout"]
    assert [(r[1], r[4], r[6], r[10]) for r in rows] == [
        ("bad.csv", "Previewed", "0", "1"),
        ("'=good.csv", "Previewed", "1", "0"),  # a name that reads as a formula stays text
    ]
    assert rows[0][3] == officer.get_full_name()


@pytest.mark.parametrize("role", ["psb", "board", "scrutiny", "council_officer", "lead", "nobody"])
def test_nobody_else_gets_it(request, client, imports, lead_role, role):
    client.force_login(lead_role.user if role == "lead" else request.getfixturevalue(role))

    response = client.get(URL)

    assert response.status_code == 403
    assert b"good.csv" not in response.content


def test_the_page_links_it(client, imports, officer):
    client.force_login(officer)

    assert 'href="/data/imports/?format=csv" download' in client.get("/data/imports/").text
