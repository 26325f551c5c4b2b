"""``python manage.py export_pack --period 2025-26-Q2 --out pack.xlsx [--block SLUG]``.

Writes the performance pack of a quarter (the whole partnership, one block, or the
stretch targets only) to a file, as the performance team: approved values and values
submitted but not yet approved, never drafts. The same pack as ``/packs/`` makes.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.errors import ApplicationError
from reporting.packs.services.build import pack_write
from reporting.scorecard.selectors import PeriodNotFound, Scope, quarter_named


class Command(BaseCommand):
    help = "Write the Excel performance pack of a quarter to a file, as the performance team."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="The quarter, like 2025-26-Q2.")
        parser.add_argument("--out", required=True, help="The file to write, like pack.xlsx.")
        parser.add_argument("--block", default="", help="One block only, by its slug.")
        parser.add_argument("--stretch-only", action="store_true", help="The stretch targets only.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = quarter_named(options["period"])
        except PeriodNotFound:
            raise CommandError(
                f"There is no quarter '{options['period']}': give one like 2025-26-Q2 "
                "that the partnership has."
            ) from None
        scope = Scope(block=options["block"], stretch_only=options["stretch_only"])
        try:
            data = pack_write(period=period, scope=scope, out=options["out"])
        except ApplicationError as error:
            raise CommandError(error.message) from None
        except OSError as error:
            raise CommandError(f"Could not write {options['out']}: {error.strerror}.") from None
        self.stdout.write(
            f"Wrote the performance pack for {data.period.label} ({data.scope_label}): "
            f"{len(data.rows)} targets, {data.data_count:,} values, to {options['out']}."
        )
