"""The API's pages in the browser under the Content Security Policy: the interactive
documentation draws its operations and the API answers JSON, with nothing
refused (the page fixture fails a test on any CSP violation)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_draws_under_the_policy(sign_in, page, officer):
    sign_in(page, "officer", next_url="/api/docs/")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    expect(page.get_by_text("/api/values/").first).to_be_visible()


def test_the_api_answers_json_in_the_browser(sign_in, page, officer):
    sign_in(page, "officer", next_url="/api/values/")
    expect(page.get_by_text('"count"')).to_be_visible()
