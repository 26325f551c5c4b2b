"""The performance officer sees what today's cycle would do, runs it from the cycle page and
sees what it did; a PSB member reads the exception report as it was sent. Axe finds
nothing on each page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from partnership.periods import Period as PeriodRef
from reporting.exception_reports.services import exception_report_send
from reporting.models import Notification, QuarterlyReturn, ReturnRound
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SENT_QUARTER = "2025-26-Q2"


@pytest.fixture
def round_not_announced(outcome, lead_role):
    """The latest completed quarter's round: opened five days ago by an officer, due in a
    month, and its lead not yet told, since nothing has run the daily cycle."""
    today = timezone.localdate()
    quarter = PeriodRef.latest_completed_quarter(today)
    f.IndicatorFactory(primary_outcome=outcome)
    round_ = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=5),
        due_on=today + timedelta(days=30),
        closes_on=today + timedelta(days=45),
        state=ReturnRound.State.OPEN,
    )
    f.QuarterlyReturnFactory(round=round_, outcome=outcome)
    return round_


@pytest.fixture
def report_sent(outcome, psb):
    """Q2 2025-26's exception report, sent with its pack: a red target, the lead's words."""
    period = f.period(SENT_QUARTER)
    round_ = f.ReturnRoundFactory(
        period=period,
        opens_on=date(2025, 10, 1),
        due_on=date(2025, 10, 22),
        closes_on=date(2025, 11, 5),
        state=ReturnRound.State.CLOSED,
    )
    f.QuarterlyReturnFactory(
        round=round_,
        outcome=outcome,
        state=QuarterlyReturn.State.APPROVED,
        concerns_and_actions="Two more school nurses start in January.",
    )
    area = f.PartnershipAreaFactory()
    indicator = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")
    target = f.TargetFactory(indicator=indicator, area=area)
    f.MilestoneFactory(target=target, period=period, value=Decimal("50"))
    f.IndicatorValueFactory(indicator=indicator, area=area, period=period, value=Decimal("30"))
    return exception_report_send(period=period, today=date(2025, 11, 5))


def test_officer_previews_and_runs_today_s_cycle(
    sign_in, page, axe_check, officer, lead, round_not_announced
):
    quarter = round_not_announced.period.label
    sign_in(page, "officer", "/returns/cycle/")

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Returns for {quarter}")
    preview = page.locator("#cycle-preview")
    expect(preview).to_have_text(
        f"{quarter}: tell the leads the round is open (1 email to 1 person)"
    )
    assert Notification.objects.count() == 0  # seeing what it would do sends nothing
    axe_check(page)

    page.get_by_role("button", name="Run today's cycle").click()

    banner = page.locator("#cycle-ran")
    expect(banner).to_contain_text("Today's cycle has run")
    expect(banner).to_contain_text("1 step done, 1 email recorded and queued to send.")
    expect(banner).to_contain_text(
        f"{quarter}: told the leads the round is open (1 email to 1 person)"
    )
    expect(page.locator("#cycle-preview-nothing")).to_have_text(
        "Nothing is due today that has not been done already."
    )
    expect(page.get_by_role("button", name="Run today's cycle")).to_have_count(0)
    assert [m.to for m in mail.outbox] == [[lead.email]]
    axe_check(page)


def test_psb_member_reads_the_exception_report_as_sent(sign_in, page, axe_check, report_sent):
    sign_in(page, "psb", "/")
    page.get_by_role("link", name="Exception reports").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Exception reports as sent")
    expect(page.locator("#exception-reports tbody tr")).to_have_count(1)
    axe_check(page)

    page.get_by_role("link", name="Exception report for Q2 2025-26").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Exception report for Q2 2025-26")
    expect(page.locator("#report-sent")).to_contain_text("to 1 PSB member")
    expect(page.get_by_role("row", name=re.compile("CYP 01 Good schools"))).to_contain_text(
        "Two more school nurses start in January."
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the pack sent with the report").click()
    assert download.value.suggested_filename.startswith("Performance pack Q2 2025-26")
    axe_check(page)
