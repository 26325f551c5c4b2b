"""The site's own "Page not found" (404) and "You cannot see this page" (403).

Every view that raises ``Http404`` or ``PermissionDenied``, and every address that
matches no page, ends on the site's page with its status kept, with DEBUG on (as under
``make run``, where Django would show its technical debug page) and off.
"""

from __future__ import annotations

import re

import pytest

from reporting.models import QuarterlyReturn, ReturnRound
from tests import factories as f

State = QuarterlyReturn.State
DEBUG_MODES = pytest.mark.parametrize("debug", [True, False], ids=["DEBUG on", "DEBUG off"])
NOT_FOUND_TITLE = "<title>Page not found – Partnership Performance</title>"


def templates_of(response) -> list[str]:
    return [t.name for t in response.templates if t.name]


def assert_site_not_found(response) -> None:
    """The site's 404: its template, in the GOV.UK layout, and not Django's debug page."""
    assert response.status_code == 404
    assert templates_of(response)[0] == "404.html"
    html = response.text
    assert NOT_FOUND_TITLE in html
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "If you typed the web address, check it is correct." in html
    assert 'href="/">Go to your start page</a>' in html
    assert "Using the URLconf" not in html  # Django's technical 404
    assert "DEBUG = True" not in html


def assert_site_forbidden(response, *, title: str, message: str) -> None:
    assert response.status_code == 403
    assert templates_of(response)[0] == "403.html"
    html = response.text
    assert f"<title>{title} – Partnership Performance</title>" in html
    assert f'<h1 class="govuk-heading-l">{title}</h1>' in html
    assert re.search(rf'id="forbidden-message">{re.escape(message)}</p>', html)


@pytest.fixture
def draft(outcome):
    """The council outcome's return for Q2 2025-26, in draft."""
    return f.QuarterlyReturnFactory(
        round=f.ReturnRoundFactory(period=f.period("2025-26-Q2")),
        outcome=outcome,
        state=State.DRAFT,
    )


@pytest.fixture
def approved(other_outcome):
    """The police outcome's return for Q1 2025-26, approved: anyone with a role opens it."""
    return f.QuarterlyReturnFactory(
        round=f.ReturnRoundFactory(period=f.period("2025-26-Q1"), state=ReturnRound.State.CLOSED),
        outcome=other_outcome,
        state=State.APPROVED,
    )


# --- Not found ----------------------------------------------------------------------------


@DEBUG_MODES
@pytest.mark.parametrize("person", ["scrutiny", "board", "other_lead_role"])
def test_a_draft_return_opened_by_someone_who_may_not_see_it_is_the_sites_404(
    request, client, settings, draft, debug, person
):
    settings.DEBUG = debug
    user = request.getfixturevalue(person)
    client.force_login(getattr(user, "user", user))

    response = client.get(f"/returns/{draft.pk}/")

    assert_site_not_found(response)
    assert draft.outcome.title not in response.text


@DEBUG_MODES
@pytest.mark.parametrize("signed_in", [True, False], ids=["signed in", "signed out"])
def test_an_address_that_matches_no_page_is_the_sites_404(
    client, settings, scrutiny, debug, signed_in
):
    settings.DEBUG = debug
    if signed_in:
        client.force_login(scrutiny)

    response = client.get("/no-such-page/")

    assert_site_not_found(response)
    assert ("Sign out" in response.text) is signed_in


def test_the_missing_slash_is_still_added_before_not_found(client, settings, scrutiny):
    settings.DEBUG = True
    client.force_login(scrutiny)

    response = client.get("/returns")

    assert response.status_code == 301
    assert response.url == "/returns/"


@pytest.mark.parametrize(
    "path",
    [
        "/returns/999999/",
        "/returns/999999/workbook/",
        "/returns/999999/upload/",
        "/returns/?round=2019-20-Q1",
        "/blocks/no-such-block/",
        "/blocks/?period=2025-26-Q5",
        "/exceptions/?period=nonsense",
        "/indicators/ni-999/",
        "/packs/999/download/",
        "/packs/999/progress/",
    ],
)
def test_every_page_that_is_not_there_is_the_sites_404_with_debug_on(
    client, settings, officer, approved, path
):
    settings.DEBUG = True
    client.force_login(officer)

    assert_site_not_found(client.get(path))


@pytest.mark.parametrize("path", ["/returns/rounds/999/extend/", "/returns/rounds/999/close/"])
def test_an_unknown_round_is_the_sites_404_with_debug_on(client, settings, officer, path):
    settings.DEBUG = True
    client.force_login(officer)

    assert_site_not_found(client.post(path))


# --- Cannot see ---------------------------------------------------------------------------


@DEBUG_MODES
def test_opening_the_upload_of_a_return_one_may_only_read_is_the_sites_403(
    client, settings, scrutiny, approved, debug
):
    settings.DEBUG = debug
    client.force_login(scrutiny)

    response = client.get(f"/returns/{approved.pk}/upload/")

    assert_site_forbidden(
        response, title="You cannot see this page", message="You cannot change this return."
    )


@DEBUG_MODES
def test_saving_a_return_one_may_only_read_is_the_sites_403(
    client, settings, scrutiny, approved, debug
):
    settings.DEBUG = debug
    client.force_login(scrutiny)

    response = client.post(f"/returns/{approved.pk}/", {"action": "save"})

    assert_site_forbidden(
        response,
        title="You cannot do this",
        message="Only the outcome&#x27;s lead or a performance officer can do this.",
    )


def test_a_page_refused_for_want_of_a_role_is_the_sites_403_with_its_reason(client, nobody):
    client.force_login(nobody)

    response = client.get("/exceptions/")

    assert_site_forbidden(
        response,
        title="You do not have a role yet",
        message="You do not have a role in Partnership Performance yet, so there is no "
        "performance to show you. Contact the performance team and ask them to give you "
        "the role you need, for example board member or scrutiny.",
    )
