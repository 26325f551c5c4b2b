"""A person's own API tokens (/account/tokens/): made and shown once, stored hashed,
honouring the person's visibility, revoked by them, throttled per token."""

from decimal import Decimal

import pytest
from django.test import Client

from accounts.models import ApiToken
from accounts.tokens import PerTokenThrottle, make_token
from tests import factories as f

pytestmark = pytest.mark.django_db

PAGE = "/account/tokens/"
VALUES = "/api/values/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def with_token(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


@pytest.fixture
def draft_and_approved(outcome, other_outcome):
    draft = f.IndicatorFactory(code="L 900", primary_outcome=outcome)
    f.IndicatorValueFactory(indicator=draft, value=Decimal("12.5"), is_approved=False)
    published = f.IndicatorFactory(code="NI 116", primary_outcome=other_outcome)
    f.IndicatorValueFactory(indicator=published, value=Decimal("21.3"))


def codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["indicator"] for row in response.json()["results"]}


def test_signing_in_is_needed(client):
    assert client.get(PAGE)["Location"].startswith("/accounts/login/")


def test_someone_with_no_role_may_not_make_tokens(db):
    client = signed_in(f.UserFactory())
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"name": "Script"}).status_code == 403
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("person", ["scrutiny", "officer", "lead_role", "board", "psb"])
def test_everyone_with_a_role_may(request, person):
    user = request.getfixturevalue(person)
    user = user.user if hasattr(user, "user") else user
    assert signed_in(user).get(PAGE).status_code == 200


def test_a_new_token_is_shown_once_and_stored_only_as_a_hash(scrutiny):
    client = signed_in(scrutiny)
    response = client.post(PAGE, {"name": "Council dashboard"})
    key = response.context["new_key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.prefix) == (scrutiny, "Council dashboard", key[:8])
    stored = [str(v) for v in ApiToken.objects.values_list(flat=False).get()]
    assert not any(key in value for value in stored)
    again = client.get(PAGE).content.decode()
    assert "Council dashboard" in again
    assert key not in again


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Enter a name for the token"), ("x" * 101, "100 characters or fewer")],
)
def test_a_token_needs_a_name(scrutiny, name, message):
    response = signed_in(scrutiny).post(PAGE, {"name": name})
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert message in text
    assert not ApiToken.objects.exists()


def test_a_token_sees_what_its_person_sees(scrutiny, officer, draft_and_approved):
    _, scrutiny_key = make_token(user=scrutiny, name="Scrutiny script")
    _, officer_key = make_token(user=officer, name="Team script")
    assert codes(with_token(scrutiny_key).get(VALUES)) == {"NI 116"}
    assert codes(with_token(officer_key).get(VALUES)) == {"NI 116", "L 900"}


def test_a_tokens_last_use_is_recorded_and_shown(scrutiny, draft_and_approved):
    token, key = make_token(user=scrutiny, name="Script")
    with_token(key).get(VALUES)
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert "Never" not in signed_in(scrutiny).get(PAGE).content.decode()


def test_a_revoked_token_stops_working(scrutiny, draft_and_approved):
    token, key = make_token(user=scrutiny, name="Script")
    client = signed_in(scrutiny)
    response = client.post(f"/account/tokens/{token.pk}/revoke/", follow=True)
    assert "has been revoked" in response.content.decode()
    assert with_token(key).get(VALUES).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None  # kept, marked, never deleted


def test_nobody_revokes_anothers_token(scrutiny, officer):
    token, key = make_token(user=officer, name="Team script")
    client = signed_in(scrutiny)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert client.post("/account/tokens/999999/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_takes_a_post(scrutiny):
    token, _ = make_token(user=scrutiny, name="Script")
    assert signed_in(scrutiny).get(f"/account/tokens/{token.pk}/revoke/").status_code == 405


def test_a_made_up_token_is_refused(scrutiny):
    make_token(user=scrutiny, name="Script")
    assert with_token("not-a-real-token").get(VALUES).status_code == 401


def test_the_token_of_a_deactivated_account_is_refused(scrutiny):
    _, key = make_token(user=scrutiny, name="Script")
    scrutiny.is_active = False
    scrutiny.save()
    assert with_token(key).get(VALUES).status_code == 401


def test_requests_are_throttled_per_token(scrutiny, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"token": "2/minute"})
    _, first = make_token(user=scrutiny, name="First")
    _, second = make_token(user=scrutiny, name="Second")
    statuses = [with_token(first).get(VALUES).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert with_token(second).get(VALUES).status_code == 200  # counted per token
    assert signed_in(scrutiny).get(VALUES).status_code == 200  # the browser is not


def test_making_and_revoking_are_in_history_with_who(scrutiny):
    client = signed_in(scrutiny)
    client.post(PAGE, {"name": "Script"})
    token = ApiToken.objects.get()
    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert [(h.history_type, h.history_user) for h in token.history.order_by("history_id")] == [
        ("+", scrutiny),
        ("~", scrutiny),
    ]
