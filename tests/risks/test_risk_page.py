"""A risk's page (/risks/<id>/): what it hangs on, its scores, trend, actions,
escalations and history; 404 for an id that does not exist."""

from datetime import timedelta

import pytest

from partnership.people import display_name
from risks.models import Escalation, RiskAction
from risks.rules import RiskLevel
from tests import factories as f
from tests.risks.conftest import ROLES, person

pytestmark = pytest.mark.django_db


def url(risk) -> str:
    return f"/risks/{risk.pk}/"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_open_a_risk(request, client, target_risk, role):
    client.force_login(person(request, role))
    response = client.get(url(target_risk))

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Foster carers leave</h1>' in response.text


def test_someone_with_no_role_gets_not_found(client, nobody, target_risk):
    client.force_login(nobody)
    response = client.get(url(target_risk))

    assert response.status_code == 404
    assert "Foster carers leave" not in response.text


def test_anonymous_is_sent_to_sign_in(client, target_risk):
    response = client.get(url(target_risk))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_an_id_that_does_not_exist_is_not_found(client, officer):
    client.force_login(officer)
    response = client.get("/risks/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.text or "not found" in response.text.lower()


def test_a_target_risk_links_to_its_indicator_and_block(client, officer, target_risk, block):
    client.force_login(officer)
    response = client.get(url(target_risk))

    indicator = target_risk.target.indicator
    assert f'href="/indicators/{indicator.slug}/"' in response.text
    assert f'href="/blocks/{block.slug}/"' in response.text


def test_a_partnership_risk_hangs_on_the_partnership(client, officer, psb_risk):
    client.force_login(officer)
    page = client.get(url(psb_risk)).context["page"]
    assert page.hangs_on == "The partnership"
    assert page.links == ()


def test_scores_with_their_bands(client, officer, target_risk):
    client.force_login(officer)
    page = client.get(url(target_risk)).context["page"]
    assert page.scores == (
        ("Inherent", "5 x 5", "25 Very high"),
        ("Current", "5 x 4", "20 Very high"),
        ("Target", "", "8 Medium"),
    )


def test_overdue_review_and_actions_are_marked(client, officer, outcome_risk, today, lead):
    RiskAction.objects.create(
        risk=outcome_risk,
        description="Open a new school",
        owner=lead,
        due_date=today - timedelta(days=1),
    )
    RiskAction.objects.create(
        risk=outcome_risk,
        description="Survey places",
        due_date=today - timedelta(days=1),
        status=RiskAction.Status.DONE,
    )
    client.force_login(officer)
    response = client.get(url(outcome_risk))

    assert 'id="review-overdue"' in response.text
    overdue = {a.description: a.overdue for a in response.context["page"].actions}
    assert overdue == {"Open a new school": True, "Survey places": False}
    assert "Overdue</strong>" in response.text


def test_history_of_every_change(client, officer, lead, outcome_risk):
    outcome_risk._history_user = lead
    outcome_risk.current_likelihood = 4
    outcome_risk.save()
    outcome_risk.controls = "Weekly place planning"
    outcome_risk.save()
    client.force_login(officer)
    response = client.get(url(outcome_risk))
    page = response.context["page"]

    changes = [(c.who, c.changes) for c in page.changes]
    assert changes[0] == (display_name(lead), ("Controls: nothing to Weekly place planning",))
    assert changes[1] == (display_name(lead), ("Current likelihood: 3 to 4",))
    assert changes[-1][1] == ("Recorded",)


def test_history_names_owners_and_action_changes(client, officer, lead, outcome_risk):
    action = RiskAction.objects.create(risk=outcome_risk, description="Open a new school")
    action.status = RiskAction.Status.DONE
    action.save()
    outcome_risk.owner = officer
    outcome_risk.save()
    client.force_login(officer)
    lines = [
        line for c in client.get(url(outcome_risk)).context["page"].changes for line in c.changes
    ]

    assert f"Owner: {display_name(lead)} to {display_name(officer)}" in lines
    assert "Status: Not started to Done" in lines


def test_history_names_what_the_risk_moved_to(client, officer, outcome_risk, other_outcome):
    was = str(outcome_risk.outcome)
    outcome_risk.outcome = other_outcome
    outcome_risk.save()
    client.force_login(officer)
    (latest, *_) = client.get(url(outcome_risk)).context["page"].changes

    assert latest.changes == (f"Outcome: {was} to {other_outcome}",)


def test_escalations_are_listed(client, officer, psb, block_risk):
    Escalation.objects.create(
        risk=block_risk,
        from_level=RiskLevel.BLOCK,
        to_level=RiskLevel.PARTNERSHIP,
        reason="Cover cannot be found within the block",
        score=20,
        decided_by=psb,
    )
    client.force_login(officer)
    response = client.get(url(block_risk))

    assert "Cover cannot be found within the block" in response.text
    line = response.context["page"].escalations[0]
    assert (line.from_label, line.to_label, line.decided_by) == (
        "Block (partnership board)",
        "Partnership (Public Service Board)",
        display_name(psb),
    )


def test_query_count_does_not_grow_with_actions_escalations_or_changes(
    client, officer, outcome_risk, django_assert_max_num_queries
):
    client.force_login(officer)

    def grow(n):
        for i in range(n):
            RiskAction.objects.create(
                risk=outcome_risk, description=f"Action {i}", owner=f.UserFactory()
            )
            Escalation.objects.create(
                risk=outcome_risk, from_level="outcome", to_level="block", reason="r", score=15
            )
            outcome_risk.current_impact = 1 + i % 5
            outcome_risk.owner = f.UserFactory()
            outcome_risk.save()
            f.RiskReviewFactory(risk=outcome_risk, reviewer=f.UserFactory())

    grow(3)
    with django_assert_max_num_queries(14) as small:  # 13th: its reviews; 14th: its proposals
        client.get(url(outcome_risk))
    grow(27)
    with django_assert_max_num_queries(len(small)):
        response = client.get(url(outcome_risk))
    assert len(response.context["page"].actions) == 30
    assert len(response.context["page"].reviews) == 30
