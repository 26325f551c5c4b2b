"""The value import, as the page, the command and the API use it: preview, create areas,
save; and values posted to the API, saved all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from indicators.exports import number_text
from indicators.imports.layouts import LONG
from indicators.imports.plan import Plan, plan_problem_rows
from indicators.imports.read import ImportRefused, Problem
from indicators.imports.save import plan_save
from indicators.imports.selectors import checksum, file_plan, import_replan
from indicators.models import Indicator, ValueImport
from indicators.signals import approved_values_changed
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area

# The problems kept with a refused import's record, for review afterwards.
_KEPT_PROBLEMS = 200


@dataclass
class Preview:
    record: ValueImport
    plan: Plan | None = None
    refusal: ImportRefused | None = None


def _check(actor: Any) -> None:
    refusal = access.import_values_refusal(actor)
    if refusal:
        raise ApplicationError(refusal)


def _person(actor: Any) -> Any:
    """The account to record: none for a job acting as the performance team."""
    return actor if getattr(actor, "pk", None) else None


def _count(record: ValueImport, plan: Plan) -> None:
    record.added, record.changed = len(plan.added), len(plan.changed)
    record.unchanged, record.conflicts = len(plan.unchanged), len(plan.conflicts)
    record.refused = plan.refused_rows
    record.problems = plan_problem_rows(plan)[:_KEPT_PROBLEMS]


def import_preview(
    *, content: bytes, file_name: str, actor: Any, layout: str = "", indicator_code: str = ""
) -> Preview:
    """Read a file and work out what importing it would do; record that it was previewed.

    Nothing is written but the record of the import (with the file's bytes, for the save
    to read again). A file refused as a whole is recorded as refused, with why.
    """
    _check(actor)
    # Never keep what is refused for its size.
    too_large = len(content) > settings.VALUE_IMPORT_MAX_BYTES
    content_kept = b"" if too_large else content
    indicator = Indicator.objects.filter(code__iexact=indicator_code.strip()).first()
    record = ValueImport(
        created_by=_person(actor),
        file_name=(file_name or "upload")[:255],
        size=len(content),
        sha256=checksum(content),
        content=content_kept,
        layout=layout,
        indicator=indicator,
    )
    record._history_user = _person(actor)
    if indicator_code and indicator is None:
        refusal = ImportRefused(f'"{indicator_code}" is not an indicator we know')
        return _refused(record, refusal)
    try:
        record.layout, plan = file_plan(
            content, file_name=record.file_name, layout=layout, indicator_code=indicator_code
        )
    except ImportRefused as refusal:
        return _refused(record, refusal)
    _count(record, plan)
    record.save()
    return Preview(record=record, plan=plan)


def _refused(record: ValueImport, refusal: ImportRefused) -> Preview:
    record.status = ValueImport.Status.REFUSED
    record.problems = [
        {"row": 0, "column": "", "message": refusal.message, "text": refusal.message}
    ]
    record.problems += [
        {"row": p.row, "column": p.column, "message": p.message, "text": str(p)}
        for p in refusal.problems[:_KEPT_PROBLEMS]
    ]
    record.save()
    return Preview(record=record, refusal=refusal)


@transaction.atomic
def import_save(*, record: ValueImport, sha256: str, actor: Any) -> Plan:
    """Save every value of a previewed import, or none: any problem and nothing is written.

    ``sha256`` is the checksum of the file the person previewed: the kept file must be
    that file. Values of the partnership's own area from an approved return are left as
    they are (the preview lists them as conflicts).
    """
    _check(actor)
    record = ValueImport.objects.select_for_update().get(pk=record.pk)
    if record.status != ValueImport.Status.PREVIEWED:
        raise ApplicationError(
            "This import has already been saved or was refused: upload the file again"
        )
    if sha256 != record.sha256:
        raise ApplicationError("The file previewed is not the file kept: upload it again")
    plan = import_replan(record=record)
    if not plan.can_save:
        raise ImportRefused(
            "Nothing was saved: put right the problems listed and upload the file again",
            tuple(plan.problems),
        )
    plan_save(plan=plan, actor=_person(actor), reason=record.change_reason)
    approved_values_changed.send(sender=ValueImport)
    _count(record, plan)
    record.status = ValueImport.Status.SAVED
    record.saved_at = timezone.now()
    record._history_user = _person(actor)
    record.save()
    return plan


@transaction.atomic
def unknown_areas_create(*, plan: Plan, actor: Any, parent: Area | None = None) -> list[Area]:
    """Every area the file names that is not known, named as in the file
    (``import_values --create-areas``): comparator areas, whose code must be a GSS code
    (others stay problems to put right); or, given ``parent`` (the partnership area or a
    sub-area, ``--sub-areas-of``), sub-areas of it, whatever their code."""
    kind = Area.Kind.COMPARATOR if parent is None else Area.Kind.SUB_AREA
    return [
        area_create(code=unknown.code, name=unknown.name, kind=kind, parent=parent, actor=actor)
        for unknown in plan.unknown_areas.values()
        if unknown.creatable or parent is not None
    ]


# The kinds an area created from a preview may be, and what each may be part of.
_PARENT_KINDS = {
    Area.Kind.COMPARATOR: (Area.Kind.REGION, Area.Kind.ENGLAND),
    Area.Kind.REGION: (Area.Kind.ENGLAND,),
    Area.Kind.ENGLAND: (),
    Area.Kind.SUB_AREA: (Area.Kind.PARTNERSHIP, Area.Kind.SUB_AREA),
}


def _parent_refusal(kind: str, parent: Area | None) -> str | None:
    """Why ``parent`` cannot hold an area of ``kind``, or None."""
    if kind == Area.Kind.SUB_AREA and parent is None:
        return "Choose what the sub-area is part of: the partnership area or another sub-area"
    if parent is not None and parent.kind not in _PARENT_KINDS[kind]:
        if kind == Area.Kind.SUB_AREA:
            return "A sub-area is part of the partnership area or of another sub-area"
        if kind == Area.Kind.ENGLAND:
            return "England is not part of another area: choose None"
        return f"A {Area.Kind(kind).label.lower()} is part of a region or England, or of none"
    return None


@transaction.atomic
def area_create(*, code: str, name: str, kind: str, parent: Area | None, actor: Any) -> Area:
    """An area a file names, created from the preview: a comparator, regional or national
    area (published data, part of a region or England if anything), or a sub-area of the
    partnership (an area committee, neighbourhood or ward: part of the partnership area
    or of another sub-area), whose values are the partnership's own."""
    _check(actor)
    code, name = code.strip(), " ".join(name.split())
    if kind not in _PARENT_KINDS:
        raise ApplicationError("Choose comparator area, sub-area, region or England", field="kind")
    if not code or len(code) > 20:
        raise ApplicationError("Enter the area's code, at most 20 characters", field="code")
    if not name:
        raise ApplicationError("Enter the area's name", field="name")
    if refusal := _parent_refusal(kind, parent):
        raise ApplicationError(refusal, field="parent")
    if Area.objects.filter(code__iexact=code).exists():
        raise ApplicationError(f"There is already an area with the code {code}", field="code")
    area = Area(code=code, name=name[:200], kind=kind, parent=parent)
    area._history_user = _person(actor)
    area.save()
    return area


