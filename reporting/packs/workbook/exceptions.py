"""The exceptions on a pack's Summary, as on the Public Service Board's dashboard: the
exception targets, the late and missing returns, and the risks the Board holds."""

from __future__ import annotations

from typing import Any

from reporting.dashboards.selectors.exceptions import ExceptionsPage
from reporting.formats.cells import text_cell
from reporting.packs.selectors.data import PackData
from reporting.packs.workbook.cells import number_format, rag_cell, value_cell
from reporting.packs.workbook.styles import WRAP
from reporting.packs.workbook.table import header_row, heading

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
RISK_HEADERS = ("Block", "Risk", "Score", "Band", "Owner", "Hangs on", "Why escalated")


def write_exceptions(sheet: Any, data: PackData) -> None:
    page = data.exceptions
    _write_exception_targets(sheet, page)
    _write_late_returns(sheet, page)
    _write_board_risks(sheet, page)


def _write_exception_targets(sheet: Any, page: ExceptionsPage) -> None:
    heading(
        sheet,
        "Exceptions, as on the Public Service Board's dashboard (approved values only): "
        "stretch targets, red and amber targets, worsening targets",
    )
    targets = [
        (group, outcome, item)
        for group in page.groups
        for outcome in group.outcomes
        for item in outcome.targets
    ]
    if not targets:
        sheet.append([text_cell(sheet, "No target is an exception this quarter.")])
        return
    header_row(sheet, *TARGET_HEADERS)
    for group, outcome, item in targets:
        sheet.append(_exception_target_row(sheet, group, outcome, item))


def _exception_target_row(sheet: Any, group: Any, outcome: Any, item: Any) -> list[Any]:
    row = item.row
    fmt = number_format(row.unit, row.decimal_places)
    return [
        text_cell(sheet, group.name),
        text_cell(sheet, f"{outcome.outcome.code} {outcome.outcome.title}"),
        text_cell(sheet, row.code),
        text_cell(sheet, row.title, alignment=WRAP),
        text_cell(sheet, ", ".join(item.reasons)),
        value_cell(sheet, row.value, fmt),
        value_cell(sheet, row.milestone, fmt),
        rag_cell(sheet, row.rag),
        text_cell(sheet, row.direction.label),
        text_cell(sheet, row.lead_person or row.lead_organisation),
    ]


def _write_late_returns(sheet: Any, page: ExceptionsPage) -> None:
    returns = [(group, item) for group in page.groups for item in group.returns]
    heading(sheet, "Late and missing returns")
    if not returns:
        sheet.append([text_cell(sheet, "No return is late or missing.")])
        return
    header_row(sheet, *RETURN_HEADERS)
    for group, item in returns:
        line = item.outcome
        sheet.append(
            [
                text_cell(sheet, group.name),
                text_cell(sheet, f"{line.code} {line.title}"),
                text_cell(sheet, line.lead_person or line.lead_organisation),
                text_cell(sheet, item.reason),
            ]
        )


def _write_board_risks(sheet: Any, page: ExceptionsPage) -> None:
    risks = [(group, risk) for group in page.groups for risk in group.risks]
    heading(sheet, "Risks held by the Public Service Board")
    if not risks:
        sheet.append([text_cell(sheet, "The Public Service Board holds no open risk.")])
        return
    header_row(sheet, *RISK_HEADERS)
    for group, risk in risks:
        sheet.append(
            [
                text_cell(sheet, group.name),
                text_cell(sheet, risk.title, alignment=WRAP),
                risk.score,
                text_cell(sheet, risk.band_label),
                text_cell(sheet, risk.owner or risk.owner_organisation),
                text_cell(sheet, risk.hangs_on),
                text_cell(sheet, risk.escalation_reason, alignment=WRAP),
            ]
        )
