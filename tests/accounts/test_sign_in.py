"""Signing in under attack: repeated failures lock the account and the address for a
while, with one message whether or not the account exists; a success clears the count;
time or an administrator unlocks."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.signin import LOCKED_OUT_STATUS, client_ip
from tests import factories as f

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def person():
    return f.UserFactory(username="asha", organisation=f.OrganisationFactory())


def sign_in(client, username, password, address="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address="10.1.1.1"):
    for _ in range(times):
        sign_in(client, username, "wrong password", address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_signs_in_and_clears_earlier_failures(client, person, settings):
    fail(client, "asha", settings.AXES_FAILURE_LIMIT - 1)
    response = sign_in(client, "asha", f.PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)
    assert not AccessAttempt.objects.filter(username="asha").exists()


def test_thirty_wrong_passwords_lock_the_account_and_the_right_one_then_fails(
    client, person, settings
):
    fail(client, "asha", 30)
    response = sign_in(client, "asha", f.PASSWORD)
    assert response.status_code == LOCKED_OUT_STATUS
    assert not signed_in(client)
    text = response.content.decode()
    assert f"paused for {settings.SIGN_IN_LOCKOUT_MINUTES} minutes" in text
    assert 'value="asha"' in text  # what was typed is kept, never the password
    assert "There is a problem" in text


def test_an_overlong_username_is_refused_and_counted_like_any_other(client, person, settings):
    overlong = "a" * 300  # longer than Axes' column (255) and than any username (150)
    response = sign_in(client, overlong, "wrong password")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert AccessAttempt.objects.get().username == "a" * 150
    fail(client, overlong, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, overlong, "wrong password").status_code == LOCKED_OUT_STATUS


def test_the_lock_counts_failures_from_any_address(client, person, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "asha", "wrong password", address=f"10.2.0.{n}")
    assert sign_in(client, "asha", f.PASSWORD, address="10.9.9.9").status_code == (
        LOCKED_OUT_STATUS
    )


def test_one_address_trying_many_accounts_is_locked_out_for_all_of_them(client, person, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{n}", "wrong password", address="10.3.3.3")
    assert sign_in(client, "asha", f.PASSWORD, address="10.3.3.3").status_code == (
        LOCKED_OUT_STATUS
    )
    # The person is not locked out from their own address.
    assert sign_in(Client(), "asha", f.PASSWORD, address="10.4.4.4").status_code == 302


def _errors(response) -> list[str]:
    return re.findall(r'<li><a href="#[^"]*">([^<]*)</a></li>', response.content.decode())


def test_the_message_is_the_same_for_an_account_that_does_not_exist(person, settings):
    real, unknown = Client(), Client()
    fail(real, "asha", settings.AXES_FAILURE_LIMIT, address="10.5.0.1")
    fail(unknown, "nobody", settings.AXES_FAILURE_LIMIT, address="10.5.0.2")
    locked_real = sign_in(real, "asha", "wrong password", address="10.5.0.1")
    locked_unknown = sign_in(unknown, "nobody", "wrong password", address="10.5.0.2")
    assert locked_real.status_code == locked_unknown.status_code == LOCKED_OUT_STATUS
    assert _errors(locked_real) == _errors(locked_unknown) != []


def test_a_wrong_password_below_the_limit_says_nothing_about_the_account(client, person):
    known = sign_in(client, "asha", "wrong password").content.decode()
    unknown = sign_in(client, "nobody", "wrong password").content.decode()
    message = "Please enter a correct username and password"
    assert message in known
    assert message in unknown


def test_the_lock_ends_when_its_time_is_up(client, person, settings):
    fail(client, "asha", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "asha", f.PASSWORD).status_code == LOCKED_OUT_STATUS
    ended = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=ended)
    assert sign_in(client, "asha", f.PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_administrator_unlocks_an_account(client, person, settings):
    fail(client, "asha", settings.AXES_FAILURE_LIMIT)
    call_command("axes_reset_username", "asha")
    assert sign_in(client, "asha", f.PASSWORD).status_code == 302


def test_an_administrator_unlocks_from_the_admin(client, admin_client, person, settings):
    fail(client, "asha", settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username="asha")
    response = admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="asha").exists()
    assert sign_in(client, "asha", f.PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "", "10.0.0.9"),  # no proxy: the connection's address
        (0, "1.2.3.4", "10.0.0.9"),  # a header nobody trusts is ignored
        (1, "1.2.3.4", "1.2.3.4"),  # one proxy: the address it saw
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # what the client wrote before it is ignored
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "1.2.3.4"),
        (2, "1.2.3.4", "10.0.0.9"),  # fewer entries than proxies: not trusted
    ],
)
def test_the_address_counted_is_the_one_the_trusted_proxy_saw(
    rf, settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
