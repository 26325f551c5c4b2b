"""Deciding an escalation proposal on the risk's page: who may (per role), bad input kept
with a clear message, a proposal no longer current refused, nothing half saved, each
move one level, history with who."""

# ruff: noqa: F811 - the fixtures imported from escalation_setup are used as arguments

import pytest

from risks.models import Escalation, EscalationProposal, Risk
from risks.rules import RiskLevel
from risks.services import escalation
from tests import factories as f
from tests.risks.escalation_setup import DECIDERS, PEOPLE, people, proposals  # noqa: F401

pytestmark = pytest.mark.django_db

Status = EscalationProposal.Status


def decide_url(proposal, risk=None) -> str:
    return f"/risks/{(risk or proposal.risk).pk}/proposals/{proposal.pk}/decide/"


def post(client, proposal, decision="confirm", reason="Cannot be handled at the outcome", **kw):
    return client.post(decide_url(proposal, **kw), {"decision": decision, "reason": reason})


def unchanged(proposal, level) -> None:
    """Nothing saved: the proposal pending, the risk where it was, no move recorded."""
    proposal.refresh_from_db()
    risk = Risk.objects.get(pk=proposal.risk_id)
    assert proposal.status == Status.PENDING
    assert (proposal.reason, proposal.decided_by, proposal.decided_at) == ("", None, None)
    assert risk.level == level
    assert not Escalation.objects.filter(risk=risk).exists()


@pytest.mark.parametrize("kind", sorted(DECIDERS))
@pytest.mark.parametrize("who", PEOPLE)
def test_who_may_confirm_each_proposal(client, people, proposals, who, kind):
    proposal = proposals[kind]
    before = proposal.risk.level
    client.force_login(people[who])
    response = post(client, proposal)
    if who in DECIDERS[kind]:
        assert response.status_code == 302
        proposal.refresh_from_db()
        assert (proposal.status, proposal.decided_by) == (Status.CONFIRMED, people[who])
        assert Risk.objects.get(pk=proposal.risk_id).level == proposal.to_level
    elif who == "nobody":  # may not see the register at all
        assert response.status_code == 404
        unchanged(proposal, before)
    else:
        assert response.status_code == 403
        assert "Only" in response.content.decode() or "Scrutiny" in response.content.decode()
        unchanged(proposal, before)


@pytest.mark.parametrize("who", PEOPLE)
def test_who_sees_the_decision_form_on_the_risk_s_page(client, people, proposals, who):
    proposal = proposals["up_to_psb"]
    client.force_login(people[who])
    response = client.get(f"/risks/{proposal.risk_id}/")
    if who == "nobody":
        assert response.status_code == 404
        return
    page = response.content.decode()
    assert (
        "Proposed for escalation to the Public Service Board because its score of 20 "
        "reached the threshold of 20." in page
    )
    assert ('id="decision-form"' in page) is (who in DECIDERS["up_to_psb"])


def test_a_de_escalation_is_explained_on_the_risk_s_page(client, people, proposals):
    client.force_login(people["board"])
    page = client.get(f"/risks/{proposals['down_from_block'].risk_id}/").content.decode()
    assert (
        "Proposed for de-escalation to the outcome because its score of 9 fell below the "
        "threshold of 15." in page
    )


def test_confirming_moves_one_level_records_the_move_and_who(client, people, proposals):
    proposal = proposals["up_to_block"]
    risk = proposal.risk
    client.force_login(people["board"])
    response = post(client, proposal, reason="  The board will hold it  ")
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.level, risk.version) == (RiskLevel.BLOCK, 2)
    move = Escalation.objects.get(risk=risk)
    assert (move.from_level, move.to_level, move.score, move.reason, move.decided_by) == (
        RiskLevel.OUTCOME,
        RiskLevel.BLOCK,
        16,
        "The board will hold it",
        people["board"],
    )
    proposal.refresh_from_db()
    assert proposal.decided_at is not None
    assert proposal.history.first().history_user == people["board"]
    assert risk.history.first().history_user == people["board"]
    assert move.history.first().history_user == people["board"]


