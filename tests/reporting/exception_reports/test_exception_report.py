"""The PSB's exception report says what the exception dashboard says, and keeps it."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from indicators.models import IndicatorValue
from partnership.models import Role
from reporting.dashboards.selectors.exceptions import exceptions_page
from reporting.exception_reports.services import exception_report_send
from reporting.models import ExceptionReport, QuarterlyReturn, ReturnRound
from targets.models import Target
from tests import factories as f

pytestmark = pytest.mark.django_db
QUARTER = "2025-26-Q2"


@pytest.fixture
def quarter_with_exceptions(outcome, psb, lead):
    """A red target with the lead's commentary, a green stretch target, a draft value."""
    area = f.PartnershipAreaFactory()
    period = f.period(QUARTER)
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
        forecast_rag="amber",
        concerns_and_actions="A new outreach team starts in January.",
    )
    red = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")
    stretch = f.IndicatorFactory(primary_outcome=outcome, code="CYP 02", title="Healthy weight")
    for indicator, kind, value in ((red, "standard", "30"), (stretch, "stretch", "58")):
        target = f.TargetFactory(
            indicator=indicator,
            area=area,
            kind=kind,
            standard_target_value=Decimal("55") if kind == "stretch" else None,
        )
        f.MilestoneFactory(target=target, period=period, value=Decimal("50"))
        f.IndicatorValueFactory(indicator=indicator, area=area, period=period, value=Decimal(value))
    # The stretch target's value has not been approved yet.
    IndicatorValue.objects.filter(indicator=stretch).update(is_approved=False)
    return period


