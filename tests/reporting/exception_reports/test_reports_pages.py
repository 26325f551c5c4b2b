"""The exception reports as sent (``/reports/exceptions/``): the list, each report exactly
as it was sent, and its pack; for the PSB, the performance team and performance officers."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.exception_reports.services import exception_report_send
from reporting.models import ExceptionReport, QuarterlyReturn, ReturnRound
from tests import factories as f
from tests.csv_helpers import csv_rows

pytestmark = pytest.mark.django_db

QUARTER = "2025-26-Q2"
LIST = "/reports/exceptions/"
REPORT = f"/reports/exceptions/{QUARTER}/"
PACK = f"/reports/exceptions/{QUARTER}/pack/"
READERS = ["psb", "officer", "council_officer", "admin_user"]
OTHERS = ["lead", "board", "scrutiny", "nobody"]


def closed_round(code, outcome, *, commentary=""):
    round_ = f.ReturnRoundFactory(
        period=f.period(code),
        opens_on=date(2025, 10, 1),
        due_on=date(2025, 10, 22),
        closes_on=date(2025, 11, 5),
        state=ReturnRound.State.CLOSED,
    )
    return f.QuarterlyReturnFactory(
        round=round_,
        outcome=outcome,
        state=QuarterlyReturn.State.APPROVED,
        concerns_and_actions=commentary,
    )


@pytest.fixture
def sent(outcome, other_outcome, psb, django_capture_on_commit_callbacks):
    """The Q2 2025-26 report as the cycle sent it: a red target with the lead's words, a
    missing return, and the pack."""
    area = f.PartnershipAreaFactory()
    period = f.period(QUARTER)
    approved = closed_round(QUARTER, outcome, commentary="A new outreach team starts soon.")
    f.QuarterlyReturnFactory(round=approved.round, outcome=other_outcome)  # never started
    red = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")
    target = f.TargetFactory(indicator=red, area=area)
    f.MilestoneFactory(target=target, period=period, value=Decimal("50"))
    f.IndicatorValueFactory(indicator=red, area=area, period=period, value=Decimal("30"))
    with django_capture_on_commit_callbacks(execute=True):
        return exception_report_send(period=period, today=date(2025, 11, 5))


def text_of(response):
    """The page's words, without its tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# --- Who reads them ---------------------------------------------------------------------------


def test_the_urls_are_named():
    assert reverse("exception_reports") == LIST
    assert reverse("exception_report", kwargs={"code": QUARTER}) == REPORT
    assert reverse("exception_report_pack", kwargs={"code": QUARTER}) == PACK