def test_a_risk_never_jumps_each_level_decides_in_turn(client, people, outcome, colleague):
    risk = f.RiskFactory(outcome=outcome, owner=colleague, current_likelihood=5, current_impact=5)
    first = escalation.refresh_proposal(risk)
    client.force_login(people["board"])
    post(client, first)
    risk.refresh_from_db()
    assert risk.level == RiskLevel.BLOCK  # 25, but one level only
    second = risk.proposals.get(status=Status.PENDING)
    assert (second.from_level, second.to_level) == (RiskLevel.BLOCK, RiskLevel.PARTNERSHIP)
    assert post(client, second).status_code == 403  # the PSB decides this one
    client.force_login(people["psb"])
    assert post(client, second).status_code == 302
    risk.refresh_from_db()
    assert risk.level == RiskLevel.PARTNERSHIP
    assert Escalation.objects.filter(risk=risk).count() == 2


def test_declining_keeps_the_risk_where_it_is_and_the_decision(client, people, proposals):
    proposal = proposals["up_to_psb"]
    client.force_login(people["psb"])
    response = post(client, proposal, decision="decline", reason="The board can manage it")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason, proposal.decided_by) == (
        Status.DECLINED,
        "The board can manage it",
        people["psb"],
    )
    risk = Risk.objects.get(pk=proposal.risk_id)
    assert (risk.level, risk.version) == (RiskLevel.BLOCK, 1)
    assert not Escalation.objects.filter(risk=risk).exists()
    page = client.get(f"/risks/{risk.pk}/").content.decode()
    assert "Declined" in page
    assert "The board can manage it" in page
    assert 'id="decision-form"' not in page


