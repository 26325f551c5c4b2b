"""``python manage.py load_demo [--today YYYY-MM-DD] [--scale national]``: see demo.builders."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.builders.benchmark import (
    DEFAULT_AREAS,
    DEFAULT_INDICATORS,
    DEFAULT_QUARTERS,
    build_national,
)
from demo.builders.demo import DemoError, build_demo
from demo.content.people import DEMO_LOGINS, PASSWORD


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--today takes a date such as 2026-11-21, not '{text}'.") from error


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


class Command(BaseCommand):
    help = (
        "Load the Anycity demo partnership (idempotent). With --scale national, add the "
        "large synthetic data set for benchmarks on top of it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=_day,
            help="The day to load the demo as at (default: today in Europe/London).",
        )
        parser.add_argument("--scale", choices=["demo", "national"], default="demo")
        parser.add_argument("--areas", type=_positive, default=DEFAULT_AREAS)
        parser.add_argument("--indicators", type=_positive, default=DEFAULT_INDICATORS)
        parser.add_argument("--quarters", type=_positive, default=DEFAULT_QUARTERS)

    def handle(self, *args, **options) -> None:
        today = options["today"] or datetime.now(ZoneInfo("Europe/London")).date()
        if isinstance(today, str):  # call_command(today="2026-11-21") skips the parser
            today = _day(today)
        try:
            demo = build_demo(today=today)
        except DemoError as error:
            raise CommandError(str(error)) from error
        if demo.already_loaded:
            self.stdout.write("The demo partnership is already loaded.")
        else:
            counts = ", ".join(f"{n:,} {label}" for label, n in demo.counts.items())
            self.stdout.write(self.style.SUCCESS("Loaded the Anycity demo partnership: ") + counts)
            self.stdout.write(f"The round for {demo.latest_quarter.label} is open.")
        if options["scale"] == "national":
            national = build_national(
                today=today,
                areas=options["areas"],
                indicators=options["indicators"],
                quarters=options["quarters"],
            )
            if national.created_values or national.created_indicators or national.created_risks:
                self.stdout.write(
                    self.style.SUCCESS("Built the national benchmark data set: ")
                    + f"{national.areas:,} areas, {national.indicators:,} indicators, "
                    f"{national.quarters} quarters; {national.created_values:,} values and "
                    f"{national.created_risks:,} risks added."
                )
            else:
                self.stdout.write("The national benchmark data set is already loaded.")
        self.stdout.write(f"Sign in as {', '.join(DEMO_LOGINS)} with the password '{PASSWORD}'.")
