"""Proposals at every step of the escalation route, and the people who may (or may not)
decide each, for the tests of deciding and of "Risks proposed to us".

Import the fixtures into a test module with ``from tests.risks.escalation_setup import *``.
"""

import pytest

from partnership.models import Role
from risks.models import Risk
from risks.rules import RiskLevel
from risks.services.escalation import refresh_proposal
from tests import factories as f

# Who decides each proposal: the receiving level up, the holding level down, and the
# performance team always; never the owner as owner, scrutiny or other boards.
DECIDERS = {
    "up_to_outcome": {"officer", "lead"},
    "up_to_block": {"officer", "board"},
    "up_to_psb": {"officer", "psb"},
    "down_from_block": {"officer", "board"},
    "down_from_psb": {"officer", "psb"},
}
PEOPLE = ["officer", "owner", "lead", "board", "other_board", "psb", "scrutiny", "nobody"]


@pytest.fixture
def people(officer, colleague, lead, lead_role, board, other_block, psb, scrutiny, nobody):
    other_board = f.UserFactory(username="other_board")
    f.assign(other_board, Role.BOARD_MEMBER, block=other_block)
    return {
        "officer": officer,
        "owner": colleague,  # owns every risk here; an indicator lead elsewhere
        "lead": lead,
        "board": board,
        "other_board": other_board,
        "psb": psb,
        "scrutiny": scrutiny,
        "nobody": nobody,
    }


def at(risk: Risk, level: str) -> Risk:
    """The risk moved to ``level`` earlier (its home stays where it was raised)."""
    risk.level = level
    risk.save()
    return risk


@pytest.fixture
def proposals(db, outcome, block, colleague):
    """One pending proposal of each kind, all in ``block`` (the lead's outcome's)."""
    target = f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=outcome))
    on_outcome = {"outcome": outcome, "owner": colleague}
    risks = {
        # 4 x 3 = 12 reaches the target's threshold (12) to the outcome
        "up_to_outcome": f.RiskFactory(
            level=RiskLevel.TARGET,
            outcome=None,
            target=target,
            owner=colleague,
            current_likelihood=4,
            current_impact=3,
        ),
        # 4 x 4 = 16 reaches the outcome's threshold (15) to the board
        "up_to_block": f.RiskFactory(**on_outcome, current_likelihood=4, current_impact=4),
        # 5 x 4 = 20 reaches the block's threshold (20) to the PSB
        "up_to_psb": f.RiskFactory(
            level=RiskLevel.BLOCK,
            outcome=None,
            block=block,
            owner=colleague,
            current_likelihood=5,
            current_impact=4,
        ),
        # escalated to the board earlier, now 3 x 3 = 9, below 15: back to the outcome
        "down_from_block": at(f.RiskFactory(**on_outcome), RiskLevel.BLOCK),
        # escalated to the PSB earlier, now 2 x 2 = 4, below 20: back to the board
        "down_from_psb": at(
            f.RiskFactory(
                level=RiskLevel.BLOCK,
                outcome=None,
                block=block,
                owner=colleague,
                current_likelihood=2,
                current_impact=2,
            ),
            RiskLevel.PARTNERSHIP,
        ),
    }
    return {name: refresh_proposal(risk) for name, risk in risks.items()}
