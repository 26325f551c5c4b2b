"""A risk's actions: add, edit and mark as done. Who may (who may edit the risk), bad
input kept with a clear message, a stale edit refused, history with who."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from risks.models import RiskAction
from risks.services.actions import last_change
from tests import factories as f
from tests.risks.conftest import ROLES, person
from tests.risks.test_edit import EDITS

pytestmark = pytest.mark.django_db


def new_url(risk) -> str:
    return f"/risks/{risk.pk}/actions/new/"


def edit_url(action) -> str:
    return f"/risks/{action.risk_id}/actions/{action.pk}/edit/"


def done_url(action) -> str:
    return f"/risks/{action.risk_id}/actions/{action.pk}/done/"


def posted(person, today, **changes) -> dict:
    data = {
        "description": "Recruit ten more foster carers",
        "owner": person.pk,
        "due_date": (today + timedelta(days=40)).strftime("%d/%m/%Y"),
        "status": RiskAction.Status.IN_PROGRESS,
    }
    data.update(changes)
    return data


@pytest.fixture
def action(outcome_risk, lead, today):
    action = RiskAction(
        risk=outcome_risk, description="Open a new school", owner=lead, due_date=today
    )
    action._history_user = lead
    action.save()
    return action


@pytest.mark.parametrize("which", sorted(EDITS))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_an_action_is_who_may_edit_the_risk(request, client, risks, today, role, which):
    risk = risks[which]
    user = person(request, role)
    client.force_login(user)
    page = client.get(new_url(risk))
    response = client.post(new_url(risk), posted(user, today))

    if role in EDITS[which]:
        assert (page.status_code, response.status_code) == (200, 302)
        added = risk.actions.get()
        assert added.description == "Recruit ten more foster carers"
        assert added.history.get().history_user == user
    else:
        assert (page.status_code, response.status_code) == (403, 403)
        assert "You cannot change this risk" in page.text
        assert not risk.actions.exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_edit_and_complete_an_action(request, client, action, today, role):
    user = person(request, role)
    client.force_login(user)
    page = client.get(edit_url(action))
    seen = last_change(action.pk)
    edited = client.post(edit_url(action), posted(user, today, seen=seen, description="Changed"))
    done = client.post(done_url(action))

    action.refresh_from_db()
    if role in EDITS["outcome"]:
        assert (page.status_code, edited.status_code, done.status_code) == (200, 302, 302)
        assert (action.description, action.status) == ("Changed", RiskAction.Status.DONE)
        assert [h.history_user for h in action.history.all()[:2]] == [user, user]
    else:
        assert (page.status_code, edited.status_code, done.status_code) == (403, 403, 403)
        assert (action.description, action.status) == ("Open a new school", "not_started")


def test_unknown_risks_and_actions_are_not_found(client, officer, nobody, action, target_risk):
    client.force_login(officer)
    assert client.get("/risks/999999/actions/new/").status_code == 404
    assert client.get(f"/risks/{action.risk_id}/actions/999999/edit/").status_code == 404
    # An action is found only under its own risk.
    assert client.get(f"/risks/{target_risk.pk}/actions/{action.pk}/edit/").status_code == 404
    assert client.post(f"/risks/{target_risk.pk}/actions/{action.pk}/done/").status_code == 404
    client.force_login(nobody)
    assert client.get(edit_url(action)).status_code == 404
    assert client.post(done_url(action)).status_code == 404


def test_mark_as_done_is_a_post_only(client, officer, action):
    client.force_login(officer)
    assert client.get(done_url(action)).status_code == 405
    action.refresh_from_db()
    assert action.status == RiskAction.Status.NOT_STARTED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"description": ""}, "description", "Describe the action"),
        ({"owner": ""}, "owner", "Choose who owns the action"),
        ({"owner": "999999"}, "owner", "Choose who owns the action from the list"),
        ({"due_date": ""}, "due_date", "Enter the due date"),
        ({"due_date": "32/1/2027"}, "due_date", "as a real date"),
        ({"status": "lost"}, "status", "Choose the action's status"),
    ],
)
def test_bad_input_is_refused_with_what_was_typed_kept(
    client, officer, outcome_risk, today, changes, field, message
):
    client.force_login(officer)
    data = posted(officer, today, **changes)
    if field != "description":
        data["description"] = "Typed and kept"
    response = client.post(new_url(outcome_risk), data)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert 'id="error-summary"' in response.text
    if field != "description":
        assert "Typed and kept" in response.text
    assert not RiskAction.objects.exists()


def test_only_active_people_of_the_partnership_can_own_an_action(client, officer, outcome_risk):
    f.UserFactory(username="left", is_active=False)
    get_user_model().objects.create_user(username="service_account")  # no profile
    client.force_login(officer)
    owners = client.get(new_url(outcome_risk)).context["form"].fields["owner"].queryset

    assert officer in owners
    assert not owners.filter(username__in=["left", "service_account"]).exists()


def test_a_stale_action_edit_is_refused_with_what_was_typed_kept(
    client, officer, lead, lead_role, action, today
):
    client.force_login(lead)
    seen = client.get(edit_url(action)).context["form"]["seen"].value()
    client.force_login(officer)
    client.post(done_url(action))
    client.force_login(lead)
    response = client.post(
        edit_url(action), posted(lead, today, seen=seen, description="My rewording")
    )

    assert response.status_code == 200
    assert "Someone else changed this action" in response.text
    assert "My rewording" in response.text
    assert response.context["form"]["seen"].value() == str(last_change(action.pk))
    action.refresh_from_db()
    assert (action.description, action.status) == ("Open a new school", "done")


def test_the_risk_page_offers_edit_and_done_and_marks_overdue_in_words(
    client, officer, scrutiny, action, today
):
    RiskAction.objects.filter(pk=action.pk).update(due_date=today - timedelta(days=2))
    client.force_login(officer)
    text = client.get(f"/risks/{action.risk_id}/").text

    assert edit_url(action) in text
    assert done_url(action) in text
    assert 'id="add-action"' in text
    assert "Overdue</strong>" in text
    client.force_login(scrutiny)
    text = client.get(f"/risks/{action.risk_id}/").text
    assert edit_url(action) not in text
    assert done_url(action) not in text
