"""A round of returns for the start page: open now, with its due date relative to today."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn, ReturnRound
from risks.rules import RiskLevel
from tests import factories as f


@pytest.fixture
def today():
    """The date the start page view uses (the view reads the clock, the selector does not)."""
    return timezone.localdate()


@pytest.fixture
def open_round(db, today):
    """The round for the latest completed quarter, open, and past its due date by two days."""
    quarter = PeriodRef.latest_completed_quarter(today)
    return f.ReturnRoundFactory(
        period=f.period(quarter.code),
        opens_on=today - timedelta(days=20),
        due_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=10),
        state=ReturnRound.State.OPEN,
    )


@pytest.fixture
def lead_return(open_round, outcome):
    """The lead's return: not started, so late."""
    return f.QuarterlyReturnFactory(round=open_round, outcome=outcome)


@pytest.fixture
def other_return(open_round, other_outcome):
    """The police outcome's return: submitted, so not late."""
    return f.QuarterlyReturnFactory(
        round=open_round, outcome=other_outcome, state=QuarterlyReturn.State.SUBMITTED
    )


@pytest.fixture
def partnership_risk(db):
    return f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None)


@pytest.fixture
def add_outcomes(open_round, block, council, police):
    """Add ``n`` outcomes, each with an indicator and a return in the open round.

    States cycle through every state, outcomes alternate between the two partners and
    the two blocks, so that every section of the start page has rows to read.
    """
    states = list(QuarterlyReturn.State)
    other = f.BlockFactory(name="Healthier Communities", slug="healthier-communities")

    def add(n):
        for i in range(n):
            outcome = f.OutcomeFactory(
                block=block if i % 2 else other, lead_organisation=council if i % 2 else police
            )
            f.IndicatorFactory(primary_outcome=outcome)
            state = states[i % len(states)]
            f.QuarterlyReturnFactory(
                round=open_round,
                outcome=outcome,
                state=state,
                returned_reason="Check the figures." if state == "returned" else "",
            )
            f.RiskFactory(level=RiskLevel.PARTNERSHIP, outcome=None)

    return add
