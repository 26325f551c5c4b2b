"""Targets, milestones and actions: what the database refuses whatever the path, what
clean() says, and how each reads."""

from datetime import date
from decimal import Decimal

import factory
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from targets.models import Action, ActionUpdate, Milestone, Target
from tests import factories as f

# A factory for the model tests/factories.py does not cover; tests/test_admin.py uses it.


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    outcome = factory.SubFactory(f.OutcomeFactory)
    description = factory.Sequence(lambda n: f"Run school holiday activities, round {n}")
    lead_organisation = factory.SubFactory(f.OrganisationFactory)
    status = Action.Status.ON_TRACK


pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------
# Targets


def test_database_refuses_a_stretch_target_without_a_standard_target():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.TargetFactory(kind=Target.Kind.STRETCH, standard_target_value=None)


def test_database_refuses_turning_a_target_into_a_stretch_without_a_standard_target():
    target = f.TargetFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.filter(pk=target.pk).update(kind=Target.Kind.STRETCH)


def test_stretch_target_with_its_standard_target_is_accepted():
    target = f.TargetFactory(
        kind=Target.Kind.STRETCH, standard_target_value=Decimal(55), reward_grant=Decimal(90000)
    )

    assert target.is_stretch


def test_database_refuses_a_second_target_for_the_same_indicator_and_area():
    target = f.TargetFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.bulk_create(
            [
                Target(
                    indicator=target.indicator,
                    area=target.area,
                    baseline_value=Decimal(1),
                    baseline_period=target.baseline_period,
                    target_value=Decimal(2),
                    target_period=target.target_period,
                )
            ]
        )


@pytest.mark.parametrize("tolerance", [Decimal("-0.01"), Decimal("100.01")])
def test_database_refuses_a_tolerance_outside_0_to_100(tolerance):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.TargetFactory(tolerance_pct=tolerance)


@pytest.mark.parametrize(
    ("baseline", "target"),
    [("2025-26", "2025-26"), ("2025-26", "2024-25"), ("2025-26", "2025-26-Q4")],
)
def test_target_clean_refuses_a_target_period_not_after_the_baseline(baseline, target):
    obj = f.TargetFactory.build(
        indicator=f.IndicatorFactory(),
        area=f.PartnershipAreaFactory(),
        baseline_period=f.period(baseline),
        target_period=f.period(target),
    )

    with pytest.raises(ValidationError) as error:
        obj.clean()

    assert error.value.message_dict == {
        "target_period": ["The target period comes after the baseline."]
    }


def test_target_clean_accepts_a_target_period_after_the_baseline():
    f.TargetFactory.build(
        baseline_period=f.period("2024-25"), target_period=f.period("2025-26-Q1")
    ).clean()


def test_target_reads_as_indicator_kind_and_period():
    target = f.TargetFactory(
        indicator=f.IndicatorFactory(code="NI 116"),
        kind="stretch",
        standard_target_value=Decimal(55),
    )

    assert str(target) == "NI 116 stretch target 2026-27"


# ---------------------------------------------------------------------------------------
# Milestones


def test_database_refuses_two_milestones_for_one_period():
    milestone = f.MilestoneFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(target=milestone.target, period=milestone.period, value=1)


def test_milestone_reads_as_indicator_period_and_value():
    milestone = f.MilestoneFactory(
        target=f.TargetFactory(indicator=f.IndicatorFactory(code="L 07"))
    )

    assert str(milestone) == "L 07 2025-26: 50"


# ---------------------------------------------------------------------------------------
# Actions


def test_database_refuses_an_action_for_no_outcome():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(outcome=None)


def test_database_refuses_an_action_due_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(start_date=date(2025, 10, 1), due_date=date(2025, 9, 30))


def test_action_for_targets_of_its_outcome_is_accepted():
    target = f.TargetFactory()
    action = ActionFactory(outcome=target.indicator.primary_outcome)
    action.targets.add(target)

    assert target.actions.get() == action


def test_database_refuses_a_negative_amount_from_a_funding_stream():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(funding_amount=Decimal("-1"))


def test_database_refuses_two_updates_of_an_action_for_one_quarter():
    action = ActionFactory()
    ActionUpdate.objects.create(action=action, period=f.period("2025-26-Q2"), status="on_track")

    with pytest.raises(IntegrityError), transaction.atomic():
        ActionUpdate.objects.create(action=action, period=f.period("2025-26-Q2"), status="delayed")


def test_action_reads_as_the_start_of_its_description():
    action = ActionFactory.build(description="Open two more children's centres. " * 5)

    assert str(action) == action.description[:80]
    assert str(action).startswith("Open two more children's centres.")
