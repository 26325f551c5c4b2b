"""Which quarter the dashboards show when none is asked for, and why: a pure rule.

The quarter people review is one whose figures are in: the latest whose round has
closed, or whose returns are all approved. The open quarter, where most targets have no
approved value yet, is one click away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RoundStatus:
    """A quarter's round of returns, as the rule needs it."""

    code: str
    state: str  # "scheduled", "open" or "closed"
    returns: int
    approved: int


@dataclass(frozen=True)
class DefaultQuarter:
    code: str
    why: str


CLOSED = "the latest quarter whose round has closed"
ALL_APPROVED = "the latest quarter whose returns are all approved"
NONE_IN = "no quarter's round has closed yet, so this is the latest quarter with a round"


def default_quarter(rounds: Sequence[RoundStatus]) -> DefaultQuarter | None:
    """The quarter to show, from the rounds latest first; None when there is no round.

    The latest quarter whose round has closed or whose returns are all approved (a round
    with no returns counts as neither); if there is none, the latest quarter with a round.
    """
    for status in rounds:
        if status.state == "closed":
            return DefaultQuarter(status.code, CLOSED)
        if status.returns and status.approved == status.returns:
            return DefaultQuarter(status.code, ALL_APPROVED)
    if rounds:
        return DefaultQuarter(rounds[0].code, NONE_IN)
    return None
