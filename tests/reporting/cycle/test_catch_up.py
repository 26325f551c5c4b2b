"""Catch-up after a gap: one run of the cycle after weeks or months without one brings
every quarter up to date, in order, and sends each email once.

The round for Q4 2026-27 opens on 1 April 2027 with the default calendar (due 22 April,
closing 7 May); Q1 2027-28's would open on 1 July (due 22 July, closing 5 August).
Nothing runs the cycle in between, as under ``make run`` or with the scheduler down.
"""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from reporting.models import ExceptionReport, Notification, PartnershipCalendar, ReturnRound
from reporting.returns.services import round_close
from tests import factories as f

pytestmark = pytest.mark.django_db

Q3, Q4 = "2026-27-Q3", "2026-27-Q4"
NEXT_Q1, NEXT_Q2, NEXT_Q3 = "2027-28-Q1", "2027-28-Q2", "2027-28-Q3"


def steps(report):
    return [(action.period, action.step) for action in report.actions]


def rounds():
    return {
        r.period.code: (r.state, r.opens_on, r.due_on, r.closes_on)
        for r in ReturnRound.objects.select_related("period")
    }


def emails_by_kind():
    by_kind: dict[str, int] = {}
    for kind in Notification.objects.values_list("kind", flat=True):
        by_kind[kind] = by_kind.get(kind, 0) + 1
    return by_kind


def test_one_run_months_later_reports_the_old_round_and_opens_the_missed_quarter_late(
    people, outcome, lead, other_lead, tick, mailoutbox
):
    tick(date(2027, 4, 1))  # Q4's round opens; then nothing runs until 20 August
    mailoutbox.clear()

    report = tick(date(2027, 8, 20))

    # Q1 2027-28's round should have been open from 1 July to 5 August: it opens now,
    # with the usual 15 working days to make the return (over the August bank holiday).
    assert steps(report) == [
        (Q4, "closed"),
        (Q4, "exception_report"),
        (NEXT_Q1, "opened"),
        (NEXT_Q1, "round_opened"),
    ]
    assert report.actions[2].detail == (
        "opened the round late (2 returns), due 13 September 2027, closing 27 September "
        "2027, as the cycle did not run while it was due to be open"
    )
    assert rounds()[NEXT_Q1] == (
        ReturnRound.State.OPEN,
        date(2027, 8, 20),
        date(2027, 9, 13),
        date(2027, 9, 27),
    )
    psb = [member.email for member in people["psb"]]
    assert sorted(a for m in mailoutbox for a in m.to) == sorted(
        [*psb, lead.email, other_lead.email]
    )
    assert [m.subject for m in mailoutbox if m.to == [lead.email]] == [
        f"Your {outcome.code} return for Q1 2027-28 is open: due 13 September 2027"
    ]


def test_running_the_catch_up_again_sends_nothing(people, tick, mailoutbox):
    tick(date(2027, 4, 1))
    tick(date(2027, 8, 20))
    sent, recorded = len(mailoutbox), Notification.objects.count()

    again = tick(date(2027, 8, 20))

    assert again.nothing_done, again.lines()
    assert (len(mailoutbox), Notification.objects.count()) == (sent, recorded)


