"""A small world for imports: the partnership's area, two comparators, a region, and
NI 116 (a percentage, quarterly) and L 01 (a number, annual, on Fingertips as 90630)."""

import pytest

from indicators.enums import Frequency, Unit
from partnership.models import Area
from tests import factories as f


@pytest.fixture
def world(db, outcome):
    home = f.PartnershipAreaFactory(name="Anycity")
    nearby = f.AreaFactory(code="E06000001", name="Hartlepool")
    other = f.AreaFactory(code="E06000002", name="Middlesbrough")
    region = f.AreaFactory(code="E12000001", name="North East", kind=Area.Kind.REGION)
    ni116 = f.IndicatorFactory(code="NI 116", primary_outcome=outcome, decimal_places=1)
    l01 = f.IndicatorFactory(
        code="L 01",
        unit=Unit.NUMBER,
        decimal_places=0,
        frequency=Frequency.ANNUAL,
        primary_outcome=outcome,
        fingertips_id=90630,
    )
    monthly = f.IndicatorFactory(code="L 02", frequency=Frequency.MONTHLY, primary_outcome=outcome)
    return {
        "home": home, "nearby": nearby, "other": other, "region": region,
        "ni116": ni116, "l01": l01, "monthly": monthly,
    }  # fmt: skip


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)
