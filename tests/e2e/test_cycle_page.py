"""The officer reads what the quarterly cycle has done and will do next."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partnership.periods import Period as PeriodRef
from reporting.models import ReturnRound
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_opens_the_cycle_page_from_the_rounds_page(page, axe_check, officer, outcome):
    from playwright.sync_api import expect

    today = timezone.localdate()
    quarter = PeriodRef.latest_completed_quarter(today)
    f.IndicatorFactory(primary_outcome=outcome)
    open_round = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=10),
        due_on=today + timedelta(days=10),
        closes_on=today + timedelta(days=20),
        state=ReturnRound.State.OPEN,
    )
    f.QuarterlyReturnFactory(round=open_round, outcome=outcome)

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/returns/rounds/")
    page.get_by_role("link", name="see what the quarterly cycle has done and will do next").click()
    expect(page.locator("h1")).to_contain_text(quarter.label)
    axe_check(page)
