"""Writing values: one row per indicator, area and period, with history naming who wrote it."""

from decimal import Decimal

import pytest

from indicators.models import IndicatorValue
from indicators.services import value_clear, value_record, values_approve, values_unapprove
from partnership.errors import ApplicationError
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def area():
    return f.PartnershipAreaFactory()


@pytest.fixture
def quarter():
    return f.period("2025-26-Q2")


@pytest.fixture
def indicator(outcome):
    return f.IndicatorFactory(primary_outcome=outcome)


def record(indicator, area, quarter, actor, value="42.5", **extra):
    arguments = {
        "indicator": indicator,
        "area": area,
        "period": quarter,
        "value": Decimal(value),
        "numerator": None,
        "denominator": None,
        "status": "provisional",
        "note": "",
        "actor": actor,
    } | extra
    return value_record(**arguments)


def test_recording_a_value_creates_the_one_row_with_history_by_the_actor(
    indicator, area, quarter, lead
):
    row = record(indicator, area, quarter, lead, note="From the survey")
    assert IndicatorValue.objects.get() == row
    assert (row.value, row.note, row.entered_by, row.is_approved) == (
        Decimal("42.5"),
        "From the survey",
        lead,
        False,
    )
    assert row.history.get().history_user == lead


def test_recording_again_updates_the_same_row(indicator, area, quarter, lead, officer):
    first = record(indicator, area, quarter, lead)
    second = record(
        indicator,
        area,
        quarter,
        officer,
        value="40",
        numerator=Decimal(4),
        denominator=Decimal(10),
        status="final",
    )
    assert second.pk == first.pk
    row = IndicatorValue.objects.get()
    assert (row.value, row.numerator, row.denominator, row.status) == (
        Decimal(40),
        Decimal(4),
        Decimal(10),
        "final",
    )
    assert [h.history_user for h in row.history.order_by("history_date")] == [lead, officer]


def test_an_imported_value_can_be_recorded_approved(indicator, area, quarter, officer):
    assert record(indicator, area, quarter, officer, approved=True).is_approved


def test_recording_no_value_is_refused(indicator, area, quarter, lead):
    with pytest.raises(ApplicationError, match="Enter a value"):
        value_record(
            indicator=indicator,
            area=area,
            period=quarter,
            value=None,
            numerator=None,
            denominator=None,
            status="final",
            note="",
            actor=lead,
        )
    assert not IndicatorValue.objects.exists()


def test_recording_an_unknown_status_is_refused(indicator, area, quarter, lead):
    with pytest.raises(ApplicationError, match="not a value status"):
        record(indicator, area, quarter, lead, status="guessed")


def test_clearing_removes_an_unapproved_value_but_keeps_an_approved_one(
    indicator, area, quarter, lead
):
    record(indicator, area, quarter, lead)
    assert value_clear(indicator=indicator, area=area, period=quarter, actor=lead)
    assert not IndicatorValue.objects.exists()

    record(indicator, area, quarter, lead, approved=True)
    assert not value_clear(indicator=indicator, area=area, period=quarter, actor=lead)
    assert IndicatorValue.objects.get().value == Decimal("42.5")


def test_approving_flips_only_the_values_named_and_keeps_history(
    outcome, area, quarter, lead, officer
):
    first, second, other = (f.IndicatorFactory(primary_outcome=outcome) for _ in range(3))
    for indicator in (first, second, other):
        record(indicator, area, quarter, lead)
    earlier = record(first, area, f.period("2025-26-Q1"), lead)

    changed = values_approve(
        indicator_ids=[first.pk, second.pk], area=area, period=quarter, actor=officer
    )

    assert changed == 2
    approved = set(IndicatorValue.objects.filter(is_approved=True).values_list("pk", flat=True))
    assert approved == set(
        IndicatorValue.objects.filter(indicator__in=[first, second], period=quarter).values_list(
            "pk", flat=True
        )
    )
    earlier.refresh_from_db()
    assert not earlier.is_approved
    latest = IndicatorValue.objects.get(indicator=first, period=quarter).history.latest()
    assert (latest.is_approved, latest.history_user) == (True, officer)

    assert values_unapprove(indicator_ids=[first.pk], area=area, period=quarter) == 1
    assert list(
        IndicatorValue.objects.filter(is_approved=True).values_list("indicator", flat=True)
    ) == [second.pk]


def test_approving_the_partnership_areas_values_approves_its_sub_areas_too(
    outcome, area, quarter, lead, officer
):
    """Sub-area figures are the partnership's own: the return that approves the area's
    value for the quarter approves its sub-areas' (and reopening takes it back); a
    comparator's value, and another quarter's, are left as they are."""
    indicator = f.IndicatorFactory(primary_outcome=outcome)
    north, south = f.SubAreaFactory(parent=area), f.SubAreaFactory(parent=area)
    comparator = f.AreaFactory()
    for place in (area, north, south, comparator):
        record(indicator, place, quarter, lead)
    other_quarter = record(indicator, north, f.period("2025-26-Q1"), lead)

    assert values_approve(indicator_ids=[indicator.pk], area=area, period=quarter) == 3

    approved = {v.area for v in IndicatorValue.objects.filter(is_approved=True)}
    assert approved == {area, north, south}
    other_quarter.refresh_from_db()
    assert not other_quarter.is_approved
    assert values_unapprove(indicator_ids=[indicator.pk], area=area, period=quarter) == 3
    assert not IndicatorValue.objects.filter(is_approved=True).exists()


def test_approving_a_sub_areas_values_leaves_its_siblings(outcome, area, quarter, lead):
    indicator = f.IndicatorFactory(primary_outcome=outcome)
    north, south = f.SubAreaFactory(parent=area), f.SubAreaFactory(parent=area)
    for place in (area, north, south):
        record(indicator, place, quarter, lead)
    assert values_approve(indicator_ids=[indicator.pk], area=north, period=quarter) == 1
    assert {v.area for v in IndicatorValue.objects.filter(is_approved=True)} == {north}
