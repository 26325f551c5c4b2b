"""Escalation proposals as CSV files: the rows the page listed, for "Risks proposed to
you" (``/risks/proposed/``: ``pending`` and ``decided``, only the proposals the person
decides) and the proposals on a board view or the exception dashboard.

A risk holds no value waiting for approval; who sees which proposal is the page's own
selector's answer, so the file holds what the person was shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from partnership.downloads import CsvTable
from risks.selectors.proposals import ProposalLine

PENDING_COLUMNS = (
    "Risk", "Hangs on", "Block", "Score", "Band", "Move", "From", "To", "Proposed", "Why",
)  # fmt: skip
DECIDED_COLUMNS = ("Risk", "Hangs on", "Block", "Move", "From", "To", "Score", "Decision",
                   "By", "When", "Reason")  # fmt: skip


def _pending(p: ProposalLine) -> list[Any]:
    return [p.risk_title, p.hangs_on, p.block_name, p.score, p.band_label, p.direction_label,
            p.from_label, p.to_label, timezone.localdate(p.proposed_at), p.explanation]  # fmt: skip


def _decided(p: ProposalLine) -> list[Any]:
    when = timezone.localdate(p.decided_at) if p.decided_at else ""
    return [p.risk_title, p.hangs_on, p.block_name, p.direction_label, p.from_label,
            p.to_label, p.score, p.status_label, p.decided_by, when, p.reason]  # fmt: skip


def pending_table(filename: str, pending: Sequence[ProposalLine]) -> CsvTable:
    """Proposals awaiting a decision, as the page lists them (oldest first)."""

    def rows() -> Iterable[list[Any]]:
        return (_pending(p) for p in pending)

    return CsvTable(filename, PENDING_COLUMNS, rows)


def proposed_tables(
    pending: Sequence[ProposalLine], decided: Sequence[ProposalLine]
) -> dict[str, CsvTable]:
    def decisions() -> Iterable[list[Any]]:
        return (_decided(p) for p in decided)

    return {
        "pending": pending_table("risks-proposed-to-you.csv", pending),
        "decided": CsvTable("risk-decisions.csv", DECIDED_COLUMNS, decisions),
    }
