"""A risk's owner edits its current likelihood and impact, gets the error state on the
way, and sees the new band on its page. Axe on the form, its error state and the page."""

import pytest

from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_owner_edits_a_risk_and_sees_its_new_band(
    sign_in, page, axe_check, outcome, lead, lead_role
):
    from playwright.sync_api import expect

    risk = f.RiskFactory(title="School places fall short", outcome=outcome, owner=lead)  # 3 x 3
    sign_in(page, "lead", next_url=f"/risks/{risk.pk}/")
    page.get_by_role("link", name="Edit this risk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit this risk")
    axe_check(page)

    page.get_by_label("Title").fill("")
    page.locator("#id_current_likelihood_4").check()
    page.locator("#id_current_impact_3").check()
    page.get_by_role("button", name="Save changes").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Enter a title for the risk")
    expect(page.locator("#id_current_likelihood_4")).to_be_checked()
    axe_check(page)

    summary.get_by_role("link", name="Enter a title for the risk").click()
    expect(page.get_by_label("Title")).to_be_focused()
    page.get_by_label("Title").fill("School places fall short")
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("School places fall short")
    expect(page.locator("#scores")).to_contain_text("5 x 4")
    expect(page.locator("#scores")).to_contain_text("Very high")
    axe_check(page)
