"""The words of the demo's quarterly returns, made up from how the outcome's indicators did."""

from __future__ import annotations

import random
from dataclasses import dataclass

from targets.rules import Rag

_GOING_WELL = (
    "Joint working with {partner} has cut waiting times and improved referrals.",
    "The new approach agreed with {partner} is showing results in the most deprived "
    "neighbourhoods.",
    "Staff from {partner} are now co-located with our team, which has sped up decisions.",
    "Community groups brought in through {partner} are reaching people we did not reach before.",
    "Data sharing with {partner} now works monthly rather than quarterly.",
)
_ACTIONS_TAKEN = (
    "A recovery plan has been agreed with partners and will be reported to the board.",
    "We have moved resources to the worst-affected neighbourhoods for the next quarter.",
    "A deep-dive review is under way and will report at the next board meeting.",
    "Extra sessions have been commissioned and start next month.",
)
_BEYOND_CONTROL = (
    "Changes to national eligibility rules took effect this quarter.",
    "A national data system change delayed part of the information.",
    "Funding confirmation from central government arrived late.",
    "",
    "",
    "",
)


@dataclass(frozen=True)
class Reading:
    """How one indicator of the return did in the quarter."""

    title: str
    rag: Rag


@dataclass(frozen=True)
class Commentary:
    progress_summary: str
    going_well: str
    concerns_and_actions: str
    beyond_our_control: str
    forecast_rag: str


def write_commentary(
    *,
    outcome_title: str,
    period_label: str,
    readings: list[Reading],
    partners: list[str],
    rng: random.Random,
) -> Commentary:
    counts = {rating: sum(r.rag == rating for r in readings) for rating in Rag}
    judged = len(readings) - counts[Rag.GREY]
    progress = (
        f"{outcome_title}: {len(readings)} indicator{'s' if len(readings) != 1 else ''} "
        f"reported for {period_label}"
    )
    if judged:
        progress += (
            f"; {counts[Rag.GREEN]} on track, {counts[Rag.AMBER]} slightly behind and "
            f"{counts[Rag.RED]} off track against their milestones."
        )
    else:
        progress += "; none has a milestone for this period."
    behind = [r for r in readings if r.rag in (Rag.RED, Rag.AMBER)]
    if behind:
        names = "; ".join(r.title for r in behind[:2])
        concerns = f"Behind its milestone: {names}. {rng.choice(_ACTIONS_TAKEN)}"
    else:
        concerns = "No significant concerns this quarter."
    partner = rng.choice(partners) if partners else "our partners"
    if counts[Rag.RED]:
        forecast = rng.choice((Rag.AMBER, Rag.RED))
    elif counts[Rag.AMBER]:
        forecast = rng.choice((Rag.GREEN, Rag.AMBER))
    else:
        forecast = Rag.GREEN
    return Commentary(
        progress_summary=progress,
        going_well=rng.choice(_GOING_WELL).format(partner=partner),
        concerns_and_actions=concerns,
        beyond_our_control=rng.choice(_BEYOND_CONTROL),
        forecast_rag=forecast.value,
    )
