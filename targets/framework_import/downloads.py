"""The record of framework imports (``/data/framework/imports/?format=csv``) as a CSV
file: the imports the page lists, newest first, for the performance team who read it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from partnership.downloads import CsvTable
from targets.models import FrameworkImport

COLUMNS = ("Import", "File", "When", "Who", "Status", "Added", "Changed", "Refused rows")


def _row(record: FrameworkImport) -> list[Any]:
    when = timezone.localtime(record.created_at).strftime("%Y-%m-%d %H:%M")
    person = record.created_by
    who = (person.get_full_name() or person.username) if person else "Command line"
    return [record.pk, record.file_name, when, who, record.get_status_display(),
            record.added, record.changed, record.refused]  # fmt: skip


def framework_imports_tables(imports: Iterable[FrameworkImport]) -> dict[str, CsvTable]:
    return {"imports": CsvTable("framework-imports.csv", COLUMNS, lambda: map(_row, imports))}
