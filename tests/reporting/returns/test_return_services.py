"""The services of quarterly returns: each state change allowed and refused by role and state."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.enums import Frequency, Unit
from indicators.models import IndicatorValue
from partnership.errors import ApplicationError
from partnership.models import Role
from reporting.models import Notification, QuarterlyReturn, ReturnRound
from reporting.returns import services
from reporting.returns.services import Commentary, ValueEntry
from tests import factories as f

State = QuarterlyReturn.State
NO_COMMENTARY = Commentary()
EDITORS = ["lead_role", "officer", "council_officer", "admin_user"]
NOT_EDITORS = ["other_lead_role", "board", "psb", "scrutiny"]
REVIEWERS = ["officer", "council_officer", "admin_user"]
NOT_REVIEWERS = ["lead_role", "other_lead_role", "board", "psb", "scrutiny"]


# --- Fixtures (named apart from tests/reporting/conftest.py's) ---------------------------


@pytest.fixture
def person(request):
    """The user of the fixture named by the test's ``person`` parameter (a role's user)."""
    value = request.getfixturevalue(request.param)
    return getattr(value, "user", value)


@pytest.fixture
def area(db):
    return f.PartnershipAreaFactory()


@pytest.fixture
def q2(db):
    return f.period("2025-26-Q2")


@pytest.fixture
def q2_round(q2):
    return f.ReturnRoundFactory(period=q2, state=ReturnRound.State.OPEN)


@pytest.fixture
def pct(outcome):
    """A percentage, to one decimal place, collected through the lead's outcome."""
    return f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", unit=Unit.PERCENTAGE)


@pytest.fixture
def count(outcome):
    """A count, collected through the lead's outcome."""
    return f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 02", unit=Unit.NUMBER, decimal_places=0
    )


@pytest.fixture
def qr(q2_round, outcome, pct, count, area, lead_role):
    """The lead's return for Q2, not started, for an outcome with two indicators."""
    return f.QuarterlyReturnFactory(round=q2_round, outcome=outcome)


@pytest.fixture
def other_qr(q2_round, other_outcome, area, other_lead_role):
    f.IndicatorFactory(primary_outcome=other_outcome, code="P 001")
    return f.QuarterlyReturnFactory(round=q2_round, outcome=other_outcome)


def entry(indicator, value, **extra):
    return ValueEntry(
        indicator_id=indicator.pk,
        value=None if value is None else Decimal(value),
        **extra,
    )


def save(qr, actor, *values, commentary=NO_COMMENTARY, version=None):
    return services.return_save(
        quarterly_return=qr,
        version=qr.version if version is None else version,
        values=list(values),
        commentary=commentary,
        actor=actor,
    )


def set_state(qr, state, **extra):
    QuarterlyReturn.objects.filter(pk=qr.pk).update(state=state, **extra)
    qr.refresh_from_db()
    return qr


def submitted(qr, pct, count, lead):
    """The return, saved with both values and submitted by its lead."""
    qr = save(qr, lead, entry(pct, "42.5"), entry(count, "12"))
    return services.return_submit(quarterly_return=qr, version=qr.version, actor=lead)


# --- Saving a draft ----------------------------------------------------------------------


@pytest.mark.parametrize("person", EDITORS, indirect=True)
def test_the_lead_and_the_officers_can_save_a_draft(qr, pct, person):
    saved = save(
        qr,
        person,
        entry(pct, "42.5", note="From the survey"),
        commentary=Commentary(progress_summary="On track", forecast_rag="green"),
    )
    assert (saved.state, saved.version, saved.progress_summary, saved.forecast_rag) == (
        State.DRAFT,
        2,
        "On track",
        "green",
    )
    value = IndicatorValue.objects.get(indicator=pct)
    assert (value.value, value.note, value.is_approved, value.entered_by) == (
        Decimal("42.5"),
        "From the survey",
        False,
        person,
    )
    assert saved.history.latest().history_user == person


