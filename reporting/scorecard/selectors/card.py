"""The whole scorecard: the targets of the partnership's area in scope, read and judged.

A constant number of queries, whatever the number of targets, indicators or areas.
"""

from __future__ import annotations

import copy
from datetime import date
from functools import partial
from typing import Any

from partnership import access
from partnership.cache import shape
from partnership.errors import ApplicationError
from partnership.models import Area, Period
from partnership.selectors import partnership_area
from reporting.scorecard.cache import SCORECARDS
from reporting.scorecard.selectors.judging import row
from reporting.scorecard.selectors.outcomes import outcome_line, outcome_returns
from reporting.scorecard.selectors.rows import (
    OutcomeReturn,
    RagCounts,
    Scope,
    Scorecard,
    ScorecardRow,
)
from reporting.scorecard.selectors.values import read_values, value_for, wanted_periods
from targets import rules
from targets.models import Target
from targets.plan_selectors import with_live_actions
from targets.selectors import target_context

# What a kept row holds: part of its key.
ROWS_SHAPE = shape(ScorecardRow, OutcomeReturn, rules.Travel)


def scorecard(
    *,
    user: Any,
    period: Period,
    today: date,
    scope: Scope | None = None,
    approved_only: bool = True,
) -> Scorecard:
    """Every target of the partnership's area in ``scope``, judged for the quarter ``period``.

    Rows are in the order of blocks, outcomes and indicator codes. See
    :mod:`reporting.scorecard.selectors` for what a value for the quarter is and who sees
    which values. Judged on approved values alone, the rows are the same for everyone who
    may use the site, and kept (:mod:`reporting.scorecard.cache`); each person's outcome
    returns are read afresh and joined to them.
    """
    scope = scope or Scope()
    area = _area()
    outcomes = outcome_returns(
        user=user, period=period, today=today, scope=scope, approved_only=approved_only
    )
    by_outcome = {line.outcome_id: line for line in outcomes.lines}
    if approved_only and access.can_use_site(user):
        judged = SCORECARDS.kept(
            ("rows", ROWS_SHAPE, period.code, today.isoformat(), scope.block, scope.stretch_only),
            partial(_judged, user=user, period=period, today=today, scope=scope, area=area),
        )
    else:
        judged = _judged(user, period, today, scope, area, approved_only=approved_only)
    rows = [
        _joined(found, by_outcome.get(found.outcome_id, found.outcome_return))
        for found in judged
        if scope.matches(found)
    ]
    return Scorecard(
        period=period.ref,
        scope=scope,
        approved_only=approved_only,
        area_name=area.name if area else "",
        rows=tuple(rows),
        outcomes=tuple(line for line in outcomes.lines if scope.matches_outcome(line)),
        round_due_on=outcomes.due_on,
        round_state=outcomes.round_state,
        counts=RagCounts.of_rows(rows),
    )


def _joined(found: ScorecardRow, line: OutcomeReturn) -> ScorecardRow:
    """The kept row with the person's outcome return: ``dataclasses.replace`` without its
    check of every field again (a kept row was checked when it was made), as a whole
    scorecard is joined on every page."""
    joined = copy.copy(found)
    object.__setattr__(joined, "outcome_return", line)
    return joined


def _judged(
    user: Any,
    period: Period,
    today: date,
    scope: Scope,
    area: Area | None,
    *,
    approved_only: bool = True,
) -> list[ScorecardRow]:
    """The targets of ``scope``'s block (and stretch ones only if it says so), judged for
    the quarter, each with its outcome's line before its return is joined to it."""
    ref = period.ref
    targets = _targets_in_scope(area, scope, today)
    indicator_ids = [t.indicator_id for t in targets]
    values = read_values(
        user=user,
        area=area,
        indicator_ids=indicator_ids,
        periods=wanted_periods(ref, {t.indicator.frequency for t in targets}),
        approved_only=approved_only,
        until=ref,
    )
    chosen = {t.indicator_id: value_for(t.indicator, ref, values) for t in targets}
    contexts = (
        target_context(
            indicator_ids=indicator_ids,
            area=area,
            periods={p for p, _ in chosen.values()},
        )
        if targets
        else {}
    )
    return [
        row(
            target,
            ref,
            chosen[target.indicator_id],
            values,
            contexts,
            outcome_line(target.indicator.primary_outcome),
        )
        for target in targets
    ]


def _area() -> Area | None:
    try:
        return partnership_area()
    except ApplicationError:
        return None


def _targets_in_scope(area: Area | None, scope: Scope, today: date) -> list[Target]:
    """The area's targets of active indicators in the block of ``scope`` (and stretch ones
    only if it says so), in the order of blocks, outcomes and indicator codes, each with
    the number of live actions of its plan on ``today``."""
    if area is None:
        return list(Target.objects.none())
    targets = (
        Target.objects.filter(area=area, indicator__is_active=True)
        .select_related(
            "lead_person",
            "lead_organisation",
            "baseline_period",
            "target_period",
            "indicator__lead_person",
            "indicator__lead_organisation",
            "indicator__primary_outcome__block",
            "indicator__primary_outcome__lead_person",
            "indicator__primary_outcome__lead_organisation",
        )
        .order_by(
            "indicator__primary_outcome__block__order",
            "indicator__primary_outcome__block__name",
            "indicator__primary_outcome__code",
            "indicator__code",
        )
    )
    if scope.block:
        targets = targets.filter(indicator__primary_outcome__block__slug=scope.block)
    if scope.stretch_only:
        targets = targets.filter(kind=Target.Kind.STRETCH)
    return list(with_live_actions(targets, today))
