"""The one permission module, role by role and scope by scope."""

import pytest

from partnership import access
from partnership.models import Role
from reporting.models import QuarterlyReturn, ReturnRound
from risks.rules import RiskLevel
from tests import factories as f

pytestmark = pytest.mark.django_db

ALL_PEOPLE = [
    "lead",
    "other_lead",
    "colleague",
    "council_scrutiny",
    "officer",
    "council_officer",
    "board",
    "psb",
    "scrutiny",
    "admin_user",
    "nobody",
]


@pytest.fixture
def people(request, lead_role, other_lead_role):
    return {name: request.getfixturevalue(name) for name in ALL_PEOPLE}


@pytest.fixture
def open_round(db):
    return f.ReturnRoundFactory(state=ReturnRound.State.OPEN)


@pytest.fixture
def council_return(open_round, outcome):
    return f.QuarterlyReturnFactory(round=open_round, outcome=outcome, state="draft")


@pytest.fixture
def police_return(open_round, other_outcome):
    return f.QuarterlyReturnFactory(round=open_round, outcome=other_outcome, state="draft")


@pytest.fixture
def draft_value(outcome):
    """A value entered in the council-led outcome's return and not yet approved."""
    indicator = f.IndicatorFactory(primary_outcome=outcome)
    return f.IndicatorValueFactory(indicator=indicator, is_approved=False)


@pytest.fixture
def approved_value(outcome):
    indicator = f.IndicatorFactory(primary_outcome=outcome)
    return f.IndicatorValueFactory(indicator=indicator, is_approved=True)


# Who may see a value that is not yet approved: the lead's organisation and the
# performance team; nobody else.
SEES_DRAFT_VALUE = {
    "lead": True,
    "other_lead": False,
    "colleague": True,
    "council_scrutiny": False,  # works at the council, but only reads
    "officer": True,
    "council_officer": True,
    "board": False,
    "psb": False,
    "scrutiny": False,
    "admin_user": True,
    "nobody": False,
}


@pytest.mark.parametrize(("person", "sees"), SEES_DRAFT_VALUE.items())
def test_draft_values_are_seen_only_by_the_lead_organisation_and_performance_team(
    people, draft_value, person, sees
):
    user = people[person]
    assert access.can_view_value(user, draft_value) is sees
    visible = access.visible_values(user, type(draft_value).objects.all())
    assert visible.filter(pk=draft_value.pk).exists() is sees


@pytest.mark.parametrize("person", [p for p in ALL_PEOPLE if p != "nobody"])
def test_approved_values_are_seen_by_everyone_with_a_role(people, approved_value, person):
    user = people[person]
    assert access.can_view_value(user, approved_value)
    assert access.visible_values(user, type(approved_value).objects.all()).count() == 1


def test_someone_with_no_role_sees_no_value_at_all(people, approved_value):
    assert not access.can_view_value(people["nobody"], approved_value)
    assert not access.visible_values(people["nobody"], type(approved_value).objects.all()).exists()


def test_an_anonymous_or_inactive_user_has_no_roles(people):
    from django.contrib.auth.models import AnonymousUser

    assert access.roles_of(AnonymousUser()) is access.NOBODY
    officer = people["officer"]
    officer.is_active = False
    access.forget_roles(officer)
    assert access.roles_of(officer) is access.NOBODY


# Who may edit a return in draft while its round is open.
EDITS_COUNCIL_RETURN = {
    "lead": True,  # leads the outcome
    "other_lead": False,  # leads another outcome
    "colleague": False,  # same organisation, but not the lead
    "council_scrutiny": False,
    "officer": True,  # performance team, on the lead's behalf
    "council_officer": True,  # officer for the lead organisation
    "board": False,
    "psb": False,
    "scrutiny": False,
    "admin_user": True,
    "nobody": False,
}