@dataclass
class Posted:
    """Values posted to the API: the import recorded, and why it was refused (if it was)."""

    record: ValueImport
    plan: Plan | None = None
    problems: list[dict[str, Any]] | None = None

    @property
    def saved(self) -> bool:
        return not self.problems


def _posted_problems(plan: Plan) -> list[Problem]:
    """What refuses a post whole: each bad cell, each unknown area, and each value that
    would overwrite an approved return's (the page keeps those and saves the rest; a
    script is told, so that it never believes a value saved that was not)."""
    problems = list(plan.problems)
    for unknown in plan.unknown_areas.values():
        problems += [
            Problem(row, "Area", f'"{unknown.code}" is not an area we know: ask the '
                    "performance team to add it, or give the code of one we know")
            for row in unknown.rows
        ]  # fmt: skip
    problems += [
        Problem(
            v.row,
            "Value",
            f"{v.indicator.code}, {v.area.name}, {v.period_code} is the approved return's "
            f"value ({number_text(v.old)}): an import never overwrites it",
        )
        for v in plan.conflicts
    ]
    return sorted(problems, key=lambda p: (p.row, p.column))


def import_posted(*, content: bytes, file_name: str, actor: Any) -> Posted:
    """Values in the long layout posted to the API: checked by the same rules as a file on
    ``/data/import/``, recorded as a ``ValueImport``, and saved all or nothing. Refused
    whole (recorded as refused, with why) for any problem, unknown area or conflict."""
    preview = import_preview(content=content, file_name=file_name, actor=actor, layout=LONG)
    record = preview.record
    if preview.refusal is not None:
        return Posted(record=record, problems=record.problems)
    assert preview.plan is not None  # a preview not refused has its plan
    problems = _posted_problems(preview.plan)
    if problems:
        record.status = ValueImport.Status.REFUSED
        record.problems = [
            {"row": p.row, "column": p.column, "message": p.message, "text": str(p)}
            for p in problems[:_KEPT_PROBLEMS]
        ]
        record._history_user = _person(actor)
        record.save()
        return Posted(record=record, plan=preview.plan, problems=record.problems)
    plan = import_save(record=record, sha256=record.sha256, actor=actor)
    record.refresh_from_db()
    return Posted(record=record, plan=plan)
