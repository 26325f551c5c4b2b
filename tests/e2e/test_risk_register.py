"""An officer reads the risk register: filters it by band, opens a heat-map cell, opens a
risk's page. Axe on each page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from risks.models import RiskAction
from risks.rules import RiskLevel
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def risks(outcome, other_block, officer, council):
    target = f.TargetFactory(indicator=f.IndicatorFactory(code="CYP 01", primary_outcome=outcome))
    high = f.RiskFactory(
        title="Foster carers leave",
        level=RiskLevel.TARGET,
        outcome=None,
        target=target,
        owner=officer,
        owner_organisation=council,
        current_likelihood=4,
        current_impact=3,
        target_score=6,
        cause="Pay falls behind neighbouring councils",
        review_date=timezone.localdate() - timedelta(days=2),
    )
    RiskAction.objects.create(
        risk=high,
        description="Review the fee scale",
        owner=officer,
        due_date=timezone.localdate() - timedelta(days=1),
    )
    f.RiskFactory(title="School places fall short", outcome=outcome)  # 3 x 3, medium
    f.RiskFactory(
        title="Patrol cover thins",
        level=RiskLevel.BLOCK,
        outcome=None,
        block=other_block,
        current_likelihood=2,
        current_impact=5,
    )  # 10, high
    return high


def test_officer_filters_the_register_opens_a_cell_and_a_risk(
    sign_in, page, axe_check, risks, officer
):
    from playwright.sync_api import expect

    sign_in(page, "officer")
    page.get_by_role("link", name="Risks", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk register")
    expect(page.locator("#risk-table tbody tr")).to_have_count(3)
    expect(page.locator("#heat-map[data-drawn=true]")).to_have_count(1)
    axe_check(page)

    page.get_by_label("Band", exact=True).select_option(label="High")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"/risks/\?.*band=high"))
    rows = page.locator("#risk-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Foster carers leave")
    expect(page.get_by_label("Band", exact=True)).to_have_value("high")
    axe_check(page)

    page.locator('#heat-map-table td[data-likelihood="4"][data-impact="3"] a').click()
    expect(page.locator("#risk-table tbody tr")).to_have_count(1)
    expect(page.get_by_label("Likelihood", exact=True)).to_have_value("4")
    axe_check(page)

    page.get_by_role("link", name="Foster carers leave").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Foster carers leave")
    expect(page.locator("#review-overdue")).to_be_visible()
    expect(page.locator("#hangs-on")).to_contain_text("CYP 01")
    expect(page.locator("#actions")).to_contain_text("Overdue")
    expect(page.locator("#trend-chart[data-drawn=true]")).to_have_count(1)
    axe_check(page)


def test_a_long_register_goes_page_by_page(sign_in, page, axe_check, outcome, officer):
    from playwright.sync_api import expect

    for i in range(55):
        f.RiskFactory(outcome=outcome, title=f"Risk {i:02d}")
    sign_in(page, "officer", next_url="/risks/")
    expect(page.locator("#risk-table tbody tr")).to_have_count(50)

    page.locator("#pagination").get_by_role("link", name="Next page").click()
    expect(page.locator("#risk-table tbody tr")).to_have_count(5)
    expect(page.locator("#risk-count")).to_contain_text("showing 51 to 55")
    axe_check(page)
