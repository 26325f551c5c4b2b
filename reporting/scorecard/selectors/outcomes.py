"""The outcomes of a scorecard and their returns for the quarter, as the person may read them.

A return's state and dates are shown to everyone; its forecast and commentary only when
the person may read it (and, with ``approved_only``, only once it is approved).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from partnership import access
from partnership.models import Outcome, Period
from partnership.people import display_name
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.lateness import timeliness_of
from reporting.scorecard.selectors.rows import OutcomeReturn, Scope
from targets import rules

State = QuarterlyReturn.State


@dataclass(frozen=True)
class OutcomeReturns:
    """Every outcome in scope with its return, and the round's due date and state."""

    lines: tuple[OutcomeReturn, ...]
    due_on: date | None
    round_state: str


def outcome_line(outcome: Outcome) -> OutcomeReturn:
    """An outcome's line, before its return (if any) is added."""
    return OutcomeReturn(
        outcome_id=outcome.pk,
        code=outcome.code,
        title=outcome.title,
        block_id=outcome.block_id,
        block_slug=outcome.block.slug,
        block_name=outcome.block.name,
        lead_person_id=outcome.lead_person_id,
        lead_person=display_name(outcome.lead_person),
        lead_organisation_id=outcome.lead_organisation_id,
        lead_organisation=outcome.lead_organisation.name,
        lead_organisation_short=outcome.lead_organisation.short_name,
    )


def outcome_returns(
    *, user: Any, period: Period, today: date, scope: Scope, approved_only: bool
) -> OutcomeReturns:
    """Every outcome in the block of ``scope`` (all blocks without one), with its return."""
    outcomes = Outcome.objects.select_related("block", "lead_person", "lead_organisation")
    if scope.block:
        outcomes = outcomes.filter(block__slug=scope.block)
    outcomes = outcomes.order_by("block__order", "block__name", "code")
    returns_qs = QuarterlyReturn.objects.filter(round__period=period).select_related("round")
    if scope.block:
        returns_qs = returns_qs.filter(outcome__block__slug=scope.block)
    returns = {r.outcome_id: r for r in returns_qs}
    visible = (
        set(access.visible_returns(user, returns_qs).values_list("pk", flat=True))
        if returns
        else set()
    )
    due_on, round_state = None, ""
    lines = []
    for outcome in outcomes:
        line = outcome_line(outcome)
        found = returns.get(outcome.pk)
        if found is not None:
            due_on, round_state = found.round.due_on, found.round.state
            readable = found.pk in visible and (found.state == State.APPROVED or not approved_only)
            line = _with_return(
                line, found, today=today, viewable=found.pk in visible, readable=readable
            )
        lines.append(line)
    return OutcomeReturns(lines=tuple(lines), due_on=due_on, round_state=round_state)


def _with_return(
    line: OutcomeReturn, found: QuarterlyReturn, *, today: date, viewable: bool, readable: bool
) -> OutcomeReturn:
    return replace(
        line,
        return_pk=found.pk,
        state=found.state,
        state_label=found.get_state_display(),
        due_on=found.round.due_on,
        round_state=found.round.state,
        submitted_at=found.submitted_at,
        timeliness=timeliness_of(found, today=today),
        viewable=viewable,
        readable=readable,
        forecast_rag=rules.Rag(found.forecast_rag) if readable and found.forecast_rag else None,
        progress_summary=found.progress_summary if readable else "",
        concerns_and_actions=found.concerns_and_actions if readable else "",
    )