@pytest.mark.parametrize("person", NOT_EDITORS, indirect=True)
def test_people_other_than_the_lead_and_officers_cannot_save(qr, pct, person):
    with pytest.raises(ApplicationError, match="Only the outcome's lead or a performance officer"):
        save(qr, person, entry(pct, "42.5"))
    qr.refresh_from_db()
    assert (qr.state, qr.version) == (State.NOT_STARTED, 1)
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("state", [State.NOT_STARTED, State.DRAFT, State.RETURNED])
def test_an_unsubmitted_return_can_be_saved(qr, pct, lead, state):
    set_state(qr, state, returned_reason="Check CYP 01" if state == State.RETURNED else "")
    saved = save(qr, lead, entry(pct, "40"))
    assert saved.state == State.DRAFT


def test_saving_a_returned_return_keeps_the_reason_for_the_lead_to_read(qr, pct, lead):
    set_state(qr, State.RETURNED, returned_reason="Check CYP 01")
    assert save(qr, lead, entry(pct, "40")).returned_reason == "Check CYP 01"


@pytest.mark.parametrize(
    ("state", "message"),
    [(State.SUBMITTED, "submitted and waiting for review"), (State.APPROVED, "is approved")],
)
def test_a_submitted_or_approved_return_cannot_be_saved(qr, pct, lead, officer, state, message):
    set_state(qr, state)
    for actor in (lead, officer):
        with pytest.raises(ApplicationError, match=message):
            save(qr, actor, entry(pct, "40"))
    assert not IndicatorValue.objects.exists()


def test_a_return_cannot_be_saved_once_its_round_is_closed(qr, pct, lead, officer):
    services.round_close(round=qr.round, actor=officer)
    with pytest.raises(ApplicationError, match="Q2 2025-26 is closed"):
        save(qr, lead, entry(pct, "40"))


def test_a_stale_save_is_refused_and_nothing_is_written(qr, pct, count, lead, officer):
    opened_at = qr.version
    save(qr, officer, entry(pct, "40"), commentary=Commentary(going_well="Officer's words"))
    with pytest.raises(ApplicationError, match="Someone else saved this return since you opened"):
        save(
            qr,
            lead,
            entry(pct, "45"),
            entry(count, "3"),
            commentary=Commentary(going_well="Lead's words"),
            version=opened_at,
        )
    qr.refresh_from_db()
    assert (qr.version, qr.going_well) == (2, "Officer's words")
    assert IndicatorValue.objects.get().value == Decimal("40")
    assert not IndicatorValue.objects.filter(indicator=count).exists()


def test_a_value_saved_is_the_one_row_that_every_reader_sees(qr, pct, lead, officer, other_outcome):
    pct.contributes_to.add(other_outcome)
    first = save(qr, lead, entry(pct, "40"))
    save(first, officer, entry(pct, "41.5", status="final"))

    row = IndicatorValue.objects.get()
    assert (row.value, row.status) == (Decimal("41.5"), "final")
    seen_from_other_outcome = IndicatorValue.objects.get(
        indicator__contributes_to=other_outcome, period=qr.round.period
    )
    assert seen_from_other_outcome.pk == row.pk
    assert [h.history_user for h in row.history.order_by("history_date")] == [lead, officer]


def test_only_indicators_collected_by_the_return_can_be_written(qr, other_qr, pct, lead):
    theirs = other_qr.outcome.primary_indicators.get()
    with pytest.raises(ApplicationError, match="not collected by this return"):
        save(qr, lead, entry(pct, "40"), entry(theirs, "50"))
    assert not IndicatorValue.objects.exists()


def test_an_annual_indicator_is_not_collected_before_the_fourth_quarter(qr, outcome, lead):
    annual = f.IndicatorFactory(primary_outcome=outcome, frequency=Frequency.ANNUAL)
    with pytest.raises(ApplicationError, match="not collected by this return"):
        save(qr, lead, entry(annual, "40"))


