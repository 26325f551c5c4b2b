"""The filters read from the address (the risk register, its CSV, the exception
dashboard, the indicator search and the list of returns): any query string, repeated
keys, odd encodings and numbers, gives the page (its filters refused with a message when
they are not valid), never a server error, and changes nothing stored."""

from urllib.parse import quote

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.models import QuarterlyReturn
from risks.models import Risk
from tests import factories as f
from tests.fuzz.strategies import ANY, TEXT

FILTERS = {
    "/risks/": [
        "level",
        "block",
        "outcome",
        "organisation",
        "owner",
        "band",
        "status",
        "overdue",
        "closed",
        "position",
        "likelihood",
        "impact",
    ],
    "/risks/register.csv": ["level", "block", "band", "status", "likelihood", "impact"],
    "/exceptions/": ["period", "block", "organisation", "lead", "rag", "stretch", "signals"],
    "/indicators/": ["q"],
    "/returns/": ["round", "state", "partner", "block", "late"],
}
FUZZ = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def some_of_everything(open_round, lead_return, other_return, partnership_risk, outcome):
    f.IndicatorFactory(primary_outcome=outcome)
    f.RiskFactory(outcome=outcome)


def stored() -> tuple:
    return (
        Risk.objects.count(),
        Risk.history.count(),
        QuarterlyReturn.objects.count(),
        QuarterlyReturn.history.count(),
    )


def allowed(params) -> set[int]:
    """The page, or not found for a quarter or round there is none of."""
    return {200, 404} if {"period", "round"} & set(params) else {200}


def query(names: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Pairs of a filter's name (or any name) and any value, names repeated at times."""
    return st.lists(st.tuples(st.sampled_from(names) | TEXT, ANY), max_size=6)


@pytest.mark.parametrize("path", sorted(FILTERS))
@FUZZ
@given(data=st.data())
def test_any_filters_in_the_address_give_the_page(
    client, officer, some_of_everything, tried, path, data
):
    pairs = data.draw(query(FILTERS[path]))
    tried()
    client.force_login(officer)
    before = stored()
    raw = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)

    response = client.get(f"{path}?{raw}")

    assert response.status_code in allowed(dict(pairs))
    assert stored() == before


@pytest.mark.parametrize("path", sorted(FILTERS))
@FUZZ
@given(raw=st.text(alphabet=st.characters(codec="ascii"), max_size=80))
def test_a_query_string_that_is_not_even_well_formed_gives_the_page(
    client, officer, some_of_everything, tried, path, raw
):
    tried()
    client.force_login(officer)

    response = client.get(path, QUERY_STRING=raw)

    assert response.status_code in allowed(QueryDict(raw))


# --- Regression: an id past the largest a database holds was a server error -------------

TOO_BIG = str(2**63)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (f"/returns/?partner={TOO_BIG}", "Select a partner from the list"),
        (f"/exceptions/?organisation={TOO_BIG}", None),
        (f"/exceptions/?lead={TOO_BIG}", None),
    ],
)
def test_an_id_too_big_for_the_database_is_refused_as_not_an_option(
    client, officer, some_of_everything, path, message
):
    client.force_login(officer)

    response = client.get(path)

    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in response.content.decode()
    if message:
        assert message in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/risks/?level=nope",
        "/risks/?likelihood=9",
        "/risks/?block=%00",
        "/exceptions/?rag=nope",
        "/exceptions/?organisation=-1",
        "/returns/?state=nope",
        "/returns/?partner=NaN",
    ],
)
def test_a_filter_that_is_not_an_option_is_shown_in_the_error_summary(
    client, officer, some_of_everything, path
):
    client.force_login(officer)

    response = client.get(path)

    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in response.content.decode()
