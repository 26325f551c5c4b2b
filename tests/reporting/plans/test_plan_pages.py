"""The delivery plan pages: who may read and change them, what they show, bad input."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils.text import slugify

from partnership.models import FundingStream
from targets.models import Action, DeliveryPlan
from tests import factories as f
from tests.reporting.plans.conftest import FAR
from tests.reporting.scorecard.test_scorecard import add_target

pytestmark = pytest.mark.django_db
READERS = ["lead", "officer", "council_officer", "board", "psb", "scrutiny", "other_lead"]
EDITORS = ["lead", "officer", "council_officer"]
NOT_EDITORS = ["board", "psb", "scrutiny", "other_lead", "colleague"]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def signed_in(client, request, name):
    user = request.getfixturevalue(name)
    if name == "lead":
        request.getfixturevalue("lead_role")
    if name == "other_lead":
        request.getfixturevalue("other_lead_role")
    client.force_login(user)
    return user


def action_data(**overrides):
    data = {
        "version": "0",
        "description": "Recruit twenty more foster carers",
        "aim": "More children placed near home",
        "start_date": "1/4/2025",
        "due_date": "31/3/2099",
        "lead_organisation": "",
        "status": "on_track",
        "progress": "",
        "funding_amount": "",
        "funding_stream": "",
    }
    data.update(overrides)
    return data


# --- Who may read and change -----------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_everyone_with_a_role_reads_the_plan(client, request, name, plan_url, red):
    signed_in(client, request, name)

    response = client.get(plan_url)

    assert response.status_code == 200
    assert "1. Where are we now?" in response.text
    assert "5. What do we need to do?" in response.text


def test_someone_with_no_role_is_refused_and_an_unknown_outcome_is_not_found(
    client, nobody, lead, lead_role, plan_url
):
    client.force_login(nobody)
    assert client.get(plan_url).status_code == 403
    client.force_login(lead)
    assert client.get("/outcomes/no-such-outcome/").status_code == 404
    assert client.get("/outcomes/no-such-outcome/actions/add/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, plan_url):
    assert client.get(plan_url).status_code == 302


@pytest.mark.parametrize("name", EDITORS)
def test_the_lead_and_the_officers_change_the_plan(client, request, name, plan_url, outcome):
    signed_in(client, request, name)

    assert client.get(f"{plan_url}actions/add/").status_code == 200
    assert client.get(f"{plan_url}plan/").status_code == 200
    assert "Add an action" in client.get(plan_url).text


@pytest.mark.parametrize("name", NOT_EDITORS)
def test_others_may_not_change_the_plan(client, request, name, plan_url, make_action):
    action = make_action()
    signed_in(client, request, name)

    for address in (
        f"{plan_url}actions/add/",
        f"{plan_url}plan/",
        f"{plan_url}actions/{action.pk}/",
    ):
        response = client.get(address)
        assert response.status_code == 403
        assert "Only the outcome" in response.text
    assert client.post(f"{plan_url}actions/add/", action_data()).status_code == 403
    posted = client.post(f"{plan_url}actions/{action.pk}/complete/", {"version": "1"})
    assert posted.status_code == 403
    assert Action.objects.get().status == Action.Status.NOT_STARTED
    assert "Add an action" not in client.get(plan_url).text


def test_a_lead_changes_only_their_own_outcomes_plan(
    client, lead, lead_role, other_outcome, plan_url
):
    client.force_login(lead)
    other_plan = f"/outcomes/{slugify(other_outcome.code)}/"

    assert client.get(f"{other_plan}actions/add/").status_code == 403
    assert client.post(f"{other_plan}plan/", {"version": "0", "evidence": "x"}).status_code == 403
    assert not DeliveryPlan.objects.exists()


def test_another_outcomes_action_is_not_found(
    client, lead, lead_role, plan_url, make_action, other_outcome, police
):
    theirs = make_action(outcome=other_outcome, lead_organisation=police)
    client.force_login(lead)

    assert client.get(f"{plan_url}actions/{theirs.pk}/").status_code == 404
    assert (
        client.post(f"{plan_url}actions/{theirs.pk}/complete/", {"version": "1"}).status_code == 404
    )
    assert client.get(f"{plan_url}actions/999999/").status_code == 404


# --- What the plan shows ---------------------------------------------------------------


def test_the_plan_shows_the_data_targets_written_steps_and_actions(
    client, lead, lead_role, plan_url, outcome, green, make_action, council, the_round
):
    red = add_target(outcome, value=30, last_year=40)  # worse than a year ago
    england = f.AreaFactory(code="E92000001", name="England", kind="england")
    f.IndicatorValueFactory(
        indicator=red.indicator, area=england, period=f.period("2025-26-Q2"), value=Decimal("41")
    )
    DeliveryPlan.objects.create(
        outcome=outcome,
        evidence="The needs assessment shows rising demand.",
        options="Peer support works.",
        links="Needs assessment https://example.org/jsna\njavascript:alert(1)",
    )
    make_action(description="Train peer supporters", targets=[green], due_date=FAR)
    client.force_login(lead)

    html = client.get(plan_url).text
    text = text_of(html)

    assert "England: 41" in text
    assert "Worsening" in text  # the direction of travel
    assert "The needs assessment shows rising demand." in text
    assert "Peer support works." in text
    assert '<a class="govuk-link" href="https://example.org/jsna"' in html
    assert 'href="javascript' not in html  # a line without a web address is text only
    assert f"Off track with no action plan: {red.indicator.code}" in text
    assert "Train peer supporters" in text
    assert f"For {green.indicator.code} target" in text


def test_overdue_and_missing_progress_are_flagged(client, lead, lead_role, plan_url, make_action):
    make_action(description="Late one", due_date=date(2020, 1, 1), status="on_track")
    make_action(description="Done one", due_date=date(2020, 1, 1), status="complete")
    client.force_login(lead)

    text = text_of(client.get(plan_url).text)

    late = text[text.index("Late one") :]
    assert "Overdue" in late[: late.index("Done one") if "Done one" in late else None]
    assert "No progress reported this quarter" in text
    assert text.count("Overdue") == 1  # a complete action is never overdue


def test_the_plan_reads_in_a_constant_number_of_queries(
    client, lead, lead_role, plan_url, outcome, make_action, django_assert_max_num_queries, council
):
    def grow(n):
        for _ in range(n):
            target = add_target(outcome, value=30)
            action = make_action(targets=[target], due_date=FAR)
            action.other_partners.add(f.OrganisationFactory())
            action.updates.create(period=f.period("2025-26-Q2"), status="on_track")

    grow(1)
    client.force_login(lead)
    with django_assert_max_num_queries(40) as small:
        assert client.get(plan_url).status_code == 200
    grow(6)
    with django_assert_max_num_queries(len(small)):
        assert client.get(plan_url).status_code == 200


# --- Adding and changing actions -------------------------------------------------------


def test_the_lead_adds_an_action_for_an_off_track_target(
    client, lead, lead_role, plan_url, outcome, red, council, police
):
    stream = FundingStream.objects.create(name="Supporting Families", kind="grant", outcome=outcome)
    client.force_login(lead)

    response = client.post(
        f"{plan_url}actions/add/",
        action_data(
            lead_organisation=council.pk,
            other_partners=[police.pk],
            targets=[red.pk],
            funding_stream=stream.pk,
            funding_amount="12500.50",
        ),
    )

    assert response.status_code == 302
    action = Action.objects.get()
    assert action.outcome == outcome
    assert list(action.targets.all()) == [red]
    assert list(action.other_partners.all()) == [police]
    assert action.funding_amount == Decimal("12500.50")
    assert action.history.latest().history_user == lead
    text = text_of(client.get(plan_url).text)
    assert "Off track with no action plan" not in text
    assert "£12,500.50 from Supporting Families" in text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"start_date": "1/4/2026", "due_date": "31/3/2026"},
            "The due date must be the same as or after the start date",
        ),
        ({"funding_amount": "-5"}, "The money from the funding stream cannot be negative"),
        ({"due_date": "31/13/2026"}, "Enter the due date as a real date, like 31/3/2027"),
        ({"description": ""}, "Enter the action"),
        ({"version": ""}, "This page is out of date"),
    ],
)
def test_bad_input_is_refused_with_the_typed_values_kept(
    client, lead, lead_role, plan_url, council, overrides, message
):
    client.force_login(lead)

    response = client.post(
        f"{plan_url}actions/add/",
        action_data(lead_organisation=council.pk, aim="Typed aim kept", **overrides),
    )

    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert "Typed aim kept" in response.text
    assert not Action.objects.exists()


def test_an_action_linked_to_another_outcomes_target_is_refused(
    client, lead, lead_role, plan_url, council, other_outcome, the_round
):
    theirs = add_target(other_outcome, value=30)
    client.force_login(lead)

    response = client.post(
        f"{plan_url}actions/add/",
        action_data(lead_organisation=council.pk, targets=[theirs.pk], aim="Typed aim kept"),
    )

    assert response.status_code == 200
    assert "An action can only be linked to its own outcome" in response.text.replace("&#x27;", "'")
    assert "Typed aim kept" in response.text
    assert not Action.objects.exists()


def test_a_stale_edit_is_refused_and_nothing_saved(
    client, lead, lead_role, plan_url, make_action, council
):
    action = make_action(description="First words")
    Action.objects.filter(pk=action.pk).update(version=2)  # someone saved since
    client.force_login(lead)

    response = client.post(
        f"{plan_url}actions/{action.pk}/",
        action_data(version="1", description="My words", lead_organisation=council.pk),
    )

    assert response.status_code == 200
    assert "Someone else saved this action since you opened it" in response.text
    assert "My words" in response.text
    action.refresh_from_db()
    assert action.description == "First words"


def test_the_lead_edits_and_completes_an_action(
    client, lead, lead_role, plan_url, make_action, council, red
):
    action = make_action(description="First words")
    client.force_login(lead)

    edit = client.get(f"{plan_url}actions/{action.pk}/")
    assert "First words" in edit.text
    response = client.post(
        f"{plan_url}actions/{action.pk}/",
        action_data(version="1", description="Better words", lead_organisation=council.pk),
    )
    assert response.status_code == 302
    client.post(f"{plan_url}actions/{action.pk}/complete/", {"version": "2"})

    action.refresh_from_db()
    assert (action.description, action.status, action.version) == ("Better words", "complete", 3)
    assert action.completed_on is not None
    stale = client.post(f"{plan_url}actions/{action.pk}/complete/", {"version": "1"}, follow=True)
    assert "Someone else saved this action" in stale.text


def test_the_lead_writes_the_evidence_and_options_and_a_stale_save_is_refused(
    client, lead, lead_role, plan_url, outcome
):
    client.force_login(lead)

    saved = client.post(
        f"{plan_url}plan/", {"version": "0", "evidence": "Rising demand", "options": "Peer support"}
    )
    stale = client.post(f"{plan_url}plan/", {"version": "0", "evidence": "Mine", "options": ""})

    assert saved.status_code == 302
    assert stale.status_code == 200
    assert "Someone else saved this delivery plan" in stale.text
    assert "Mine" in stale.text
    plan = DeliveryPlan.objects.get()
    assert (plan.evidence, plan.version) == ("Rising demand", 1)
    assert plan.history.latest().history_user == lead
