"""Approving a quarterly return approves its indicators' values by sub-area for the quarter
with the partnership area's; reopening it takes both back. A sub-area value of another
outcome's indicator, or of another quarter, is left as it is."""

from decimal import Decimal

import pytest

from indicators.models import IndicatorValue
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.returns import services
from tests import factories as f

State = QuarterlyReturn.State


@pytest.fixture
def world(outcome, other_outcome, lead_role):
    area = f.PartnershipAreaFactory()
    north = f.SubAreaFactory(parent=area)
    q2 = f.period("2025-26-Q2")
    ours = f.IndicatorFactory(primary_outcome=outcome)
    theirs = f.IndicatorFactory(primary_outcome=other_outcome)
    for place in (area, north):
        f.IndicatorValueFactory(indicator=ours, area=place, period=q2, is_approved=False)
    f.IndicatorValueFactory(indicator=theirs, area=north, period=q2, is_approved=False)
    f.IndicatorValueFactory(
        indicator=ours, area=north, period=f.period("2025-26-Q1"), is_approved=False,
        value=Decimal("3"),
    )  # fmt: skip
    the_round = f.ReturnRoundFactory(period=q2, state=ReturnRound.State.OPEN)
    qr = f.QuarterlyReturnFactory(round=the_round, outcome=outcome, state=State.SUBMITTED)
    return {"qr": qr, "area": area, "north": north, "ours": ours}


def approved() -> set[tuple[str, str, str]]:
    return {
        (v.indicator.code, v.area.code, v.period.code)
        for v in IndicatorValue.objects.filter(is_approved=True)
    }


def test_approving_and_reopening_a_return_carries_its_sub_areas_values(world, officer):
    qr, ours = world["qr"], world["ours"].code
    qr = services.return_approve(quarterly_return=qr, version=qr.version, actor=officer)
    assert approved() == {
        (ours, world["area"].code, "2025-26-Q2"),
        (ours, world["north"].code, "2025-26-Q2"),
    }
    value = IndicatorValue.objects.get(area=world["north"], period__code="2025-26-Q2",
                                       indicator=world["ours"])  # fmt: skip
    assert value.history.latest().history_user == officer
    services.return_reopen(quarterly_return=qr, version=qr.version, reason="A typo", actor=officer)
    assert approved() == set()
