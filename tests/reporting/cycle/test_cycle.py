"""The quarterly cycle's daily tick: the right emails to the right people on the right
working day, once each, whatever days it runs on.

The quarter used is Q4 2026-27 (January to March 2027). With the default calendar its
round opens on Thursday 1 April 2027, returns are due on Thursday 22 April, reminders go
on 15 and 21 April, leads are chased on 23 April and boards on 29 April, and the round
closes ten working days after the due date: Friday 7 May, since Monday 3 May is the
early May bank holiday.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from partnership.models import Role
from partnership.periods import Period as PeriodRef
from reporting.calendar.selectors import calendar_current
from reporting.cycle.services import cycle_run
from reporting.exception_reports.services import exception_report_send
from reporting.models import (
    ExceptionReport,
    Notification,
    PartnershipCalendar,
    QuarterlyReturn,
    ReturnRound,
)
from reporting.returns.services import round_close, round_extend
from reporting.rules.cycle_plan import plan_for_quarter
from risks.rules import RiskLevel
from tests import factories as f

pytestmark = pytest.mark.django_db

Q4 = "2026-27-Q4"
OPENS, DUE, CLOSES = date(2027, 4, 1), date(2027, 4, 22), date(2027, 5, 7)


def run(day, capture):
    """One tick, with the emails it queues sent (Celery is eager in the tests)."""
    with capture(execute=True):
        return cycle_run(today=day)


def recipients(messages):
    return sorted(address for message in messages for address in message.to)


def the_return(outcome):
    return QuarterlyReturn.objects.get(outcome=outcome, round__period__code=Q4)


def test_the_calendar_dates_of_a_quarter_skip_the_bank_holiday():
    plan = plan_for_quarter(PartnershipCalendar(), PeriodRef.parse(Q4))
    assert (plan.opens_on, plan.due_on, plan.closes_on) == (OPENS, DUE, CLOSES)
    assert plan.reminders == ((5, date(2027, 4, 15)), (1, date(2027, 4, 21)))
    assert (plan.chase_lead_on, plan.chase_board_on) == (date(2027, 4, 23), date(2027, 4, 29))


def test_a_round_after_christmas_opens_after_new_years_day():
    plan = plan_for_quarter(PartnershipCalendar(), PeriodRef.parse("2026-27-Q3"))
    # The quarter ends on Thursday 31 December; Friday 1 January is a bank holiday.
    assert (plan.opens_on, plan.due_on) == (date(2027, 1, 4), date(2027, 1, 25))


def test_a_whole_quarter_day_by_day_sends_each_email_once_on_its_working_day(
    people, outcome, other_outcome, lead, other_lead, council_officer, board,
    django_capture_on_commit_callbacks, mailoutbox,
):  # fmt: skip
    sent_on: dict[date, list] = {}
    day = date(2027, 3, 31)
    while day <= date(2027, 6, 30):
        if day == date(2027, 4, 20):  # the police outcome's lead submits in time
            QuarterlyReturn.objects.filter(pk=the_return(other_outcome).pk).update(
                state=QuarterlyReturn.State.SUBMITTED
            )
        before = len(mailoutbox)
        run(day, django_capture_on_commit_callbacks)
        if len(mailoutbox) > before:
            sent_on[day] = mailoutbox[before:]
        day += timedelta(days=1)

    psb = [m.email for m in people["psb"]]
    assert {d: recipients(messages) for d, messages in sent_on.items()} == {
        OPENS: sorted([lead.email, other_lead.email]),  # the round is open
        date(2027, 4, 15): sorted([lead.email, other_lead.email]),  # due in 5 working days
        date(2027, 4, 21): [lead.email],  # due tomorrow; the police return is in
        date(2027, 4, 23): sorted([lead.email, council_officer.email]),  # late: lead chased
        date(2027, 4, 29): [board.email],  # still late: the block's board told
        CLOSES: sorted(psb),  # closed (not on the bank holiday's Thursday): the report
    }
    subjects = [m.subject for m in sent_on[date(2027, 4, 21)]]
    assert subjects == [
        f"Reminder: your {outcome.code} return for Q4 2026-27 is due on 22 April 2027"
    ]
    round_ = ReturnRound.objects.get(period__code=Q4)
    assert (round_.state, round_.opens_on, round_.due_on, round_.closes_on) == (
        ReturnRound.State.CLOSED,
        OPENS,
        DUE,
        CLOSES,
    )
    assert ExceptionReport.objects.filter(period__code=Q4).count() == 1
    assert Notification.objects.exclude(state=Notification.State.SENT).count() == 0


def test_the_round_is_opened_by_the_calendar_with_history_saying_so(people, outcome):
    report = cycle_run(today=OPENS)

    round_ = ReturnRound.objects.get(period__code=Q4)
    assert round_.state == ReturnRound.State.OPEN
    assert round_.returns.count() == 2
    assert round_.history.first().history_change_reason == "By the partnership's calendar"
    assert round_.history.first().history_user is None
    assert report.lines()[0] == (
        f"{Q4}: opened the round (2 returns), due 22 April 2027, closing 7 May 2027"
    )


def test_nothing_happens_before_the_round_opens(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    report = run(date(2027, 3, 31), django_capture_on_commit_callbacks)
    assert report.nothing_done
    assert not ReturnRound.objects.exists()
    assert mailoutbox == []


def test_running_the_same_day_twice_sends_nothing_twice(
    people, django_capture_on_commit_callbacks, mailoutbox
):
    for day in (OPENS, date(2027, 4, 15), date(2027, 4, 23), date(2027, 4, 29), CLOSES):
        first = run(day, django_capture_on_commit_callbacks)
        count = len(mailoutbox)
        again = run(day, django_capture_on_commit_callbacks)

        assert first.emails > 0
        assert again.nothing_done, again.lines()
        assert len(mailoutbox) == count
    assert len(mailoutbox) == Notification.objects.count()


def test_a_run_after_a_gap_catches_up_and_sends_nothing_twice_after(
    people, lead, other_lead, council_officer, board, django_capture_on_commit_callbacks,
    mailoutbox,
):  # fmt: skip
    run(OPENS, django_capture_on_commit_callbacks)  # then nothing runs for four weeks
    mailoutbox.clear()

    report = run(date(2027, 4, 29), django_capture_on_commit_callbacks)

    # Past the due date, reminders are over; both chases that fell in the gap go now.
    assert [action.step for action in report.actions] == ["chase_lead", "chase_board"]
    assert recipients(mailoutbox) == sorted(
        [lead.email, council_officer.email, other_lead.email, board.email,
         people["other_board"].email]
    )  # fmt: skip
    caught_up = len(mailoutbox)
    day = date(2027, 4, 29)
    while day < CLOSES:
        assert run(day, django_capture_on_commit_callbacks).nothing_done
        day += timedelta(days=1)
    assert len(mailoutbox) == caught_up


def test_after_a_gap_over_the_reminders_only_the_latest_reminder_goes(
    people, lead, other_lead, django_capture_on_commit_callbacks, mailoutbox
):
    run(OPENS, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    report = run(DUE, django_capture_on_commit_callbacks)

    assert [action.step for action in report.actions] == ["reminder"]
    assert recipients(mailoutbox) == sorted([lead.email, other_lead.email])
    assert all("due on 22 April 2027" in m.subject for m in mailoutbox)
    assert "in 0 working days" in mailoutbox[0].body


def test_a_gap_over_the_closing_day_closes_and_reports_without_chasing(
    people, django_capture_on_commit_callbacks, mailoutbox
):
    run(OPENS, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    report = run(date(2027, 5, 12), django_capture_on_commit_callbacks)

    assert [action.step for action in report.actions] == ["closed", "exception_report"]
    assert recipients(mailoutbox) == sorted(m.email for m in people["psb"])


def test_a_whole_quarter_missed_leaves_the_round_to_the_performance_team(people, mailoutbox):
    report = cycle_run(today=date(2027, 5, 20))
    assert report.nothing_done
    assert not ReturnRound.objects.exists()


def test_an_open_round_of_an_earlier_quarter_is_closed_and_reported(
    people, outcome, django_capture_on_commit_callbacks, mailoutbox
):
    """An outage over the end of a quarter: the round it left open still closes."""
    run(OPENS, django_capture_on_commit_callbacks)

    report = run(date(2027, 7, 5), django_capture_on_commit_callbacks)  # Q1 2027-28 is over

    assert [(a.period, a.step) for a in report.actions][:2] == [
        (Q4, "closed"),
        (Q4, "exception_report"),
    ]
    assert ReturnRound.objects.get(period__code=Q4).state == ReturnRound.State.CLOSED
    assert ReturnRound.objects.get(period__code="2027-28-Q1").state == ReturnRound.State.OPEN


def test_an_extended_round_closes_on_its_new_day(
    people, officer, django_capture_on_commit_callbacks, mailoutbox
):
    run(OPENS, django_capture_on_commit_callbacks)
    round_ = ReturnRound.objects.get(period__code=Q4)
    round_extend(round=round_, due_on=DUE, closes_on=date(2027, 5, 14), actor=officer)

    assert [a.step for a in run(CLOSES, django_capture_on_commit_callbacks).actions] == [
        "chase_lead",
        "chase_board",
    ]  # it missed the chases; it does not close
    assert ReturnRound.objects.get(pk=round_.pk).state == ReturnRound.State.OPEN
    steps = [a.step for a in run(date(2027, 5, 14), django_capture_on_commit_callbacks).actions]
    assert steps == ["closed", "exception_report"]


def test_a_round_closed_by_hand_gets_its_report_at_the_next_tick(
    people, officer, django_capture_on_commit_callbacks, mailoutbox
):
    run(OPENS, django_capture_on_commit_callbacks)
    round_close(round=ReturnRound.objects.get(period__code=Q4), actor=officer)
    mailoutbox.clear()

    report = run(date(2027, 4, 2), django_capture_on_commit_callbacks)

    assert [a.step for a in report.actions] == ["exception_report"]
    assert recipients(mailoutbox) == sorted(m.email for m in people["psb"])


def test_a_round_scheduled_by_an_officer_opens_on_its_own_dates(people, officer):
    f.ReturnRoundFactory(
        period=f.period(Q4),
        opens_on=date(2027, 4, 6),
        due_on=date(2027, 4, 30),
        closes_on=date(2027, 5, 14),
        state=ReturnRound.State.SCHEDULED,
    )
    assert cycle_run(today=OPENS).nothing_done

    cycle_run(today=date(2027, 4, 6))

    round_ = ReturnRound.objects.get(period__code=Q4)
    assert (round_.state, round_.due_on) == (ReturnRound.State.OPEN, date(2027, 4, 30))


def test_the_administrators_calendar_is_followed(
    people, lead, other_lead, django_capture_on_commit_callbacks, mailoutbox
):
    PartnershipCalendar.objects.update_or_create(
        pk=1, defaults={"due_working_days": 10, "reminder_days_before_due": "3"}
    )
    run(OPENS, django_capture_on_commit_callbacks)
    due = ReturnRound.objects.get(period__code=Q4).due_on
    assert due == date(2027, 4, 15)
    mailoutbox.clear()

    assert run(date(2027, 4, 9), django_capture_on_commit_callbacks).nothing_done
    report = run(date(2027, 4, 12), django_capture_on_commit_callbacks)  # 3 working days before
    assert [a.step for a in report.actions] == ["reminder"]


def test_leads_and_officers_are_chased_once_for_each_late_return(
    people, outcome, lead, council_officer, officer, django_capture_on_commit_callbacks,
    mailoutbox,
):  # fmt: skip
    deputy = f.UserFactory(username="deputy", organisation=outcome.lead_organisation)
    f.assign(deputy, Role.OUTCOME_LEAD, outcome=outcome)
    gone = f.UserFactory(username="gone", is_active=False)
    f.assign(gone, Role.PERFORMANCE_OFFICER, organisation=outcome.lead_organisation)
    run(OPENS, django_capture_on_commit_callbacks)
    QuarterlyReturn.objects.filter(round__period__code=Q4).exclude(outcome=outcome).update(
        state=QuarterlyReturn.State.APPROVED
    )
    mailoutbox.clear()

    run(date(2027, 4, 23), django_capture_on_commit_callbacks)

    # The partnership's performance team sees the cycle page; it is not emailed.
    assert recipients(mailoutbox) == sorted([lead.email, deputy.email, council_officer.email])
    message = mailoutbox[0]
    assert (
        message.subject
        == f"Late: the {outcome.code} return for Q4 2026-27 was due on 22 April 2027"
    )
    assert "If it is still late on Thursday 29 April 2027" in message.body
    html = message.alternatives[0][0]
    assert f"/returns/{the_return(outcome).pk}/" in html
    keys = set(
        Notification.objects.filter(kind="chase_lead").values_list("idempotency_key", flat=True)
    )
    pk = the_return(outcome).pk
    assert keys == {f"chase_lead:{p.pk}:return-{pk}:{Q4}" for p in (lead, deputy, council_officer)}


def test_a_board_is_told_once_with_every_late_return_of_its_block(
    people, outcome, block, council, board, django_capture_on_commit_callbacks, mailoutbox
):
    second = f.OutcomeFactory(block=block, lead_organisation=council, code="CYP 9")
    f.IndicatorFactory(primary_outcome=second)
    run(OPENS, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    run(date(2027, 4, 29), django_capture_on_commit_callbacks)

    to_board = [m for m in mailoutbox if m.to == [board.email]]
    assert len(to_board) == 1
    assert outcome.code in to_board[0].body
    assert "CYP 9" in to_board[0].body
    assert Notification.objects.get(recipient=board).idempotency_key == (
        f"chase_board:{board.pk}:block-{block.pk}:{Q4}"
    )


def test_a_failed_step_is_retried_by_the_next_tick(
    people, monkeypatch, django_capture_on_commit_callbacks, mailoutbox
):
    run(OPENS, django_capture_on_commit_callbacks)

    def broken(**kwargs):
        raise RuntimeError("report could not be built")

    monkeypatch.setattr("reporting.cycle.services.exception_report_send", broken)
    with pytest.raises(RuntimeError):
        run(CLOSES, django_capture_on_commit_callbacks)
    assert ReturnRound.objects.get(period__code=Q4).state == ReturnRound.State.OPEN

    monkeypatch.undo()
    report = run(CLOSES, django_capture_on_commit_callbacks)
    assert [a.step for a in report.actions] == ["closed", "exception_report"]


# --- The exception report -----------------------------------------------------------------


def test_the_report_is_stored_as_sent_and_emailed_once_to_each_psb_member(
    people, outcome, other_outcome, django_capture_on_commit_callbacks, mailoutbox
):
    f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None, title="Funding cuts",
                  current_likelihood=5, current_impact=4)  # fmt: skip
    f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None, title="Closed one", status="closed")
    f.RiskFactory(level=RiskLevel.OUTCOME, title="Not the PSB's")
    run(OPENS, django_capture_on_commit_callbacks)
    late = the_return(other_outcome)
    QuarterlyReturn.objects.filter(pk=late.pk).update(
        state=QuarterlyReturn.State.SUBMITTED, submitted_at="2027-04-26T10:00:00+01:00"
    )
    mailoutbox.clear()

    run(CLOSES, django_capture_on_commit_callbacks)

    report = ExceptionReport.objects.get(period__code=Q4)
    assert report.sent_at is not None
    assert report.created_by is None
    content = report.content
    assert content["period"] == Q4
    assert content["as_at"] == "2027-05-07"
    blocks = {block["name"]: block for block in content["blocks"]}
    missing = blocks[outcome.block.name]["missing_returns"]
    assert [(item["outcome"], item["state"]) for item in missing] == [(outcome.code, "Not started")]
    [late_item] = blocks[other_outcome.block.name]["late_returns"]
    assert (late_item["outcome"], late_item["submitted_on"]) == (other_outcome.code, "2027-04-26")
    assert [risk["title"] for risk in content["psb_risks"]] == ["Funding cuts"]
    assert content["psb_risks"][0]["score"] == 20

    assert recipients(mailoutbox) == sorted(m.email for m in people["psb"])
    message = mailoutbox[0]
    assert message.subject == "Exception report for Q4 2026-27"
    assert f"/exceptions/?period={Q4}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f"/exceptions/?period={Q4}" in html
    assert "Funding cuts" in html
    member = people["psb"][0]
    assert Notification.objects.filter(
        idempotency_key=f"exception_report:{member.pk}:{Q4}"
    ).exists()


def test_the_report_as_sent_does_not_change_when_the_returns_do(
    people, outcome, django_capture_on_commit_callbacks
):
    run(OPENS, django_capture_on_commit_callbacks)
    run(CLOSES, django_capture_on_commit_callbacks)
    before = ExceptionReport.objects.get().content

    QuarterlyReturn.objects.update(state=QuarterlyReturn.State.APPROVED)
    period = ReturnRound.objects.get(period__code=Q4).period
    again = exception_report_send(period=period, today=date(2027, 5, 10))

    assert ExceptionReport.objects.count() == 1
    assert again.content == before


def test_inactive_psb_members_and_people_without_an_email_are_not_sent_the_report(
    people, django_capture_on_commit_callbacks, mailoutbox
):
    gone = f.UserFactory(username="gone", is_active=False)
    f.assign(gone, Role.PSB_MEMBER)
    no_email = f.UserFactory(username="no_email", email="")
    f.assign(no_email, Role.PSB_MEMBER)
    run(OPENS, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    run(CLOSES, django_capture_on_commit_callbacks)

    assert recipients(mailoutbox) == sorted(m.email for m in people["psb"])


# --- The calendar ---------------------------------------------------------------------------


def test_the_calendar_has_its_defaults_before_an_administrator_saves_it():
    PartnershipCalendar.objects.all().delete()  # the migration saves one with the defaults
    calendar = calendar_current()
    assert calendar.pk == 1
    assert calendar._state.adding
    assert (
        calendar.opens_after_quarter_working_days,
        calendar.due_working_days,
        calendar.reminder_days,
        calendar.chase_lead_working_days_after_due,
        calendar.chase_board_working_days_after_due,
        calendar.closes_working_days_after_due,
        calendar.exception_report_recipients,
    ) == (1, 15, (5, 1), 1, 5, 10, "psb_members")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reminder_days_before_due": "5, one"}, "reminder_days_before_due"),
        ({"reminder_days_before_due": "0"}, "reminder_days_before_due"),
        ({"reminder_days_before_due": "20"}, "reminder_days_before_due"),
        ({"chase_board_working_days_after_due": 0}, "chase_board_working_days_after_due"),
        ({"closes_working_days_after_due": 3}, "closes_working_days_after_due"),
    ],
)
def test_the_calendar_refuses_days_out_of_order(changes, field):
    from django.core.exceptions import ValidationError

    calendar = PartnershipCalendar(**changes)
    with pytest.raises(ValidationError) as refused:
        calendar.full_clean(validate_unique=False)
    assert field in refused.value.message_dict


def test_a_calendar_with_no_reminders_is_accepted():
    calendar = PartnershipCalendar(reminder_days_before_due="")
    calendar.full_clean(validate_unique=False)
    assert calendar.reminder_days == ()


# --- The command --------------------------------------------------------------------------


def test_the_command_runs_the_cycle_for_the_day_given_and_says_what_it_did(
    people, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_cycle", "--today", "2027-04-01")
    out = capsys.readouterr().out
    assert "Quarterly cycle for Thursday 1 April 2027:" in out
    assert f"- {Q4}: opened the round (2 returns)" in out
    assert "told the leads the round is open (2 emails to 2 people)" in out

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_cycle", "--today", "2027-04-01")
    assert "Nothing is due for 2026-27-Q4 that has not been done." in capsys.readouterr().out
    assert len(mail.outbox) == 2


def test_the_command_refuses_a_day_that_is_not_a_date():
    with pytest.raises(CommandError, match="is not a date"):
        call_command("run_cycle", "--today", "1 April")
