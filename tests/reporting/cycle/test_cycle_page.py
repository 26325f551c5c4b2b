"""The quarterly cycle page (``/returns/cycle/``): for the performance team only; shows what
has happened, what is next and when, and who has been chased, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partnership.models import Role
from partnership.periods import Period as PeriodRef
from reporting.models import ExceptionReport, QuarterlyReturn, ReturnRound
from reporting.notifications.outbox import notification_key, notification_record
from reporting.rules.working_days import add_working_days
from tests import factories as f
from tests.csv_helpers import csv_rows

pytestmark = pytest.mark.django_db

URL = "/returns/cycle/"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def quarter(today):
    return PeriodRef.latest_completed_quarter(today)


@pytest.fixture
def cycle_round(quarter, today):
    """The round for the latest completed quarter: open, and due in three weeks."""
    return f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=5),
        due_on=today + timedelta(days=21),
        closes_on=today + timedelta(days=35),
        state=ReturnRound.State.OPEN,
    )


def chase(kind, person, about, round_):
    notification, _ = notification_record(
        kind=kind,
        key=notification_key(kind, person, about, round_.period),
        recipient=person,
        subject="Late",
        text="Late",
        period=round_.period,
    )
    return notification


def page_text(response):
    return " ".join(response.content.decode().split())


# --- Who may see it -------------------------------------------------------------------------


def test_the_url_is_named_cycle():
    assert reverse("cycle") == URL


@pytest.mark.parametrize("who", ["officer", "admin_user"])
def test_the_performance_team_sees_the_cycle(client, request, who, cycle_round, quarter):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 200
    assert f"Returns for {quarter.label}" in page_text(response)


@pytest.mark.parametrize("who", ["lead", "council_officer", "board", "psb", "scrutiny", "nobody"])
def test_everyone_else_is_refused(client, request, who, cycle_round):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 403
    assert "Only the performance team sees the quarterly cycle" in page_text(response)


def test_a_visitor_who_is_not_signed_in_is_asked_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- What it shows ----------------------------------------------------------------------------


def test_the_officer_sees_what_is_next_and_when(client, officer, cycle_round, outcome, lead):
    f.QuarterlyReturnFactory(round=cycle_round, outcome=outcome)
    chase("round_opened", lead, f"return-{cycle_round.returns.get().pk}", cycle_round)
    client.force_login(officer)

    page = client.get(URL).context["page"]

    reminder_day = add_working_days(cycle_round.due_on, -5)
    assert (page.next_step.label, page.next_step.day) == (
        "Reminder, 5 working days before due",
        reminder_day,
    )
    steps = {step.label: step for step in page.steps}
    assert steps["The round opens"].status == "done"
    assert steps["Leads told the round is open"].detail == "1 email to 1 person; 1 not sent yet"
    assert steps["The round closes"].day == cycle_round.closes_on
    text = page_text(client.get(URL))
    assert f"Reminder, 5 working days before due, {reminder_day:%A} {reminder_day.day}" in text


def test_the_officer_sees_who_has_been_chased(
    client, officer, cycle_round, outcome, lead, council_officer, board, block
):
    late = f.QuarterlyReturnFactory(round=cycle_round, outcome=outcome)
    chase("chase_lead", lead, f"return-{late.pk}", cycle_round)
    chase("chase_lead", council_officer, f"return-{late.pk}", cycle_round)
    chase("chase_board", board, f"block-{block.pk}", cycle_round)
    client.force_login(officer)

    page = client.get(URL).context["page"]

    assert [(line.email, line.stage, line.about) for line in page.chased] == [
        (lead.email, "Lead chased", f"Return for {outcome.code}"),
        (council_officer.email, "Lead chased", f"Return for {outcome.code}"),
        (board.email, "Board told", f"Late returns of {block.name}"),
    ]
    steps = {step.label: step for step in page.steps}
    assert steps["Late returns: leads chased"].detail == "2 emails to 2 people; 2 not sent yet"


def test_steps_whose_time_passed_without_an_email_say_nothing_was_sent(
    client, officer, quarter, today, outcome
):
    late_round = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=30),
        due_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=10),
        state=ReturnRound.State.OPEN,
    )
    f.QuarterlyReturnFactory(round=late_round, outcome=outcome)
    client.force_login(officer)

    page = client.get(URL).context["page"]

    steps = {step.label: step.status for step in page.steps}
    assert steps["Leads told the round is open"] == "nothing_sent"  # the cycle has moved on
    assert steps["Reminder, 1 working day before due"] == "nothing_sent"
    assert steps["Late returns: leads chased"] == "due"  # the next run will chase
    assert page.next_step.label == "Late returns: leads chased"


def test_a_quarter_without_a_round_shows_the_calendars_dates(client, officer, quarter):
    client.force_login(officer)
    response = client.get(URL)
    page = response.context["page"]
    assert page.round_state_label == "Not opened yet"
    assert page.steps[0].day == add_working_days(quarter.end_date, 1)
    assert "Nobody has been chased" in page_text(response)


def test_a_closed_and_reported_round_shows_everything_done(client, officer, cycle_round, psb):
    ReturnRound.objects.filter(pk=cycle_round.pk).update(state=ReturnRound.State.CLOSED)
    ExceptionReport.objects.create(period=cycle_round.period, content={}, sent_at=timezone.now())
    chase("exception_report", psb, None, cycle_round)
    client.force_login(officer)

    page = client.get(URL).context["page"]

    steps = {step.label: step for step in page.steps}
    assert steps["The round closes"].status == "done"
    assert steps["Exception report sent to the PSB"].detail == "1 email to 1 person; 1 not sent yet"
    assert page.next_step is None


# --- Queries --------------------------------------------------------------------------------


def add_late_returns(round_, count, block, council):
    """``count`` late returns, each with its lead chased."""
    for i in range(count):
        lead = f.UserFactory()
        outcome = f.OutcomeFactory(block=block, lead_organisation=council, lead_person=lead)
        f.assign(lead, Role.OUTCOME_LEAD, outcome=outcome)
        late = f.QuarterlyReturnFactory(
            round=round_,
            outcome=outcome,
            state=QuarterlyReturn.State.DRAFT if i % 2 else "not_started",
        )
        chase("chase_lead", lead, f"return-{late.pk}", round_)
        chase("reminder", lead, f"return-{late.pk}-5d", round_)


def test_the_page_reads_in_a_fixed_number_of_queries(
    client, officer, cycle_round, block, council, django_assert_max_num_queries
):
    client.force_login(officer)
    add_late_returns(cycle_round, 3, block, council)
    client.get(URL)  # the session and the roles, once
    # Eight for the page, eight for the preview of today's run (see test_cycle_run).
    with django_assert_max_num_queries(17) as few:
        client.get(URL)
    add_late_returns(cycle_round, 27, block, council)

    with django_assert_max_num_queries(len(few)):
        response = client.get(URL)

    assert len(response.context["page"].chased) == 30


# --- The tables as CSV (?format=csv&table=steps or chased) ---------------------------------


def cycle_csv(client, table):
    return client.get(URL, {"format": "csv", "table": table})


@pytest.mark.parametrize("who", ["officer", "admin_user"])
def test_the_performance_team_downloads_the_steps_and_who_was_chased(
    client, request, who, cycle_round, outcome, lead, board, block, quarter
):
    late = f.QuarterlyReturnFactory(round=cycle_round, outcome=outcome)
    chase("chase_lead", lead, f"return-{late.pk}", cycle_round)
    chase("chase_board", board, f"block-{block.pk}", cycle_round)
    client.force_login(request.getfixturevalue(who))
    page = client.get(URL).context["page"]

    steps = cycle_csv(client, "steps")
    chased = cycle_csv(client, "chased")

    assert steps["Content-Disposition"] == f'attachment; filename="cycle-{quarter.code}-steps.csv"'
    assert csv_rows(steps) == [
        ["Step", "Day", "Status", "What happened"],
        *[[s.label, s.day.isoformat(), s.status_label, s.detail] for s in page.steps],
    ]
    assert [r[1:4] for r in csv_rows(chased)[1:]] == [
        [lead.email, "Lead chased", f"Return for {outcome.code}"],
        [board.email, "Board told", f"Late returns of {block.name}"],
    ]
    html = client.get(URL).content.decode()
    assert 'data-table="steps"' in html
    assert 'data-table="chased"' in html


@pytest.mark.parametrize("who", ["lead", "council_officer", "board", "psb", "scrutiny", "nobody"])
def test_everyone_else_downloads_nothing(client, request, who, cycle_round):
    client.force_login(request.getfixturevalue(who))
    assert cycle_csv(client, "steps").status_code == 403


def test_the_download_needs_signing_in_and_a_known_table(client, officer, cycle_round):
    assert cycle_csv(client, "steps")["Location"].startswith("/accounts/login/")
    client.force_login(officer)
    assert cycle_csv(client, "preview").status_code == 404
