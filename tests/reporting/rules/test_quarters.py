"""Which quarter the dashboards show by default."""

import pytest

from reporting.rules.quarters import (
    ALL_APPROVED,
    CLOSED,
    NONE_IN,
    DefaultQuarter,
    RoundStatus,
    default_quarter,
)

Q3 = "2026-27-Q3"
Q2 = "2026-27-Q2"
Q1 = "2026-27-Q1"


def status(code, state, returns=10, approved=0):
    return RoundStatus(code=code, state=state, returns=returns, approved=approved)


@pytest.mark.parametrize(
    ("rounds", "expected"),
    [
        ([], None),
        (
            [status(Q2, "open", approved=9), status(Q1, "closed", approved=10)],
            DefaultQuarter(Q1, CLOSED),
        ),
        (
            [status(Q2, "open", approved=10), status(Q1, "closed")],
            DefaultQuarter(Q2, ALL_APPROVED),
        ),
        (
            [status(Q3, "scheduled", returns=0), status(Q2, "closed")],
            DefaultQuarter(Q2, CLOSED),
        ),
        ([status(Q2, "open", returns=0, approved=0)], DefaultQuarter(Q2, NONE_IN)),
        (
            [status(Q2, "open", approved=3), status(Q1, "open", approved=1)],
            DefaultQuarter(Q2, NONE_IN),
        ),
        ([status(Q2, "closed", approved=0)], DefaultQuarter(Q2, CLOSED)),
    ],
    ids=[
        "no round: nothing to show",
        "the open quarter has most approved: the closed one before it",
        "every return of the open quarter approved: that quarter",
        "a scheduled round with no returns is passed over",
        "a round with no returns is not 'all approved'",
        "nothing closed or complete: the latest round",
        "a closed round counts whatever its approvals",
    ],
)
def test_default_quarter(rounds, expected):
    assert default_quarter(rounds) == expected
