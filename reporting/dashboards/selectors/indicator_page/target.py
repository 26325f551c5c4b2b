"""The partnership area's target for the indicator, as its page summarises it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from indicators.models import Indicator
from partnership.models import Area
from reporting.returns.selectors.return_page import format_value
from targets.models import Target
from targets.selectors import TargetContext


@dataclass(frozen=True)
class TargetSummary:
    """The partnership area's target for the indicator."""

    kind: str
    kind_label: str
    baseline_text: str
    baseline_period: str
    target_text: str
    target_period: str
    standard_target_text: str  # for a stretch target: the target without the stretch
    reward_grant_text: str  # for a stretch target, "" when none
    tolerance_text: str
    lead: str
    problem: str  # why the trajectory cannot be worked out, "" when it can


def target_extra(indicator: Indicator, area: Area | None) -> dict[str, Any] | None:
    """What the page needs of the partnership area's target beyond its context: its
    period (to carry the trend on to it), reward grant and lead. None: no target."""
    if area is None:
        return None
    return (
        Target.objects.filter(indicator=indicator, area=area)
        .values(
            "target_period__code",
            "reward_grant",
            "lead_person__first_name",
            "lead_person__last_name",
            "lead_person__username",
            "lead_organisation__name",
        )
        .first()
    )


def target_summary(
    indicator: Indicator, context: TargetContext | None, extra: dict[str, Any] | None
) -> TargetSummary | None:
    if context is None or extra is None:
        return None
    unit, places = indicator.unit, indicator.decimal_places
    grant = extra["reward_grant"]
    return TargetSummary(
        kind=context.kind,
        kind_label=context.kind_label,
        baseline_text=format_value(context.baseline_value, unit=unit, decimal_places=places),
        baseline_period=context.baseline_period.label,
        target_text=format_value(context.target_value, unit=unit, decimal_places=places),
        target_period=context.target_period.label,
        standard_target_text=(
            format_value(context.standard_target_value, unit=unit, decimal_places=places)
            if context.is_stretch and context.standard_target_value is not None
            else ""
        ),
        reward_grant_text=f"£{grant:,.0f}" if grant is not None else "",
        tolerance_text=f"{context.tolerance_pct.normalize():f}%",
        lead=_lead(extra),
        problem=context.problem,
    )


def _lead(extra: dict[str, Any]) -> str:
    """The target's lead person and organisation, as far as they are set."""
    person = " ".join(
        part for part in (extra["lead_person__first_name"], extra["lead_person__last_name"]) if part
    ) or (extra["lead_person__username"] or "")
    organisation = extra["lead_organisation__name"] or ""
    return ", ".join(part for part in (person, organisation) if part)