@pytest.mark.parametrize("who", READERS)
@pytest.mark.parametrize("url", [LIST, REPORT, PACK])
def test_the_psb_and_officers_read_the_reports_and_download_their_packs(
    client, request, who, url, sent
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize("url", [LIST, REPORT, PACK])
def test_everyone_else_is_refused(client, request, who, url, sent):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 403
    assert "Only the PSB and performance officers read the exception reports" in text_of(response)


def test_a_visitor_who_is_not_signed_in_is_asked_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("who", ["psb", "officer"])
def test_the_menu_offers_the_reports_to_their_readers_only(client, request, who, lead_role):
    client.force_login(request.getfixturevalue(who))
    menu = [item["label"] for item in client.get("/").context["navigation_items"]]
    assert "Exception reports" in menu
    client.force_login(lead_role.user)
    menu = [item["label"] for item in client.get("/").context["navigation_items"]]
    assert "Exception reports" not in menu


# --- The list -----------------------------------------------------------------------------


def test_the_list_shows_each_report_newest_quarter_first_with_its_recipients_and_pack(
    client, psb, sent, outcome
):
    later = closed_round("2025-26-Q3", outcome).round.period
    ExceptionReport.objects.create(period=later, content={}, sent_at=timezone.now())
    ExceptionReport.objects.create(period=later, content={})  # stored, never sent: not listed
    client.force_login(psb)

    response = client.get(LIST)

    reports = response.context["reports"]
    assert [(r.code, r.recipients, r.pack is not None) for r in reports] == [
        ("2025-26-Q3", 0, False),
        (QUARTER, 1, True),  # emailed to the one PSB member, with the pack
    ]
    text = text_of(response)
    assert "Exception report for Q2 2025-26" in text
    assert f'href="{PACK}"' in response.content.decode()
    assert "Sent without a pack" in text


def test_with_no_report_sent_the_list_says_so(client, psb):
    client.force_login(psb)
    assert "No exception report has been sent yet." in text_of(client.get(LIST))


def test_the_list_reads_in_a_fixed_number_of_queries(
    client, psb, sent, outcome, django_assert_max_num_queries
):
    client.force_login(psb)
    client.get(LIST)
    with django_assert_max_num_queries(6) as few:
        client.get(LIST)
    for n in range(3, 8):
        code = f"20{n + 20}-{n + 21}-Q1"
        period = closed_round(code, outcome).round.period
        ExceptionReport.objects.create(period=period, content={}, sent_at=timezone.now())

    with django_assert_max_num_queries(len(few)):
        response = client.get(LIST)
    assert len(response.context["reports"]) == 6


# --- One report, as sent --------------------------------------------------------------------


def test_a_report_shows_what_was_sent_even_after_the_figures_change(client, psb, sent, outcome):
    QuarterlyReturn.objects.filter(outcome=outcome).update(concerns_and_actions="Changed since.")
    QuarterlyReturn.objects.update(state=QuarterlyReturn.State.APPROVED)
    client.force_login(psb)

    response = client.get(REPORT)

    text = text_of(response)
    assert "Exception report for Q2 2025-26" in text
    assert "Sent on " in text
    assert "to 1 PSB member" in text
    assert "with the figures as they were on 5 November 2025" in text
    assert "CYP 01 Good schools" in text
    assert "A new outreach team starts soon." in text
    assert "Changed since." not in text
    page = response.context["page"]
    assert (page.returns.missing, page.totals["red"]) == (1, 1)
    assert "Return missing:" in text
    assert "Download the pack sent with the report" in text


def test_a_report_shows_its_stored_content_not_todays_data(client, officer, outcome):
    period = closed_round(QUARTER, outcome).round.period
    content = {
        "period": QUARTER,
        "as_at": "2025-11-05",
        "totals": {"green": 4, "amber": 2, "red": 1, "grey": 0},
        "blocks": [
            {
                "name": "A block since renamed",
                "slug": "renamed",
                "targets": [
                    {
                        "code": "OLD 9",
                        "title": "An indicator since retired",
                        "reasons": ["Red"],
                        "rag": "red",
                        "rag_label": "Red",
                        "direction": "Worsening",
                        "value": "12%",
                        "milestone": "20%",
                        "forecast": "Red",
                        "concerns_and_actions": "Recovery plan agreed.",
                    }
                ],
                "missing_returns": [],
                "late_returns": [{"outcome": "OLD 9", "title": "Retired", "reason": "Late"}],
                "risks": [{"title": "Funding cuts", "score": 20, "band": "Very high"}],
            },
            {"name": "Nothing to report", "targets": [], "missing_returns": [], "risks": []},
        ],
        "priorities": [{"title": "Best start", "green": 1, "amber": 0, "red": 1, "grey": 2}],
    }
    ExceptionReport.objects.create(period=period, content=content, sent_at=timezone.now())
    client.force_login(officer)

    response = client.get(REPORT)

    text = text_of(response)
    assert "A block since renamed" in text
    assert "OLD 9 An indicator since retired" in text
    assert "Recovery plan agreed." in text
    assert "Funding cuts: score 20 (very high)" in text
    assert "Best start: 1 green, 0 amber, 1 red, 2 no data" in text
    assert "Nothing to report" not in text  # a block with nothing listed is left out
    # Stored before the report kept its late counts: counted from its lists.
    assert "Late returns 1 (0 missing, 1 submitted late)" in text
    assert "Sent without a pack" in text
    assert client.get(PACK).status_code == 404


@pytest.mark.parametrize("code", ["2019-20-Q1", "rubbish", "2025-26"])
def test_a_quarter_without_a_report_is_not_found(client, psb, sent, code):
    client.force_login(psb)
    assert client.get(f"/reports/exceptions/{code}/").status_code == 404
    assert client.get(f"/reports/exceptions/{code}/pack/").status_code == 404


def test_a_report_stored_but_never_sent_is_not_shown(client, psb, outcome):
    period = closed_round(QUARTER, outcome).round.period
    ExceptionReport.objects.create(period=period, content={"period": QUARTER})
    client.force_login(psb)
    assert client.get(REPORT).status_code == 404


def test_the_pack_downloads_as_it_was_sent(client, council_officer, sent):
    client.force_login(council_officer)

    response = client.get(PACK)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Performance pack Q2 2025-26" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    with sent.pack.file.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_the_report_page_reads_in_a_fixed_number_of_queries(
    client, psb, sent, django_assert_max_num_queries
):
    client.force_login(psb)
    client.get(REPORT)
    with django_assert_max_num_queries(6):
        client.get(REPORT)


