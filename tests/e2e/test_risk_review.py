"""A risk's owner reviews it, raising its impact, meets the error state on the way (a
next review date in the past), and sees the new score, the review and its trend on the
risk's page. Axe on the review form, its error state and the risk's page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_owner_reviews_a_risk_and_sees_its_new_score(
    sign_in, page, axe_check, outcome, lead, lead_role
):
    from playwright.sync_api import expect

    yesterday = timezone.localdate() - timedelta(days=1)
    risk = f.RiskFactory(
        title="School places fall short", outcome=outcome, owner=lead, review_date=yesterday
    )  # 3 x 3 = 9, its review overdue
    sign_in(page, "lead", next_url=f"/risks/{risk.pk}/")
    expect(page.locator("#review-overdue")).to_contain_text("overdue")
    page.get_by_role("link", name="Review this risk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review this risk")
    expect(page.locator("#id_impact_2")).to_be_checked()  # pre-filled with 3
    axe_check(page)

    page.locator("#id_impact_4").check()  # 5
    page.get_by_label("Note (optional)").fill("Two schools closing in September")
    page.get_by_label("Next review by (optional)").fill(f"{yesterday:%d/%m/%Y}")
    page.get_by_role("button", name="Save the review").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("must be after this review")
    expect(page.locator("#id_impact_4")).to_be_checked()
    expect(page.get_by_label("Note (optional)")).to_have_value("Two schools closing in September")
    axe_check(page)

    page.get_by_label("Next review by (optional)").fill("")
    page.get_by_role("button", name="Save the review").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("School places fall short")
    expect(page.locator("#scores")).to_contain_text("3 x 5")
    expect(page.locator("#scores")).to_contain_text("15 Very high")
    expect(page.locator("#reviews")).to_contain_text("Two schools closing in September")
    expect(page.locator("#review-overdue")).to_have_count(0)
    expect(page.locator("#trend table")).to_contain_text("15")
    axe_check(page)
