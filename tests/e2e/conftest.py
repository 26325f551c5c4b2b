"""Playwright in real Chromium (Debian's, never a downloaded one) against the live server.

Playwright's sync API runs an event loop in the test thread, which makes Django think
it is in async code; the ORM calls the tests make are synchronous, so allow them.
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from datetime import timedelta  # noqa: E402
from decimal import Decimal  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.utils import timezone  # noqa: E402

from indicators.enums import Unit  # noqa: E402
from partnership.periods import Period as PeriodRef  # noqa: E402
from reporting.models import ReturnRound  # noqa: E402
from tests import factories as f  # noqa: E402
from tests.conftest import skip_or_fail  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STATIC_BUILT = Path(__file__).resolve().parents[2] / "static" / "dist" / "app.css"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail("Chromium not found: apt-get install chromium")
    if not STATIC_BUILT.exists():
        skip_or_fail("Static files not built: npm ci && npm run build")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _csp_violation(message) -> bool:
    return "Content Security Policy" in message.text


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test, recording every URL the page asks for; a test
    fails if the browser refused anything under the site's Content Security Policy."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    violations = []
    page.on(
        "console",
        lambda m: (
            violations.append(f"{m.text} ({m.location['url']})") if _csp_violation(m) else None
        ),
    )
    yield page
    context.close()
    assert violations == [], "The Content Security Policy refused: " + "; ".join(violations)


@pytest.fixture
def axe_check():
    """Run axe on the page and fail with its report if it finds any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check


@pytest.fixture
def sign_in():
    """Sign in through the form: ``sign_in(page, "lead")``, or on to ``next_url``."""

    def sign(page, username, next_url=None):
        page.goto(f"/accounts/login/?next={next_url}" if next_url else "/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(f.PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    return sign


@pytest.fixture
def due_return(outcome, lead_role):
    """The lead's return for the latest completed quarter, in an open round due in ten days.

    CYP 01 (a percentage) has a milestone of 45 for the quarter; CYP 02 is a count with
    no target.
    """
    today = timezone.localdate()
    quarter = PeriodRef.latest_completed_quarter(today)
    area = f.PartnershipAreaFactory()
    share = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")
    f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 02",
        title="Young people in training",
        unit=Unit.NUMBER,
        decimal_places=0,
    )
    target = f.TargetFactory(
        indicator=share,
        area=area,
        baseline_period=f.period(quarter.year().previous().code),
        target_period=f.period(quarter.year().next().code),
    )
    f.MilestoneFactory(target=target, period=f.period(quarter.code), value=Decimal("45"))
    open_round = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=10),
        due_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=20),
        state=ReturnRound.State.OPEN,
    )
    return f.QuarterlyReturnFactory(round=open_round, outcome=outcome)
