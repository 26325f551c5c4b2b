"""Running today's cycle from the cycle page: what it would do first (a preview that writes
and sends nothing, worked out by the same rules and emails as the run), then the run
itself, a POST for the performance team only, that sends nothing twice."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partnership.models import Period
from partnership.periods import Period as PeriodRef
from reporting.cycle.report import worded
from reporting.cycle.selectors import cycle_preview
from reporting.models import ExceptionReport, Notification, QuarterlyReturn, ReturnRound
from tests import factories as f

pytestmark = pytest.mark.django_db

PAGE, RUN = "/returns/cycle/", "/returns/cycle/run/"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def cycle_round(today, outcome, lead_role):
    """The latest completed quarter's round: open five days ago, due in a month, and its
    lead not yet told (the cycle has not run since it opened)."""
    quarter = PeriodRef.latest_completed_quarter(today)
    round_ = f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=5),
        due_on=today + timedelta(days=30),
        closes_on=today + timedelta(days=45),
        state=ReturnRound.State.OPEN,
    )
    f.QuarterlyReturnFactory(round=round_, outcome=outcome)
    return round_


def page_text(response):
    return " ".join(response.content.decode().split())


def written():
    """Everything a run could write."""
    return (
        ReturnRound.objects.count(),
        ReturnRound.history.count(),
        QuarterlyReturn.objects.count(),
        Notification.objects.count(),
        ExceptionReport.objects.count(),
        Period.objects.count(),
    )


# --- The run, from the page ---------------------------------------------------------------


def test_the_url_is_named_cycle_run():
    assert reverse("cycle_run") == RUN


def test_the_officer_sees_what_running_today_would_do_then_runs_it(
    client, officer, lead, cycle_round, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(officer)

    response = client.get(PAGE)
    assert [a.detail for a in response.context["preview"].actions] == [
        "tell the leads the round is open (1 email to 1 person)"
    ]
    assert "Running it now would:" in page_text(response)
    assert mailoutbox == []  # the preview sends nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RUN)
    assert response.status_code == 302
    assert response.url == PAGE
    assert [m.to for m in mailoutbox] == [[lead.email]]

    response = client.get(PAGE)
    text = page_text(response)
    assert "Today's cycle has run" in text
    assert "1 step done, 1 email recorded and queued to send." in text
    quarter = cycle_round.period.label
    assert f"{quarter}: told the leads the round is open (1 email to 1 person)" in text
    assert response.context["preview"].nothing_done
    assert "Nothing is due today that has not been done already." in text
    # The banner is shown once: it is not there when the page is next opened.
    assert "Today's cycle has run" not in page_text(client.get(PAGE))


def test_running_twice_sends_nothing_twice(
    client, officer, cycle_round, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RUN)
        client.post(RUN)

    assert len(mailoutbox) == Notification.objects.count() == 1
    text = page_text(client.get(PAGE))
    assert "Nothing was due that had not been done already: no emails were sent." in text


def test_a_round_opened_from_the_page_names_who_ran_the_cycle(client, officer, outcome, today):
    """History says who pressed the button, not "the calendar"."""
    quarter = PeriodRef.latest_completed_quarter(today)
    f.IndicatorFactory(primary_outcome=outcome)
    f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=1),
        due_on=today + timedelta(days=30),
        closes_on=today + timedelta(days=45),
        state=ReturnRound.State.SCHEDULED,
    )
    client.force_login(officer)

    client.post(RUN)

    round_ = ReturnRound.objects.get(period__code=quarter.code)
    assert round_.state == ReturnRound.State.OPEN
    assert round_.history.first().history_user == officer


@pytest.mark.parametrize("who", ["lead", "council_officer", "board", "psb", "scrutiny", "nobody"])
def test_only_the_performance_team_runs_the_cycle(client, request, who, cycle_round, mailoutbox):
    client.force_login(request.getfixturevalue(who))
    before = written()

    response = client.post(RUN)

    assert response.status_code == 403
    assert "Only the performance team runs the quarterly cycle" in page_text(response)
    assert written() == before
    assert mailoutbox == []


def test_the_run_is_a_post_with_its_csrf_token(officer, cycle_round, mailoutbox):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)

    assert client.get(RUN).status_code == 405
    assert client.post(RUN).status_code == 403  # no token
    assert mailoutbox == []

    page = client.get(PAGE)
    token = page.context["csrf_token"]
    assert 'action="/returns/cycle/run/"' in page.content.decode()
    assert client.post(RUN, {"csrfmiddlewaretoken": str(token)}).status_code == 302


def test_a_visitor_who_is_not_signed_in_is_asked_to_sign_in(client):
    response = client.post(RUN)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_step_that_fails_says_so_and_keeps_what_was_done(
    client, officer, outcome, lead_role, today, monkeypatch, mailoutbox
):
    quarter = PeriodRef.latest_completed_quarter(today)
    f.IndicatorFactory(primary_outcome=outcome)
    f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today,
        due_on=today + timedelta(days=30),
        closes_on=today + timedelta(days=45),
        state=ReturnRound.State.SCHEDULED,
    )

    def broken(step, round_):
        raise RuntimeError("the template is missing")

    monkeypatch.setattr("reporting.cycle.services.email_step", broken)
    client.force_login(officer)

    response = client.post(RUN, follow=True)

    assert response.status_code == 200
    assert "The cycle stopped before it had done everything due" in page_text(response)
    round_ = ReturnRound.objects.get(period__code=quarter.code)
    assert round_.state == ReturnRound.State.OPEN  # opening the round is kept
    assert mailoutbox == []

    monkeypatch.undo()
    preview = client.get(PAGE).context["preview"]
    assert [a.step for a in preview.actions] == ["round_opened"]  # the rest, next time


def test_the_page_and_its_preview_read_in_a_fixed_number_of_queries(
    client, officer, cycle_round, block, council, django_assert_max_num_queries
):
    from tests.reporting.cycle.test_cycle_page import add_late_returns

    client.force_login(officer)
    add_late_returns(cycle_round, 3, block, council)
    client.get(PAGE)
    with django_assert_max_num_queries(17) as few:
        client.get(PAGE)
    add_late_returns(cycle_round, 27, block, council)

    with django_assert_max_num_queries(len(few)):
        response = client.get(PAGE)

    [action] = response.context["preview"].actions
    assert action.detail == "tell the leads the round is open (31 emails to 31 people)"


# --- The preview is the run, not done -------------------------------------------------------


def same(preview, report):
    """The preview's steps are the run's, in the run's words once done."""
    planned = [(a.period, a.step, a.emails, worded(a.detail, done=True)) for a in preview.actions]
    done = [(a.period, a.step, a.emails, a.detail) for a in report.actions]
    return planned == done


