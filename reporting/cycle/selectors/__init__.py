"""Reads of the quarterly cycle: its page (``page``), what a run today would do
(``preview``), and what the tick itself reads before acting (``tick``)."""

from reporting.cycle.selectors.page import CyclePage, CycleStep, cycle_page
from reporting.cycle.selectors.preview import cycle_preview

__all__ = ["CyclePage", "CycleStep", "cycle_page", "cycle_preview"]