def test_values_that_do_not_fit_their_unit_are_all_listed_and_nothing_is_saved(
    qr, pct, count, lead
):
    with pytest.raises(ApplicationError) as refusal:
        save(
            qr,
            lead,
            entry(pct, "140"),
            entry(count, "12.5"),
            commentary=Commentary(progress_summary="Lost"),
        )
    assert "CYP 01: A percentage is from 0 to 100." in refusal.value.message
    assert "CYP 02: A count is a whole number." in refusal.value.message
    qr.refresh_from_db()
    assert (qr.progress_summary, qr.version) == ("", 1)
    assert not IndicatorValue.objects.exists()


def test_a_value_can_be_worked_out_from_its_numerator_and_denominator(qr, pct, lead):
    save(qr, lead, entry(pct, None, numerator=Decimal(30), denominator=Decimal(40)))
    row = IndicatorValue.objects.get()
    assert (row.value, row.numerator, row.denominator) == (Decimal(75), Decimal(30), Decimal(40))


def test_an_unknown_status_or_forecast_is_refused(qr, pct, lead):
    with pytest.raises(ApplicationError, match="provisional, final or estimated"):
        save(qr, lead, entry(pct, "40", status="guessed"))
    with pytest.raises(ApplicationError, match="forecast"):
        save(qr, lead, commentary=Commentary(forecast_rag="purple"))


def test_an_indicator_entered_twice_is_refused(qr, pct, lead):
    with pytest.raises(ApplicationError, match="CYP 01: entered twice"):
        save(qr, lead, entry(pct, "40"), entry(pct, "41"))


def test_emptying_a_value_removes_the_draft_value(qr, pct, lead):
    draft = save(qr, lead, entry(pct, "40"))
    save(draft, lead, entry(pct, None, not_available_reason="Not yet published"))
    assert not IndicatorValue.objects.exists()


def test_a_big_move_must_be_confirmed_with_a_note(qr, pct, lead, area):
    f.IndicatorValueFactory(indicator=pct, area=area, period=f.period("2025-26-Q1"), value=50)
    with pytest.raises(ApplicationError, match="CYP 01: It has risen by 40%"):
        save(qr, lead, entry(pct, "70"))
    with pytest.raises(ApplicationError, match="CYP 01: It has risen by 40%"):
        save(qr, lead, entry(pct, "70", confirmed=True))  # and say why
    save(qr, lead, entry(pct, "70", confirmed=True, note="New service opened"))
    assert IndicatorValue.objects.get(period__code="2025-26-Q2").value == Decimal(70)


def test_a_yes_no_answer_that_changes_needs_no_confirmation(qr, outcome, lead, area):
    answer = f.IndicatorFactory(primary_outcome=outcome, unit=Unit.YES_NO, decimal_places=0)
    f.IndicatorValueFactory(indicator=answer, area=area, period=f.period("2025-26-Q1"), value=0)
    save(qr, lead, entry(answer, "1"))
    assert IndicatorValue.objects.get(period__code="2025-26-Q2").value == 1


# --- Submitting --------------------------------------------------------------------------


@pytest.mark.parametrize("person", EDITORS, indirect=True)
def test_the_lead_and_the_officers_can_submit(qr, pct, count, person, lead):
    draft = save(qr, lead, entry(pct, "40"), entry(count, "3"))
    done = services.return_submit(quarterly_return=draft, version=draft.version, actor=person)
    assert (done.state, done.submitted_by, done.version) == (State.SUBMITTED, person, 3)
    assert done.submitted_at is not None


