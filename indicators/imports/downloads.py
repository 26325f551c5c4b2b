"""The record of value imports (``/data/imports/?format=csv``) as a CSV file: the imports
the page lists, newest first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from indicators.models import ValueImport
from partnership.downloads import CsvTable

COLUMNS = (
    "Import", "File", "When", "Who", "Status", "Layout", "Added", "Changed", "Unchanged",
    "Conflicts", "Refused rows", "SHA-256",
)  # fmt: skip


def _who(record: ValueImport) -> str:
    person = record.created_by
    if person is None:
        return "Command line"
    return person.get_full_name() or person.username


def _row(record: ValueImport) -> list[Any]:
    when = timezone.localtime(record.created_at).strftime("%Y-%m-%d %H:%M")
    return [
        record.pk, record.file_name, when, _who(record), record.get_status_display(),
        record.layout, record.added, record.changed, record.unchanged, record.conflicts,
        record.refused, record.sha256,
    ]  # fmt: skip


def imports_tables(imports: Iterable[ValueImport]) -> dict[str, CsvTable]:
    return {"imports": CsvTable("value-imports.csv", COLUMNS, lambda: map(_row, imports))}