@pytest.mark.parametrize(("person", "edits"), EDITS_COUNCIL_RETURN.items())
def test_a_return_is_edited_only_by_its_lead_and_the_officers(
    people, council_return, person, edits
):
    assert access.can_edit_return(people[person], council_return) is edits
    assert access.can_submit_return(people[person], council_return) is edits


def test_a_council_officer_does_not_edit_another_partner_s_return(people, police_return):
    assert not access.can_edit_return(people["council_officer"], police_return)
    assert access.can_edit_return(people["other_lead"], police_return)
    assert not access.can_edit_return(people["lead"], police_return)


@pytest.mark.parametrize("state", ["not_started", "draft", "returned"])
def test_the_lead_edits_a_return_not_yet_submitted(people, council_return, state):
    council_return.state = state
    assert access.can_edit_return(people["lead"], council_return)


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_the_lead_cannot_edit_a_submitted_or_approved_return(people, council_return, state):
    council_return.state = state
    assert not access.can_edit_return(people["lead"], council_return)
    assert not access.can_edit_return(people["officer"], council_return)


@pytest.mark.parametrize("round_state", ["scheduled", "closed"])
def test_the_lead_cannot_edit_a_return_when_the_round_is_not_open(
    people, council_return, round_state
):
    council_return.round.state = round_state
    assert not access.can_edit_return(people["lead"], council_return)


def test_the_outcome_s_lead_person_edits_even_without_a_role_assignment(lead, outcome, open_round):
    quarterly_return = f.QuarterlyReturnFactory(round=open_round, outcome=outcome)
    assert not access.roles_of(lead).led_outcome_ids
    assert access.can_edit_return(lead, quarterly_return)


REVIEWS_SUBMITTED_COUNCIL_RETURN = {
    "lead": False,
    "other_lead": False,
    "colleague": False,
    "council_scrutiny": False,
    "officer": True,
    "council_officer": True,
    "board": False,
    "psb": False,
    "scrutiny": False,
    "admin_user": True,
    "nobody": False,
}


@pytest.mark.parametrize(("person", "reviews"), REVIEWS_SUBMITTED_COUNCIL_RETURN.items())
def test_only_officers_approve_or_return_a_submitted_return(
    people, council_return, person, reviews
):
    council_return.state = QuarterlyReturn.State.SUBMITTED
    assert access.can_review_return(people[person], council_return) is reviews


def test_a_draft_cannot_be_reviewed_and_only_an_approved_return_reopened(people, council_return):
    officer = people["officer"]
    assert not access.can_review_return(officer, council_return)
    assert not access.can_reopen_return(officer, council_return)
    council_return.state = QuarterlyReturn.State.APPROVED
    assert access.can_reopen_return(officer, council_return)
    assert not access.can_reopen_return(people["lead"], council_return)


def test_a_council_officer_does_not_review_another_partner_s_return(people, police_return):
    police_return.state = QuarterlyReturn.State.SUBMITTED
    assert not access.can_review_return(people["council_officer"], police_return)


SEES_DRAFT_RETURN = dict(SEES_DRAFT_VALUE)


@pytest.mark.parametrize(("person", "sees"), SEES_DRAFT_RETURN.items())
def test_a_draft_return_is_seen_by_the_lead_organisation_and_performance_team(
    people, council_return, person, sees
):
    user = people[person]
    assert access.can_view_return(user, council_return) is sees
    visible = access.visible_returns(user, QuarterlyReturn.objects.all())
    assert visible.filter(pk=council_return.pk).exists() is sees


@pytest.mark.parametrize("person", [p for p in ALL_PEOPLE if p != "nobody"])
def test_an_approved_return_is_seen_by_everyone_with_a_role(people, council_return, person):
    council_return.state = QuarterlyReturn.State.APPROVED
    council_return.save()
    assert access.can_view_return(people[person], council_return)
    assert access.visible_returns(people[person], QuarterlyReturn.objects.all()).count() == 1