@pytest.mark.parametrize("person", NOT_EDITORS, indirect=True)
def test_others_cannot_submit(qr, pct, count, person, lead):
    draft = save(qr, lead, entry(pct, "40"), entry(count, "3"))
    with pytest.raises(ApplicationError):
        services.return_submit(quarterly_return=draft, version=draft.version, actor=person)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_a_return_with_missing_values_is_refused_listing_them(qr, pct, count, lead):
    draft = save(qr, lead, entry(pct, "40"))
    with pytest.raises(ApplicationError) as refusal:
        services.return_submit(quarterly_return=draft, version=draft.version, actor=lead)
    assert "Give a value, or say why it is missing, for: CYP 02" in refusal.value.message
    assert "CYP 01" not in refusal.value.message
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_a_missing_value_with_a_reason_can_be_submitted(qr, pct, count, lead):
    draft = save(qr, lead, entry(pct, "40"), entry(count, None, not_available_reason=" "))
    with pytest.raises(ApplicationError, match="CYP 02"):
        services.return_submit(quarterly_return=draft, version=draft.version, actor=lead)
    expected = date(2025, 11, 15)
    draft = save(
        draft,
        lead,
        entry(pct, "40"),
        entry(count, None, not_available_reason="Not yet published", expected_on=expected),
    )
    assert draft.missing_values == {
        str(count.pk): {"reason": "Not yet published", "expected_on": "2025-11-15"}
    }
    done = services.return_submit(quarterly_return=draft, version=draft.version, actor=lead)
    assert done.state == State.SUBMITTED


def test_a_value_given_later_clears_its_missing_reason(qr, pct, count, lead):
    draft = save(qr, lead, entry(count, None, not_available_reason="Not yet published"))
    draft = save(draft, lead, entry(count, "3"))
    assert draft.missing_values == {}


def test_an_unchanged_value_is_not_asked_about_again(qr, pct, lead, area):
    f.IndicatorValueFactory(indicator=pct, area=area, period=f.period("2025-26-Q1"), value=50)
    draft = save(qr, lead, entry(pct, "70", confirmed=True, note="New service opened"))
    again = save(draft, lead, entry(pct, "70", note="New service opened"))
    assert again.version == draft.version + 1
    with pytest.raises(ApplicationError, match="risen by"):
        save(again, lead, entry(pct, "75", note="changed"))


def test_a_not_started_return_whose_values_are_all_entered_can_be_submitted(
    qr, pct, count, lead, area
):
    for indicator in (pct, count):
        f.IndicatorValueFactory(indicator=indicator, area=area, period=qr.round.period)
    done = services.return_submit(quarterly_return=qr, version=qr.version, actor=lead)
    assert done.state == State.SUBMITTED


def test_a_stale_submit_is_refused(qr, pct, count, lead, officer):
    draft = save(qr, lead, entry(pct, "40"), entry(count, "3"))
    save(draft, officer, entry(pct, "41"))
    with pytest.raises(ApplicationError, match="Someone else saved"):
        services.return_submit(quarterly_return=draft, version=draft.version, actor=lead)


def test_submitting_twice_is_refused(qr, pct, count, lead):
    done = submitted(qr, pct, count, lead)
    with pytest.raises(ApplicationError, match="submitted and waiting for review"):
        services.return_submit(quarterly_return=done, version=done.version, actor=lead)


def test_submitting_emails_the_officers_for_the_lead_organisation_after_commit(
    qr, pct, count, lead, officer, council_officer, police, django_capture_on_commit_callbacks,
    mailoutbox,
):  # fmt: skip
    police_officer = f.UserFactory(username="police_officer", organisation=police)
    f.assign(police_officer, Role.PERFORMANCE_OFFICER, organisation=police)
    draft = save(qr, lead, entry(pct, "40"), entry(count, "3"))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        done = services.return_submit(quarterly_return=draft, version=draft.version, actor=lead)
        assert mailoutbox == []  # nothing is sent before the commit

    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([officer.email, council_officer.email])
    assert set(Notification.objects.values_list("idempotency_key", flat=True)) == {
        f"return-submitted:{done.pk}:{done.version}:{officer.pk}",
        f"return-submitted:{done.pk}:{done.version}:{council_officer.pk}",
    }


def test_a_refused_submit_emails_nobody(qr, lead, django_capture_on_commit_callbacks, mailoutbox):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ApplicationError),
    ):
        services.return_submit(quarterly_return=qr, version=qr.version, actor=lead)
    assert (callbacks, mailoutbox) == ([], [])


# --- Approving ---------------------------------------------------------------------------