def test_the_report_lists_the_dashboard_s_exceptions_with_the_lead_s_commentary(
    quarter_with_exceptions, psb, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = exception_report_send(period=quarter_with_exceptions, today=date(2025, 11, 6))

    [block] = [b for b in report.content["blocks"] if b["targets"]]
    targets = {t["code"]: t for t in block["targets"]}
    assert targets["CYP 01"]["rag"] == "red"
    assert targets["CYP 01"]["concerns_and_actions"] == "A new outreach team starts in January."
    assert targets["CYP 01"]["forecast"] == "Amber"
    assert "Stretch target" in targets["CYP 02"]["reasons"]
    assert report.content["sections"] == [
        "targets", "missing_returns", "late_returns", "psb_risks", "proposed_to_psb",
        "priorities",
    ]  # fmt: skip

    # The same RAG, target for target, as the dashboard shows a PSB member.
    page = exceptions_page(user=psb, period=quarter_with_exceptions, today=date(2025, 11, 6))
    on_dashboard = {
        t.row.code: str(t.row.rag) for g in page.groups for o in g.outcomes for t in o.targets
    }
    assert {code: t["rag"] for code, t in targets.items()} == on_dashboard
    assert report.content["totals"]["red"] == page.totals.red

    [message] = mailoutbox
    assert "CYP 01 Good schools: Red" in message.body
    assert "A new outreach team starts in January." in message.alternatives[0][0]


def test_the_psb_s_pack_goes_with_the_report_and_holds_approved_values_only(
    quarter_with_exceptions, psb, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = exception_report_send(period=quarter_with_exceptions, today=date(2025, 11, 6))

    [message] = mailoutbox
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".xlsx")
    assert mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(BytesIO(content))
    cells = [str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert any("CYP 01" in cell for cell in cells)
    assert not any(cell in ("58", "58.0") for cell in cells)  # CYP 02's draft value
    assert report.pack is not None
    assert report.pack.file.size == len(content)


def test_a_value_not_yet_approved_is_not_in_the_report(
    quarter_with_exceptions, psb, django_capture_on_commit_callbacks
):
    # CYP 02's value (58) was never approved: the PSB sees no data for it.
    with django_capture_on_commit_callbacks(execute=True):
        report = exception_report_send(period=quarter_with_exceptions, today=date(2025, 11, 6))
    targets = {t["code"]: t for b in report.content["blocks"] for t in b["targets"]}
    assert targets["CYP 02"]["rag"] == "grey"
    assert not any("58" in str(field) for field in targets["CYP 02"].values())


def test_no_psb_member_means_no_email_but_the_report_is_kept(
    quarter_with_exceptions, psb, mailoutbox, django_capture_on_commit_callbacks
):
    psb.role_assignments.filter(role=Role.PSB_MEMBER).delete()
    with django_capture_on_commit_callbacks(execute=True):
        exception_report_send(period=quarter_with_exceptions, today=date(2025, 11, 6))
    assert ExceptionReport.objects.count() == 1
    assert mailoutbox == []
    assert Target.objects.count() == 2


def test_the_email_says_each_word_once_and_a_stretch_moving_away_in_words(
    outcome, psb, mailoutbox, django_capture_on_commit_callbacks
):
    """A red, worsening stretch target whose value is below its baseline: the email says
    "Red, worsening, stretch target" (not "Red, worsening (Red, Worsening)") and that it
    has moved away from the stretch target (not "-33%")."""
    area = f.PartnershipAreaFactory()
    period = f.period(QUARTER)
    f.ReturnRoundFactory(
        period=period,
        opens_on=date(2025, 10, 1),
        due_on=date(2025, 10, 22),
        closes_on=date(2025, 11, 5),
        state=ReturnRound.State.CLOSED,
    )
    indicator = f.IndicatorFactory(primary_outcome=outcome, code="CYP 05", title="Reading at 11")
    target = f.TargetFactory(
        indicator=indicator,
        area=area,
        kind="stretch",
        baseline_value=Decimal("40"),
        target_value=Decimal("70"),
        standard_target_value=Decimal("60"),
    )
    f.MilestoneFactory(target=target, period=period, value=Decimal("50"))
    f.IndicatorValueFactory(indicator=indicator, area=area, period=period, value=Decimal("30"))
    f.IndicatorValueFactory(
        indicator=indicator, area=area, period=f.period("2025-26-Q1"), value=Decimal("38")
    )

    with django_capture_on_commit_callbacks(execute=True):
        report = exception_report_send(period=period, today=date(2025, 11, 6))

    [item] = [t for b in report.content["blocks"] for t in b["targets"]]
    assert item["summary"] == "Red, worsening, stretch target, off track with no action plan"
    assert item["stretch_achievement"] == (
        "moved away from the stretch target: worse than the baseline by 33% of the planned "
        "improvement"
    )
    [message] = mailoutbox
    assert (
        "CYP 05 Reading at 11: Red, worsening, stretch target, off track with no action plan."
        in message.body
    )
    assert "(Red, Worsening)" not in message.body
    assert "-33%" not in message.body
    assert "moved away from the stretch target" in message.alternatives[0][0]


def test_the_report_says_which_amber_is_common_cause_and_which_target_shows_a_signal(
    outcome, psb, mailoutbox, django_capture_on_commit_callbacks
):
    """Statistical process control in the report: an amber of common-cause variation is
    marked as no signal to react to; a green target falling for seven quarters is listed
    for its special cause concern; one with three values says there is not enough data."""
    from partnership.periods import Period as PeriodRef

    area = f.PartnershipAreaFactory()
    period = f.period(QUARTER)
    f.ReturnRoundFactory(
        period=period,
        opens_on=date(2025, 10, 1),
        due_on=date(2025, 10, 22),
        closes_on=date(2025, 11, 5),
        state=ReturnRound.State.CLOSED,
    )
    series = {
        "CYP 11": [52, 40, 52, 40, 52, 40, 52, 40, 52, 40, 40, 48],  # amber, common cause
        "CYP 12": [52, 56, 53, 57, 54, 58, 57, 56, 55, 54, 53, 52],  # green, falling
        "CYP 13": [40, 42, 30],  # red, too short for SPC
    }
    for code, values in series.items():
        indicator = f.IndicatorFactory(primary_outcome=outcome, code=code)
        target = f.TargetFactory(indicator=indicator, area=area)
        f.MilestoneFactory(target=target, period=period, value=Decimal("50"))
        for back, number in enumerate(reversed(values)):
            f.IndicatorValueFactory(
                indicator=indicator,
                area=area,
                period=f.period(PeriodRef.parse(QUARTER).shift(-back).code),
                value=Decimal(number),
            )

    with django_capture_on_commit_callbacks(execute=True):
        report = exception_report_send(period=period, today=date(2025, 11, 6))

    items = {t["code"]: t for b in report.content["blocks"] for t in b["targets"]}
    assert items["CYP 11"]["summary"] == (
        "Amber, common cause: no signal to react to, improving, off track with no action plan"
    )
    assert items["CYP 11"]["reasons"] == ["Amber", "Off track with no action plan"]
    assert items["CYP 12"]["summary"] == "Green, worsening, special cause concern"
    assert items["CYP 12"]["spc"] == "Special cause concern; hit and miss the target"
    assert "Special cause concern" not in items["CYP 13"]["reasons"]
    assert items["CYP 13"]["spc"] == "Not enough data for SPC (3 of 12 values needed)"
    [message] = mailoutbox
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert "Amber, common cause: no signal to react to" in text
        assert "SPC: Special cause concern; hit and miss the target" in text
        assert "Not enough data for SPC (3 of 12 values needed)" in text
