"""The admin in the browser under the Content Security Policy: its list, change and
history pages work with nothing refused (the page fixture fails on any CSP violation)."""

import pytest
from playwright.sync_api import expect

from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_admin_works_under_the_policy(page):
    f.UserFactory(username="administrator", is_staff=True, is_superuser=True)
    indicator = f.IndicatorFactory(title="Children in need")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("administrator")
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/admin/indicators/indicator/")
    expect(page.locator("#result_list")).to_contain_text("Children in need")
    page.goto(f"/admin/indicators/indicator/{indicator.pk}/change/")
    expect(page.locator("#indicator_form")).to_be_visible()
    page.goto(f"/admin/indicators/indicator/{indicator.pk}/history/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