def test_a_report_sent_a_moment_ago_is_listed_first(client, psb, sent, outcome):
    """Two reports of one catch-up, sent together: the later quarter first."""
    later = closed_round("2025-26-Q3", outcome).round.period
    ExceptionReport.objects.create(
        period=later, content={}, sent_at=sent.sent_at - timedelta(seconds=1)
    )
    client.force_login(psb)
    assert [r.code for r in client.get(LIST).context["reports"]] == ["2025-26-Q3", QUARTER]


def test_a_report_shows_what_spc_said_of_each_target_and_older_ones_say_nothing(
    client, psb, outcome
):
    period = closed_round(QUARTER, outcome).round.period
    target = {"code": "CYP 1", "title": "Reading", "reasons": ["Amber"], "rag": "amber"}
    content = {
        "period": QUARTER,
        "blocks": [
            {
                "name": "Children",
                "targets": [
                    {**target, "spc": "Amber, common cause: no signal to react to"},
                    {**target, "code": "CYP 2", "title": "Writing"},  # sent before SPC
                ],
            }
        ],
    }
    ExceptionReport.objects.create(period=period, content=content, sent_at=timezone.now())
    client.force_login(psb)

    text = text_of(client.get(REPORT))

    assert "SPC: Amber, common cause: no signal to react to" in text
    assert text.count("SPC:") == 1


# --- The list as CSV (?format=csv) ----------------------------------------------------------


def reports_csv(client, **query):
    return client.get(LIST, {"format": "csv", **query})


@pytest.mark.parametrize("who", READERS)
def test_the_readers_download_the_list_as_shown(client, request, who, sent, outcome):
    later = closed_round("2025-26-Q3", outcome).round.period
    ExceptionReport.objects.create(period=later, content={}, sent_at=timezone.now())
    ExceptionReport.objects.create(period=later, content={})  # stored, never sent: not listed
    client.force_login(request.getfixturevalue(who))

    response = reports_csv(client)

    assert response["Content-Disposition"] == 'attachment; filename="exception-reports.csv"'
    head, *rows = csv_rows(response)
    assert head == ["Quarter", "Sent", "PSB members emailed", "Performance pack"]
    assert [(r[0], r[2]) for r in rows] == [("Q3 2025-26", "0"), ("Q2 2025-26", "1")]
    assert rows[0][3] == "Sent without a pack"
    assert rows[1][3].startswith("Excel, ")
    assert 'data-table="reports"' in client.get(LIST).content.decode()


@pytest.mark.parametrize("who", OTHERS)
def test_everyone_else_downloads_nothing(client, request, who, sent):
    client.force_login(request.getfixturevalue(who))
    response = reports_csv(client)
    assert response.status_code == 403
    assert "Q2 2025-26" not in response.content.decode()


def test_the_download_needs_signing_in_and_a_known_table(client, psb, sent):
    assert reports_csv(client)["Location"].startswith(reverse("login"))
    client.force_login(psb)
    assert reports_csv(client, table="targets").status_code == 404
