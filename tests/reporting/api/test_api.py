"""The read-only API: the same values the pages read, filtered by the same rules."""

import re

import pytest
from django.test import Client

from accounts.tokens import make_token
from indicators.enums import ValueStatus
from indicators.models import Indicator
from tests import factories as f

VALUES = "/api/values/"
INDICATORS = "/api/indicators/"
ENDPOINTS = ["/api/", INDICATORS, VALUES, "/api/schema/", "/api/docs/"]

# Session, user, role assignments, profile, count and page: the same for any number.
MAX_QUERIES = 6


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def listed_codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["indicator"] for row in response.json()["results"]}


# --- Who may use the API ----------------------------------------------------------------


@pytest.mark.parametrize("path", ENDPOINTS)
def test_anonymous_is_refused(db, client, path):
    assert client.get(path).status_code in (401, 403)


@pytest.mark.parametrize("path", ENDPOINTS)
def test_someone_without_a_role_is_forbidden(nobody, path):
    assert signed_in(nobody).get(path).status_code == 403


def test_api_root_lists_the_endpoints(psb):
    response = signed_in(psb).get("/api/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    body = response.json()
    assert body["indicators"].endswith(INDICATORS)
    assert body["values"].endswith(VALUES)


# --- Values: drafts only for the lead's organisation and the performance team -------------


@pytest.mark.parametrize("role", ["psb", "board", "scrutiny", "council_scrutiny"])
def test_readers_see_approved_values_but_not_drafts(request, values, role):
    user = request.getfixturevalue(role)

    codes = listed_codes(signed_in(user).get(VALUES))

    assert "NI 116" in codes
    assert "L 900" not in codes


@pytest.mark.parametrize("role", ["officer", "council_officer", "lead"])
def test_the_lead_organisation_and_officers_see_drafts(request, values, lead_role, role):
    user = request.getfixturevalue(role)

    codes = listed_codes(signed_in(user).get(VALUES))

    assert codes == {"NI 116", "L 900"}


def test_the_other_partners_lead_does_not_see_the_councils_draft(values, other_lead_role):
    codes = listed_codes(signed_in(other_lead_role.user).get(VALUES))

    assert codes == {"NI 116"}


def test_a_draft_is_not_found_by_its_id_for_a_reader(values, psb, lead_role):
    path = f"{VALUES}{values['draft'].pk}/"

    assert signed_in(psb).get(path).status_code == 404
    assert signed_in(lead_role.user).get(path).status_code == 200


def test_a_value_gives_codes_and_the_value_as_a_string(values, lead_role):
    response = signed_in(lead_role.user).get(VALUES, {"indicator": "L 900"})

    [row] = response.json()["results"]
    assert row == {
        "indicator": "L 900",
        "area": values["draft"].area.code,
        "period": "2025-26-Q2",
        "value": "12.500000",
        "numerator": None,
        "denominator": None,
        "status": ValueStatus.PROVISIONAL,
        "note": "Still being checked",
        "is_approved": False,
    }


def test_values_filter_by_indicator_area_and_period(values, officer):
    comparator = f.AreaFactory(code="E07000001")
    f.IndicatorValueFactory(indicator=values["approved"].indicator, area=comparator)
    f.IndicatorValueFactory(indicator=values["approved"].indicator, period=f.period("2025-26-Q1"))
    client = signed_in(officer)

    assert listed_codes(client.get(VALUES, {"indicator": "NI 116"})) == {"NI 116"}
    by_area = client.get(VALUES, {"area": "E07000001"}).json()
    assert [row["area"] for row in by_area["results"]] == ["E07000001"]
    by_period = client.get(VALUES, {"period": "2025-26-Q1"}).json()
    assert [row["period"] for row in by_period["results"]] == ["2025-26-Q1"]
    assert client.get(VALUES, {"period": "2025-26-Q2"}).json()["count"] == 3


def test_values_are_paginated(values, officer):
    body = signed_in(officer).get(VALUES, {"limit": 1}).json()

    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["next"]


@pytest.mark.parametrize("size", [3, 30])
def test_listing_values_takes_the_same_queries_whatever_their_number(
    outcome, officer, size, django_assert_max_num_queries
):
    for indicator in f.IndicatorFactory.create_batch(size, primary_outcome=outcome):
        f.IndicatorValueFactory(indicator=indicator, is_approved=False)
    client = signed_in(officer)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(VALUES)

    assert response.json()["count"] == size


def test_token_authentication_works(values, scrutiny):
    _token, key = make_token(user=scrutiny, name="Script")

    response = Client().get(VALUES, HTTP_AUTHORIZATION=f"Token {key}")

    assert listed_codes(response) == {"NI 116"}


def test_a_wrong_token_is_refused(values, scrutiny):
    make_token(user=scrutiny, name="Script")

    response = Client().get(VALUES, HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code in (401, 403)


# --- Indicators -------------------------------------------------------------------------


def test_indicators_list_the_active_ones_with_codes_for_related_rows(values, board):
    f.IndicatorFactory(code="L 999", is_active=False)

    response = signed_in(board).get(INDICATORS)

    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert "L 999" not in rows
    assert rows["NI 116"] == {
        "code": "NI 116",
        "slug": "ni-116",
        "title": "Child poverty",
        "kind": "local",
        "unit": "percentage",
        "rate_per": None,
        "decimal_places": 1,
        "polarity": "higher",
        "frequency": "quarterly",
        "accumulation": "snapshot",
        "primary_outcome": values["approved"].indicator.primary_outcome.code,
        "lead_organisation": "Police",
    }


def test_indicators_filter_by_block_kind_and_search(values, block, other_block, psb):
    f.IndicatorFactory(
        code="NI 52",
        title="School meals",
        kind=Indicator.Kind.NATIONAL,
        primary_outcome__block=block,
    )
    client = signed_in(psb)

    def codes(**params):
        response = client.get(INDICATORS, params)
        assert response.status_code == 200
        return {row["code"] for row in response.json()["results"]}

    assert codes(block=other_block.slug) == {"NI 116"}
    assert codes(block=block.slug) == {"L 900", "NI 52"}
    assert codes(kind="national") == {"NI 52"}
    assert codes(search="poverty") == {"NI 116"}
    assert codes(search="L 9") == {"L 900"}


def test_an_indicator_is_found_by_its_slug(values, scrutiny):
    response = signed_in(scrutiny).get(f"{INDICATORS}ni-116/")

    assert response.status_code == 200
    assert response.json()["title"] == "Child poverty"
    assert signed_in(scrutiny).get(f"{INDICATORS}no-such/").status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_listing_indicators_takes_the_same_queries_whatever_their_number(
    outcome, psb, size, django_assert_max_num_queries
):
    f.IndicatorFactory.create_batch(size, primary_outcome=outcome)
    client = signed_in(psb)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(INDICATORS)

    assert response.json()["count"] == size


# --- Schema and docs --------------------------------------------------------------------


def test_the_schema_describes_the_values_endpoint(scrutiny):
    response = signed_in(scrutiny).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")

    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith("openapi: 3")
    assert "/api/values/" in text
    assert "/api/indicators/{slug}/" in text


def test_the_docs_are_served_from_our_own_static_files(scrutiny):
    response = signed_in(scrutiny).get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html.lower()
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
