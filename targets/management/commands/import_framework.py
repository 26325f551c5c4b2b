"""``python manage.py import_framework FILE [--dry-run] [--user USERNAME]``.

Imports a framework workbook (the template of ``/data/framework/``: outcomes, indicators,
targets and milestones) as the performance team, printing the same preview as the page;
all or nothing. ``--user`` names the performance officer history records (without it,
the command line as the team).
"""

from __future__ import annotations

import functools
from typing import Any

from django.core.management.base import CommandError, CommandParser

from indicators.imports.command import ImportCommand
from partnership.errors import ApplicationError
from targets.framework_import.services import framework_import_preview, framework_import_save
from targets.framework_import.summary import preview_lines


class Command(ImportCommand):
    help = "Import outcomes, indicators, targets and milestones from an .xlsx, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The .xlsx workbook.")
        parser.add_argument("--dry-run", action="store_true", help="Preview only; save nothing.")
        parser.add_argument("--user", default="", help="The performance officer importing.")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options["user"])
        preview = self.preview(
            options["file"], functools.partial(framework_import_preview, actor=actor)
        )
        plan = preview.plan
        assert plan is not None
        for line in preview_lines(plan):
            self.stdout.write(line)
        if not plan.can_save:
            raise CommandError(
                f"Nothing was saved: {len(plan.problems):,} problems to put right first."
            )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was saved.")
            return
        try:
            framework_import_save(record=preview.record, sha256=preview.record.sha256, actor=actor)
        except ApplicationError as error:  # ImportRefused among them
            raise CommandError(error.message) from None
        self.stdout.write(self.style.SUCCESS(f"Saved as framework import #{preview.record.pk}."))
