"""Adding and editing a risk (/risks/new/, /risks/<id>/edit/): who may, bad input kept
with a clear message, a stale edit refused, history with who."""

import pytest

from risks.models import Risk
from risks.rules import RiskLevel
from tests import factories as f
from tests.risks.conftest import ROLES, person

pytestmark = pytest.mark.django_db

# Who may edit which risk (fixtures of tests/risks/conftest.py): the performance team
# every one; the outcome lead their outcome's risks and its targets'; the PSB its own.
EDITS = {
    "target": {"officer", "lead"},
    "outcome": {"officer", "lead"},
    "block": {"officer"},
    "psb": {"officer", "psb"},
}


def edit_url(risk) -> str:
    return f"/risks/{risk.pk}/edit/"


def posted(risk, **changes) -> dict:
    data = {
        "version": risk.version,
        "title": risk.title,
        "description": "",
        "cause": "",
        "consequence": "",
        "controls": "",
        "owner_organisation": "",
        "inherent_likelihood": risk.inherent_likelihood,
        "inherent_impact": risk.inherent_impact,
        "current_likelihood": risk.current_likelihood,
        "current_impact": risk.current_impact,
        "target_score": "",
        "status": risk.status,
        "review_date": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("which", sorted(EDITS))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_and_post_the_edit_form(request, client, risks, role, which):
    risk = risks[which]
    client.force_login(person(request, role))
    page = client.get(edit_url(risk))
    response = client.post(edit_url(risk), posted(risk, current_likelihood=1))

    risk.refresh_from_db()
    if role in EDITS[which]:
        assert page.status_code == 200
        assert response.status_code == 302
        assert risk.current_likelihood == 1
    else:
        assert page.status_code == 403
        assert response.status_code == 403
        assert "You cannot change this risk" in page.text
        assert risk.current_likelihood != 1


@pytest.mark.parametrize("role", ROLES)
def test_the_edit_link_shows_only_to_those_who_may(request, client, outcome_risk, role):
    client.force_login(person(request, role))
    response = client.get(f"/risks/{outcome_risk.pk}/")
    assert ('id="edit-risk"' in response.text) is (role in EDITS["outcome"])


def test_an_unknown_risk_or_no_role_is_not_found(client, officer, nobody, outcome_risk):
    client.force_login(officer)
    assert client.get("/risks/999999/edit/").status_code == 404
    assert client.post("/risks/999999/edit/", {}).status_code == 404
    client.force_login(nobody)
    assert client.get(edit_url(outcome_risk)).status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"current_likelihood": "6"}, "Choose the current likelihood, from 1 to 5"),
        ({"current_impact": "0"}, "Choose the current impact, from 1 to 5"),
        ({"inherent_impact": "x"}, "Choose the inherent impact, from 1 to 5"),
        ({"current_likelihood": ""}, "Choose the current likelihood, from 1 to 5"),
        ({"title": ""}, "Enter a title for the risk"),
        ({"target_score": "26"}, "Enter the target score as a whole number from 1 to 25"),
        ({"review_date": "31/2/2027"}, "Enter the review date as a real date"),
        ({"status": "nonsense"}, "Choose the risk&#x27;s status"),
        ({"version": "abc"}, "open the risk again"),
        ({"version": ""}, "open the risk again"),
    ],
)
def test_bad_input_is_refused_with_its_message_and_kept(
    client, lead, lead_role, outcome_risk, changes, message
):
    client.force_login(lead)
    data = posted(outcome_risk, cause="Typed and kept", **changes)
    response = client.post(edit_url(outcome_risk), data)

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert "Typed and kept" in response.text
    outcome_risk.refresh_from_db()
    assert outcome_risk.cause == ""
    assert outcome_risk.version == 1


def test_a_stale_edit_is_refused_and_what_was_typed_kept(
    client, lead, lead_role, officer, outcome_risk
):
    opened = posted(outcome_risk, current_impact=5, controls="Mine")
    client.force_login(officer)
    client.post(edit_url(outcome_risk), posted(outcome_risk, controls="The officer's"))
    client.force_login(lead)
    response = client.post(edit_url(outcome_risk), opened)

    assert response.status_code == 200
    assert "Someone else saved this risk since you opened it" in response.text
    assert "Mine" in response.text
    outcome_risk.refresh_from_db()
    assert outcome_risk.controls == "The officer's"
    assert outcome_risk.current_impact == 3
    assert f'name="version" value="{outcome_risk.version}"' in response.text


