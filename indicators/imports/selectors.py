"""Reads of the value import: a file's preview worked out, and the record of imports."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from indicators.imports.layouts import LAYOUTS, detect_layout, rows_of
from indicators.imports.plan import Plan, PlannedValue, plan_import
from indicators.imports.read import ImportRefused, read_table
from indicators.models import ValueImport
from partnership.models import Area

# Rows shown in each table of a preview; the counts are always whole.
SHOWN = 200


def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def file_plan(
    content: bytes, *, file_name: str, layout: str, indicator_code: str
) -> tuple[str, Plan]:
    table = read_table(
        content,
        file_name=file_name,
        max_bytes=settings.VALUE_IMPORT_MAX_BYTES,
        max_rows=settings.VALUE_IMPORT_MAX_ROWS,
    )
    if layout and layout not in LAYOUTS:
        raise ImportRefused(f'"{layout}" is not a layout: choose long, wide or fingertips')
    layout = layout or detect_layout(table.headers)
    rows = rows_of(table, layout=layout, indicator_code=indicator_code)
    if not rows:
        raise ImportRefused("The selected file has no values in it, only its header")
    return layout, plan_import(rows, layout=layout)


def import_replan(*, record: ValueImport) -> Plan:
    """The preview of a recorded import worked out again from its kept bytes."""
    content = bytes(record.content)
    if not content or checksum(content) != record.sha256:
        raise ImportRefused("The file kept for this import has changed: upload it again")
    return file_plan(
        content,
        file_name=record.file_name,
        layout=record.layout,
        indicator_code=record.indicator.code if record.indicator else "",
    )[1]


def value_imports() -> QuerySet[ValueImport]:
    """Imports, newest first, without the kept bytes."""
    return ValueImport.objects.select_related("created_by", "indicator").defer("content")


def parent_areas() -> list[Area]:
    """The areas a new area may be part of: regions and England for a comparator, the
    partnership area or a sub-area for a sub-area."""
    kinds = [Area.Kind.PARTNERSHIP, Area.Kind.SUB_AREA, Area.Kind.REGION, Area.Kind.ENGLAND]
    return list(Area.objects.filter(kind__in=kinds))


def recent_imports(*, limit: int) -> list[ValueImport]:
    return list(value_imports()[:limit])


@dataclass
class Table:
    title: str
    rows: list[PlannedValue]
    total: int
    show_old: bool = False


@dataclass
class ImportPage:
    """What one import's page shows: its preview when not yet saved, or why it cannot be."""

    plan: Plan | None = None
    refusal: str = ""
    tables: list[Table] = field(default_factory=list)
    problems: list[Any] = field(default_factory=list)
    problems_total: int = 0
    mapped: list[tuple[str, int]] = field(default_factory=list)


def import_page(*, record: ValueImport) -> ImportPage:
    """The page of an import: a previewed one is worked out again from its kept file."""
    if record.status != ValueImport.Status.PREVIEWED:
        return ImportPage(problems=record.problems, problems_total=len(record.problems))
    kept = ValueImport.objects.filter(pk=record.pk).values_list("content", flat=True).first()
    record.content = kept or b""
    try:
        plan = import_replan(record=record)
    except ImportRefused as refusal:
        return ImportPage(refusal=refusal.message, problems=list(refusal.problems))
    tables = [
        Table("Conflicts: values of an approved return, which are kept", plan.conflicts,
              len(plan.conflicts), show_old=True),
        Table("Values to change", plan.changed, len(plan.changed), show_old=True),
        Table("Values to add", plan.added, len(plan.added)),
        Table("Values left alone (the same)", plan.unchanged, len(plan.unchanged)),
    ]  # fmt: skip
    for table in tables:
        table.rows = table.rows[:SHOWN]
    problems = sorted(plan.problems, key=lambda p: (p.row, p.column))
    return ImportPage(
        plan=plan,
        tables=tables,
        problems=problems[:SHOWN],
        problems_total=len(problems),
        mapped=sorted(plan.mapped.items()),
    )
