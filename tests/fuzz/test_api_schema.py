"""schemathesis against the API's own OpenAPI schema (/api/schema/), loaded from the
Django app in process (WSGI): every operation, for a performance officer and for a
scrutiny member, each with their API token, with a bounded number of examples.
Each response must not be a server error, and its status and body must be ones the schema
documents for the operation.
"""

import json
from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from accounts.tokens import PerTokenThrottle, make_token
from tests import factories as f

# Not content_type_conformance: an id with a dot in it (/api/values/1.5e-13/) matches no
# route of the API, and Django's own page not found answers it, in HTML.
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def api_data(outcome, other_outcome):
    """Indicators in both blocks, each with an approved value and a draft one."""
    for owner in (outcome, other_outcome):
        indicator = f.IndicatorFactory(primary_outcome=owner)
        f.IndicatorValueFactory(indicator=indicator, value=Decimal("41.5"))
        f.IndicatorValueFactory(
            indicator=indicator,
            period=f.period("2025-26-Q3"),
            value=Decimal("-3"),
            is_approved=False,
        )


@pytest.fixture
def one_connection():
    """Keep the test's database connection across schemathesis's calls to the WSGI app, as
    Django's test client does: at the end of a request Django would otherwise close it
    (on PostgreSQL, with the test's transaction in it)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["officer", "scrutiny"])
def auth(request, api_data, settings, monkeypatch):
    """The header each request is sent with: the person's own API token (a token made on
    /account/tokens/ stands for its person, sessions and tokens share the same rules)."""
    # Many requests from one token: not throttled here (the throttle has its own test).
    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"token": "100000/hour"})
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis's WSGI client sends
    user = request.getfixturevalue(request.param)
    _, key = make_token(user=user, name="schemathesis")
    return {"Authorization": f"Token {key}"}


def _schema() -> dict:
    """The schema /api/schema/ serves, made the same way (the view needs a signed-in person
    and the database, neither there when tests are collected; the test below checks that
    what the view serves is this)."""
    return SchemaGenerator().get_schema(request=None, public=True)


schema = schemathesis.openapi.from_dict(_schema())
schema.app = get_wsgi_application()


def test_the_schema_fuzzed_is_the_one_the_api_serves(client, officer):
    client.force_login(officer)
    served = client.get("/api/schema/?format=json", HTTP_ACCEPT="application/json")
    assert served.status_code == 200
    assert json.loads(served.content) == json.loads(json.dumps(_schema(), default=str))


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_api_operation_answers_as_its_schema_says(case, auth, tried, one_connection):
    tried()
    case.call_and_validate(headers=auth, checks=CHECKS)


def test_the_schema_documents_the_errors_the_api_answers(client, officer):
    """Regression: the schema documented only 200, so a refused filter's 400 (and 401,
    403, 404, 429) was an answer the schema did not allow."""
    paths = _schema()["paths"]
    client.force_login(officer)

    refused = client.get("/api/indicators/?kind=AAA")

    assert refused.status_code == 400
    assert set(paths["/api/indicators/"]["get"]["responses"]) == {
        "200",
        "400",
        "401",
        "403",
        "429",
    }
    assert "404" in paths["/api/values/{id}/"]["get"]["responses"]
    assert "kind" in refused.json()


@pytest.mark.parametrize(
    "query", [f"limit={10**30}", f"offset={10**30}", f"limit=5&offset={2**63}"]
)
def test_a_huge_limit_or_offset_gives_a_page_not_a_server_error(client, officer, api_data, query):
    """Regression: /api/values/?limit=<31 digits> was a 500 (SQLite cannot hold it)."""
    client.force_login(officer)

    response = client.get(f"/api/values/?{query}")

    assert response.status_code == 200
    assert response.json()["count"] == 4
    assert len(response.json()["results"]) <= 4
