"""Reads of the framework import: a workbook's preview worked out, the record of imports,
and the framework as a workbook to download."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from indicators.imports.read import ImportRefused, Problem, Table, read_sheets
from indicators.imports.selectors import checksum
from targets.framework_import import sheets as s
from targets.framework_import.current import framework_read, framework_version
from targets.framework_import.plan import Plan, PlannedRow, plan_framework
from targets.framework_import.workbook import framework_workbook
from targets.models import FrameworkImport

__all__ = ["checksum", "framework_version"]

# Rows shown in each table of a preview; the counts are always whole.
SHOWN = 200
_SHEET_LIST = ", ".join(s.SHEETS)


def file_tables(content: bytes, *, file_name: str) -> dict[str, Table]:
    """The four sheets of a framework workbook; ImportRefused for anything else."""
    found = read_sheets(
        content,
        file_name=file_name,
        max_bytes=settings.VALUE_IMPORT_MAX_BYTES,
        max_rows=settings.VALUE_IMPORT_MAX_ROWS,
        names=s.SHEETS,
    )
    by_name = {name.strip().casefold(): table for name, table in found.items()}
    tables = {}
    for sheet in s.SHEETS:
        table = by_name.get(sheet.casefold())
        if table is None:
            raise ImportRefused(
                f'The selected file has no "{sheet}" sheet: download the template and keep '
                f"its sheets ({_SHEET_LIST})"
            )
        if not any(table.headers):
            raise ImportRefused(
                f"The {sheet} sheet is empty: its first row should name its columns, as in "
                "the template"
            )
        tables[sheet] = table
    if not any(table.rows for table in tables.values()):
        raise ImportRefused("The selected file has no rows in it, only its headers")
    return tables


def file_plan(content: bytes, *, file_name: str) -> Plan:
    return plan_framework(file_tables(content, file_name=file_name), framework_read())


def import_replan(*, record: FrameworkImport) -> Plan:
    """The preview of a recorded import worked out again from its kept bytes."""
    content = bytes(record.content)
    if not content or checksum(content) != record.sha256:
        raise ImportRefused("The file kept for this import has changed: upload it again")
    return file_plan(content, file_name=record.file_name)


def framework_imports() -> QuerySet[FrameworkImport]:
    """Imports, newest first, without the kept bytes."""
    return FrameworkImport.objects.select_related("created_by").defer("content")


def recent_imports(*, limit: int) -> list[FrameworkImport]:
    return list(framework_imports()[:limit])


def template_workbook(*, filled: bool) -> bytes:
    """The template, blank or filled with the framework as kept (a round trip)."""
    return framework_workbook(framework_read() if filled else None)


@dataclass
class Section:
    """One sheet's part of the preview."""

    sheet: str
    added: list[PlannedRow]
    changed: list[PlannedRow]
    counts: dict[str, int]


@dataclass
class ImportPage:
    """What one import's page shows: its preview when not yet saved, or why it cannot be."""

    plan: Plan | None = None
    refusal: str = ""
    stale: bool = False
    sections: list[Section] = field(default_factory=list)
    problems: list[Any] = field(default_factory=list)
    problems_total: int = 0


def import_page(*, record: FrameworkImport) -> ImportPage:
    """The page of an import: a previewed one is worked out again from its kept file."""
    if record.status != FrameworkImport.Status.PREVIEWED:
        return ImportPage(problems=record.problems, problems_total=len(record.problems))
    kept = FrameworkImport.objects.filter(pk=record.pk).values_list("content", flat=True)
    record.content = kept.first() or b""
    try:
        plan = import_replan(record=record)
    except ImportRefused as refusal:
        return ImportPage(refusal=refusal.message, problems=list(refusal.problems))
    counts = plan.counts()
    sections = [
        Section(name, part.added[:SHOWN], part.changed[:SHOWN], counts[name])
        for name, part in plan.sheets.items()
    ]
    problems: list[Problem] = plan.problems
    return ImportPage(
        plan=plan,
        stale=record.framework_version != framework_version(),
        sections=sections,
        problems=problems[:SHOWN],
        problems_total=len(problems),
    )