@pytest.mark.parametrize("person", REVIEWERS, indirect=True)
def test_the_officers_can_approve_and_the_values_become_approved(
    qr, pct, count, lead, person, other_qr, area
):
    theirs = f.IndicatorValueFactory(
        indicator=other_qr.outcome.primary_indicators.get(),
        area=area,
        period=qr.round.period,
        is_approved=False,
    )
    done = submitted(qr, pct, count, lead)
    approved = services.return_approve(quarterly_return=done, version=done.version, actor=person)
    assert (approved.state, approved.approved_by, approved.version) == (
        State.APPROVED,
        person,
        4,
    )
    assert set(
        IndicatorValue.objects.filter(is_approved=True).values_list("indicator", flat=True)
    ) == {
        pct.pk,
        count.pk,
    }
    theirs.refresh_from_db()
    assert not theirs.is_approved  # another return's values are its own business


@pytest.mark.parametrize("person", NOT_REVIEWERS, indirect=True)
def test_others_cannot_approve(qr, pct, count, lead, person):
    done = submitted(qr, pct, count, lead)
    with pytest.raises(ApplicationError, match="Only the performance team"):
        services.return_approve(quarterly_return=done, version=done.version, actor=person)
    assert not IndicatorValue.objects.filter(is_approved=True).exists()


def test_an_officer_for_another_partner_cannot_approve(qr, pct, count, lead, police):
    police_officer = f.UserFactory(username="police_officer", organisation=police)
    f.assign(police_officer, Role.PERFORMANCE_OFFICER, organisation=police)
    done = submitted(qr, pct, count, lead)
    with pytest.raises(ApplicationError, match="Anycity Council"):
        services.return_approve(quarterly_return=done, version=done.version, actor=police_officer)


@pytest.mark.parametrize("state", [State.NOT_STARTED, State.DRAFT, State.RETURNED, State.APPROVED])
def test_only_a_submitted_return_can_be_approved(qr, officer, state):
    set_state(qr, state, returned_reason="Why" if state == State.RETURNED else "")
    with pytest.raises(ApplicationError, match="Only a submitted return"):
        services.return_approve(quarterly_return=qr, version=qr.version, actor=officer)


def test_a_stale_approval_is_refused(qr, pct, count, lead, officer):
    done = submitted(qr, pct, count, lead)
    with pytest.raises(ApplicationError, match="Someone else saved"):
        services.return_approve(quarterly_return=done, version=done.version - 1, actor=officer)


def test_an_approved_return_is_locked_against_edits(qr, pct, count, lead, officer):
    done = submitted(qr, pct, count, lead)
    approved = services.return_approve(quarterly_return=done, version=done.version, actor=officer)
    with pytest.raises(ApplicationError, match="is approved"):
        save(approved, lead, entry(pct, "10"))
    assert IndicatorValue.objects.get(indicator=pct).value == Decimal("42.5")


def test_approving_emails_the_lead_once(
    qr, pct, count, lead, officer, django_capture_on_commit_callbacks, mailoutbox
):
    done = submitted(qr, pct, count, lead)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_approve(quarterly_return=done, version=done.version, actor=officer)
    assert [m.to for m in mailoutbox] == [[lead.email]]
    assert "is approved" in mailoutbox[0].subject


def test_bulk_approval_approves_the_allowed_and_lists_the_refused(
    qr, other_qr, pct, count, lead, other_lead, council_officer, q2_round, block, council
):
    done = submitted(qr, pct, count, lead)
    theirs = set_state(other_qr, State.SUBMITTED)  # a police outcome: not this officer's
    draft_outcome = f.OutcomeFactory(block=block, lead_organisation=council)
    draft = f.QuarterlyReturnFactory(round=q2_round, outcome=draft_outcome, state=State.DRAFT)

    approved, refused = services.returns_approve(
        quarterly_returns=[done, theirs, draft], actor=council_officer
    )

    assert [r.pk for r in approved] == [done.pk]
    assert [(r.pk, "Anyshire Police" in reason) for r, reason in refused] == [
        (theirs.pk, True),
        (draft.pk, False),
    ]
    assert "Only a submitted return" in refused[1][1]
    states = dict(QuarterlyReturn.objects.values_list("pk", "state"))
    assert states == {done.pk: State.APPROVED, theirs.pk: State.SUBMITTED, draft.pk: State.DRAFT}
    assert IndicatorValue.objects.filter(is_approved=True).count() == 2


