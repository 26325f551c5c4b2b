"""Each role signs in from the start page, sees its own section, and signs out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn, ReturnRound
from risks.rules import RiskLevel
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The fixture that makes each person, and the heading of the section they should see.
JOURNEYS = {
    "lead": ("lead_role", "Your returns"),
    "officer": ("officer", "Current round"),
    "board": ("board", "Your partnership board"),
    "psb": ("psb", "Public Service Board"),
    "scrutiny": ("scrutiny", "Published performance"),
    "admin": ("admin_user", "Administration"),
}
SECTION_HEADINGS = {heading for _, heading in JOURNEYS.values()}
GOVUK_BLACK = "rgb(11, 12, 12)"


@pytest.fixture
def round_in_progress(outcome, other_outcome):
    """An open round, due two days ago: the council's return late, the police's approved."""
    today = timezone.localdate()
    quarter = PeriodRef.latest_completed_quarter(today)
    open_round = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=20),
        due_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=10),
        state=ReturnRound.State.OPEN,
    )
    f.QuarterlyReturnFactory(round=open_round, outcome=outcome)
    f.QuarterlyReturnFactory(
        round=open_round, outcome=other_outcome, state=QuarterlyReturn.State.APPROVED
    )
    f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None)
    return open_round


def assert_styled_and_local(page, live_server):
    """GOV.UK Frontend's stylesheet applied, in our own font, with nothing from elsewhere."""
    header = page.locator(".govuk-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == GOVUK_BLACK
    heading_font = page.locator("h1").evaluate("e => getComputedStyle(e).fontFamily")
    assert heading_font.startswith("system-ui")
    assert "GDS Transport" not in heading_font
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert f"{live_server.url}/static/dist/app.css" in page.requested_urls
    assert f"{live_server.url}/static/dist/govuk-frontend.min.js" in page.requested_urls
    remote = [
        url
        for url in page.requested_urls
        if not url.startswith(live_server.url) and not url.startswith("data:")
    ]
    assert remote == []


@pytest.mark.parametrize("who", list(JOURNEYS))
def test_each_role_signs_in_sees_their_section_and_signs_out(
    request, page, live_server, axe_check, round_in_progress, who
):
    fixture, heading = JOURNEYS[who]
    request.getfixturevalue(fixture)

    page.goto("/")
    assert page.url == f"{live_server.url}/accounts/login/?next=/"
    assert page.title() == "Sign in – Partnership Performance"
    assert_styled_and_local(page, live_server)
    axe_check(page)

    page.get_by_label("Username").fill(who)
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    assert page.url == f"{live_server.url}/"
    assert page.title() == "Start – Partnership Performance"
    sections = page.locator(".app-start-section h2").all_inner_texts()
    assert sections == [heading]
    assert page.get_by_role("heading", level=2, name=heading).is_visible()
    assert_styled_and_local(page, live_server)
    axe_check(page)

    page.get_by_role("button", name="Sign out").click()

    assert page.url == f"{live_server.url}/accounts/login/"
    page.goto("/")
    assert page.url == f"{live_server.url}/accounts/login/?next=/"


def test_wrong_password_shows_an_accessible_error_summary(page, live_server, axe_check, lead):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    # GOV.UK Frontend's JavaScript moves focus to the summary.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert page.get_by_label("Username").input_value() == "lead"
    assert page.title() == "Error: Sign in – Partnership Performance"
    axe_check(page)
