"""The partnership's escalation thresholds, read from the settings, for the services that
propose moves and the pages that explain them."""

from __future__ import annotations

from django.conf import settings

from risks.rules import EscalationThresholds, RiskLevel


def thresholds() -> EscalationThresholds:
    """The partnership's escalation thresholds, from the settings."""
    return EscalationThresholds(
        to_outcome=settings.RISK_THRESHOLD_TO_OUTCOME,
        to_board=settings.RISK_THRESHOLD_TO_BOARD,
        to_psb=settings.RISK_THRESHOLD_TO_PSB,
    )


def threshold_of_move(*, direction: str, from_level: str, to_level: str) -> int | None:
    """The threshold a proposed move is about: the one its score reached (up, from the
    level it leaves) or fell below (down, the one that had taken it up from ``to_level``)."""
    level = from_level if direction == "up" else to_level
    return thresholds().threshold_from(RiskLevel(level))
