"""The quarterly cycle page's tables as CSV (``/returns/cycle/?format=csv&table=``):
``steps`` (what has happened and what is next) and ``chased`` (the chasing emails), for
the performance team who read the page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from partnership.downloads import CsvTable
from reporting.cycle.selectors.page import CyclePage


def cycle_tables(page: CyclePage) -> dict[str, CsvTable]:
    def steps() -> Iterable[list[Any]]:
        return ([s.label, s.day, s.status_label, s.detail] for s in page.steps)

    def chased() -> Iterable[list[Any]]:
        return (
            [c.person, c.email, c.stage, c.about, c.recorded_on, c.state_label] for c in page.chased
        )

    name = f"cycle-{page.quarter_code}"
    return {
        "steps": CsvTable(f"{name}-steps.csv", ("Step", "Day", "Status", "What happened"), steps),
        "chased": CsvTable(
            f"{name}-chased.csv", ("Person", "Email", "Chase", "About", "Day", "Email sent"), chased
        ),
    }
