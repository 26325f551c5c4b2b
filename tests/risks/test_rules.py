"""Risk scores, bands and escalation between levels, with no database."""

from __future__ import annotations

import re
from datetime import date

import pytest

from risks.rules import (
    DEFAULT_THRESHOLDS,
    LEVELS_UPWARD,
    EscalationThresholds,
    RiskBand,
    RiskLevel,
    de_escalation_proposal,
    escalation_proposal,
    next_level_down,
    next_level_up,
    next_review_due,
    risk_band,
    risk_score,
)

TARGET, OUTCOME = RiskLevel.TARGET, RiskLevel.OUTCOME
BLOCK, PSB = RiskLevel.BLOCK, RiskLevel.PARTNERSHIP


# ========================================================================= levels


def test_levels_run_upward_from_target_to_psb() -> None:
    assert LEVELS_UPWARD == (TARGET, OUTCOME, BLOCK, PSB)
    assert [level.rank for level in LEVELS_UPWARD] == [0, 1, 2, 3]


def test_level_values_are_stored_words() -> None:
    assert [level.value for level in RiskLevel] == ["target", "outcome", "block", "partnership"]


@pytest.mark.parametrize(
    ("level", "label"),
    [
        pytest.param(TARGET, "Target", id="target"),
        pytest.param(OUTCOME, "Outcome", id="outcome"),
        pytest.param(BLOCK, "Block (partnership board)", id="block"),
        pytest.param(PSB, "Partnership (Public Service Board)", id="partnership"),
    ],
)
def test_level_labels(level: RiskLevel, label: str) -> None:
    assert level.label == label


@pytest.mark.parametrize(
    ("level", "up", "down"),
    [
        pytest.param(TARGET, OUTCOME, None, id="target: nothing below"),
        pytest.param(OUTCOME, BLOCK, TARGET, id="outcome"),
        pytest.param(BLOCK, PSB, OUTCOME, id="block"),
        pytest.param(PSB, None, BLOCK, id="PSB: nothing above"),
    ],
)
def test_next_level_up_and_down(
    level: RiskLevel, up: RiskLevel | None, down: RiskLevel | None
) -> None:
    assert next_level_up(level) is up
    assert next_level_down(level) is down


# ========================================================================== score


@pytest.mark.parametrize("likelihood", range(1, 6))
@pytest.mark.parametrize("impact", range(1, 6))
def test_score_is_likelihood_times_impact(likelihood: int, impact: int) -> None:
    assert risk_score(likelihood=likelihood, impact=impact) == likelihood * impact


@pytest.mark.parametrize(
    ("likelihood", "impact", "expected"),
    [
        pytest.param(1, 1, 1, id="lowest score"),
        pytest.param(5, 5, 25, id="highest score"),
        pytest.param(1, 5, 5, id="rare but severe"),
        pytest.param(5, 1, 5, id="almost certain but minor"),
    ],
)
def test_score_bounds(likelihood: int, impact: int, expected: int) -> None:
    assert risk_score(likelihood=likelihood, impact=impact) == expected


RATING = "must be a whole number from 1 to 5, not"


