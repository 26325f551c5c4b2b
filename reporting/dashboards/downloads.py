"""The tables of the exception dashboard, the blocks, a board view and the indicator pages
as CSV files: the rows the page's own selector gave, so the same filters and the same
rules on what the person may see (a value not yet approved only where the page shows it).

Each function names a page's tables for :func:`partnership.downloads.table_download`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from partnership.charts import Chart
from partnership.downloads import CsvTable, chart_table
from reporting.dashboards.selectors.board import BlocksPage, BoardPage
from reporting.dashboards.selectors.board_sub_areas import BoardSubAreasPage
from reporting.dashboards.selectors.exceptions import ExceptionsPage
from reporting.dashboards.selectors.indicator_page import IndicatorList
from reporting.scorecard.selectors import ScorecardRow
from risks.downloads import pending_table

RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}
TARGET_COLUMNS = (
    "Block", "Outcome", "Indicator", "Title", "Kind", "Lead", "Lead partner", "Period",
    "Value", "Value approved", "Milestone", "Target", "RAG", "Direction of travel",
    "Variation", "Assurance",
)  # fmt: skip


def _target(row: ScorecardRow) -> list[Any]:
    return [
        row.block_name, row.outcome_code, row.code, row.title, row.kind_label,
        row.lead_person, row.lead_organisation_short, row.value_period.label,
        row.value_text if row.value is not None else "",
        row.is_approved if row.value is not None else "",
        row.milestone_text if row.milestone is not None else "", row.target_text,
        RAG_WORDS.get(row.rag.value, "No data"), row.direction.label,
        row.spc_variation.label, row.spc_assurance.label,
    ]  # fmt: skip


def _exception_rows(page: ExceptionsPage) -> Iterator[list[Any]]:
    for group in page.groups:
        for outcome in group.outcomes:
            for item in outcome.targets:
                yield [*_target(item.row), ", ".join(item.reasons)]


def _late_rows(page: ExceptionsPage) -> Iterator[list[Any]]:
    for group in page.groups:
        for item in group.returns:
            o = item.outcome
            yield [group.name, o.code, o.title, o.lead_person, o.lead_organisation_short,
                   o.state_label, item.reason]  # fmt: skip


def _psb_risks(page: ExceptionsPage) -> Iterator[list[Any]]:
    for group in page.groups:
        for r in group.risks:
            yield [group.name, r.title, r.hangs_on, r.status_label, r.review_date, r.owner,
                   r.owner_organisation, r.score, r.band_label, r.escalation_reason,
                   r.escalated_on]  # fmt: skip


def _priorities(page: ExceptionsPage) -> Iterable[list[Any]]:
    return ([p.title, ", ".join(p.outcomes), *_counts(p.counts)] for p in page.priorities)


def exceptions_tables(page: ExceptionsPage, chart: Chart | None) -> dict[str, CsvTable]:
    period = page.period_code
    return {
        "exceptions": CsvTable(
            f"exceptions-{period}.csv", (*TARGET_COLUMNS, "Why listed"),
            lambda: _exception_rows(page),
        ),
        "returns": CsvTable(
            f"late-returns-{period}.csv",
            ("Block", "Outcome", "Title", "Lead", "Lead partner", "State", "Why listed"),
            lambda: _late_rows(page),
        ),
        "psb-risks": CsvTable(
            f"psb-risks-{period}.csv",
            ("Block", "Risk", "Hangs on", "Status", "Review by", "Owner",
             "Owner's organisation", "Score", "Band", "Why it was escalated", "Escalated on"),
            lambda: _psb_risks(page),
        ),
        "proposals": pending_table(f"risks-proposed-to-the-psb-{period}.csv", page.proposed),
        "priorities": CsvTable(
            f"psb-priorities-{period}.csv", ("Priority", "Outcomes", *COUNT_COLUMNS),
            lambda: _priorities(page),
        ),
        **chart_table(chart),
    }  # fmt: skip


def _counts(counts: Any) -> list[int]:
    return [counts.green, counts.amber, counts.red, counts.grey, counts.total]


COUNT_COLUMNS = ("Green", "Amber", "Red", "No data", "Targets")


def blocks_tables(page: BlocksPage) -> dict[str, CsvTable]:
    def rows() -> Iterable[list[Any]]:
        return ([b.name, b.outcomes, *_counts(b.counts)] for b in page.blocks)

    return {
        "blocks": CsvTable(
            f"blocks-{page.period_code}.csv", ("Block", "Outcomes", *COUNT_COLUMNS), rows
        )
    }


def board_tables(page: BoardPage, chart: Chart | None) -> dict[str, CsvTable]:
    def targets() -> Iterator[list[Any]]:
        for card in page.outcomes:
            for item in card.targets:
                yield _target(item.row)

    def risks() -> Iterable[list[Any]]:
        return (
            [r.title, r.level_label, r.hangs_on, r.owner, r.owner_organisation, r.status_label,
             r.score, r.band_label, r.review_date, r.review_overdue]
            for r in page.risks
        )  # fmt: skip

    def actions() -> Iterable[list[Any]]:
        return (
            [a.description, a.belongs_to, a.lead_organisation, a.due_date, a.status_label,
             "; ".join(a.flags), a.progress]
            for a in page.actions
        )  # fmt: skip

    def scorecard() -> Iterable[list[Any]]:
        return (
            [c.outcome.code, c.outcome.title, c.outcome.lead_person,
             c.outcome.lead_organisation_short, *_counts(c.counts), c.outcome.state_label]
            for c in page.outcomes
        )  # fmt: skip

    name = f"{page.slug}-{page.period_code}"
    return {
        "scorecard": CsvTable(
            f"{name}-scorecard.csv",
            ("Outcome", "Title", "Lead", "Lead partner", *COUNT_COLUMNS, "Return"),
            scorecard,
        ),
        "targets": CsvTable(f"{name}-targets.csv", TARGET_COLUMNS, targets),
        "proposals": pending_table(f"{name}-risks-proposed.csv", page.proposed),
        "risks": CsvTable(
            f"{name}-risks.csv",
            ("Risk", "Level", "Hangs on", "Owner", "Owner's organisation", "Status",
             "Current score", "Band", "Review by", "Review overdue"),
            risks,
        ),
        "actions": CsvTable(
            f"{name}-actions.csv",
            ("Action", "For", "Lead partner", "Due", "Status", "Flags", "Progress"),
            actions,
        ),
        **chart_table(chart),
    }  # fmt: skip


def indicator_list_tables(listing: IndicatorList) -> dict[str, CsvTable]:
    def rows() -> Iterator[list[Any]]:
        for block in listing.blocks:
            for outcome in block.outcomes:
                for line in outcome.indicators:
                    spc = line.spc
                    yield [block.name, outcome.code, line.code, line.title, line.kind_label,
                           line.lead, spc.variation_label, spc.assurance_label]  # fmt: skip

    columns = ("Block", "Outcome", "Indicator", "Title", "Kind", "Lead", "Variation", "Assurance")
    return {"indicators": CsvTable("indicators.csv", columns, rows)}


def sub_areas_tables(page: BoardSubAreasPage) -> dict[str, CsvTable]:
    """The block's indicators by sub-area, as the page's table (approved values only)."""
    area = (page.area_name,) if page.area_name else ()

    def rows() -> Iterable[list[Any]]:
        return (
            [r.code, r.title, r.period_label, *((r.partnership_text,) if area else ()),
             *r.cells]
            for r in page.rows
        )  # fmt: skip

    header = ("Indicator", "Title", "Period", *area, *(c.name for c in page.columns))
    return {"sub-areas": CsvTable(f"{page.slug}-sub-areas.csv", header, rows)}
