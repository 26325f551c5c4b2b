"""``python manage.py run_cycle [--today YYYY-MM-DD]``: the quarterly cycle's tick, by hand.

Does what the partnership's calendar says is due on that day (today by default) and has
not been done, for every quarter in order: after months without a run, one call closes
and reports the old round, then opens each quarter since and does its due steps (see
``reporting.cycle.services``). The daily periodic job and the cycle page's "Run today's
cycle" call the same service. Running it twice for one day does nothing new.
"""

from __future__ import annotations

from argparse import ArgumentTypeError
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from reporting.cycle.services import cycle_run


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ArgumentTypeError(f"'{text}' is not a date: use YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = "Run the quarterly cycle for a day: open, remind, chase, close, exception report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=_day, default=None, help="The day to run for (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        report = cycle_run(today=today)
        self.stdout.write(f"Quarterly cycle for {today:%A} {today.day} {today:%B %Y}:")
        if report.nothing_done:
            self.stdout.write(f"Nothing is due for {report.quarter} that has not been done.")
        for line in report.lines():
            self.stdout.write(f"- {line}")
        if report.emails:
            self.stdout.write(f"{report.emails} email(s) recorded and queued.")
