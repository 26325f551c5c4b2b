"""Who decides an escalation proposal (``access.escalation_decision_refusal``): every
kind of proposal against every kind of person."""

# ruff: noqa: F811 - the fixtures imported from escalation_setup are used as arguments

import pytest

from partnership import access
from partnership.models import Role
from risks.rules import RiskLevel
from tests import factories as f
from tests.risks.escalation_setup import DECIDERS, PEOPLE, people, proposals  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", sorted(DECIDERS))
@pytest.mark.parametrize("who", PEOPLE)
def test_each_proposal_is_decided_by_its_level_and_the_performance_team(
    people, proposals, who, kind
):
    proposal = proposals[kind]
    refusal = access.escalation_decision_refusal(people[who], proposal)
    if who in DECIDERS[kind]:
        assert refusal is None
        assert access.can_decide_escalation(people[who], proposal)
    else:
        assert isinstance(refusal, str)
        assert refusal.startswith(("Only", "Scrutiny"))
        assert not access.can_decide_escalation(people[who], proposal)


@pytest.mark.parametrize("kind", ["up_to_outcome", "up_to_block", "up_to_psb"])
@pytest.mark.parametrize("who", PEOPLE)
def test_confirming_a_move_up_agrees_with_deciding_its_proposal(people, proposals, who, kind):
    proposal = proposals[kind]
    assert access.can_confirm_escalation(
        people[who], proposal.risk, to_level=proposal.to_level
    ) is access.can_decide_escalation(people[who], proposal)


def test_the_owner_as_owner_decides_nothing(people, proposals):
    owner = people["owner"]
    assert all(p.risk.owner == owner for p in proposals.values())
    for proposal in proposals.values():
        assert access.escalation_decision_refusal(owner, proposal) is not None


def test_the_outcome_lead_by_role_decides_as_the_named_lead_does(proposals, other_outcome):
    someone = f.UserFactory(username="deputy")
    f.assign(
        someone,
        Role.OUTCOME_LEAD,
        outcome=proposals["up_to_outcome"].risk.target.indicator.primary_outcome,
    )
    assert access.escalation_decision_refusal(someone, proposals["up_to_outcome"]) is None
    elsewhere = f.UserFactory(username="elsewhere")
    f.assign(elsewhere, Role.OUTCOME_LEAD, outcome=other_outcome)
    assert "lead of the outcome" in access.escalation_decision_refusal(
        elsewhere, proposals["up_to_outcome"]
    )


def test_an_outcome_lead_does_not_decide_for_the_board_above_it(people, proposals):
    refusal = access.escalation_decision_refusal(people["lead"], proposals["up_to_block"])
    assert "board" in refusal


def test_an_administrator_decides_any(admin_user, proposals):
    assert all(
        access.escalation_decision_refusal(admin_user, p) is None for p in proposals.values()
    )


def test_scrutiny_is_told_it_reads_only(people, proposals):
    refusal = access.escalation_decision_refusal(people["scrutiny"], proposals["up_to_psb"])
    assert refusal.startswith("Scrutiny")


def test_a_board_member_of_the_risk_s_block_decides_a_target_risk_going_up_to_it(people, outcome):
    target = f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=outcome))
    risk = f.RiskFactory(level=RiskLevel.OUTCOME, outcome=None, target=target)
    proposal = f.EscalationProposalFactory(risk=risk, score=9)
    assert access.escalation_decision_refusal(people["board"], proposal) is None
    assert access.escalation_decision_refusal(people["other_board"], proposal) is not None