@pytest.mark.parametrize(
    ("likelihood", "impact", "message"),
    [
        pytest.param(0, 3, f"Likelihood {RATING} 0", id="likelihood 0"),
        pytest.param(6, 3, f"Likelihood {RATING} 6", id="likelihood 6"),
        pytest.param(-1, 3, f"Likelihood {RATING} -1", id="likelihood negative"),
        pytest.param(3, 0, f"Impact {RATING} 0", id="impact 0"),
        pytest.param(3, 6, f"Impact {RATING} 6", id="impact 6"),
        pytest.param(3, -2, f"Impact {RATING} -2", id="impact negative"),
        pytest.param(0, 0, f"Likelihood {RATING} 0", id="both out of range: likelihood first"),
        pytest.param(2.5, 3, f"Likelihood {RATING} 2.5", id="likelihood not a whole number"),
        pytest.param("3", 3, f"Likelihood {RATING} '3'", id="likelihood given as text"),
        pytest.param(True, 3, f"Likelihood {RATING} True", id="likelihood given as yes/no"),
        pytest.param(3, None, f"Impact {RATING} None", id="impact missing"),
    ],
)
def test_score_rejects_ratings_outside_1_to_5(
    likelihood: object, impact: object, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        risk_score(likelihood=likelihood, impact=impact)  # type: ignore[arg-type]


# ========================================================================== bands


@pytest.mark.parametrize(
    ("score", "band"),
    [
        pytest.param(1, RiskBand.LOW, id="1 is low"),
        pytest.param(4, RiskBand.LOW, id="4 is the top of low"),
        pytest.param(5, RiskBand.MEDIUM, id="5 is the bottom of medium"),
        pytest.param(9, RiskBand.MEDIUM, id="9 is the top of medium"),
        pytest.param(10, RiskBand.HIGH, id="10 is the bottom of high"),
        pytest.param(14, RiskBand.HIGH, id="14 is the top of high"),
        pytest.param(15, RiskBand.VERY_HIGH, id="15 is the bottom of very high"),
        pytest.param(25, RiskBand.VERY_HIGH, id="25 is the top of very high"),
    ],
)
def test_risk_band(score: int, band: RiskBand) -> None:
    assert risk_band(score) is band


@pytest.mark.parametrize(
    "score",
    [pytest.param(0, id="0"), pytest.param(26, id="26"), pytest.param(-5, id="negative")],
)
def test_risk_band_rejects_scores_outside_1_to_25(score: int) -> None:
    with pytest.raises(ValueError, match=f"A risk score runs from 1 to 25, not {score}"):
        risk_band(score)


@pytest.mark.parametrize(
    ("band", "label"),
    [
        pytest.param(RiskBand.LOW, "Low", id="low"),
        pytest.param(RiskBand.MEDIUM, "Medium", id="medium"),
        pytest.param(RiskBand.HIGH, "High", id="high"),
        pytest.param(RiskBand.VERY_HIGH, "Very high", id="very high"),
    ],
)
def test_band_labels(band: RiskBand, label: str) -> None:
    assert band.label == label


def test_band_values_are_stored_words() -> None:
    assert [band.value for band in RiskBand] == ["low", "medium", "high", "very_high"]


# ===================================================================== thresholds


def test_default_thresholds() -> None:
    assert EscalationThresholds() == DEFAULT_THRESHOLDS
    assert (DEFAULT_THRESHOLDS.to_outcome, DEFAULT_THRESHOLDS.to_board) == (12, 15)
    assert DEFAULT_THRESHOLDS.to_psb == 20


@pytest.mark.parametrize(
    ("level", "threshold"),
    [
        pytest.param(TARGET, 12, id="target risk goes to outcome at 12"),
        pytest.param(OUTCOME, 15, id="outcome risk goes to board at 15"),
        pytest.param(BLOCK, 20, id="board risk goes to PSB at 20"),
        pytest.param(PSB, None, id="nothing above the PSB"),
    ],
)
def test_threshold_from(level: RiskLevel, threshold: int | None) -> None:
    assert DEFAULT_THRESHOLDS.threshold_from(level) == threshold


@pytest.mark.parametrize(
    ("to_outcome", "to_board", "to_psb", "message"),
    [
        pytest.param(0, 15, 20, "runs from 1 to 25, not 0", id="threshold of 0"),
        pytest.param(12, 15, 26, "runs from 1 to 25, not 26", id="threshold of 26"),
        pytest.param(16, 15, 20, "must not fall going up", id="board below outcome"),
        pytest.param(12, 21, 20, "must not fall going up", id="PSB below board"),
    ],
)
def test_thresholds_must_be_scores_that_do_not_fall(
    to_outcome: int, to_board: int, to_psb: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        EscalationThresholds(to_outcome=to_outcome, to_board=to_board, to_psb=to_psb)


def test_equal_thresholds_are_allowed() -> None:
    thresholds = EscalationThresholds(to_outcome=15, to_board=15, to_psb=15)
    assert thresholds.threshold_from(BLOCK) == 15


# ===================================================================== escalation


@pytest.mark.parametrize(
    ("level", "score", "proposed"),
    [
        pytest.param(TARGET, 11, None, id="target: just below 12 stays"),
        pytest.param(TARGET, 12, OUTCOME, id="target: at 12 goes to outcome"),
        pytest.param(TARGET, 16, OUTCOME, id="target: above 12 goes to outcome"),
        pytest.param(TARGET, 25, OUTCOME, id="target: even 25 goes one level only"),
        pytest.param(OUTCOME, 14, None, id="outcome: just below 15 stays"),
        pytest.param(OUTCOME, 15, BLOCK, id="outcome: at 15 goes to board"),
        pytest.param(OUTCOME, 12, None, id="outcome: at the target threshold stays"),
        pytest.param(BLOCK, 19, None, id="board: just below 20 stays"),
        pytest.param(BLOCK, 20, PSB, id="board: at 20 goes to PSB"),
        pytest.param(BLOCK, 25, PSB, id="board: 25 goes to PSB"),
        pytest.param(PSB, 25, None, id="PSB: nowhere higher to go"),
        pytest.param(PSB, 1, None, id="PSB: low score, nowhere to go"),
        pytest.param(TARGET, 1, None, id="target: lowest score stays"),
    ],
)
def test_escalation_proposal(level: RiskLevel, score: int, proposed: RiskLevel | None) -> None:
    assert escalation_proposal(level=level, score=score) is proposed


@pytest.mark.parametrize(
    ("level", "score", "proposed"),
    [
        pytest.param(TARGET, 7, None, id="custom: target just below 8"),
        pytest.param(TARGET, 8, OUTCOME, id="custom: target at 8"),
        pytest.param(OUTCOME, 9, None, id="custom: outcome just below 10"),
        pytest.param(OUTCOME, 10, BLOCK, id="custom: outcome at 10"),
        pytest.param(BLOCK, 15, None, id="custom: board just below 16"),
        pytest.param(BLOCK, 16, PSB, id="custom: board at 16"),
    ],
)
def test_escalation_proposal_with_custom_thresholds(
    level: RiskLevel, score: int, proposed: RiskLevel | None
) -> None:
    thresholds = EscalationThresholds(to_outcome=8, to_board=10, to_psb=16)
    assert escalation_proposal(level=level, score=score, thresholds=thresholds) is proposed


@pytest.mark.parametrize("score", [pytest.param(0, id="0"), pytest.param(26, id="26")])
def test_escalation_rejects_impossible_scores(score: int) -> None:
    with pytest.raises(ValueError, match="runs from 1 to 25"):
        escalation_proposal(level=TARGET, score=score)


# ================================================================== de-escalation


@pytest.mark.parametrize(
    ("level", "home", "score", "proposed"),
    [
        pytest.param(OUTCOME, TARGET, 11, TARGET, id="outcome to target: fell below 12"),
        pytest.param(OUTCOME, TARGET, 12, None, id="outcome: still at 12 stays"),
        pytest.param(BLOCK, TARGET, 14, OUTCOME, id="board to outcome: fell below 15"),
        pytest.param(BLOCK, TARGET, 15, None, id="board: still at 15 stays"),
        pytest.param(BLOCK, TARGET, 2, OUTCOME, id="board: very low score, one level at a time"),
        pytest.param(PSB, TARGET, 19, BLOCK, id="PSB to board: fell below 20"),
        pytest.param(PSB, TARGET, 20, None, id="PSB: still at 20 stays"),
        pytest.param(PSB, BLOCK, 1, BLOCK, id="PSB back to its home on the board"),
        pytest.param(BLOCK, OUTCOME, 14, OUTCOME, id="back to its outcome home"),
        pytest.param(OUTCOME, OUTCOME, 1, None, id="at home: never below home"),
        pytest.param(TARGET, TARGET, 1, None, id="at home at the bottom"),
        pytest.param(PSB, PSB, 1, None, id="PSB-owned risk stays with PSB"),
        pytest.param(OUTCOME, BLOCK, 1, None, id="below its home: not escalated"),
    ],
)
def test_de_escalation_proposal(
    level: RiskLevel, home: RiskLevel, score: int, proposed: RiskLevel | None
) -> None:
    assert de_escalation_proposal(level=level, score=score, home_level=home) is proposed


@pytest.mark.parametrize(
    ("level", "score", "proposed"),
    [
        pytest.param(OUTCOME, 7, TARGET, id="custom: outcome below 8"),
        pytest.param(OUTCOME, 8, None, id="custom: outcome at 8"),
        pytest.param(PSB, 15, BLOCK, id="custom: PSB below 16"),
        pytest.param(PSB, 16, None, id="custom: PSB at 16"),
    ],
)
def test_de_escalation_with_custom_thresholds(
    level: RiskLevel, score: int, proposed: RiskLevel | None
) -> None:
    thresholds = EscalationThresholds(to_outcome=8, to_board=10, to_psb=16)
    result = de_escalation_proposal(
        level=level, score=score, home_level=TARGET, thresholds=thresholds
    )
    assert result is proposed


@pytest.mark.parametrize("score", [pytest.param(0, id="0"), pytest.param(26, id="26")])
def test_de_escalation_rejects_impossible_scores(score: int) -> None:
    with pytest.raises(ValueError, match="runs from 1 to 25"):
        de_escalation_proposal(level=PSB, score=score, home_level=TARGET)


@pytest.mark.parametrize("level", [pytest.param(level, id=level.value) for level in RiskLevel])
@pytest.mark.parametrize("score", [1, 12, 15, 20, 25])
def test_escalating_then_de_escalating_is_never_proposed_at_the_same_score(
    level: RiskLevel, score: int
) -> None:
    # A risk just sent up must not at once qualify to come back down.
    up = escalation_proposal(level=level, score=score)
    if up is not None:
        assert de_escalation_proposal(level=up, score=score, home_level=level) is None


@pytest.mark.parametrize(
    ("reviewed_on", "interval_days", "due"),
    [
        ("2026-04-01", 91, "2026-07-01"),  # a quarter for a target or outcome risk
        ("2026-12-15", 30, "2027-01-14"),  # a month for a PSB risk, across the year end
        ("2028-02-28", 1, "2028-02-29"),  # the shortest interval, into a leap day
    ],
)
def test_next_review_is_due_the_interval_of_the_level_after_the_review(
    reviewed_on: str, interval_days: int, due: str
) -> None:
    assert next_review_due(
        reviewed_on=date.fromisoformat(reviewed_on), interval_days=interval_days
    ) == date.fromisoformat(due)


@pytest.mark.parametrize("interval_days", [0, -7])
def test_a_review_interval_of_less_than_a_day_is_refused(interval_days: int) -> None:
    with pytest.raises(ValueError, match="at least one day"):
        next_review_due(reviewed_on=date(2026, 4, 1), interval_days=interval_days)
