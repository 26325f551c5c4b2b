"""Indicators and their values: what the database refuses whatever the path, what clean()
says, how each reads, and the indicator's address."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indicators.enums import Unit
from indicators.models import Indicator, IndicatorValue
from tests import factories as f

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------
# Indicators


def test_slug_is_made_from_the_code():
    indicator = f.IndicatorFactory(code="NI 116")

    assert Indicator.objects.get(pk=indicator.pk).slug == "ni-116"
    assert Indicator.objects.get(slug="ni-116") == indicator


def test_slug_follows_a_change_of_code():
    indicator = f.IndicatorFactory(code="L 07")
    Indicator.objects.filter(pk=indicator.pk).update(code="L 08")

    assert Indicator.objects.get(pk=indicator.pk).slug == "l-08"


def test_database_refuses_a_rate_indicator_without_rate_per():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.IndicatorFactory(unit=Unit.RATE, rate_per=None)


def test_rate_indicator_with_rate_per_is_accepted_and_reads_its_unit():
    indicator = f.IndicatorFactory(unit=Unit.RATE, rate_per=100000)

    assert indicator.unit_label == "rate per 100,000"


def test_database_refuses_more_than_six_decimal_places():
    indicator = f.IndicatorFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.filter(pk=indicator.pk).update(decimal_places=7)


def test_database_refuses_a_second_indicator_with_the_same_code():
    f.IndicatorFactory(code="NI 116")

    with pytest.raises(IntegrityError), transaction.atomic():
        f.IndicatorFactory(code="NI 116")


def test_indicator_reads_as_code_and_title():
    indicator = f.IndicatorFactory.build(code="NI 116", title="Proportion of children in poverty")

    assert str(indicator) == "NI 116 Proportion of children in poverty"


# ---------------------------------------------------------------------------------------
# Values: one per indicator, area and period


def test_database_refuses_a_second_value_for_the_same_indicator_area_and_period():
    value = f.IndicatorValueFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(
            indicator=value.indicator, area=value.area, period=value.period, value=Decimal(51)
        )


def test_database_refuses_a_second_value_for_the_same_indicator_area_and_period_in_bulk():
    value = f.IndicatorValueFactory()
    duplicate = IndicatorValue(
        indicator=value.indicator, area=value.area, period=value.period, value=Decimal(51)
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.bulk_create([duplicate])

    assert IndicatorValue.objects.get().value == Decimal(50)


def test_the_same_indicator_and_period_may_have_a_value_for_each_area():
    value = f.IndicatorValueFactory()
    comparator = f.AreaFactory()

    f.IndicatorValueFactory(indicator=value.indicator, area=comparator, period=value.period)

    assert value.indicator.values.count() == 2


def test_database_refuses_a_zero_denominator():
    with pytest.raises(IntegrityError), transaction.atomic():
        f.IndicatorValueFactory(numerator=Decimal(0), denominator=Decimal(0))


def test_database_refuses_a_zero_denominator_on_update():
    value = f.IndicatorValueFactory(numerator=Decimal(5), denominator=Decimal(10))

    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.filter(pk=value.pk).update(denominator=Decimal(0))


def test_value_clean_refuses_a_numerator_without_a_denominator():
    value = f.IndicatorValueFactory.build(
        indicator=f.IndicatorFactory(), numerator=Decimal(12), denominator=None
    )

    with pytest.raises(ValidationError) as error:
        value.clean()

    assert error.value.messages == ["Give both the numerator and the denominator, or neither."]


def test_value_clean_refuses_a_denominator_without_a_numerator():
    value = f.IndicatorValueFactory.build(
        indicator=f.IndicatorFactory(), numerator=None, denominator=Decimal(12)
    )

    with pytest.raises(ValidationError, match="Give both the numerator and the denominator"):
        value.clean()


def test_value_clean_refuses_a_yes_no_value_of_two():
    value = f.IndicatorValueFactory.build(
        indicator=f.IndicatorFactory(unit=Unit.YES_NO), value=Decimal(2)
    )

    with pytest.raises(ValidationError) as error:
        value.clean()

    assert error.value.message_dict == {"value": ["A yes/no indicator takes 1 (yes) or 0 (no)."]}


@pytest.mark.parametrize("answer", [Decimal(0), Decimal(1)])
def test_value_clean_accepts_yes_or_no(answer):
    value = f.IndicatorValueFactory.build(
        indicator=f.IndicatorFactory(unit=Unit.YES_NO), value=answer
    )

    value.clean()


def test_value_reads_as_indicator_area_period_and_value():
    value = f.IndicatorValueFactory(indicator=f.IndicatorFactory(code="NI 116"))

    text = str(value)

    assert text.startswith("NI 116 E08000099 2025-26-Q2: ")
    assert Decimal(text.rsplit(": ", 1)[1]) == Decimal(50)


@pytest.mark.parametrize(("numerator", "denominator"), [(Decimal(12), None), (None, Decimal(12))])
def test_database_refuses_a_numerator_or_denominator_alone(numerator, denominator):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.IndicatorValueFactory(numerator=numerator, denominator=denominator)