# --- Sending back ------------------------------------------------------------------------


@pytest.mark.parametrize("person", REVIEWERS, indirect=True)
def test_the_officers_can_send_a_return_back_with_a_reason(qr, pct, count, lead, person):
    done = submitted(qr, pct, count, lead)
    back = services.return_send_back(
        quarterly_return=done, version=done.version, reason=" Check CYP 02 ", actor=person
    )
    assert (back.state, back.returned_reason, back.version) == (
        State.RETURNED,
        "Check CYP 02",
        4,
    )
    latest = back.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (person, "Check CYP 02")
    assert not IndicatorValue.objects.filter(is_approved=True).exists()


@pytest.mark.parametrize("person", NOT_REVIEWERS, indirect=True)
def test_others_cannot_send_a_return_back(qr, pct, count, lead, person):
    done = submitted(qr, pct, count, lead)
    with pytest.raises(ApplicationError):
        services.return_send_back(
            quarterly_return=done, version=done.version, reason="No", actor=person
        )


def test_sending_back_needs_a_reason(qr, pct, count, lead, officer):
    done = submitted(qr, pct, count, lead)
    with pytest.raises(ApplicationError, match="Say why the return is sent back") as refusal:
        services.return_send_back(
            quarterly_return=done, version=done.version, reason="  ", actor=officer
        )
    assert refusal.value.field == "reason"


def test_a_draft_cannot_be_sent_back(qr, pct, lead, officer):
    draft = save(qr, lead, entry(pct, "40"))
    with pytest.raises(ApplicationError, match="Only a submitted return"):
        services.return_send_back(
            quarterly_return=draft, version=draft.version, reason="Why", actor=officer
        )


def test_the_lead_corrects_and_resubmits_a_returned_return(
    qr, pct, count, lead, officer, django_capture_on_commit_callbacks, mailoutbox
):
    done = submitted(qr, pct, count, lead)
    with django_capture_on_commit_callbacks(execute=True):
        back = services.return_send_back(
            quarterly_return=done, version=done.version, reason="Check CYP 02", actor=officer
        )
    assert [m.to for m in mailoutbox] == [[lead.email]]
    assert "Check CYP 02" in mailoutbox[0].body

    corrected = save(back, lead, entry(count, "13"))
    with django_capture_on_commit_callbacks(execute=True):
        again = services.return_submit(
            quarterly_return=corrected, version=corrected.version, actor=lead
        )
    assert (again.state, again.returned_reason) == (State.SUBMITTED, "")
    # The resubmission is a new version, so the officer is told again.
    assert [m.to for m in mailoutbox] == [[lead.email], [officer.email]]


# --- Reopening ---------------------------------------------------------------------------


def approved_return(qr, pct, count, lead, officer):
    done = submitted(qr, pct, count, lead)
    return services.return_approve(quarterly_return=done, version=done.version, actor=officer)


@pytest.mark.parametrize("person", REVIEWERS, indirect=True)
def test_the_officers_can_reopen_an_approved_return_with_a_reason(
    qr, pct, count, lead, officer, person
):
    approved = approved_return(qr, pct, count, lead, officer)
    reopened = services.return_reopen(
        quarterly_return=approved, version=approved.version, reason="Late correction", actor=person
    )
    assert (reopened.state, reopened.returned_reason, reopened.approved_by) == (
        State.DRAFT,
        "Late correction",
        None,
    )
    assert not IndicatorValue.objects.filter(is_approved=True).exists()
    assert reopened.history.latest().history_change_reason == "Late correction"
    save(reopened, lead, entry(pct, "43"))  # the lead can correct it


@pytest.mark.parametrize("person", NOT_REVIEWERS, indirect=True)
def test_others_cannot_reopen(qr, pct, count, lead, officer, person):
    approved = approved_return(qr, pct, count, lead, officer)
    with pytest.raises(ApplicationError, match="Only the performance team"):
        services.return_reopen(
            quarterly_return=approved, version=approved.version, reason="Why", actor=person
        )
    assert IndicatorValue.objects.filter(is_approved=True).count() == 2


