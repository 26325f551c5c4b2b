"""The rules of what is an exception: why a target or an outcome's return is one."""

from __future__ import annotations

from reporting.scorecard.selectors import OutcomeReturn, ScorecardRow
from targets import plan_rules, rules

SPECIAL_CAUSE_CONCERN = "Special cause concern"
CONSISTENTLY_FAILING = "Consistently failing the target"


def target_reasons(row: ScorecardRow) -> tuple[str, ...]:
    """Why a target is an exception, in the users' words; empty when it is not one.

    Statistical process control adds two reasons (none with fewer than 12 values): the
    latest value shows special cause concern, or the target lies outside the process
    limits on the wrong side, so the process as it runs will consistently fail it. A red
    or amber target with no live action is "off track with no action plan".
    """
    reasons = []
    if row.is_stretch:
        reasons.append("Stretch target")
    if row.rag in (rules.Rag.RED, rules.Rag.AMBER):
        reasons.append(row.rag.label)
    if row.worsening:
        reasons.append("Worsening")
    if row.special_cause_concern:
        reasons.append(SPECIAL_CAUSE_CONCERN)
    if row.consistently_failing:
        reasons.append(CONSISTENTLY_FAILING)
    if row.off_track_without_plan:
        reasons.append(plan_rules.OFF_TRACK_NO_PLAN)
    return tuple(reasons)


def return_exception(line: OutcomeReturn) -> tuple[str, bool] | None:
    """Why an outcome's return is an exception and whether it is missing, or None.

    Missing or late: not submitted or approved by the due date (and not since); late:
    submitted after it. An outcome with no return for the quarter has none due.
    """
    if not line.has_return or line.due_on is None:
        return None
    due = f"{line.due_on:%-d %B %Y}"
    if line.is_late:
        if line.round_state == "closed":
            return f"Missing: the round closed without it (due {due})", True
        return f"Late: not submitted by {due}", True
    if line.submitted_late and line.submitted_on is not None:
        return f"Submitted late on {line.submitted_on:%-d %B %Y} (due {due})", False
    return None
