"""Nothing that is not published reaches a public page, the CSV, the JSON or the feed:
an unpublished indicator, a submitted value, a quarter whose round is open, a return's
commentary, a risk, a person's name. Each has a distinctive value searched for."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.public.conftest import (
    COMMENTARY,
    LEAD_SURNAME,
    OPEN_QUARTER_VALUE,
    PUBLIC_URLS,
    RISK_TITLE,
    SECRETS,
    SUBMITTED_VALUE,
    UNPUBLISHED_TITLE,
    UNPUBLISHED_VALUE,
)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_nothing_unpublished_is_in_any_public_answer(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert [secret for secret in SECRETS if secret in text] == []


@pytest.mark.parametrize(
    ("secret", "what"),
    [
        (UNPUBLISHED_VALUE, "an unpublished indicator's value"),
        (UNPUBLISHED_TITLE, "an unpublished indicator"),
        (SUBMITTED_VALUE, "a submitted value"),
        (OPEN_QUARTER_VALUE, "an approved value of an open quarter"),
        (COMMENTARY, "commentary"),
        (RISK_TITLE, "a risk"),
        (LEAD_SURNAME, "a person"),
    ],
)
def test_what_is_hidden_is_there_for_the_signed_in_pages(client, world, officer, secret, what):
    """The distinctive values are real: the performance team sees each one somewhere, so
    their absence from the public pages is not an accident of the fixture."""
    client.force_login(officer)
    assert secret in _signed_in_text(client), what


def _signed_in_text(client) -> str:
    pages = ["/indicators/cyp-01/", "/indicators/cyp-09/", "/risks/", "/blocks/"]
    pages += ["/exceptions/?quarter=2025-26-Q3", "/exceptions/?quarter=2026-27-Q1"]
    return "".join(client.get(page).content.decode() for page in pages)


def test_an_unpublished_indicator_has_no_public_page(client, world):
    assert client.get("/public/indicators/cyp-09/").status_code == 404
    assert client.get("/public/indicators/no-such/").status_code == 404


def test_the_published_indicator_and_its_approved_values_are_public(client, world):
    home = client.get("/public/").content.decode()
    assert "Children in good schools" in home
    assert "Anycity Council" in home  # organisations are named
    page = client.get("/public/indicators/cyp-01/").content.decode()
    assert "45.5%" in page
    assert "60.0%" in page  # the target
    rows = list(csv.reader(io.StringIO(client.get("/public/data.csv").content.decode())))
    assert rows[0] == ["Indicator", "Area", "Period", "Value", "Status", "Source"]
    own = [r for r in rows[1:] if r[1] == "E08000099"]
    assert [(r[0], r[2], r[3]) for r in own] == [
        ("CYP 01", "2025-26-Q1", "41.1"),
        ("CYP 01", "2025-26-Q2", "43.3"),
        ("CYP 01", "2025-26-Q3", "45.5"),
    ]
    assert {r[1] for r in rows[1:]} == {"E08000099", "E07000777"}  # comparators too


def test_the_json_has_the_same_rows_and_a_licence(client, world):
    body = json.loads(client.get("/public/data.json").content)
    assert "Open Government Licence" in body["licence"]
    assert body["values"][0] == {
        "indicator_code": "CYP 01",
        "area_code": "E07000777",
        "period": "2025-26-Q1",
        "value": "40.1",
        "status": "final",
        "source": "",
    }
    assert len(body["values"]) == 6


def test_the_feed_lists_the_closed_quarters_with_published_values(client, world):
    feed = client.get("/public/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    text = feed.content.decode()
    assert "Figures for Q3 2025-26 published" in text
    assert "Figures for Q1 2025-26 published" in text
    assert "Q1 2026-27" not in text  # its round is open
    assert "Q4 2025-26 published" not in text  # closed, but nothing approved in it


def test_before_any_round_has_closed_nothing_is_public(client, world):
    from reporting.models import ReturnRound

    ReturnRound.objects.update(state=ReturnRound.State.OPEN)
    assert "45.5" not in client.get("/public/indicators/cyp-01/").content.decode()
    rows = client.get("/public/data.csv").content.decode().splitlines()
    assert rows == ["Indicator,Area,Period,Value,Status,Source"]
    assert "Figures up to" not in client.get("/public/").content.decode()


@pytest.mark.parametrize("url", PUBLIC_URLS)
@pytest.mark.parametrize("person", ["officer", "lead", "psb", "nobody"])
def test_a_signed_in_visitor_gets_the_page_everyone_gets(client, world, url, person, request):
    """Someone signed in reads the same public page as anyone: nothing of theirs (their
    name, the menu, a CSRF token) is in it, nor in the copy kept for the next reader."""
    user = request.getfixturevalue(person)
    client.force_login(user)
    theirs = client.get(url)
    assert theirs.status_code == 200
    text = theirs.content.decode()
    assert user.last_name not in text
    assert "Sign out" not in text
    assert "csrf" not in text.lower()
    client.logout()
    assert client.get(url).content == theirs.content


def test_a_head_request_is_answered_and_anything_but_reading_is_refused(client, world):
    assert client.head("/public/").status_code == 200
    assert client.post("/public/").status_code == 405
    assert client.post("/public/data.csv").status_code == 405
