"""The packs made, as the packs page lists them (``/packs/?format=csv``): the person's own,
or everyone's for the performance team; what each covers, who made it, when, its state."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from partnership.downloads import CsvTable
from reporting.packs.selectors.page import PackLine

COLUMNS = ("Quarter", "Covers", "Values", "Made by", "Made", "Status", "Size")


def _row(line: PackLine) -> list[Any]:
    values = "Approved and submitted" if line.includes_submitted else "Approved only"
    made = timezone.localtime(line.requested_at).strftime("%Y-%m-%d %H:%M")
    return [line.period_label, line.scope_label, values, line.requested_by, made,
            line.state_label, line.size_text]  # fmt: skip


def packs_tables(packs: Sequence[PackLine]) -> dict[str, CsvTable]:
    def rows() -> Iterable[list[Any]]:
        return (_row(line) for line in packs)

    return {"packs": CsvTable("performance-packs.csv", COLUMNS, rows)}