# Scrutiny reads everything published and writes nothing.
def test_scrutiny_is_read_only(people, council_return):
    scrutiny = people["scrutiny"]
    roles = access.roles_of(scrutiny)
    assert roles.read_only
    assert not access.can_edit_return(scrutiny, council_return)
    assert not access.can_manage_framework(scrutiny)
    assert not access.can_manage_rounds(scrutiny)
    assert not access.can_export_pack(scrutiny)
    assert not access.can_edit_risk(
        scrutiny, f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None)
    )


@pytest.mark.parametrize(
    ("person", "manages"),
    [
        ("officer", True),
        ("admin_user", True),
        ("council_officer", False),
        ("lead", False),
        ("board", False),
        ("psb", False),
        ("scrutiny", False),
        ("nobody", False),
    ],
)
def test_only_the_performance_team_manages_the_framework_and_rounds(people, person, manages):
    assert access.can_manage_framework(people[person]) is manages
    assert access.can_manage_rounds(people[person]) is manages


@pytest.mark.parametrize(
    ("person", "exports"),
    [
        ("officer", True),
        ("council_officer", True),
        ("admin_user", True),
        ("lead", False),
        ("board", False),
        ("psb", False),
        ("scrutiny", False),
    ],
)
def test_performance_officers_export_packs(people, person, exports):
    assert access.can_export_pack(people[person]) is exports


def test_only_administrators_manage_users(people):
    assert access.can_manage_users(people["admin_user"])
    assert not access.can_manage_users(people["officer"])


def test_role_names_are_in_the_users_words(people):
    assert access.roles_of(people["lead"]).role_names == ["Outcome lead"]
    assert access.roles_of(people["board"]).role_names == ["Partnership board member"]
    assert access.roles_of(people["psb"]).role_names == ["Public Service Board member"]
    assert "Administrator" in access.roles_of(people["admin_user"]).role_names
    assert access.roles_of(people["nobody"]).role_names == []


def test_an_indicator_lead_holds_that_role(lead):
    indicator = f.IndicatorFactory()
    f.assign(lead, Role.INDICATOR_LEAD, indicator=indicator)
    roles = access.roles_of(lead)
    assert roles.led_indicator_ids == {indicator.pk}
    assert roles.role_names == ["Indicator lead"]
    assert not roles.read_only


def test_roles_are_read_once_per_user_object(
    people, django_assert_max_num_queries, django_assert_num_queries
):
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(pk=people["officer"].pk)
    with django_assert_max_num_queries(2):  # assignments, profile
        access.roles_of(officer)
    with django_assert_num_queries(0):
        access.roles_of(officer)
        access.can_manage_framework(officer)


# Risks: kept by their owner, the officers and the body that holds them.
@pytest.fixture
def risks(block, outcome, lead):
    return {
        "outcome": f.RiskFactory(level=RiskLevel.OUTCOME, outcome=outcome, owner=lead),
        "block": f.RiskFactory(level=RiskLevel.BLOCK, outcome=None, block=block),
        "partnership": f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None),
        "other block": f.RiskFactory(level=RiskLevel.BLOCK, outcome=None, block=f.BlockFactory()),
    }


@pytest.mark.parametrize(
    ("person", "risk", "edits"),
    [
        ("lead", "outcome", True),  # owner
        ("lead", "block", False),
        ("board", "block", True),  # board of the block
        ("board", "other block", False),
        ("board", "partnership", False),
        ("psb", "partnership", True),
        ("psb", "block", False),
        ("officer", "other block", True),
        ("council_officer", "block", False),
        ("scrutiny", "partnership", False),
        ("nobody", "outcome", False),
    ],
)
def test_a_risk_is_kept_by_its_owner_officers_and_the_body_that_holds_it(
    people, risks, person, risk, edits
):
    assert access.can_edit_risk(people[person], risks[risk]) is edits


