"""A person's account in a real browser: locked out after repeated failures with an
accessible message, a password reset through the emailed link, their account page."""

import re

import pytest
from django.core import mail

from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def person(db):
    user = f.UserFactory(
        username="asha", email="asha@council.example", organisation=f.OrganisationFactory()
    )
    f.assign(user, f.Role.SCRUTINY)
    return user


def test_repeated_failures_lock_sign_in_with_an_accessible_message(
    page, axe_check, person, settings
):
    page.goto("/accounts/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        page.get_by_label("Username").fill("asha")
        page.get_by_label("Password").fill("wrong password")
        page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "signing in is paused" in summary.inner_text()
    assert page.get_by_label("Username").input_value() == "asha"
    axe_check(page)


def test_a_forgotten_password_is_reset_and_the_account_page_shows_the_sign_in(
    page, axe_check, person
):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    axe_check(page)
    page.get_by_label("Email").fill("not an address")
    page.get_by_role("button", name="Send the link").click()
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)
    page.get_by_label("Email").fill("asha@council.example")
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    axe_check(page)

    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    axe_check(page)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password confirmation").fill("short")
    page.get_by_role("button", name="Save the new password").click()
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)
    new = "a long partnership passphrase"
    page.get_by_label("New password", exact=True).fill(new)
    page.get_by_label("New password confirmation").fill(new)
    page.get_by_role("button", name="Save the new password").click()
    assert page.get_by_role("heading", name="Your password has been changed").is_visible()
    axe_check(page)

    page.get_by_role("link", name="Sign in with your new password").click()
    page.get_by_label("Username").fill("asha")
    page.get_by_label("Password").fill(new)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Your account").click()
    assert page.get_by_role("heading", name="Your recent sign-ins").is_visible()
    axe_check(page)
    page.get_by_role("button", name="Sign out everywhere else").click()
    assert "not signed in anywhere else" in page.locator("body").inner_text()
    page.get_by_role("link", name="Change your password").click()
    axe_check(page)


def test_a_person_makes_a_token_copies_it_once_and_revokes_it(page, axe_check, person, sign_in):
    sign_in(page, "asha", next_url="/account/tokens/")
    axe_check(page)
    page.get_by_role("button", name="Make a token").click()
    assert "Enter a name for the token" in page.locator(".govuk-error-summary").inner_text()
    axe_check(page)
    page.get_by_label("Name").fill("Council dashboard")
    page.get_by_role("button", name="Make a token").click()
    key = page.locator("#new-token").inner_text()
    assert len(key) == 40
    axe_check(page)

    page.goto("/account/tokens/")
    assert key not in page.content()
    page.get_by_role("button", name="Revoke the token “Council dashboard”").click()
    assert "has been revoked" in page.locator("body").inner_text()
    assert page.get_by_role("cell", name="Revoked", exact=False).is_visible()
    axe_check(page)
