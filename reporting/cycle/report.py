"""What a tick of the quarterly cycle did, or would do: each step it took, and how many
emails each recorded.

Each step is worded once, as what is to be done ("tell the leads the round is open");
:func:`worded` gives the words of a step done ("told the leads the round is open"), so
the preview on the cycle page and the report of a run say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnership.periods import Period as PeriodRef

# The first word of each step to do, and that word once done.
_DONE = {
    "open": "opened",
    "tell": "told",
    "remind": "reminded",
    "chase": "chased",
    "close": "closed",
    "send": "sent",
}


def worded(to_do: str, *, done: bool) -> str:
    """``to_do`` ("remind the leads") as done ("reminded the leads") when ``done``."""
    if not done:
        return to_do
    verb, _, rest = to_do.partition(" ")
    return f"{_DONE[verb]} {rest}"


def plural(count: int, word: str, words: str = "") -> str:
    """``1 email``, ``2 emails``; ``1 person``, ``2 people``."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


@dataclass(frozen=True)
class CycleAction:
    """One step the tick took: which quarter, what, and how many emails it recorded."""

    period: str
    step: str  # opened, round_opened, reminder, chase_lead, chase_board, closed, exception_report
    detail: str
    emails: int = 0

    @property
    def quarter_label(self) -> str:
        return PeriodRef.parse(self.period).label


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

    @property
    def summary(self) -> str:
        """One sentence on what was done: the heading of the cycle page's banner."""
        if self.nothing_done:
            return "Nothing was due that had not been done already: no emails were sent."
        steps = plural(len(self.actions), "step")
        return f"{steps} done, {plural(self.emails, 'email')} recorded and queued to send."

    def banner(self) -> dict[str, object]:
        """What the cycle page's banner says after a run, as plain values (kept in the
        session for the page the run redirects to)."""
        return {
            "summary": self.summary,
            "actions": [
                {"quarter": action.quarter_label, "detail": action.detail}
                for action in self.actions
            ],
        }
