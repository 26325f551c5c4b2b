"""The list of returns as CSV (``/returns/?format=csv``): the round's returns the page
lists, with its filters (every return for officers, the approved ones for readers), and
the returns a lead has to complete (``&table=yours``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from partnership.downloads import CsvTable
from reporting.returns.selectors.returns_list_data import ReturnRow
from reporting.returns.selectors.rounds import RoundLine

COLUMNS = (
    "Outcome", "Title", "Block", "Lead", "Lead partner", "Quarter", "State", "Due",
    "Submitted", "Submitted by", "Approved", "Approved by", "On time?",
)  # fmt: skip


def _row(r: ReturnRow) -> list[Any]:
    return [
        r.outcome_code, r.outcome_title, r.block_name, r.lead_person, r.lead_organisation,
        r.quarter, r.state_label, r.due_on,
        r.submitted_at.date() if r.submitted_at else "", r.submitted_by,
        r.approved_at.date() if r.approved_at else "", r.approved_by, r.timeliness.label,
    ]  # fmt: skip


def _table(filename: str, rows: Iterable[ReturnRow]) -> CsvTable:
    return CsvTable(filename, COLUMNS, lambda: (_row(r) for r in rows))


def _partners(filename: str, officer: Any) -> CsvTable:
    """The counts by lead partner and state, as the performance team's table."""
    header = ("Partner", *(c.label for c in officer.counts), "Total")

    def rows() -> Iterable[list[Any]]:
        return ([p.name, *(c.count for c in p.counts), p.total] for p in officer.partners)

    return CsvTable(filename, header, rows)


def returns_tables(page: Any) -> dict[str, CsvTable]:
    """The tables of the returns page that hold returns, by name (the round's first)."""
    tables = {}
    listed = page.officer or page.published
    if listed is not None and page.round is not None:
        tables["round"] = _table(f"returns-{page.round.code}.csv", listed.returns)
    if page.officer is not None and page.round is not None:
        tables["partners"] = _partners(f"returns-{page.round.code}-by-partner.csv", page.officer)
    if page.lead is not None:
        tables["yours"] = _table("your-returns.csv", (*page.lead.current, *page.lead.earlier))
    return tables


def rounds_tables(rounds: Iterable[RoundLine]) -> dict[str, CsvTable]:
    """Every round as the rounds page lists it, with its counts of returns."""
    columns = ("Quarter", "Opens", "Due", "Closes", "State", "Returns", "Submitted", "Approved")

    def rows() -> Iterable[list[Any]]:
        return (
            [r.quarter, r.opens_on, r.due_on, r.closes_on, r.state_label, r.returns,
             r.submitted, r.approved]
            for r in rounds
        )  # fmt: skip

    return {"rounds": CsvTable("rounds.csv", columns, rows)}