def test_only_an_approved_return_can_be_reopened(qr, pct, count, lead, officer):
    done = submitted(qr, pct, count, lead)
    with pytest.raises(ApplicationError, match="Only an approved return can be reopened"):
        services.return_reopen(
            quarterly_return=done, version=done.version, reason="Why", actor=officer
        )


def test_reopening_needs_a_reason(qr, pct, count, lead, officer):
    approved = approved_return(qr, pct, count, lead, officer)
    with pytest.raises(ApplicationError, match="Say why the return is reopened"):
        services.return_reopen(
            quarterly_return=approved, version=approved.version, reason="", actor=officer
        )


def test_a_return_of_a_closed_round_is_reopened_only_after_extending_it(
    qr, pct, count, lead, officer
):
    approved = approved_return(qr, pct, count, lead, officer)
    services.round_close(round=qr.round, actor=officer)
    with pytest.raises(ApplicationError, match="extend it first"):
        services.return_reopen(
            quarterly_return=approved, version=approved.version, reason="Why", actor=officer
        )
    services.round_extend(
        round=qr.round, due_on=date(2025, 11, 1), closes_on=date(2025, 11, 30), actor=officer
    )
    reopened = services.return_reopen(
        quarterly_return=approved, version=approved.version, reason="Why", actor=officer
    )
    assert reopened.state == State.DRAFT


# --- Rounds ------------------------------------------------------------------------------


OPENING = {
    "opens_on": date(2025, 10, 1),
    "due_on": date(2025, 10, 22),
    "closes_on": date(2025, 11, 5),
}


@pytest.fixture
def framework(outcome, other_outcome, block, council):
    """Outcomes with quarterly, annual, no and inactive indicators."""
    f.IndicatorFactory(primary_outcome=outcome, frequency=Frequency.QUARTERLY)
    f.IndicatorFactory(primary_outcome=outcome, frequency=Frequency.ANNUAL)
    f.IndicatorFactory(primary_outcome=other_outcome, frequency=Frequency.ANNUAL)
    f.IndicatorFactory(primary_outcome=other_outcome, frequency=Frequency.BIENNIAL)
    monthly = f.OutcomeFactory(block=block, lead_organisation=council, code="MONTHLY")
    f.IndicatorFactory(primary_outcome=monthly, frequency=Frequency.MONTHLY)
    f.OutcomeFactory(block=block, lead_organisation=council, code="NONE")
    retired = f.OutcomeFactory(block=block, lead_organisation=council, code="RETIRED")
    f.IndicatorFactory(primary_outcome=retired, is_active=False)
    return {"outcome": outcome, "other": other_outcome, "monthly": monthly}


def opened_codes(period_code, actor):
    round_ = services.round_open(period=f.period(period_code), actor=actor, **OPENING)
    return round_, set(round_.returns.values_list("outcome__code", flat=True))


@pytest.mark.parametrize("person", ["officer", "admin_user"], indirect=True)
def test_opening_a_round_makes_returns_for_outcomes_with_quarterly_indicators_due(
    framework, person
):
    round_, codes = opened_codes("2025-26-Q2", person)
    assert round_.state == ReturnRound.State.OPEN
    assert codes == {framework["outcome"].code, "MONTHLY"}
    assert set(round_.returns.values_list("state", flat=True)) == {State.NOT_STARTED}
    assert round_.history.latest().history_user == person
    assert round_.returns.first().history.get().history_user == person


def test_opening_the_fourth_quarter_adds_outcomes_with_annual_and_biennial_indicators(
    framework, officer
):
    _, codes = opened_codes("2025-26-Q4", officer)
    assert codes == {framework["outcome"].code, framework["other"].code, "MONTHLY"}


