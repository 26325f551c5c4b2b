"""A resident, with no sign-in, reads how the area is doing on a phone and on a desktop."""

from __future__ import annotations

import pytest

from tests.public.conftest import (  # noqa: F401 - fixtures
    SECRETS,
    _fresh_cache,
    area,
    comparator,
    world,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}


def overflows(page) -> bool:
    """Whether the page is wider than the screen (a reader would scroll sideways)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    return width > page.viewport_size["width"]


@pytest.mark.usefixtures("world")
@pytest.mark.parametrize("screen", list(WIDTHS))
def test_a_resident_reads_the_published_figures(page, axe_check, screen):
    from playwright.sync_api import expect

    width, height = WIDTHS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/public/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How Anycity Partnership is doing")
    expect(page.locator("#last-updated")).to_contain_text("Figures up to Q4 2025-26")
    expect(page.get_by_role("link", name="Download the data (CSV)").first).to_be_visible()
    expect(page.get_by_role("link", name="Sign out")).to_have_count(0)
    text = page.locator("body").inner_text()
    assert [s for s in SECRETS if s in text] == []
    assert not overflows(page)
    axe_check(page)

    page.get_by_role("link", name="Children in good schools").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Children in good schools")
    expect(page.locator("#trend-chart[data-drawn=true]")).to_have_count(1, timeout=20_000)
    expect(page.get_by_role("table").first).to_contain_text("45.5%")
    text = page.locator("body").inner_text()
    assert [s for s in SECRETS if s in text] == []
    assert not overflows(page)  # the wide table scrolls in its own region
    axe_check(page)


@pytest.mark.usefixtures("world")
def test_the_indicator_page_prints_without_its_links(page):
    from playwright.sync_api import expect

    page.goto("/public/indicators/cyp-01/")
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("nav.govuk-breadcrumbs")).to_be_hidden()
