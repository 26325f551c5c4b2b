"""The exceptions on a pack's Summary, as on the Public Service Board's dashboard: the
exception targets, the late and missing returns, and the risks the Board holds.

Each table puts its longer text in the Summary's wide columns (B and D): a target's title
and a risk's reason for escalation are given room to be read whole. The exceptions and the
risks each start a printed page, so that their headings and headers head a page.
"""

from __future__ import annotations

from typing import Any

from reporting.dashboards.selectors.exceptions import ExceptionsPage
from reporting.packs.selectors.data import PackData
from reporting.packs.workbook.cells import number_cell, number_format, rag_cell, value_cell
from reporting.packs.workbook.table import PackSheet

TARGET_HEADERS = (
    "Block",
    "Outcome",
    "Indicator",
    "Title",
    "Why",
    "Value",
    "Milestone",
    "RAG",
    "Direction of travel",
    "Lead",
)
RETURN_HEADERS = ("Block", "Outcome", "Lead", "Why")
RISK_HEADERS = ("Block", "Risk", "Owner", "Why escalated", "Hangs on", "Score", "Band")


def write_exceptions(out: PackSheet, data: PackData) -> None:
    page = data.exceptions
    _write_exception_targets(out, page)
    _write_late_returns(out, page)
    _write_board_risks(out, page)


def _write_exception_targets(out: PackSheet, page: ExceptionsPage) -> None:
    out.heading(
        "Exceptions, as on the Public Service Board's dashboard (approved values only): "
        "stretch targets, red and amber targets, worsening targets",
        new_page=True,
    )
    targets = [
        (group, outcome, item)
        for group in page.groups
        for outcome in group.outcomes
        for item in outcome.targets
    ]
    if not targets:
        out.prose("No target is an exception this quarter.")
        return
    out.header_row(TARGET_HEADERS, numbers=("Value", "Milestone"), ratings=("RAG",))
    for group, outcome, item in targets:
        out.append(_exception_target_row(out, group, outcome, item))


def _exception_target_row(out: PackSheet, group: Any, outcome: Any, item: Any) -> list[Any]:
    row = item.row
    fmt = number_format(row.unit, row.decimal_places)
    return [
        out.text(group.name, wrap=True),
        out.text(f"{outcome.outcome.code} {outcome.outcome.title}", wrap=True),
        out.text(row.code),
        out.text(row.title, wrap=True),
        out.text(", ".join(item.reasons), wrap=True),
        value_cell(out.sheet, row.value, fmt),
        value_cell(out.sheet, row.milestone, fmt),
        rag_cell(out.sheet, row.rag),
        out.text(row.direction.label, wrap=True),
        out.text(row.lead_person or row.lead_organisation, wrap=True),
    ]


def _write_late_returns(out: PackSheet, page: ExceptionsPage) -> None:
    returns = [(group, item) for group in page.groups for item in group.returns]
    out.heading("Late and missing returns")
    if not returns:
        out.prose("No return is late or missing.")
        return
    out.header_row(RETURN_HEADERS)
    for group, item in returns:
        line = item.outcome
        out.append(
            [
                out.text(group.name, wrap=True),
                out.text(f"{line.code} {line.title}", wrap=True),
                out.text(line.lead_person or line.lead_organisation, wrap=True),
                out.text(item.reason, wrap=True),
            ]
        )


def _write_board_risks(out: PackSheet, page: ExceptionsPage) -> None:
    risks = [(group, risk) for group in page.groups for risk in group.risks]
    out.heading("Risks held by the Public Service Board", new_page=True)
    if not risks:
        out.prose("The Public Service Board holds no open risk.")
        return
    out.header_row(RISK_HEADERS, numbers=("Score",))
    for group, risk in risks:
        out.append(
            [
                out.text(group.name, wrap=True),
                out.text(risk.title, wrap=True),
                out.text(risk.owner or risk.owner_organisation, wrap=True),
                out.text(risk.escalation_reason, wrap=True),
                out.text(risk.hangs_on, wrap=True),
                number_cell(out.sheet, risk.score),
                out.text(risk.band_label, wrap=True),
            ]
        )