@pytest.mark.parametrize(
    "person", ["lead_role", "council_officer", "board", "psb", "scrutiny"], indirect=True
)
def test_only_the_performance_team_can_open_a_round(framework, person):
    with pytest.raises(ApplicationError, match="Only the performance team"):
        opened_codes("2025-26-Q2", person)
    assert not ReturnRound.objects.exists()


def test_a_round_is_for_a_quarter_not_a_year(framework, officer):
    with pytest.raises(ApplicationError, match="for a quarter, not a year"):
        opened_codes("2025-26", officer)


def test_a_round_cannot_be_opened_twice(framework, officer):
    opened_codes("2025-26-Q2", officer)
    with pytest.raises(ApplicationError, match="already open"):
        opened_codes("2025-26-Q2", officer)
    assert QuarterlyReturn.objects.count() == 2


def test_a_round_with_dates_out_of_order_is_refused(framework, officer):
    with pytest.raises(ApplicationError, match="opens, then is due, then closes"):
        services.round_open(
            period=f.period("2025-26-Q2"),
            opens_on=date(2025, 10, 22),
            due_on=date(2025, 10, 1),
            closes_on=date(2025, 11, 5),
            actor=officer,
        )


def test_opening_a_scheduled_round_keeps_the_returns_it_has(framework, officer, q2):
    scheduled = f.ReturnRoundFactory(period=q2, state=ReturnRound.State.SCHEDULED)
    kept = f.QuarterlyReturnFactory(round=scheduled, outcome=framework["outcome"])
    round_, codes = opened_codes("2025-26-Q2", officer)
    assert round_.pk == scheduled.pk
    assert codes == {framework["outcome"].code, "MONTHLY"}
    assert round_.returns.get(outcome=framework["outcome"]).pk == kept.pk


def test_a_closed_round_is_not_opened_again_but_extended(framework, officer):
    round_, _ = opened_codes("2025-26-Q2", officer)
    services.round_close(round=round_, actor=officer)
    with pytest.raises(ApplicationError, match="extend it"):
        opened_codes("2025-26-Q2", officer)


def test_the_performance_team_extends_a_round(q2_round, officer):
    extended = services.round_extend(
        round=q2_round, due_on=date(2025, 10, 29), closes_on=date(2025, 11, 12), actor=officer
    )
    assert (extended.due_on, extended.closes_on, extended.state) == (
        date(2025, 10, 29),
        date(2025, 11, 12),
        ReturnRound.State.OPEN,
    )
    with pytest.raises(ApplicationError, match="opens, then is due"):
        services.round_extend(
            round=q2_round, due_on=date(2025, 9, 1), closes_on=date(2025, 11, 12), actor=officer
        )


def test_extending_a_closed_round_opens_it_again(q2_round, officer):
    services.round_close(round=q2_round, actor=officer)
    extended = services.round_extend(
        round=q2_round, due_on=date(2025, 10, 29), closes_on=date(2025, 11, 12), actor=officer
    )
    assert extended.state == ReturnRound.State.OPEN


@pytest.mark.parametrize("person", ["lead_role", "council_officer", "board"], indirect=True)
def test_only_the_performance_team_extends_or_closes_a_round(q2_round, person):
    with pytest.raises(ApplicationError, match="Only the performance team"):
        services.round_extend(
            round=q2_round, due_on=date(2025, 10, 29), closes_on=date(2025, 11, 12), actor=person
        )
    with pytest.raises(ApplicationError, match="Only the performance team"):
        services.round_close(round=q2_round, actor=person)
    q2_round.refresh_from_db()
    assert q2_round.state == ReturnRound.State.OPEN


def test_a_closed_round_cannot_be_closed_again(q2_round, officer):
    services.round_close(round=q2_round, actor=officer)
    with pytest.raises(ApplicationError, match="is closed, not open"):
        services.round_close(round=q2_round, actor=officer)


def test_a_submitted_return_can_still_be_approved_after_the_round_closes(
    qr, pct, count, lead, officer
):
    done = submitted(qr, pct, count, lead)
    services.round_close(round=qr.round, actor=officer)
    approved = services.return_approve(quarterly_return=done, version=done.version, actor=officer)
    assert approved.state == State.APPROVED
