"""``python manage.py import_framework FILE [--dry-run] [--user USERNAME]``.

Imports a framework workbook (the template of ``/data/framework/``: outcomes, indicators,
targets and milestones) as the performance team, printing the same preview as the page;
all or nothing. ``--user`` names the performance officer history records (without it,
the command line as the team).
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.imports.read import ImportRefused, size_text
from partnership import access
from partnership.errors import ApplicationError
from targets.framework_import.services import framework_import_preview, framework_import_save
from targets.framework_import.summary import preview_lines


class Command(BaseCommand):
    help = "Import outcomes, indicators, targets and milestones from an .xlsx, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The .xlsx workbook.")
        parser.add_argument("--dry-run", action="store_true", help="Preview only; save nothing.")
        parser.add_argument("--user", default="", help="The performance officer importing.")

    def _actor(self, username: str) -> Any:
        if not username:
            return access.PERFORMANCE_TEAM_JOB
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no one with the username {username}.")
        return user

    def _content(self, path: str) -> bytes:
        try:
            if os.path.getsize(path) > settings.VALUE_IMPORT_MAX_BYTES:
                limit = size_text(settings.VALUE_IMPORT_MAX_BYTES)
                raise CommandError(f"{path} is larger than {limit}: split it.")
            with open(path, "rb") as handle:
                return handle.read()
        except OSError as error:
            raise CommandError(f"Could not read {path}: {error.strerror}.") from None

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        path = options["file"]
        try:
            preview = framework_import_preview(
                content=self._content(path), file_name=os.path.basename(path), actor=actor
            )
        except ApplicationError as error:
            raise CommandError(error.message) from None
        if preview.refusal is not None:
            for problem in preview.refusal.problems:
                self.stdout.write(f"  {problem}")
            message = preview.refusal.message
            if not message.startswith("Nothing was saved"):
                message += ". Nothing was saved"
            raise CommandError(f"{message}.")
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
        except ImportRefused as refusal:
            raise CommandError(refusal.message) from None
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self.stdout.write(self.style.SUCCESS(f"Saved as framework import #{preview.record.pk}."))
