"""The partnership models: what the database refuses whatever the path, what clean() says,
and how each reads as text."""

from datetime import date
from decimal import Decimal

import factory
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnership.models import (
    Area,
    FundingAmount,
    FundingStream,
    Organisation,
    Period,
    Role,
    RoleAssignment,
)
from tests import factories as f

# Factories for the models tests/factories.py does not cover; tests/test_admin.py uses them.


class FundingStreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingStream

    name = factory.Sequence(lambda n: f"Funding stream {n}")
    kind = FundingStream.Kind.POOLED
    block = factory.SubFactory(f.BlockFactory)
    outcome = None


class FundingAmountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingAmount

    stream = factory.SubFactory(FundingStreamFactory)
    year = factory.LazyFunction(lambda: f.period("2025-26"))
    amount = Decimal("125000.00")


pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------
# Periods


@pytest.mark.parametrize("code", ["2025/26", "2025-26-Q5", "2025-26-Q0", "25-26", "2025-26-q2"])
def test_database_refuses_a_badly_formed_period_code(code):
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(code=code, start_date=date(2025, 4, 1), end_date=date(2026, 3, 31))


def test_database_refuses_a_badly_formed_period_code_in_bulk():
    periods = [
        Period(code="2025-26", start_date=date(2025, 4, 1), end_date=date(2026, 3, 31)),
        Period(code="2025/26", start_date=date(2025, 4, 1), end_date=date(2026, 3, 31)),
    ]

    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.bulk_create(periods)

    assert not Period.objects.exists()


def test_database_refuses_a_period_starting_after_it_ends():
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(
            code="2025-26", start_date=date(2026, 3, 31), end_date=date(2025, 4, 1)
        )


def test_database_refuses_a_period_starting_the_day_it_ends():
    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(
            code="2025-26", start_date=date(2025, 4, 1), end_date=date(2025, 4, 1)
        )


def test_database_refuses_a_second_period_with_the_same_code():
    f.period("2025-26")

    with pytest.raises(IntegrityError), transaction.atomic():
        Period.objects.create(
            code="2025-26", start_date=date(2025, 4, 1), end_date=date(2026, 3, 31)
        )


def test_period_clean_refuses_years_that_do_not_follow_each_other():
    period = Period(code="2025-27", start_date=date(2025, 4, 1), end_date=date(2027, 3, 31))

    with pytest.raises(ValidationError) as error:
        period.clean()

    assert error.value.message_dict == {
        "code": ["'2025-27' is not a financial year: 2025 is followed by 26."]
    }


def test_period_clean_refuses_dates_that_do_not_match_the_code():
    period = Period(code="2025-26-Q2", start_date=date(2025, 4, 1), end_date=date(2025, 6, 30))

    with pytest.raises(ValidationError) as error:
        period.clean()

    assert error.value.messages == ["2025-26-Q2 runs from 2025-07-01 to 2025-09-30."]


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2025-26", date(2025, 4, 1), date(2026, 3, 31)),
        ("2025-26-Q2", date(2025, 7, 1), date(2025, 9, 30)),
        ("2025-26-Q4", date(2026, 1, 1), date(2026, 3, 31)),
    ],
)
def test_period_clean_accepts_a_year_or_quarter_with_its_dates(code, start, end):
    Period(code=code, start_date=start, end_date=end).full_clean()


def test_period_reads_as_its_code_and_knows_its_label():
    quarter = f.period("2025-26-Q2")

    assert str(quarter) == "2025-26-Q2"
    assert quarter.label == "Q2 2025-26"
    assert not quarter.is_year
    assert f.period("2025-26").is_year


# ---------------------------------------------------------------------------------------
# Areas


def test_database_refuses_a_second_partnership_area():
    f.PartnershipAreaFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(code="E08000100", name="Othercity", kind=Area.Kind.PARTNERSHIP)


def test_many_comparator_areas_are_allowed():
    Area.objects.bulk_create(
        [Area(code=f"E0600{n:04d}", name=f"Comparator {n}", kind="comparator") for n in range(3)]
    )

    assert Area.objects.count() == 3


def test_full_clean_reports_the_second_partnership_area_in_the_users_words():
    f.PartnershipAreaFactory()
    area = Area(code="E08000100", name="Othercity", kind=Area.Kind.PARTNERSHIP)

    with pytest.raises(ValidationError) as error:
        area.full_clean()

    assert "There is already a partnership area." in error.value.messages


# ---------------------------------------------------------------------------------------
# Role assignments


@pytest.mark.parametrize(
    "scopes",
    [
        ("block", "outcome"),
        ("outcome", "indicator"),
        ("indicator", "organisation"),
        ("block", "organisation"),
        ("block", "outcome", "indicator", "organisation"),
    ],
    ids="+".join,
)
def test_database_refuses_a_role_assignment_with_two_scopes(lead, scopes):
    indicator = f.IndicatorFactory()
    objects = {
        "block": indicator.primary_outcome.block,
        "outcome": indicator.primary_outcome,
        "indicator": indicator,
        "organisation": indicator.lead_organisation,
    }

    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=lead, role=Role.SCRUTINY, **{scope: objects[scope] for scope in scopes}
        )


