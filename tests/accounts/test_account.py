"""A person's own account: their sign-ins, signing out everywhere else, changing and
resetting their password, and sessions that end when idle."""

import re
import time

import pytest
from django.core import mail
from django.test import Client

from accounts import middleware
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    user = f.UserFactory(
        username="asha", email="asha@council.example", organisation=f.OrganisationFactory()
    )
    f.assign(user, f.Role.SCRUTINY)
    return user


def signed_in_browser(username="asha", address="10.1.1.1", agent="Firefox") -> Client:
    browser = Client(HTTP_USER_AGENT=agent)
    response = browser.post(
        "/accounts/login/", {"username": username, "password": f.PASSWORD}, REMOTE_ADDR=address
    )
    assert response.status_code == 302
    return browser


def test_signing_in_is_needed_for_the_account_page(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_account_page_lists_the_persons_own_sign_ins(person, django_assert_max_num_queries):
    signed_in_browser(address="10.7.7.7", agent="Old laptop")
    browser = signed_in_browser(address="10.8.8.8", agent="Work desktop")
    f.UserFactory(username="other")
    signed_in_browser(username="other", address="10.6.6.6")
    with django_assert_max_num_queries(12):
        response = browser.get("/account/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "10.7.7.7" in text
    assert "10.8.8.8" in text
    assert "Work desktop" in text
    assert "10.6.6.6" not in text  # nobody else's
    assert "asha@council.example" in text


def test_the_account_page_warns_of_failed_attempts_since_the_last_sign_in(person):
    browser = signed_in_browser()
    for _ in range(3):
        Client().post("/accounts/login/", {"username": "asha", "password": "guess"})
    text = browser.get("/account/").content.decode()
    assert "There were 3 failed attempts to sign in with your username" in text


def test_a_person_with_no_role_can_still_see_their_account():
    f.UserFactory(username="newcomer")
    browser = signed_in_browser(username="newcomer")
    assert browser.get("/account/").status_code == 200


def test_sign_out_everywhere_else_ends_the_other_sessions_but_not_this_one(person):
    laptop, phone = signed_in_browser(), signed_in_browser()
    other = f.UserFactory(username="other")
    theirs = signed_in_browser(username=other.username)

    response = laptop.post("/account/sign-out-everywhere-else/", follow=True)

    assert "signed out of 1 other browser" in response.content.decode()
    assert laptop.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302  # back to sign in
    assert theirs.get("/account/").status_code == 200  # somebody else's session untouched


def test_signing_out_everywhere_else_takes_a_post(person):
    browser = signed_in_browser()
    assert browser.get("/account/sign-out-everywhere-else/").status_code == 405


def test_the_start_page_says_when_the_person_last_signed_in(person):
    signed_in_browser(address="10.7.7.7")
    browser = signed_in_browser(address="10.8.8.8")
    text = browser.get("/").content.decode()
    assert "You last signed in on" in text
    assert "from 10.7.7.7" in text


def test_the_first_sign_in_says_nothing_of_a_last_one(person):
    assert "You last signed in" not in signed_in_browser().get("/").content.decode()


# --- Passwords -------------------------------------------------------------------------


def test_changing_the_password_shows_the_rules_and_refuses_a_weak_one(person):
    browser = signed_in_browser()
    form = browser.get("/accounts/password_change/").content.decode()
    assert "at least 12 characters" in form
    response = browser.post(
        "/accounts/password_change/",
        {"old_password": f.PASSWORD, "new_password1": "password1", "new_password2": "password1"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "too short" in text
    person.refresh_from_db()
    assert person.check_password(f.PASSWORD)


def test_changing_the_password_signs_out_the_other_browsers(person):
    laptop, phone = signed_in_browser(), signed_in_browser()
    new = "a long partnership passphrase"
    response = laptop.post(
        "/accounts/password_change/",
        {"old_password": f.PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert laptop.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302


def _reset_link() -> str:
    return re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)


def test_a_forgotten_password_is_reset_through_a_link_emailed_once(client, person):
    response = client.post("/accounts/password_reset/", {"email": "asha@council.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["asha@council.example"]
    assert mail.outbox[0].subject == "Reset your Partnership Performance password"

    form = client.get(_reset_link(), follow=True)
    assert "Choose a new password" in form.content.decode()
    new = "a long partnership passphrase"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password(new)
    again = client.get(_reset_link(), follow=True)
    assert "This link has expired" in again.content.decode()  # a link works once


def test_asking_to_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, person):
    known = client.post("/accounts/password_reset/", {"email": "asha@council.example"})
    unknown = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_a_reset_with_a_bad_address_is_an_error_on_the_form(client):
    response = client.post("/accounts/password_reset/", {"email": "not an address"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert 'value="not an address"' in text


def test_a_made_up_reset_link_says_it_has_expired(client):
    response = client.get("/accounts/reset/MQ/made-up-token/", follow=True)
    assert response.status_code == 200
    assert "This link has expired" in response.content.decode()


# --- Idle sessions ---------------------------------------------------------------------


def test_a_session_is_renewed_by_use_so_it_ends_only_when_idle(person, monkeypatch, settings):
    browser = signed_in_browser()
    browser.get("/account/")
    first = browser.session.get_expiry_date()
    now = time.time() + middleware.TOUCH_EVERY_SECONDS + 60
    monkeypatch.setattr(middleware.time, "time", lambda: now)
    browser.get("/account/")
    assert browser.session.get_expiry_date() > first
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_a_session_is_not_written_on_every_request(person, django_assert_max_num_queries):
    browser = signed_in_browser()
    browser.get("/account/")
    with django_assert_max_num_queries(50) as captured:
        browser.get("/account/")
    assert not any("UPDATE" in q["sql"] and "django_session" in q["sql"] for q in captured)
