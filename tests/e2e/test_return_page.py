"""The lead opens their return, types a value, sees its RAG appear and saves a draft."""

from decimal import Decimal

import pytest

from indicators.models import IndicatorValue
from reporting.models import QuarterlyReturn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_lead_types_a_value_sees_its_rag_and_saves_a_draft(
    sign_in, page, live_server, axe_check, due_return
):
    from playwright.sync_api import expect

    pct, count = due_return.outcome.primary_indicators.order_by("code")
    quarter = due_return.round.period.label
    sign_in(page, "lead")
    page.goto(f"/returns/{due_return.pk}/")
    assert (
        page.title() == f"{due_return.outcome.code} return for {quarter} – Partnership Performance"
    )
    status = page.locator(f"#status-{pct.pk}")
    expect(status).to_contain_text("No value entered")
    axe_check(page)

    page.get_by_label(f"CYP 01 value for {quarter}").fill("43")
    expect(status).to_contain_text("Amber")
    page.get_by_label(f"CYP 01 value for {quarter}").fill("46")
    expect(status).to_contain_text("Green")
    page.get_by_label(f"CYP 02 value for {quarter}").fill("2.5")
    expect(page.locator(f"#status-{count.pk}")).to_contain_text("A count is a whole number")
    page.get_by_label(f"CYP 02 value for {quarter}").fill("12")
    expect(page.locator(f"#status-{count.pk}")).to_contain_text("No target: data only.")
    assert not IndicatorValue.objects.exists()  # the live RAG writes nothing
    axe_check(page)

    page.get_by_role("button", name="Save draft").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Your draft has been saved.")
    expect(page.get_by_label(f"CYP 01 value for {quarter}")).to_have_value("46.0")
    expect(status).to_contain_text("Green")
    axe_check(page)
    due_return.refresh_from_db()
    assert due_return.state == QuarterlyReturn.State.DRAFT
    assert IndicatorValue.objects.get(indicator=pct).value == Decimal("46")
