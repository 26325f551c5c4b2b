"""A small framework to import into: a block, two partners, the partnership's area, an
outcome (CYP 1) with an indicator (NI 116), its target and a milestone; and a helper
that writes a framework workbook from rows of text."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from targets.framework_import import sheets as s
from tests import factories as f


@pytest.fixture
def framework(db, block, council, police, lead):
    area = f.PartnershipAreaFactory()
    outcome = f.OutcomeFactory(
        code="CYP 1", title="Children are safe", block=block, lead_organisation=council,
        lead_person=lead,
    )  # fmt: skip
    indicator = f.IndicatorFactory(
        code="NI 116", title="Children in poverty", primary_outcome=outcome,
        lead_organisation=council, definition="The share of children in low-income homes.",
    )  # fmt: skip
    target = f.TargetFactory(indicator=indicator, area=area)
    milestone = f.MilestoneFactory(target=target, period=f.period("2025-26"), value=Decimal(50))
    return {
        "area": area, "outcome": outcome, "indicator": indicator, "target": target,
        "milestone": milestone, "block": block, "council": council, "police": police,
        "lead": lead,
    }  # fmt: skip


HEADERS = {sheet: [c.header for c in s.COLUMNS[sheet]] for sheet in s.SHEETS}


def workbook(sheets=None, *, headers=None, leave_out=(), extra=None) -> bytes:
    """An .xlsx with the four sheets, each with its full header and ``sheets[name]``'s
    rows (lists of cells, in the header's order, or dicts by header)."""
    sheets = sheets or {}
    headers = {**HEADERS, **(headers or {})}
    book = Workbook()
    book.remove(book.active)
    for name in s.SHEETS:
        if name in leave_out:
            continue
        sheet = book.create_sheet(name)
        sheet.append(headers[name])
        for row in sheets.get(name, []):
            if isinstance(row, dict):
                row = [row.get(h) for h in headers[name]]
            sheet.append(row)
    for name, rows in (extra or {}).items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def outcome_row(code="CYP 2", **cells):
    return {"Code": code, "Title": f"Outcome {code}", "Block": "Children and Young People",
            "Lead partner": "Council", **cells}  # fmt: skip


def indicator_row(code="L 900", outcome="CYP 1", **cells):
    return {
        "Code": code, "Title": f"Indicator {code}", "Kind": "local", "Unit": "percentage",
        "Polarity": "higher is better", "Frequency": "quarterly", "Accumulation": "snapshot",
        "Primary outcome": outcome, **cells,
    }  # fmt: skip


def target_row(indicator="L 900", area="E08000099", **cells):
    return {
        "Indicator": indicator, "Area": area, "Kind": "standard",
        "Baseline period": "2024-25", "Baseline": 40, "Target period": "2026-27", "Target": 60,
        **cells,
    }  # fmt: skip


def milestone_row(indicator="L 900", area="E08000099", period="2025-26", value=50):
    return {"Indicator": indicator, "Area": area, "Period": period, "Milestone": value}
