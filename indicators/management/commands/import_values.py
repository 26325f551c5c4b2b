"""``python manage.py import_values FILE [--layout long|wide|fingertips] [--indicator CODE]
[--create-areas [--sub-areas-of CODE]] [--dry-run] [--user USERNAME]``.

Imports a CSV or .xlsx of values as the performance team, printing the same preview as
``/data/import/``; all or nothing. ``--create-areas`` creates areas the file names that
are not known as comparator areas, named as in the file, or with ``--sub-areas-of CODE``
as sub-areas of that area (the partnership area or a sub-area). ``--user`` names the
performance officer history records (without it, the command line as the team).
"""

from __future__ import annotations

import functools
from typing import Any

from django.core.management.base import CommandError, CommandParser

from indicators.imports.command import ImportCommand
from indicators.imports.layouts import LAYOUTS
from indicators.imports.plan import Plan
from indicators.imports.read import ImportRefused
from indicators.imports.selectors import import_replan
from indicators.imports.services import import_preview, import_save, unknown_areas_create
from indicators.imports.summary import preview_lines
from partnership.errors import ApplicationError
from partnership.models import Area


class Command(ImportCommand):
    help = "Import a CSV or .xlsx of values (long, wide or Fingertips), all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV or .xlsx file.")
        parser.add_argument("--layout", choices=LAYOUTS, default="", help="Found if not given.")
        parser.add_argument("--indicator", default="", help="The indicator of a wide file.")
        parser.add_argument("--create-areas", action="store_true", help="Create unknown areas.")
        parser.add_argument(
            "--sub-areas-of",
            default="",
            metavar="CODE",
            help="With --create-areas: create them as sub-areas of this area.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Preview only; save nothing.")
        parser.add_argument("--user", default="", help="The performance officer importing.")

    def _parent(self, options: dict[str, Any]) -> Area | None:
        code = options["sub_areas_of"].strip()
        if not code:
            return None
        if not options["create_areas"]:
            raise CommandError("--sub-areas-of goes with --create-areas.")
        parent = Area.objects.filter(code__iexact=code).first()
        if parent is None:
            raise CommandError(f"There is no area with the code {code}.")
        return parent

    def _create_areas(self, plan: Plan, actor: Any, parent: Area | None, dry_run: bool) -> None:
        what = "comparator area(s)" if parent is None else f"sub-area(s) of {parent.name}"
        if dry_run:
            self.stdout.write(f"Would create the unknown areas as {what}.")
            return
        try:
            made = unknown_areas_create(plan=plan, actor=actor, parent=parent)
        except ApplicationError as error:
            raise CommandError(f"{error.message}. Nothing was saved.") from None
        self.stdout.write(f"Created {len(made)} {what}.")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options["user"])
        parent = self._parent(options)
        preview = self.preview(
            options["file"],
            functools.partial(
                import_preview,
                actor=actor,
                layout=options["layout"],
                indicator_code=options["indicator"],
            ),
        )
        plan = preview.plan
        assert plan is not None
        if options["create_areas"] and plan.unknown_areas:
            self._create_areas(plan, actor, parent, options["dry_run"])
            if not options["dry_run"]:
                plan = import_replan(record=preview.record)
        self.stdout.write("\n".join(preview_lines(plan)))
        if options["dry_run"]:
            self.stdout.write(f"Dry run (import #{preview.record.pk}): nothing was saved.")
            return
        try:
            saved = import_save(record=preview.record, sha256=preview.record.sha256, actor=actor)
        except ImportRefused as refusal:
            raise CommandError(f"{refusal.message}.") from None
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Saved import #{preview.record.pk}: {len(saved.added):,} added, "
            f"{len(saved.changed):,} changed, {len(saved.unchanged):,} left alone."
        )