def test_an_edit_is_in_history_with_who(client, lead, lead_role, outcome_risk):
    client.force_login(lead)
    client.post(edit_url(outcome_risk), posted(outcome_risk, current_likelihood=5))
    record = outcome_risk.history.latest("history_id")
    assert record.history_user == lead
    assert record.current_likelihood == 5
    assert record.version == 2


def test_the_new_band_shows_on_the_risk_page(client, lead, lead_role, outcome_risk):
    client.force_login(lead)
    response = client.post(
        edit_url(outcome_risk),
        posted(outcome_risk, current_likelihood=5, current_impact=5),
        follow=True,
    )
    assert "Your changes to the risk have been saved." in response.text
    assert "25" in response.text
    assert "Very high" in response.text


def new_risk(**changes) -> dict:
    data = posted(
        Risk(
            title="Volunteers drift away",
            inherent_likelihood=4,
            inherent_impact=4,
            current_likelihood=3,
            current_impact=3,
        )
    )
    data.pop("version")
    data.update({"level": "outcome", "target": "", "outcome": "", "block": ""})
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_an_outcome_risk(request, client, outcome, role):
    client.force_login(person(request, role))
    page = client.get("/risks/new/")
    response = client.post("/risks/new/", new_risk(outcome=outcome.pk))

    added = Risk.objects.filter(title="Volunteers drift away").first()
    if role in {"officer", "lead"}:
        assert page.status_code == 200
        assert response.status_code == 302
        assert added.outcome == outcome
        assert added.owner.username == role
        assert added.history.get().history_user.username == role
    else:
        assert page.status_code in (200, 403)
        assert added is None


@pytest.mark.parametrize("role", ROLES)
def test_the_add_link_shows_only_to_those_who_may(request, client, role):
    client.force_login(person(request, role))
    response = client.get("/risks/")
    assert ('id="add-risk"' in response.text) is (role in {"officer", "lead", "board", "psb"})


def test_scrutiny_cannot_open_the_add_form(client, scrutiny):
    client.force_login(scrutiny)
    assert client.get("/risks/new/").status_code == 403
    assert client.post("/risks/new/", new_risk()).status_code == 403


def test_a_board_member_adds_only_at_their_block(client, board, block, other_block):
    client.force_login(board)
    refused = client.post("/risks/new/", new_risk(level="block", block=other_block.pk))
    assert refused.status_code == 200
    assert "Only the block&#x27;s board members" in refused.text
    assert "Volunteers drift away" in refused.text
    client.post("/risks/new/", new_risk(level="block", block=block.pk))
    assert Risk.objects.get(title="Volunteers drift away").level == RiskLevel.BLOCK


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"level": ""}, "Choose the level the risk is held at"),
        ({"level": "planet"}, "Choose the level the risk is held at"),
        ({"outcome": ""}, "Choose the outcome this outcome risk hangs on"),
        ({"outcome": "999999"}, "Choose an outcome from the list"),
        ({"current_impact": "9"}, "Choose the current impact, from 1 to 5"),
    ],
)
def test_a_bad_new_risk_is_refused(client, officer, outcome, changes, message):
    client.force_login(officer)
    data = new_risk(outcome=outcome.pk)
    data.update(changes)
    response = client.post("/risks/new/", data)
    assert response.status_code == 200
    assert message in response.text
    assert not Risk.objects.filter(title="Volunteers drift away").exists()


def test_a_new_risk_hangs_on_one_thing_only(client, officer, outcome, block):
    client.force_login(officer)
    response = client.post("/risks/new/", new_risk(outcome=outcome.pk, block=block.pk))
    assert "Leave the block empty: a risk at this level hangs on no block" in response.text
    assert not Risk.objects.exists()


@pytest.mark.parametrize("extra", [0, 5])
def test_the_forms_run_a_constant_number_of_queries(
    client, officer, outcome, outcome_risk, django_assert_max_num_queries, extra
):
    for _ in range(extra):
        f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=f.OutcomeFactory()))
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        assert client.get("/risks/new/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(edit_url(outcome_risk)).status_code == 200
