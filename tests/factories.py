"""factory_boy factories for every model people create; ``.build()`` where no database is needed."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from indicators.enums import Accumulation, Frequency, Polarity, Unit, ValueStatus
from indicators.models import Indicator, IndicatorValue
from partnership.models import (
    Area,
    Block,
    Organisation,
    Outcome,
    Period,
    Priority,
    Profile,
    Role,
    RoleAssignment,
)
from partnership.services import period_get_or_create
from reporting.models import QuarterlyReturn, ReturnRound
from risks.models import EscalationProposal, Risk, RiskReview
from risks.rules import RiskLevel
from targets.models import Milestone, Target

PASSWORD = "partnership"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("short_name",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    kind = Organisation.Kind.COUNCIL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@anycity.example")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def organisation(self, create, extracted, **kwargs):
        if create:
            Profile.objects.update_or_create(user=self, defaults={"organisation": extracted})


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    # Never E08000099, the partnership area's code below.
    code = factory.Sequence(lambda n: f"E07{n:06d}")
    name = factory.Sequence(lambda n: f"Area {n}")
    kind = Area.Kind.COMPARATOR


class PartnershipAreaFactory(AreaFactory):
    code = "E08000099"
    name = "Anycity"
    kind = Area.Kind.PARTNERSHIP


class SubAreaFactory(AreaFactory):
    """An area committee of the partnership area."""

    code = factory.Sequence(lambda n: f"SUB{n:04d}")
    name = factory.Sequence(lambda n: f"Area committee {n:02d}")
    kind = Area.Kind.SUB_AREA
    parent = factory.SubFactory(PartnershipAreaFactory)


def period(code: str) -> Period:
    """The stored period for a code, created if need be."""
    return period_get_or_create(code)


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Block {n}")
    slug = factory.Sequence(lambda n: f"block-{n}")


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    title = factory.Sequence(lambda n: f"Priority {n}")


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    block = factory.SubFactory(BlockFactory)
    code = factory.Sequence(lambda n: f"OC {n}")
    title = factory.Sequence(lambda n: f"Outcome {n}")
    lead_organisation = factory.SubFactory(OrganisationFactory)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"L {n:03d}")
    title = factory.Sequence(lambda n: f"Local indicator {n}")
    kind = Indicator.Kind.LOCAL
    unit = Unit.PERCENTAGE
    decimal_places = 1
    polarity = Polarity.HIGHER
    frequency = Frequency.QUARTERLY
    accumulation = Accumulation.SNAPSHOT
    primary_outcome = factory.SubFactory(OutcomeFactory)
    lead_organisation = factory.SelfAttribute("primary_outcome.lead_organisation")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    area = factory.SubFactory(PartnershipAreaFactory)
    period = factory.LazyFunction(lambda: period("2025-26-Q2"))
    value = Decimal("50")
    status = ValueStatus.FINAL
    is_approved = True


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    area = factory.SubFactory(PartnershipAreaFactory)
    kind = Target.Kind.STANDARD
    baseline_value = Decimal("40")
    baseline_period = factory.LazyFunction(lambda: period("2024-25"))
    target_value = Decimal("60")
    target_period = factory.LazyFunction(lambda: period("2026-27"))


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    target = factory.SubFactory(TargetFactory)
    period = factory.LazyFunction(lambda: period("2025-26"))
    value = Decimal("50")


class ReturnRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReturnRound
        django_get_or_create = ("period",)

    period = factory.LazyFunction(lambda: period("2025-26-Q2"))
    opens_on = date(2025, 10, 1)
    due_on = date(2025, 10, 22)
    closes_on = date(2025, 11, 5)
    state = ReturnRound.State.OPEN


class QuarterlyReturnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyReturn

    round = factory.SubFactory(ReturnRoundFactory)
    outcome = factory.SubFactory(OutcomeFactory)
    state = QuarterlyReturn.State.NOT_STARTED


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    title = factory.Sequence(lambda n: f"Risk {n}")
    level = RiskLevel.OUTCOME
    outcome = factory.SubFactory(OutcomeFactory)
    inherent_likelihood = 4
    inherent_impact = 4
    current_likelihood = 3
    current_impact = 3


class RiskReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskReview

    risk = factory.SubFactory(RiskFactory)
    reviewed_on = factory.LazyFunction(lambda: date.today() - timedelta(days=7))
    likelihood = 3
    impact = 3
    next_review_date = factory.LazyAttribute(lambda o: o.reviewed_on + timedelta(days=91))


class EscalationProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EscalationProposal

    risk = factory.SubFactory(RiskFactory, current_likelihood=4, current_impact=4)
    direction = EscalationProposal.Direction.UP
    from_level = RiskLevel.OUTCOME
    to_level = RiskLevel.BLOCK
    score = 16


def assign(user, role: str, **scope) -> RoleAssignment:
    """Give ``user`` a role, over the whole partnership or one scope (block=, outcome=...)."""
    assignment = RoleAssignment.objects.create(user=user, role=role, **scope)
    from partnership.access import forget_roles

    forget_roles(user)
    return assignment


__all__ = ["PASSWORD", "Role", "assign", "period"]
