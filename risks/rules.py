"""Rules for scoring risks and for moving them up and down the partnership's levels.

A risk is held at a level - a target, an outcome, a block (partnership board), or the
partnership as a whole (the Public Service Board) - and is proposed for escalation
when its score reaches the threshold of that level. Nothing here touches Django, the
database, settings or the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

_MIN_RATING, _MAX_RATING = 1, 5
_MIN_SCORE, _MAX_SCORE = _MIN_RATING * _MIN_RATING, _MAX_RATING * _MAX_RATING


class RiskLevel(StrEnum):
    """Where a risk is held, from the bottom up.

    Compare levels with ``rank``: ``<`` on the members compares their text.
    """

    TARGET = "target"
    OUTCOME = "outcome"
    BLOCK = "block"
    PARTNERSHIP = "partnership"  # the Public Service Board

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]

    @property
    def rank(self) -> int:
        """0 at the bottom (target) to 3 at the top (Public Service Board)."""
        return LEVELS_UPWARD.index(self)


LEVELS_UPWARD: tuple[RiskLevel, ...] = tuple(RiskLevel)

_LEVEL_LABELS = {
    RiskLevel.TARGET: "Target",
    RiskLevel.OUTCOME: "Outcome",
    RiskLevel.BLOCK: "Block (partnership board)",
    RiskLevel.PARTNERSHIP: "Partnership (Public Service Board)",
}


def next_level_up(level: RiskLevel) -> RiskLevel | None:
    """The level above ``level``; None at the Public Service Board."""
    rank = level.rank
    return LEVELS_UPWARD[rank + 1] if rank + 1 < len(LEVELS_UPWARD) else None


def next_level_down(level: RiskLevel) -> RiskLevel | None:
    """The level below ``level``; None at the target level."""
    rank = level.rank
    return LEVELS_UPWARD[rank - 1] if rank > 0 else None


def _check_rating(value: int, name: str) -> None:
    # bool is an int in Python, but True is not a likelihood.
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not _MIN_RATING <= value <= _MAX_RATING
    ):
        raise ValueError(
            f"{name} must be a whole number from {_MIN_RATING} to {_MAX_RATING}, not {value!r}."
        )


def _check_score(score: int) -> None:
    if not _MIN_SCORE <= score <= _MAX_SCORE:
        raise ValueError(f"A risk score runs from {_MIN_SCORE} to {_MAX_SCORE}, not {score}.")


def risk_score(*, likelihood: int, impact: int) -> int:
    """Rule: "A risk's score is its likelihood times its impact, each rated 1 to 5."

    A rating outside 1 to 5, or not a whole number, raises ValueError.
    """
    _check_rating(likelihood, "Likelihood")
    _check_rating(impact, "Impact")
    return likelihood * impact


class RiskBand(StrEnum):
    LOW = "low"  # 1 to 4
    MEDIUM = "medium"  # 5 to 9
    HIGH = "high"  # 10 to 14
    VERY_HIGH = "very_high"  # 15 to 25

    @property
    def label(self) -> str:
        return _BAND_LABELS[self]


_BAND_LABELS = {
    RiskBand.LOW: "Low",
    RiskBand.MEDIUM: "Medium",
    RiskBand.HIGH: "High",
    RiskBand.VERY_HIGH: "Very high",
}


def risk_band(score: int) -> RiskBand:
    """Rule: "A score of 1 to 4 is low, 5 to 9 medium, 10 to 14 high and 15 to 25 very
    high." A score outside 1 to 25 raises ValueError."""
    _check_score(score)
    if score <= 4:
        return RiskBand.LOW
    if score <= 9:
        return RiskBand.MEDIUM
    if score <= 14:
        return RiskBand.HIGH
    return RiskBand.VERY_HIGH


@dataclass(frozen=True)
class EscalationThresholds:
    """The score at which a risk held at each level is proposed for the level above.

    Each must be a score (1 to 25) and they must not fall going up: otherwise a risk
    could be escalated to a level it immediately qualifies to leave.
    """

    to_outcome: int = 12
    to_board: int = 15
    to_psb: int = 20

    def __post_init__(self) -> None:
        for threshold in (self.to_outcome, self.to_board, self.to_psb):
            _check_score(threshold)
        if not self.to_outcome <= self.to_board <= self.to_psb:
            raise ValueError(
                "Escalation thresholds must not fall going up: to outcome "
                f"{self.to_outcome}, to board {self.to_board}, to PSB {self.to_psb}."
            )

    def threshold_from(self, level: RiskLevel) -> int | None:
        """The score at which a risk held at ``level`` is proposed for the next level up;
        None at the Public Service Board, which has no level above it."""
        return self._leaving().get(level)

    def _leaving(self) -> dict[RiskLevel, int]:
        # Every level but the top, with the score that sends a risk up from it.
        return {
            RiskLevel.TARGET: self.to_outcome,
            RiskLevel.OUTCOME: self.to_board,
            RiskLevel.BLOCK: self.to_psb,
        }


DEFAULT_THRESHOLDS = EscalationThresholds()


def escalation_proposal(
    *,
    level: RiskLevel,
    score: int,
    thresholds: EscalationThresholds = DEFAULT_THRESHOLDS,
) -> RiskLevel | None:
    """The level a risk should be proposed for, if it should move up.

    Rule: "A risk whose current score reaches the threshold of its level is proposed for
    escalation to the next level up, to the PSB at the top." Reaching means equal to or
    above. A risk moves one level at a time, however high its score: each level decides
    in turn whether to pass it on.

    None when the score is below the threshold, or the risk is already with the Public
    Service Board. A score outside 1 to 25 raises ValueError.
    """
    _check_score(score)
    threshold = thresholds.threshold_from(level)
    if threshold is None or score < threshold:
        return None
    return next_level_up(level)


def de_escalation_proposal(
    *,
    level: RiskLevel,
    score: int,
    home_level: RiskLevel,
    thresholds: EscalationThresholds = DEFAULT_THRESHOLDS,
) -> RiskLevel | None:
    """The level a risk should be proposed to return to, if it should move down.

    Rule: "A risk that was escalated above its home level, and whose score has fallen
    below the threshold that took it to its current level, is proposed to go one level
    down - never below its home level."

    None when the risk is at (or below) its home level, or its score still reaches the
    threshold that took it up. A score outside 1 to 25 raises ValueError.
    """
    _check_score(score)
    if level.rank <= home_level.rank:
        return None
    # Above its home level, a risk always has a level below it to return to.
    below = LEVELS_UPWARD[level.rank - 1]
    return below if score < thresholds._leaving()[below] else None


def next_review_due(*, reviewed_on: date, interval_days: int) -> date:
    """Rule: "A risk is next reviewed the review interval of its level after its last
    review." An interval of less than a day raises ValueError: the next review must come
    after this one."""
    if interval_days < 1:
        raise ValueError(f"A review interval is at least one day, not {interval_days}.")
    return reviewed_on + timedelta(days=interval_days)
