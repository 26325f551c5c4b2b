"""The escalation route's proposals: made when a score reaches its level's threshold,
kept while current, withdrawn when the score or level changes."""

import pytest

from risks.models import EscalationProposal, Risk
from risks.rules import RiskLevel
from risks.services.escalation import refresh_proposal
from tests import factories as f

pytestmark = pytest.mark.django_db

PENDING = EscalationProposal.Status.PENDING


def scored(risk: Risk, likelihood: int, impact: int) -> Risk:
    risk.current_likelihood, risk.current_impact = likelihood, impact
    risk.save()
    return risk


def test_a_new_risk_is_at_home_where_it_is_raised():
    risk = f.RiskFactory(level=RiskLevel.BLOCK, outcome=None)
    assert risk.home_level == RiskLevel.BLOCK


def test_below_the_threshold_nothing_is_proposed():
    risk = scored(f.RiskFactory(), 3, 4)  # 12, outcome's threshold to the board is 15
    assert refresh_proposal(risk) is None
    assert not EscalationProposal.objects.exists()


def test_reaching_the_threshold_proposes_one_level_up_at_that_score():
    risk = scored(f.RiskFactory(), 5, 5)  # 25: still only one level up, to the board
    proposal = refresh_proposal(risk)
    assert (proposal.direction, proposal.from_level, proposal.to_level, proposal.score) == (
        "up",
        RiskLevel.OUTCOME,
        RiskLevel.BLOCK,
        25,
    )
    assert refresh_proposal(risk) == proposal  # the same score keeps the same proposal
    assert EscalationProposal.objects.count() == 1


def test_a_changed_score_withdraws_the_proposal_and_makes_a_new_one():
    risk = scored(f.RiskFactory(), 4, 4)
    first = refresh_proposal(risk)
    second = refresh_proposal(scored(risk, 4, 5))
    first.refresh_from_db()
    assert first.status == EscalationProposal.Status.WITHDRAWN
    assert (second.status, second.score) == (PENDING, 20)


def test_a_score_falling_below_the_threshold_withdraws_the_proposal():
    risk = scored(f.RiskFactory(), 4, 4)
    proposal = refresh_proposal(risk)
    assert refresh_proposal(scored(risk, 2, 2)) is None
    proposal.refresh_from_db()
    assert proposal.status == EscalationProposal.Status.WITHDRAWN


def test_an_escalated_risk_whose_score_falls_is_proposed_back_down_to_its_home():
    risk = f.RiskFactory(level=RiskLevel.OUTCOME)
    risk.level = RiskLevel.BLOCK  # confirmed up earlier
    scored(risk, 2, 3)
    proposal = refresh_proposal(risk)
    assert (proposal.direction, proposal.to_level) == ("down", RiskLevel.OUTCOME)


def test_a_closed_risk_is_proposed_nowhere():
    risk = scored(f.RiskFactory(), 5, 5)
    refresh_proposal(risk)
    risk.status = Risk.Status.CLOSED
    assert refresh_proposal(risk) is None
    assert not EscalationProposal.objects.filter(status=PENDING).exists()


def test_editing_a_risk_past_its_threshold_proposes_it():
    from risks import services

    officer = f.UserFactory()
    f.assign(officer, f.Role.PERFORMANCE_OFFICER)
    risk = f.RiskFactory()
    services.edit_risk(
        user=officer,
        risk_id=risk.pk,
        version=risk.version,
        changes={"current_likelihood": 4, "current_impact": 4},
    )
    assert risk.proposals.get(status=PENDING).to_level == RiskLevel.BLOCK


def test_history_names_whose_change_made_and_withdrew_the_proposal():
    from risks import services

    officer, other = f.UserFactory(), f.UserFactory()
    f.assign(officer, f.Role.PERFORMANCE_OFFICER)
    f.assign(other, f.Role.PERFORMANCE_OFFICER)
    risk = f.RiskFactory()
    services.edit_risk(
        user=officer,
        risk_id=risk.pk,
        version=1,
        changes={"current_likelihood": 4, "current_impact": 4},
    )
    proposal = risk.proposals.get()
    services.edit_risk(
        user=other,
        risk_id=risk.pk,
        version=2,
        changes={"current_likelihood": 1, "current_impact": 1},
    )

    made, withdrawn = proposal.history.order_by("history_date")
    assert (made.status, made.history_user) == (PENDING, officer)
    assert (withdrawn.status, withdrawn.history_user) == ("withdrawn", other)