def test_role_clean_refuses_a_board_member_scoped_to_an_outcome(lead, outcome):
    assignment = RoleAssignment(user=lead, role=Role.BOARD_MEMBER, outcome=outcome)

    with pytest.raises(ValidationError) as error:
        assignment.clean()

    assert error.value.messages == ["A partnership board member is scoped to: block."]


def test_role_clean_names_every_scope_a_role_may_have(lead, block):
    assignment = RoleAssignment(user=lead, role=Role.PERFORMANCE_OFFICER, block=block)

    with pytest.raises(ValidationError) as error:
        assignment.clean()

    assert error.value.messages == [
        "A performance officer is scoped to: organisation, whole partnership."
    ]


def test_role_clean_accepts_a_board_member_of_a_block(lead, block):
    RoleAssignment(user=lead, role=Role.BOARD_MEMBER, block=block).full_clean()


def test_role_assignment_reads_as_person_role_and_scope(lead, outcome):
    lead_role = f.assign(lead, Role.OUTCOME_LEAD, outcome=outcome)
    officer_role = f.assign(lead, Role.PERFORMANCE_OFFICER)

    assert str(lead_role) == f"lead — Outcome lead ({outcome.code} {outcome.title})"
    assert str(officer_role) == "lead — Performance officer (whole partnership)"


# ---------------------------------------------------------------------------------------
# Funding


def test_database_refuses_a_funding_stream_for_both_a_block_and_an_outcome(outcome):
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingStream.objects.create(
            name="Area Based Grant", kind="pooled", block=outcome.block, outcome=outcome
        )


def test_database_refuses_a_funding_stream_for_neither_a_block_nor_an_outcome():
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingStream.objects.create(name="Area Based Grant", kind="pooled")


def test_database_refuses_a_negative_funding_amount():
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingAmountFactory(amount=Decimal("-1"))


def test_database_refuses_two_amounts_for_one_stream_and_year():
    amount = FundingAmountFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        FundingAmount.objects.bulk_create(
            [FundingAmount(stream=amount.stream, year=amount.year, amount=Decimal(5))]
        )


def test_funding_amount_clean_refuses_a_quarter():
    amount = FundingAmountFactory.build(stream=FundingStreamFactory(), year=f.period("2025-26-Q2"))

    with pytest.raises(ValidationError) as error:
        amount.clean()

    assert error.value.message_dict == {
        "year": ["Funding is set per financial year, not per quarter."]
    }


def test_funding_amount_clean_accepts_a_financial_year():
    FundingAmountFactory.build(stream=FundingStreamFactory(), year=f.period("2025-26")).clean()


# ---------------------------------------------------------------------------------------
# How each model reads


def test_each_partnership_model_reads_in_the_users_words(lead, outcome):
    area = f.PartnershipAreaFactory()
    priority = f.PriorityFactory(title="Narrowing the gap")
    amount = FundingAmountFactory(
        stream=FundingStreamFactory(name="Area Based Grant"), amount=Decimal("1250000")
    )
    lead.first_name, lead.last_name = "Alex", "Lead"

    assert str(Organisation(name="Anycity Council", short_name="Council")) == "Anycity Council"
    assert str(area) == "Anycity (E08000099)"
    assert str(outcome.block) == "Children and Young People"
    assert str(priority) == "Narrowing the gap"
    assert str(outcome) == f"{outcome.code} {outcome.title}"
    assert str(amount.stream) == "Area Based Grant"
    assert str(amount) == "Area Based Grant 2025-26: £1,250,000.00"
    assert str(lead.profile) == "Alex Lead"


def test_profile_of_a_person_without_a_name_reads_as_the_username():
    user = f.UserFactory(username="jdoe", first_name="", last_name="")

    assert str(user.profile) == "jdoe"


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        ("board_member", {}),  # a board member sits on a block
        ("outcome_lead", {"block": "block"}),
        ("psb_member", {"block": "block"}),
        ("administrator", {"outcome": "outcome"}),
    ],
)
def test_database_refuses_a_role_with_a_scope_it_does_not_allow(
    request, lead, block, outcome, role, scope
):
    objects = {name: request.getfixturevalue(value) for name, value in scope.items()}
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=lead, role=role, **objects)


def test_database_accepts_each_role_with_a_scope_it_allows(lead, block, outcome, council):
    RoleAssignment.objects.create(user=lead, role="board_member", block=block)
    RoleAssignment.objects.create(user=lead, role="outcome_lead", outcome=outcome)
    RoleAssignment.objects.create(user=lead, role="performance_officer", organisation=council)
    RoleAssignment.objects.create(user=lead, role="performance_officer")
    RoleAssignment.objects.create(user=lead, role="scrutiny", block=block)
    assert RoleAssignment.objects.filter(user=lead).count() == 5


def test_a_period_is_stored_once_with_its_dates():
    from partnership.services import period_get_or_create

    first = period_get_or_create("2025-26-Q3")
    again = period_get_or_create(first.ref)
    assert first.pk == again.pk
    assert (first.start_date, first.end_date) == (date(2025, 10, 1), date(2025, 12, 31))
