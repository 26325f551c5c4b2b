"""Approving ticked returns on the list under any input: whatever is posted as the
returns and the list's query string, the answer is a redirect to the list (or Django's
400 for an address too long to redirect to; never a server error), and no return the
officer did not tick, or that is not submitted, is approved."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.models import QuarterlyReturn
from tests.fuzz.strategies import ANY

State = QuarterlyReturn.State
FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def states() -> list:
    return list(QuarterlyReturn.objects.order_by("pk").values_list("pk", "state", "version"))


@FUZZ
@given(returns=st.lists(ANY, max_size=4), query=ANY)
def test_any_returns_posted_to_approve_give_the_list_and_approve_nothing_else(
    client, officer, lead_return, other_return, tried, returns, query
):
    tried()
    client.force_login(officer)
    before = states()

    response = client.post("/returns/approve/", {"returns": returns, "query": query})

    # 400: Django refuses to redirect to an address over 2,048 characters, which a long
    # query string sent back to the list would make.
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert response["Location"].startswith("/returns/")
    # lead_return is not started, so never approved; other_return only if its id was sent.
    changed = [b for b, a in zip(before, states(), strict=True) if a != b]
    assert all(str(pk) in [r.strip() for r in returns] for pk, _, _ in changed)
    assert all(state == State.SUBMITTED for _, state, _ in changed)


@pytest.mark.parametrize("sent", [str(2**63), "²", "٣"])
def test_an_id_that_is_not_a_plain_number_a_database_holds_is_not_a_server_error(
    client, officer, other_return, sent
):
    """Regression: returns=<2**63> was a 500 (SQLite cannot hold the id), and so was a
    superscript two (str.isdigit says it is a digit, int() cannot read it)."""
    client.force_login(officer)

    response = client.post("/returns/approve/", {"returns": [sent]})

    assert response.status_code == 302
    other_return.refresh_from_db()
    assert other_return.state == State.SUBMITTED