def test_a_de_escalation_confirmed_hands_the_risk_back(client, people, proposals):
    proposal = proposals["down_from_psb"]
    client.force_login(people["psb"])
    post(client, proposal, reason="Back to the board")
    risk = Risk.objects.get(pk=proposal.risk_id)
    assert risk.level == RiskLevel.BLOCK
    assert not risk.proposals.filter(status=Status.PENDING).exists()  # home at the block


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "confirm", "reason": ""}, "Say why you confirm or decline the proposal"),
        ({"decision": "confirm", "reason": "   "}, "Say why you confirm or decline the proposal"),
        ({"decision": "maybe", "reason": "Because"}, "Choose whether to confirm or decline"),
        ({"reason": "Because"}, "Choose whether to confirm or decline"),
    ],
)
def test_bad_input_is_refused_with_what_was_typed_kept(client, people, proposals, data, message):
    proposal = proposals["up_to_block"]
    client.force_login(people["board"])
    response = client.post(decide_url(proposal), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    if data.get("decision") == "confirm":
        assert 'value="confirm" checked' in page
    if data.get("reason", "").strip():
        assert data["reason"] in page
    unchanged(proposal, RiskLevel.OUTCOME)


def test_a_withdrawn_proposal_is_refused_and_the_new_one_shown(client, people, proposals):
    proposal = proposals["up_to_block"]
    risk = proposal.risk
    risk.current_likelihood = 5
    risk.save()
    newer = escalation.refresh_proposal(risk)  # 20: the board saw 16
    client.force_login(people["board"])
    response = post(client, proposal, reason="Typed for 16")
    assert response.status_code == 409
    page = response.content.decode()
    assert "withdrawn because the risk" in page
    assert "Typed for 16" in page  # kept, against the new proposal
    assert f"/proposals/{newer.pk}/decide/" in page
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN
    assert Risk.objects.get(pk=risk.pk).level == RiskLevel.OUTCOME
    assert not Escalation.objects.filter(risk=risk).exists()


def test_a_proposal_already_decided_is_refused(client, people, proposals):
    proposal = proposals["up_to_block"]
    client.force_login(people["board"])
    post(client, proposal)
    client.force_login(people["officer"])
    response = post(client, proposal, decision="decline", reason="Too late")
    assert response.status_code == 409
    assert "already been confirmed" in response.content.decode()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (Status.CONFIRMED, people["board"])
    assert Escalation.objects.filter(risk=proposal.risk).count() == 1


def test_a_pending_proposal_at_another_score_is_refused(people, proposals):
    """Even if something changed the score without refreshing the proposal."""
    proposal = proposals["up_to_block"]
    Risk.objects.filter(pk=proposal.risk_id).update(current_impact=5)
    with pytest.raises(escalation.ProposalNotCurrent):
        escalation.decide_proposal(
            user=people["board"],
            risk_id=proposal.risk_id,
            proposal_id=proposal.pk,
            confirm=True,
            reason="Yes",
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.PENDING


def test_unknown_risk_unknown_proposal_or_another_risk_s_proposal_is_not_found(
    client, people, proposals
):
    client.force_login(people["officer"])
    proposal, other = proposals["up_to_block"], proposals["up_to_psb"]
    assert post(client, proposal, risk=f.RiskFactory.build(pk=999_999)).status_code == 404
    missing = EscalationProposal(pk=999_999, risk=proposal.risk)
    assert post(client, missing).status_code == 404
    assert post(client, other, risk=proposal.risk).status_code == 404
    unchanged(other, RiskLevel.BLOCK)


def test_the_decision_address_only_takes_a_post(client, people, proposals):
    client.force_login(people["board"])
    assert client.get(decide_url(proposals["up_to_block"])).status_code == 405


def test_the_service_refuses_someone_who_may_not_decide(people, proposals):
    proposal = proposals["up_to_block"]
    with pytest.raises(escalation.DecisionRefused):
        escalation.decide_proposal(
            user=people["psb"],
            risk_id=proposal.risk_id,
            proposal_id=proposal.pk,
            confirm=True,
            reason="Yes",
        )
    unchanged(proposal, RiskLevel.OUTCOME)


def test_the_risk_s_page_lists_every_proposal_in_a_table_with_a_caption(client, people, proposals):
    proposal = proposals["up_to_block"]
    client.force_login(people["board"])
    post(client, proposal, reason="The board will hold it")
    page = client.get(f"/risks/{proposal.risk_id}/").content.decode()
    table = page[page.index('id="proposals"') : page.index('id="history"')]
    assert "<caption" in table
    assert "Proposals made by the escalation rules and the decisions on them" in table
    assert "Confirmed" in table
    assert "The board will hold it" in table
    assert people["board"].get_full_name() in table


@pytest.mark.parametrize("many", [1, 12])
def test_the_risk_s_page_reads_its_proposals_in_constant_queries(
    client, people, outcome, many, django_assert_max_num_queries
):
    risk = f.RiskFactory(outcome=outcome)
    for _ in range(many):
        f.EscalationProposalFactory(
            risk=risk,
            score=9,
            status=Status.DECLINED,
            reason="No",
            decided_by=f.UserFactory(),
        )
    client.force_login(people["board"])
    # As the risk's page of test_risk_page.py, less the edit rights; one query is its reviews.
    with django_assert_max_num_queries(12):
        response = client.get(f"/risks/{risk.pk}/")
    assert response.content.decode().count('<td class="govuk-table__cell">Declined</td>') == many


def test_a_declined_move_is_not_proposed_again_until_the_score_changes(people, proposals):
    proposal = proposals["up_to_psb"]
    escalation.decide_proposal(
        user=people["psb"],
        risk_id=proposal.risk_id,
        proposal_id=proposal.pk,
        confirm=False,
        reason="The board can manage it",
    )
    proposal.refresh_from_db()
    assert proposal.history.first().history_user == people["psb"]
    risk = Risk.objects.get(pk=proposal.risk_id)
    risk.title = "Partners may withdraw funding"  # an edit at the same score
    assert escalation.refresh_proposal(risk) is None
    risk.current_likelihood, risk.current_impact = 5, 5  # 25: asked again
    assert escalation.refresh_proposal(risk).score == 25
