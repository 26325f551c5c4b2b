"""Two values for the API's tests: the council's draft (L 900) and the police's approved
value (NI 116)."""

from decimal import Decimal

import pytest

from indicators.enums import ValueStatus
from tests import factories as f


@pytest.fixture
def draft_value(outcome):
    """A value of the council's outcome still in its return: not yet approved."""
    indicator = f.IndicatorFactory(code="L 900", title="Draft figure", primary_outcome=outcome)
    return f.IndicatorValueFactory(
        indicator=indicator,
        value=Decimal("12.5"),
        status=ValueStatus.PROVISIONAL,
        is_approved=False,
        note="Still being checked",
    )


@pytest.fixture
def approved_value(other_outcome):
    """A value of the police outcome, approved and so published."""
    indicator = f.IndicatorFactory(
        code="NI 116", title="Child poverty", primary_outcome=other_outcome
    )
    return f.IndicatorValueFactory(indicator=indicator, value=Decimal("21.3"))


@pytest.fixture
def values(draft_value, approved_value):
    return {"draft": draft_value, "approved": approved_value}
