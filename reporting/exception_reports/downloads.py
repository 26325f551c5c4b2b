"""The list of exception reports sent (``/reports/exceptions/?format=csv``) as a CSV
file: each report's quarter, when it was sent, to how many PSB members, and its pack.
The reports hold what was sent, approved figures only; the readers are the page's."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from partnership.downloads import CsvTable
from reporting.exception_reports.selectors import ReportLine

COLUMNS = ("Quarter", "Sent", "PSB members emailed", "Performance pack")


def _row(report: ReportLine) -> list[Any]:
    sent = timezone.localtime(report.sent_at).strftime("%Y-%m-%d %H:%M")
    pack = f"Excel, {report.pack.size_text}" if report.pack else "Sent without a pack"
    return [report.quarter, sent, report.recipients, pack]


def reports_tables(reports: Sequence[ReportLine]) -> dict[str, CsvTable]:
    def rows() -> Iterable[list[Any]]:
        return (_row(r) for r in reports)

    return {"reports": CsvTable("exception-reports.csv", COLUMNS, rows)}