@pytest.mark.parametrize(
    ("person", "risk", "to_level", "confirms"),
    [
        ("board", "outcome", "block", True),  # the outcome is in the board's block
        ("board", "other block", "partnership", False),
        ("psb", "block", "partnership", True),
        ("psb", "outcome", "block", False),
        ("lead", "outcome", "outcome", True),  # the outcome's lead receives it (not as owner)
        ("lead", "outcome", "block", False),
        ("officer", "block", "partnership", True),
        ("scrutiny", "block", "partnership", False),
    ],
)
def test_escalation_is_confirmed_by_the_body_that_would_hold_the_risk(
    people, risks, person, risk, to_level, confirms
):
    assert access.can_confirm_escalation(people[person], risks[risk], to_level=to_level) is confirms


def test_a_target_risk_belongs_to_the_block_of_its_indicator_s_outcome(outcome, block):
    target = f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=outcome))
    risk = f.RiskFactory(level=RiskLevel.TARGET, outcome=None, target=target)
    assert access.risk_block_id(risk) == block.pk
    assert access.risk_block_id(f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None)) is None


def test_everyone_with_a_role_views_the_risk_register(people, risks):
    assert access.can_view_risk(people["scrutiny"], risks["partnership"])
    assert not access.can_view_risk(people["nobody"], risks["partnership"])


@pytest.mark.parametrize(
    ("person", "oversees"),
    [
        ("officer", {"council", "police"}),
        ("admin_user", {"council", "police"}),
        ("council_officer", {"council"}),
        ("lead", set()),
        ("board", set()),
        ("psb", set()),
        ("scrutiny", set()),
    ],
)
def test_officers_oversee_all_returns_or_their_partner_s(
    people, council_return, police_return, person, oversees
):
    by_name = {council_return.pk: "council", police_return.pk: "police"}
    overseen = access.overseen_returns(people[person], QuarterlyReturn.objects.all())
    assert {by_name[r.pk] for r in overseen} == oversees


@pytest.mark.parametrize(
    ("person", "uses_admin"),
    [("admin_user", True), ("officer", False), ("lead", False), ("nobody", False)],
)
def test_only_staff_reach_the_admin(people, person, uses_admin):
    assert access.can_use_admin(people[person]) is uses_admin


@pytest.mark.parametrize(
    ("person", "enters_it", "reviews_it"),
    [
        ("lead", True, False),
        ("officer", True, True),
        ("council_officer", True, True),
        ("colleague", False, False),
        ("other_lead", False, False),
        ("board", False, False),
        ("psb", False, False),
        ("scrutiny", False, False),
    ],
)
@pytest.mark.parametrize("state", ["draft", "submitted", "approved"])
def test_who_acts_on_a_return_is_the_same_in_every_state(
    people, council_return, person, enters_it, reviews_it, state
):
    council_return.state = state
    assert access.is_return_editor(people[person], council_return) is enters_it
    assert access.is_return_officer(people[person], council_return) is reviews_it


@pytest.mark.parametrize(
    ("person", "oversees"),
    [
        ("officer", True),
        ("council_officer", True),
        ("admin_user", True),
        ("lead", False),
        ("board", False),
        ("psb", False),
        ("scrutiny", False),
        ("nobody", False),
    ],
)
def test_only_officers_oversee_returns(people, person, oversees):
    assert access.can_oversee_returns(people[person]) is oversees


@pytest.mark.parametrize(
    ("person", "sees"),
    [
        ("officer", {"own", "other"}),
        ("admin_user", {"own", "other"}),
        ("council_officer", {"own"}),
        ("lead", set()),
        ("psb", set()),
    ],
)
def test_a_pack_is_seen_by_its_requester_and_the_performance_team(people, person, sees):
    from reporting.models import PerformancePack

    own = PerformancePack.objects.create(period=f.period("2025-26-Q2"), requested_by=people[person])
    other = PerformancePack.objects.create(period=f.period("2025-26-Q2"), requested_by=None)
    names = {own.pk: "own", other.pk: "other"}
    seen = access.visible_packs(people[person], PerformancePack.objects.all())
    assert {names[p.pk] for p in seen} == sees


