"""The framework import, as the page and the command use it: preview, then save."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from indicators.imports.read import ImportRefused, Problem
from partnership import access
from partnership.errors import ApplicationError
from targets.framework_import.plan import Plan
from targets.framework_import.save import plan_save
from targets.framework_import.selectors import (
    checksum,
    file_plan,
    framework_version,
    import_replan,
)
from targets.models import FrameworkImport

# The problems kept with an import's record, for review afterwards.
_KEPT_PROBLEMS = 200
STALE = (
    "The framework has changed since this file was previewed: upload it again to see what "
    "it would do now. Nothing was saved"
)


@dataclass
class Preview:
    record: FrameworkImport
    plan: Plan | None = None
    refusal: ImportRefused | None = None


def _check(actor: Any) -> None:
    refusal = access.framework_import_refusal(actor)
    if refusal:
        raise ApplicationError(refusal)


def _person(actor: Any) -> Any:
    """The account to record: none for a job acting as the performance team."""
    return actor if getattr(actor, "pk", None) else None


def problem_rows(problems: list[Problem] | tuple[Problem, ...]) -> list[dict[str, Any]]:
    return [
        {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message,
         "text": str(p)}
        for p in problems[:_KEPT_PROBLEMS]
    ]  # fmt: skip


def _count(record: FrameworkImport, plan: Plan) -> None:
    record.added, record.changed, record.unchanged = plan.added, plan.changed, plan.unchanged
    record.refused = plan.refused_rows
    record.counts = plan.counts()
    record.problems = problem_rows(plan.problems)


def framework_import_preview(*, content: bytes, file_name: str, actor: Any) -> Preview:
    """Read a workbook and work out what importing it would do; record that it was.

    Nothing is written but the record of the import (with the file's bytes, for the save
    to read again, and the framework's fingerprint, for the save to know it unchanged).
    """
    _check(actor)
    too_large = len(content) > settings.VALUE_IMPORT_MAX_BYTES
    record = FrameworkImport(
        created_by=_person(actor),
        file_name=(file_name or "upload")[:255],
        size=len(content),
        sha256=checksum(content),
        content=b"" if too_large else content,
        framework_version=framework_version(),
    )
    record._history_user = _person(actor)
    try:
        plan = file_plan(content, file_name=record.file_name)
    except ImportRefused as refusal:
        record.status = FrameworkImport.Status.REFUSED
        record.problems = [
            {"sheet": "", "row": 0, "column": "", "message": refusal.message,
             "text": refusal.message}
        ] + problem_rows(refusal.problems)  # fmt: skip
        record.save()
        return Preview(record=record, refusal=refusal)
    _count(record, plan)
    record.save()
    return Preview(record=record, plan=plan)


@transaction.atomic
def framework_import_save(*, record: FrameworkImport, sha256: str, actor: Any) -> Plan:
    """Save every row of a previewed import, or none: any problem and nothing is written.

    ``sha256`` is the checksum of the file the person previewed: the kept file must be
    that file, and the framework must be as it was when previewed.
    """
    _check(actor)
    record = FrameworkImport.objects.select_for_update().get(pk=record.pk)
    if record.status != FrameworkImport.Status.PREVIEWED:
        raise ApplicationError(
            "This import has already been saved or was refused: upload the file again"
        )
    if sha256 != record.sha256:
        raise ApplicationError("The file previewed is not the file kept: upload it again")
    if record.framework_version != framework_version():
        raise ApplicationError(STALE)
    plan = import_replan(record=record)
    if not plan.can_save:
        raise ImportRefused(
            "Nothing was saved: put right the problems listed and upload the file again",
            tuple(plan.problems),
        )
    try:
        with transaction.atomic():
            plan_save(plan=plan, actor=_person(actor), reason=record.change_reason)
    except IntegrityError:
        # Another import saved the same codes in the moment since the check above.
        raise ApplicationError(STALE) from None
    _count(record, plan)
    record.status = FrameworkImport.Status.SAVED
    record.saved_at = timezone.now()
    record._history_user = _person(actor)
    record.save()
    return plan
