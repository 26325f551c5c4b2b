"""A performance officer who is not a return's lead sees it as a reviewer first, and
enters it for the lead only when they choose to (issue 9, point 9)."""

import re
from decimal import Decimal

import pytest

from indicators.enums import Unit
from indicators.models import IndicatorValue
from partnership.people import display_name
from reporting.models import QuarterlyReturn, ReturnRound
from tests import factories as f
from tests.reporting.returns.test_return_page import (
    as_user,
    form_data,
    name,
    set_state,
    text_of,
    url,
)

State = QuarterlyReturn.State
NOT_THE_LEAD = "You are not the lead for this return"


@pytest.fixture
def pct(outcome):
    return f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")


@pytest.fixture
def count(outcome):
    return f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 02",
        title="Young people in training",
        unit=Unit.NUMBER,
        decimal_places=0,
    )


@pytest.fixture
def qr(outcome, pct, count, lead_role):
    """The lead's return for Q2 2025-26, not started, in an open round."""
    f.PartnershipAreaFactory()
    open_round = f.ReturnRoundFactory(period=f.period("2025-26-Q2"), state=ReturnRound.State.OPEN)
    return f.QuarterlyReturnFactory(round=open_round, outcome=outcome)


def enter_url(qr):
    return url(qr) + "?enter=1"


def has_inputs(response, indicator) -> bool:
    return f'name="{name(indicator, "value")}"' in response.content.decode()


@pytest.mark.parametrize("state", [State.NOT_STARTED, State.DRAFT, State.RETURNED])
@pytest.mark.parametrize("person", ["officer", "council_officer", "admin_user"])
def test_an_officer_who_is_not_the_lead_sees_the_return_read_only_with_a_way_to_enter_it(
    client, qr, pct, lead, person, state, request
):
    set_state(qr, state, returned_reason="Check CYP 02" if state == State.RETURNED else "")
    as_user(client, request.getfixturevalue(person))

    response = client.get(url(qr))

    assert response.status_code == 200
    assert not has_inputs(response, pct)
    assert "Submit return" not in text_of(response)
    assert "Save draft" not in text_of(response)
    text = text_of(response)
    assert f"{NOT_THE_LEAD}: {display_name(lead)} at Anycity Council enters it." in text
    assert f'href="{enter_url(qr)}"' in response.content.decode()
    assert "Enter it for them" in text


def test_after_sending_a_return_back_the_officer_sees_it_read_only(
    client, qr, pct, count, lead, officer
):
    as_user(client, lead)
    client.post(url(qr), form_data(qr, {pct: "46", count: "7"}, action="submit"))
    qr.refresh_from_db()
    as_user(client, officer)

    response = client.post(
        url(qr, "send-back"),
        {"send_back-version": str(qr.version), "send_back-reason": "CYP 02 looks too low"},
        follow=True,
    )

    assert response.redirect_chain == [(url(qr), 302)]
    text = text_of(response)
    assert "The return has been sent back to the lead with your reason." in text
    assert NOT_THE_LEAD in text
    assert "Submit return" not in text
    assert not has_inputs(response, pct)
    assert re.search(r"Value for Q2 2025-26\s*46\.0", text)  # the values, read only


def test_an_officer_who_chooses_to_enter_it_is_told_they_act_for_the_lead(
    client, qr, pct, count, lead, officer
):
    as_user(client, officer)

    response = client.get(enter_url(qr))

    assert has_inputs(response, pct)
    text = text_of(response)
    assert (
        f"You are entering this return for {display_name(lead)} at Anycity Council. "
        "The history will show that you made the changes." in text
    )
    assert "Submit return" in text
    assert f'href="{url(qr)}"' in response.content.decode()  # back to reading it
    assert NOT_THE_LEAD not in text


def test_an_officer_saving_for_the_lead_stays_on_the_form_and_is_recorded(
    client, qr, pct, count, officer
):
    as_user(client, officer)
    response = client.post(url(qr), form_data(qr, {pct: "46"}))

    assert response.status_code == 302
    assert response.url == enter_url(qr)
    value = IndicatorValue.objects.get(indicator=pct)
    assert (value.value, value.entered_by) == (Decimal("46"), officer)
    assert qr.history.latest().history_user == officer
    assert has_inputs(client.get(response.url), pct)


def test_an_officer_can_still_submit_for_the_lead(client, qr, pct, count, officer):
    as_user(client, officer)
    response = client.post(url(qr), form_data(qr, {pct: "46", count: "7"}, action="submit"))

    assert (response.status_code, response.url) == (302, url(qr))
    qr.refresh_from_db()
    assert (qr.state, qr.submitted_by) == (State.SUBMITTED, officer)


def test_the_lead_sees_the_form_with_no_notice(client, qr, pct, lead):
    as_user(client, lead)
    response = client.get(url(qr))
    assert has_inputs(response, pct)
    assert NOT_THE_LEAD not in text_of(response)
    assert "You are entering this return for" not in text_of(response)


def test_a_lead_who_is_also_an_officer_enters_it_as_the_lead(client, qr, pct, lead):
    from partnership.models import Role

    f.assign(lead, Role.PERFORMANCE_OFFICER)
    as_user(client, lead)
    response = client.get(url(qr))
    assert has_inputs(response, pct)
    assert NOT_THE_LEAD not in text_of(response)


def test_a_return_with_no_lead_named_says_so(client, qr, pct, officer):
    qr.outcome.__class__.objects.filter(pk=qr.outcome_id).update(lead_person=None)
    as_user(client, officer)
    text = text_of(client.get(url(qr)))
    assert (
        f"{NOT_THE_LEAD}, and it has no lead named. You can enter it for Anycity Council." in text
    )


@pytest.mark.parametrize(
    ("person", "state"),
    [
        ("colleague", State.DRAFT),  # sees the draft, enters no one else's return
        ("board", State.APPROVED),
        ("officer", State.SUBMITTED),  # not now: it is waiting for review
        ("officer", State.APPROVED),
    ],
)
def test_asking_to_enter_gives_no_form_to_someone_who_may_not_enter_it_now(
    client, qr, pct, person, state, request
):
    set_state(qr, state)
    as_user(client, request.getfixturevalue(person))
    response = client.get(enter_url(qr))
    assert response.status_code == 200
    assert not has_inputs(response, pct)
    assert NOT_THE_LEAD not in text_of(response)
    assert "You are entering this return for" not in text_of(response)