# --- The quarterly cycle and the exception reports as sent ---------------------------------

RUNS_CYCLE = {p: p in ("officer", "admin_user") for p in ALL_PEOPLE}
READS_EXCEPTION_REPORTS = {
    p: p in ("officer", "council_officer", "admin_user", "psb") for p in ALL_PEOPLE
}


@pytest.mark.parametrize(("person", "runs"), RUNS_CYCLE.items())
def test_only_the_performance_team_runs_the_quarterly_cycle(people, person, runs):
    assert access.can_run_cycle(people[person]) is runs


@pytest.mark.parametrize(("person", "reads"), READS_EXCEPTION_REPORTS.items())
def test_the_psb_and_performance_officers_read_the_exception_reports_as_sent(people, person, reads):
    assert access.can_view_exception_reports(people[person]) is reads


def test_an_inactive_psb_member_reads_no_exception_report(people):
    psb = people["psb"]
    psb.is_active = False
    access.forget_roles(psb)
    assert not access.can_view_exception_reports(psb)


def test_the_leads_of_what_a_risk_hangs_on_keep_it_and_others_get_a_reason(
    db, outcome, other_outcome, lead, lead_role
):
    target = f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=outcome))
    indicator_lead = f.UserFactory(username="indicator_lead")
    f.assign(indicator_lead, Role.INDICATOR_LEAD, indicator=target.indicator)
    target_risk = f.RiskFactory(level=RiskLevel.TARGET, outcome=None, target=target)
    outcome_risk = f.RiskFactory(level=RiskLevel.OUTCOME, outcome=outcome)
    other_risk = f.RiskFactory(level=RiskLevel.OUTCOME, outcome=other_outcome)

    assert access.can_edit_risk(lead, target_risk)  # lead of the target's outcome
    assert access.can_edit_risk(lead, outcome_risk)
    assert access.can_edit_risk(indicator_lead, target_risk)
    assert not access.can_edit_risk(indicator_lead, outcome_risk)
    assert not access.can_edit_risk(lead, other_risk)
    assert "lead of the outcome or target" in access.risk_edit_refusal(lead, other_risk)
    assert access.can_add_risk(lead)
    assert access.can_add_risk(indicator_lead)


def test_led_returns_are_those_of_outcomes_the_person_leads_by_role_or_by_name(
    council, block, lead, other_lead
):
    the_round = f.ReturnRoundFactory()
    by_role = f.OutcomeFactory(block=block, lead_organisation=council)
    by_name = f.OutcomeFactory(block=block, lead_organisation=council, lead_person=lead)
    neither = f.OutcomeFactory(block=block, lead_organisation=council, lead_person=other_lead)
    f.assign(lead, Role.OUTCOME_LEAD, outcome=by_role)
    for outcome in (by_role, by_name, neither):
        f.QuarterlyReturnFactory(round=the_round, outcome=outcome)
    unnamed = f.OutcomeFactory(block=block, lead_organisation=council, lead_person=None)
    f.QuarterlyReturnFactory(round=the_round, outcome=unnamed)
    returns = QuarterlyReturn.objects.all()

    assert {r.outcome for r in access.led_returns(lead, returns)} == {by_role, by_name}
    assert {r.outcome for r in access.led_returns(other_lead, returns)} == {neither}
    assert not access.led_returns(None, returns).exists()  # not the outcomes with no lead


IMPORTS_VALUES = {
    "officer": True,
    "admin_user": True,
    "council_officer": False,
    "lead": False,
    "board": False,
    "psb": False,
    "scrutiny": False,
    "nobody": False,
}


@pytest.mark.parametrize(("person", "imports"), IMPORTS_VALUES.items())
def test_only_the_performance_team_imports_values(request, person, imports):
    user = request.getfixturevalue(person)
    assert access.can_import_values(user) is imports
    reason = access.import_values_refusal(user)
    assert (reason is None) is imports
    if not imports:
        assert reason == "Only the performance team can import values."
