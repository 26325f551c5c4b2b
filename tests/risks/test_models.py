"""Risks, their actions and escalations: what the database refuses whatever the path, and
how each reads."""

import factory
import pytest
from django.db import IntegrityError, transaction

from risks.models import Escalation, Risk, RiskAction
from risks.rules import RiskLevel
from tests import factories as f

# Factories for the models tests/factories.py does not cover; tests/test_admin.py uses them.


class RiskActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskAction

    risk = factory.SubFactory(f.RiskFactory)
    description = factory.Sequence(lambda n: f"Recruit two more foster carers ({n})")
    status = RiskAction.Status.IN_PROGRESS


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    risk = factory.SubFactory(f.RiskFactory)
    from_level = RiskLevel.OUTCOME
    to_level = RiskLevel.BLOCK
    reason = "The current score has reached the board's threshold."
    score = 16


pytestmark = pytest.mark.django_db

SCORES = ["inherent_likelihood", "inherent_impact", "current_likelihood", "current_impact"]


@pytest.mark.parametrize("rating", [0, 6])
@pytest.mark.parametrize("field", SCORES)
def test_database_refuses_a_likelihood_or_impact_outside_1_to_5(field, rating):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.RiskFactory(**{field: rating})


@pytest.mark.parametrize("field", SCORES)
def test_database_refuses_a_rating_of_6_on_update(field):
    risk = f.RiskFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.filter(pk=risk.pk).update(**{field: 6})


@pytest.mark.parametrize("rating", [1, 5])
def test_ratings_of_1_and_5_are_accepted(rating):
    risk = f.RiskFactory(**dict.fromkeys(SCORES, rating))

    assert risk.current_score == rating * rating


@pytest.mark.parametrize("score", [0, 26])
def test_database_refuses_a_target_score_outside_1_to_25(score):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.RiskFactory(target_score=score)


def test_database_refuses_a_target_score_of_26_in_bulk():
    outcome = f.OutcomeFactory()
    risk = Risk(
        title="Loss of pooled funding",
        level=RiskLevel.OUTCOME,
        outcome=outcome,
        inherent_likelihood=3,
        inherent_impact=3,
        current_likelihood=2,
        current_impact=2,
        target_score=26,
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.bulk_create([risk])


@pytest.mark.parametrize(
    "objects",
    [
        ("target", "outcome"),
        ("target", "block"),
        ("outcome", "block"),
        ("target", "outcome", "block"),
    ],
    ids="+".join,
)
def test_database_refuses_a_risk_hanging_on_two_objects(objects):
    target = f.TargetFactory()
    outcome = target.indicator.primary_outcome
    hangs_on = {"target": target, "outcome": outcome, "block": outcome.block}

    with pytest.raises(IntegrityError), transaction.atomic():
        f.RiskFactory(**{"outcome": None, **{name: hangs_on[name] for name in objects}})


def test_partnership_risk_hangs_on_nothing():
    risk = f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None)

    assert (risk.target, risk.outcome, risk.block) == (None, None, None)


def test_database_refuses_an_escalation_without_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationFactory(reason="")


def test_database_refuses_an_escalation_to_the_same_level():
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationFactory(from_level=RiskLevel.BLOCK, to_level=RiskLevel.BLOCK)


def test_database_refuses_an_escalation_to_the_same_level_in_bulk():
    risk = f.RiskFactory()
    same = Escalation(risk=risk, from_level="outcome", to_level="outcome", reason="x", score=9)

    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.bulk_create([same])


def test_de_escalation_is_recorded_like_an_escalation():
    escalation = EscalationFactory(from_level=RiskLevel.BLOCK, to_level=RiskLevel.OUTCOME)

    assert escalation.pk


def test_each_risk_model_reads_in_the_users_words():
    risk = f.RiskFactory(title="Loss of pooled funding")
    action = RiskActionFactory(risk=risk, description="Agree a funding plan with partners.")
    escalation = EscalationFactory(risk=risk)

    assert str(risk) == "Loss of pooled funding"
    assert str(action) == "Agree a funding plan with partners."
    assert str(escalation) == "Loss of pooled funding: outcome to block"