def test_a_catch_up_over_three_quarters_takes_each_in_order_and_sends_each_email_once(
    people, lead, tick, mailoutbox
):
    tick(date(2027, 4, 1))

    report = tick(date(2028, 1, 20))  # Q1 and Q2 2027-28 missed; Q3's round is due to open

    assert steps(report) == [
        (Q4, "closed"),
        (Q4, "exception_report"),
        (NEXT_Q1, "opened"),
        (NEXT_Q1, "round_opened"),
        (NEXT_Q2, "opened"),
        (NEXT_Q2, "round_opened"),
        (NEXT_Q3, "opened"),  # on its calendar days: opened 4 January, due 25 January
        (NEXT_Q3, "round_opened"),
        (NEXT_Q3, "reminder"),  # the latest reminder reached only, not a backlog
    ]
    assert "opened the round late" in report.actions[2].detail
    assert "opened the round late" in report.actions[4].detail
    assert "opened the round (2 returns)" in report.actions[6].detail
    assert rounds()[NEXT_Q3][1:3] == (date(2028, 1, 4), date(2028, 1, 25))
    # Q4 was past its closing day: no chase, only the report.
    assert emails_by_kind() == {
        "round_opened": 2 + 2 + 2 + 2,  # two leads, for each of four rounds
        "reminder": 2,
        "exception_report": 2,
    }

    day = date(2028, 1, 20)  # the cycle runs again every day until every round is reported
    while day <= date(2028, 3, 31):
        tick(day)
        tick(day)  # and twice a day: nothing is sent twice
        day += timedelta(days=1)

    assert {code: state for code, (state, *_) in rounds().items()} == {
        Q4: "closed",
        NEXT_Q1: "closed",
        NEXT_Q2: "closed",
        NEXT_Q3: "closed",
    }
    reported = ExceptionReport.objects.values_list("period__code", flat=True)
    assert sorted(reported) == [Q4, NEXT_Q1, NEXT_Q2, NEXT_Q3]
    keys = list(Notification.objects.values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys)) == len(mailoutbox)
    assert emails_by_kind()["exception_report"] == 2 * 4  # each report once to each member


def test_a_round_closed_by_hand_before_a_gap_is_reported_by_the_catch_up(
    people, officer, tick, mailoutbox
):
    tick(date(2027, 4, 1))
    round_close(round=ReturnRound.objects.get(period__code=Q4), actor=officer)

    report = tick(date(2027, 7, 5))  # nothing ran since, and Q1 2027-28 is over

    assert steps(report)[:2] == [(Q4, "exception_report"), (NEXT_Q1, "opened")]
    assert ExceptionReport.objects.filter(period__code=Q4, sent_at__isnull=False).exists()


def test_a_round_the_calendar_still_has_open_is_opened_on_its_own_days(people, tick):
    """With a long round (an administrator's calendar), Q4's round is still open on 5 July
    when Q1 2027-28's opens: the run opens both, oldest first."""
    PartnershipCalendar.objects.update_or_create(
        pk=1, defaults={"closes_working_days_after_due": 60}
    )
    reported = f.ReturnRoundFactory(
        period=f.period(Q3),
        opens_on=date(2027, 1, 4),
        due_on=date(2027, 1, 25),
        closes_on=date(2027, 2, 8),
        state=ReturnRound.State.CLOSED,
    )
    ExceptionReport.objects.create(period=reported.period, content={}, sent_at=timezone.now())

    report = tick(date(2027, 7, 5))

    assert steps(report) == [
        (Q4, "opened"),
        (Q4, "chase_lead"),  # past its due date: the leads are chased, not told or reminded
        (Q4, "chase_board"),
        (NEXT_Q1, "opened"),
        (NEXT_Q1, "round_opened"),
    ]
    assert rounds()[Q4][:3] == (ReturnRound.State.OPEN, date(2027, 4, 1), date(2027, 4, 22))


def test_a_scheduled_round_whose_days_passed_in_the_gap_opens_late(people, tick):
    f.ReturnRoundFactory(
        period=f.period(Q4),
        opens_on=date(2027, 4, 6),
        due_on=date(2027, 4, 30),
        closes_on=date(2027, 5, 14),
        state=ReturnRound.State.SCHEDULED,
    )

    report = tick(date(2027, 7, 5))

    assert steps(report)[0] == (Q4, "opened")
    assert "late" in report.actions[0].detail
    assert rounds()[Q4][:2] == (ReturnRound.State.OPEN, date(2027, 7, 5))
    assert rounds()[NEXT_Q1][0] == ReturnRound.State.OPEN


def test_the_command_catches_up_in_one_call_and_then_has_nothing_to_do(
    people, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_cycle", "--today", "2027-04-01")
        capsys.readouterr()
        call_command("run_cycle", "--today", "2027-08-20")
    out = capsys.readouterr().out
    assert f"- {Q4}: closed the round" in out
    assert f"- {Q4}: sent the exception report to 2 PSB members" in out
    assert f"- {NEXT_Q1}: opened the round late (2 returns)" in out
    assert f"- {NEXT_Q1}: told the leads the round is open (2 emails to 2 people)" in out

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_cycle", "--today", "2027-08-20")
    assert f"Nothing is due for {NEXT_Q1} that has not been done." in capsys.readouterr().out