def test_day_by_day_the_preview_says_what_the_run_then_does_and_writes_nothing(
    people, other_outcome, tick, mailoutbox, django_capture_on_commit_callbacks
):
    day = date(2027, 3, 30)
    while day <= date(2027, 5, 12):
        if day == date(2027, 4, 20):  # the police outcome's lead submits in time
            QuarterlyReturn.objects.filter(outcome=other_outcome).update(
                state=QuarterlyReturn.State.SUBMITTED
            )
        before, sent = written(), len(mailoutbox)
        with django_capture_on_commit_callbacks() as callbacks:
            preview = cycle_preview(today=day)
        assert (written(), len(mailoutbox), callbacks) == (before, sent, [])

        report = tick(day)

        assert same(preview, report), (day, preview.lines(), report.lines())
        day += timedelta(days=1)


def test_the_preview_of_a_catch_up_after_months_is_the_catch_up(people, tick):
    tick(date(2027, 4, 1))
    day = date(2028, 1, 20)  # three quarters later: see test_catch_up

    preview = cycle_preview(today=day)
    assert [a.detail for a in preview.actions][:3] == [
        "close the round",
        "send the exception report to 2 PSB members",
        "open the round late (2 returns), due 10 February 2028, closing 24 February 2028, "
        "as the cycle did not run while it was due to be open",
    ]

    assert same(preview, tick(day))
    assert cycle_preview(today=day).nothing_done


def test_the_preview_of_a_round_reported_then_extended_does_not_report_it_again(
    people, officer, tick
):
    from reporting.returns.services import round_extend

    tick(date(2027, 4, 1))
    tick(date(2027, 5, 7))  # closed and reported
    round_ = ReturnRound.objects.get(period__code="2026-27-Q4")
    round_extend(round=round_, due_on=round_.due_on, closes_on=date(2027, 5, 14), actor=officer)

    preview = cycle_preview(today=date(2027, 5, 14))

    assert [a.step for a in preview.actions] == ["closed"]
    assert same(preview, tick(date(2027, 5, 14)))
