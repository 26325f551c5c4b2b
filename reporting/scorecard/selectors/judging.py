"""One target judged for the quarter: its scorecard row.

Every judgement is a rule of :mod:`targets.rules`, the same functions as the return page:
RAG against the milestone (:func:`targets.selectors.target_context`), direction of travel
against the period before and the year before, a stretch target's achievement and
reward grant earned against the reward floor, and statistical process control
(:func:`targets.spc.spc`) of the approved values up to the quarter.

The SPC assurance judges the target value (what the target is to reach by its target
period), not the quarter's milestone: the same figure the indicator page's chart draws,
so the two pages agree (a year-to-date count is charted on its quarterly increments
against a quarter of the target: :mod:`targets.spc_series`); and "consistently fail"
then means what a performance team reads it as, that the process as it runs will not
reach the target, whereas a milestone
moves every quarter along the trajectory and would make the assurance move with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from indicators.enums import ADDITIVE_UNITS, Accumulation, Polarity
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from reporting.returns.selectors.return_page import POLARITY_LABELS, format_value
from reporting.scorecard.selectors.rows import OutcomeReturn, ScorecardRow
from reporting.scorecard.selectors.values import Values, comparison_values, value_of
from targets import rules
from targets.models import Target
from targets.selectors import TargetContext, spc_process
from targets.spc import Spc, spc
from targets.spc_series import chart_series


def row(
    target: Target,
    period: PeriodRef,
    chosen: tuple[PeriodRef, dict[str, Any] | None],
    values: Values,
    contexts: Mapping[int, TargetContext],
    line: OutcomeReturn,
) -> ScorecardRow:
    """``target`` judged for the quarter ``period`` on the value ``chosen`` for it."""
    indicator = target.indicator
    polarity = Polarity(indicator.polarity)
    value_period, found = chosen
    value = value_of(found)
    previous_value, last_year_value = comparison_values(indicator, value_period, values)
    context = contexts.get(indicator.pk)
    milestone = context.milestone(value_period) if context else None
    achievement = _stretch_achievement(target, value_period, value)
    points, chart = _spc(target, values, polarity)

    def text(number: Decimal | None) -> str:
        return format_value(number, unit=indicator.unit, decimal_places=indicator.decimal_places)

    return ScorecardRow(
        **_described(target),
        period=period,
        value_period=value_period,
        value=value,
        value_text=text(value),
        value_status=found["status"] if found else "",
        is_approved=bool(found and found["is_approved"]),
        previous_value=previous_value,
        last_year_value=last_year_value,
        milestone=milestone,
        milestone_text=text(milestone),
        target_text=f"{text(target.target_value)} by {target.target_period.ref.label}",
        rag=_rag(value, milestone, polarity, context),
        travel=rules.direction_of_travel(
            current=value,
            previous_period=previous_value,
            same_period_last_year=last_year_value,
            polarity=polarity,
        ),
        achievement=achievement,
        reward_earned=rules.reward_earned(achievement=achievement),
        reward_grant_earned=_reward_grant_earned(target, achievement),
        target_problem=context.problem if context else "",
        outcome_return=line,
        spc_points=points,
        spc_variation=chart.variation,
        spc_assurance=chart.assurance,
    )


def _spc(target: Target, values: Values, polarity: Polarity) -> tuple[int, Spc]:
    """The XmR chart of the target's approved series, as the indicator page charts it, and
    how many points it has."""
    indicator = target.indicator
    charted = chart_series(
        values.approved(indicator.pk),
        accumulation=indicator.accumulation,
        unit=indicator.unit,
        target=target.target_value,
    )
    process = spc_process(indicator, [period for period, _ in charted.points])
    chart = spc(
        [value for _, value in charted.points],
        polarity=polarity,
        target=charted.target,
        baseline_points=process.baseline_points,
        rebase_at=process.rebase_at,
    )
    return len(charted.points), chart


def _described(target: Target) -> dict[str, Any]:
    """What the row is about: the target, its indicator, block, outcome and leads."""
    indicator = target.indicator
    outcome = indicator.primary_outcome
    lead_person = target.lead_person or indicator.lead_person or outcome.lead_person
    lead_organisation = target.lead_organisation or indicator.lead_organisation
    polarity = Polarity(indicator.polarity)
    return {
        "target_id": target.pk,
        "indicator_id": indicator.pk,
        "code": indicator.code,
        "title": indicator.title,
        "slug": indicator.slug,
        "block_id": outcome.block_id,
        "block_slug": outcome.block.slug,
        "block_name": outcome.block.name,
        "outcome_id": outcome.pk,
        "outcome_code": outcome.code,
        "outcome_title": outcome.title,
        "lead_person_id": lead_person.pk if lead_person else None,
        "lead_person": display_name(lead_person),
        "lead_organisation_id": lead_organisation.pk,
        "lead_organisation": lead_organisation.name,
        "lead_organisation_short": lead_organisation.short_name,
        "kind": target.kind,
        "kind_label": target.get_kind_display(),
        "unit": indicator.unit,
        "unit_label": indicator.unit_label,
        "decimal_places": indicator.decimal_places,
        "polarity": polarity,
        "polarity_label": POLARITY_LABELS[polarity],
        "frequency": indicator.frequency,
        "baseline_value": target.baseline_value,
        "baseline_period": target.baseline_period.ref,
        "target_value": target.target_value,
        "target_period": target.target_period.ref,
        "standard_target_value": target.standard_target_value,
        "reward_grant": target.reward_grant,
        "live_actions": getattr(target, "live_actions", 0),
    }


def _rag(
    value: Decimal | None,
    milestone: Decimal | None,
    polarity: Polarity,
    context: TargetContext | None,
) -> rules.Rag:
    """The value's RAG against its milestone, with the target's amber tolerance."""
    tolerance = context.tolerance_pct if context else rules.DEFAULT_TOLERANCE_PCT
    return rules.rag(actual=value, milestone=milestone, polarity=polarity, tolerance_pct=tolerance)


def _stretch_achievement(
    target: Target, value_period: PeriodRef, value: Decimal | None
) -> Decimal | None:
    """A stretch target's share of its improvement achieved by ``value``; None for others."""
    if not target.is_stretch:
        return None
    share = _year_to_date_share(target.indicator, value_period)
    return rules.stretch_achievement(
        baseline=target.baseline_value * share,
        stretch_target=target.target_value * share,
        actual=value,
    )


def _reward_grant_earned(target: Target, achievement: Decimal | None) -> Decimal | None:
    """The part of a stretch target's reward grant earned; None without a grant."""
    if not target.is_stretch or target.reward_grant is None:
        return None
    return rules.reward_grant_earned(achievement=achievement, grant=target.reward_grant)


def _year_to_date_share(indicator: Any, period: PeriodRef) -> Decimal:
    """The part of a year-end figure that a year-to-date count builds up to by ``period``.

    A year-to-date count (cumulative, in an additive unit) at Q1 covers a quarter of the
    year, so its stretch improvement is measured from a quarter of the baseline towards a
    quarter of the stretch target: the straight-line profile through the year that
    :func:`targets.rules.trajectory` gives its milestones. Anything else: 1.
    """
    cumulative = indicator.accumulation == Accumulation.CUMULATIVE
    if cumulative and indicator.unit in ADDITIVE_UNITS and period.quarter in (1, 2, 3):
        return Decimal(period.quarter) / 4
    return Decimal(1)
