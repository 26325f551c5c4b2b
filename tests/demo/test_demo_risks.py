"""The demo's risk register: risks at every level with a year of reviews, some overdue,
and a decision waiting for ``board`` and one for ``psb``, as the escalation route's rules
say; and the national benchmark's risks on top.

The demo is loaded once (as at 21 November 2026) for the class and rolled back after it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from demo.builders.benchmark_risks import TITLE
from demo.builders.risks import check_loaded_proposals, risk_story_problems
from demo.content.risks import RISKS
from partnership import access
from risks.models import Escalation, EscalationProposal, Risk, RiskReview
from risks.rules import RiskLevel
from risks.services.escalation import proposed_move

TODAY = date(2026, 11, 21)
DEMO_RISKS = {"title__in": [spec.title for spec in RISKS]}


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, today=TODAY.isoformat(), **options)
    return out.getvalue()


def user(username: str):
    return get_user_model().objects.get(username=username)


def pending(**lookup):
    return EscalationProposal.objects.filter(status=EscalationProposal.Status.PENDING, **lookup)


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestDemoRiskRegister:
    def test_summary_counts_reviews_and_decisions_awaited(self, demo):
        assert f"{RiskReview.objects.count():,} risk reviews" in demo
        assert "2 risks awaiting an escalation decision" in demo

    def test_risks_at_every_level_each_with_a_year_of_quarterly_reviews(self):
        risks = Risk.objects.filter(**DEMO_RISKS).prefetch_related("reviews")
        levels = Counter(risks.values_list("level", flat=True))
        assert set(levels) == set(RiskLevel)
        assert min(levels.values()) >= 4
        for risk in risks:
            days = [review.reviewed_on for review in risk.reviews.all()]
            assert len(days) >= 4, risk.title
            assert TODAY - timedelta(days=366) <= days[0] <= TODAY - timedelta(days=270)
            assert TODAY - days[-1] < timedelta(days=105), risk.title
            assert all(b - a >= timedelta(days=35) for a, b in zip(days, days[1:], strict=False))

    def test_current_position_and_review_date_come_from_the_latest_review(self):
        assert check_loaded_proposals(TODAY) == []
        moved = Risk.objects.filter(**DEMO_RISKS).exclude(current_likelihood=3, current_impact=3)
        assert moved.exists()  # not every risk sits at the same score

    def test_reviews_are_by_the_owner_or_a_lead_with_a_note(self):
        reviews = RiskReview.objects.filter(risk__in=Risk.objects.filter(**DEMO_RISKS))
        assert not reviews.filter(note="").exists()
        assert reviews.exclude(reviewer=F("risk__owner")).exists()  # a lead reviewed some
        assert reviews.filter(reviewer=F("risk__owner")).count() > reviews.count() // 2

    def test_some_reviews_are_overdue_at_more_than_one_level(self):
        overdue = Risk.objects.filter(**DEMO_RISKS, review_date__lt=TODAY)
        assert overdue.count() >= 3
        assert overdue.values("level").distinct().count() >= 3
        assert Risk.objects.filter(**DEMO_RISKS, review_date__gte=TODAY).count() > 10

    def test_the_performance_officer_owns_risks(self):
        owned = Risk.objects.filter(**DEMO_RISKS, owner__username="officer")
        assert owned.count() >= 3
        assert owned.filter(review_date__lt=TODAY).exists()

    def test_board_has_a_proposal_to_its_block_to_decide(self):
        board = user("board")
        proposal = pending(to_level=RiskLevel.BLOCK).select_related("risk__outcome").get()
        risk = proposal.risk
        assert (proposal.from_level, risk.level) == (RiskLevel.OUTCOME, RiskLevel.OUTCOME)
        assert proposal.score == risk.current_score >= 15
        assert risk.outcome.block_id in access.roles_of(board).board_block_ids
        assert access.can_confirm_escalation(board, risk, to_level=RiskLevel.BLOCK)
        assert not access.can_confirm_escalation(user("janet.mills"), risk, to_level="block")

    def test_psb_has_a_proposal_from_a_block_to_decide(self):
        proposal = pending(to_level=RiskLevel.PARTNERSHIP).select_related("risk").get()
        risk = proposal.risk
        assert (proposal.from_level, risk.level) == (RiskLevel.BLOCK, RiskLevel.BLOCK)
        assert proposal.score == risk.current_score >= 20
        assert access.can_confirm_escalation(user("psb"), risk, to_level=RiskLevel.PARTNERSHIP)

    def test_every_pending_proposal_is_what_the_rules_propose(self):
        for risk in Risk.objects.filter(**DEMO_RISKS).exclude(status=Risk.Status.CLOSED):
            wanted = proposed_move(risk)
            found = [(p.direction, p.to_level) for p in pending(risk=risk)]
            assert found == ([wanted] if wanted else []), risk.title

    def test_a_declined_proposal_keeps_its_reason_and_the_risk_where_it_was(self):
        declined = EscalationProposal.objects.filter(
            status=EscalationProposal.Status.DECLINED
        ).select_related("risk", "decided_by")
        assert declined.exists()
        for proposal in declined:
            assert proposal.reason
            assert proposal.decided_by
            assert proposal.decided_at
            assert proposal.risk.level == proposal.from_level
            assert proposal.proposed_at < proposal.decided_at

    def test_escalated_risks_have_their_home_level_and_a_confirmed_proposal_per_move(self):
        escalated = Risk.objects.filter(**DEMO_RISKS, escalations__isnull=False).distinct()
        assert escalated.exclude(home_level=F("level")).exists()
        for risk in escalated:
            moves = list(risk.escalations.order_by("decided_at"))
            assert moves[0].from_level == risk.home_level
            assert moves[-1].to_level == risk.level
            confirmed = risk.proposals.filter(status=EscalationProposal.Status.CONFIRMED)
            assert sorted((p.from_level, p.to_level, p.score) for p in confirmed) == sorted(
                (m.from_level, m.to_level, m.score) for m in moves
            )

    def test_history_tells_the_year_of_each_risk(self):
        risk = Risk.objects.get(title="Children's centres lose their funding")
        dates = [r.history_date.date() for r in risk.history.order_by("history_date")]
        assert dates[0] == TODAY - timedelta(days=400)
        assert len(dates) == 1 + risk.reviews.count()
        scores = [r.current_likelihood * r.current_impact for r in risk.history.all()]
        assert len(set(scores)) >= 3

    def test_loading_again_adds_no_risk_review_or_proposal(self):
        models = ("risks.Risk", "risks.RiskReview", "risks.EscalationProposal", "risks.Escalation")
        before = {m: apps.get_model(m).objects.count() for m in models}
        assert "already loaded" in load()
        assert {m: apps.get_model(m).objects.count() for m in models} == before

    def test_national_scale_adds_risks_with_reviews_and_proposals_once(self):
        small = {"scale": "national", "areas": 3, "indicators": 4, "quarters": 4}
        load(**small)
        national = Risk.objects.filter(title__startswith=TITLE.format(""))
        assert national.count() > 500
        assert set(national.values_list("level", flat=True)) == set(RiskLevel)
        assert RiskReview.objects.filter(risk__in=national).count() == 4 * national.count()
        assert national.filter(owner__username="officer").exists()
        assert national.filter(review_date__lt=TODAY).exists()
        for risk in national.filter(proposals__status="pending").distinct()[:50]:
            proposal = risk.proposals.get(status="pending")
            assert (proposal.direction, proposal.to_level) == proposed_move(risk)
        assert EscalationProposal.objects.filter(risk__in=national, status="declined").exists()
        before = national.count(), Escalation.objects.count(), RiskReview.objects.count()
        assert "already loaded" in load(**small)
        assert (national.count(), Escalation.objects.count(), RiskReview.objects.count()) == before


@pytest.mark.parametrize(
    ("title", "change"),
    [
        # The score reaches the board's threshold, but no proposal is awaiting a decision.
        ("Refuge places lost when the Supporting People contract ends", {"awaiting": None}),
        # A move the latest review does not justify.
        ("Children's centres lose their funding", {"level": "partnership"}),
        # A review after the decision that still reaches the threshold is never decided.
        ("Major employer closes its Anycity plant", {"declined": ()}),
    ],
)
def test_a_story_against_the_rules_is_caught(title, change):
    spec = next(s for s in RISKS if s.title == title)
    assert risk_story_problems(spec) == []
    assert risk_story_problems(dataclasses.replace(spec, **change)) != []
