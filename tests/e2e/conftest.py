"""Playwright in real Chromium (Debian's, never a downloaded one) against the live server.

Playwright's sync API runs an event loop in the test thread, which makes Django think
it is in async code; the ORM calls the tests make are synchronous, so allow them.
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

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


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test, recording every URL the page asks for."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Run axe on the page and fail with its report if it finds any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check
