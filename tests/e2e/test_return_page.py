"""The lead opens their return, types a value, sees its RAG appear and saves a draft."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from indicators.enums import Unit
from indicators.models import IndicatorValue
from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn, ReturnRound
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def lead_return(outcome, lead_role):
    """The lead's return for the latest completed quarter, in an open round.

    CYP 01 (a percentage) has a milestone of 45 for the quarter; CYP 02 is a count with
    no target.
    """
    today = timezone.localdate()
    quarter = PeriodRef.latest_completed_quarter(today)
    area = f.PartnershipAreaFactory()
    pct = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")
    f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 02",
        title="Young people in training",
        unit=Unit.NUMBER,
        decimal_places=0,
    )
    target = f.TargetFactory(
        indicator=pct,
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


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f.PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_lead_types_a_value_sees_its_rag_and_saves_a_draft(
    page, live_server, axe_check, lead_return
):
    from playwright.sync_api import expect

    pct, count = lead_return.outcome.primary_indicators.order_by("code")
    quarter = lead_return.round.period.label
    sign_in(page, "lead")
    page.goto(f"/returns/{lead_return.pk}/")
    assert (
        page.title() == f"{lead_return.outcome.code} return for {quarter} – Partnership Performance"
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
    lead_return.refresh_from_db()
    assert lead_return.state == QuarterlyReturn.State.DRAFT
    assert IndicatorValue.objects.get(indicator=pct).value == Decimal("46")
