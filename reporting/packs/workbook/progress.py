"""How far the writing of a pack has gone, for the page's progress bar."""

from __future__ import annotations

from collections.abc import Callable

PROGRESS_STEP = 5  # report progress in steps of 5 %
WRITING_SHARE = 90  # the rest is saving (compressing) the file


class Progress:
    """Tells ``report`` how far the writing has gone, in steps of 5 %, up to 90 %."""

    def __init__(self, total: int, report: Callable[[int], None] | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.report = report
        self.reported = 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.report is None:
            return
        percent = min(WRITING_SHARE, self.done * WRITING_SHARE // self.total)
        if percent - self.reported >= PROGRESS_STEP:
            self.reported = percent - percent % PROGRESS_STEP
            self.report(self.reported)
