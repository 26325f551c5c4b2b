"""What a tick of the quarterly cycle did: each step it took, and how many emails each
recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CycleAction:
    """One step the tick took: which quarter, what, and how many emails it recorded."""

    period: str
    step: str  # opened, round_opened, reminder, chase_lead, chase_board, closed, exception_report
    detail: str
    emails: int = 0


@dataclass(frozen=True)
class CycleReport:
    today: date
    quarter: str  # the latest completed quarter, whose cycle is under way
    actions: tuple[CycleAction, ...]

    @property
    def emails(self) -> int:
        return sum(action.emails for action in self.actions)

    @property
    def nothing_done(self) -> bool:
        return not self.actions

    def lines(self) -> list[str]:
        return [f"{action.period}: {action.detail}" for action in self.actions]
