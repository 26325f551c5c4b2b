"""What the import commands share (``import_values``, ``import_framework``): who imports,
the file read within the size limit, and a preview that is refused printed with every
problem, as the upload page lists them."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from indicators.imports.read import size_text
from partnership import access
from partnership.errors import ApplicationError


class ImportCommand(BaseCommand):
    def actor(self, username: str) -> Any:
        """The person ``--user`` names, or the command line as the performance team."""
        if not username:
            return access.PERFORMANCE_TEAM_JOB
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no one with the username {username}.")
        return user

    def content(self, path: str) -> bytes:
        try:
            if os.path.getsize(path) > settings.VALUE_IMPORT_MAX_BYTES:
                limit = size_text(settings.VALUE_IMPORT_MAX_BYTES)
                raise CommandError(f"{path} is larger than {limit}: split it.")
            with open(path, "rb") as handle:
                return handle.read()
        except OSError as error:
            raise CommandError(f"Could not read {path}: {error.strerror}.") from None

    def preview(self, path: str, make: Callable[..., Any]) -> Any:
        """``make(content=..., file_name=...)``'s preview of the file at ``path``; a file
        refused whole is a CommandError, its problems printed first."""
        try:
            preview = make(content=self.content(path), file_name=os.path.basename(path))
        except ApplicationError as error:
            raise CommandError(error.message) from None
        if preview.refusal is not None:
            for problem in preview.refusal.problems:
                self.stdout.write(f"  {problem}")
            message = preview.refusal.message
            if not message.startswith("Nothing was saved"):
                message += ". Nothing was saved"
            raise CommandError(f"{message}.")
        return preview
