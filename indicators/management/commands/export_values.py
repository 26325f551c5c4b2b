"""``python manage.py export_values FILE``: every approved value, in the long layout, as a
CSV file (the data hub export that ``/data/export.csv`` downloads); ``-`` writes it to
the screen."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.exports import EXPORT_COLUMNS, approved_value_rows
from partnership.downloads import csv_lines


class Command(BaseCommand):
    help = "Write every approved value to a CSV file in the long layout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV file to write, or - for the screen.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        lines = csv_lines(EXPORT_COLUMNS, approved_value_rows())
        if path == "-":
            sys.stdout.writelines(lines)
            return
        count = -1  # the header is not a value
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                for line in lines:
                    handle.write(line)
                    count += 1
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error.strerror}.") from None
        self.stdout.write(f"Wrote {count:,} approved values to {path}.")
