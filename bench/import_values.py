"""Benchmark of the value import: N values in the long layout, previewed then saved.

Writes a long-layout CSV of N values (one indicator per 10,000 values, 50 comparator
areas, as many quarters as it takes), then times what ``/data/import/`` and
``manage.py import_values`` do with it: the preview (read, check every row, compare
with the values kept) and the save (all or nothing, in batches, with history), and
prints each as values per second, with the number of queries the save took. It then
imports the same file again (every value left alone) and times that. It asserts nothing.

Usage, from the project's root (any database ``DATABASE_URL`` understands; the issue's
target is PostgreSQL, where the batches are whole; SQLite splits them by its limit of
999 parameters a query):

    DATABASE_URL=postgres://.../bench_import .venv/bin/python bench/import_values.py \\
        --build [--values 100000] [--batch 2000]

- ``--build`` migrates the database first. The indicators, areas and values the bench
  makes are its own (codes ``B 0``..., areas ``E09...``): they are removed and made
  again on every run, so a run always adds N values.

It runs with the test settings (``config.test_settings``: DEBUG off), so no query log
is kept while it measures; the save's queries are counted with a connection hook.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = "config.test_settings"
AREAS = 50
PER_INDICATOR = 10_000


def _setup(build: bool) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ.pop("DEBUG", None)
    if build:
        manage = [sys.executable, str(ROOT / "manage.py")]
        env = dict(os.environ)
        subprocess.run([*manage, "migrate", "-v0"], check=True, cwd=ROOT, env=env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _world(values: int) -> bytes:
    """The bench's own indicators and areas, made again, and a CSV of ``values`` values."""
    from indicators.enums import Accumulation, Frequency, Polarity, Unit
    from indicators.models import Indicator, IndicatorValue, ValueImport
    from partnership.models import Area, Block, Organisation, Outcome
    from partnership.periods import Period

    IndicatorValue.objects.filter(indicator__code__startswith="B ").delete()
    Indicator.objects.filter(code__startswith="B ").delete()
    ValueImport.objects.filter(file_name="bench.csv").delete()
    organisation, _ = Organisation.objects.get_or_create(
        short_name="Bench", defaults={"name": "Bench partner", "kind": "council"}
    )
    block, _ = Block.objects.get_or_create(slug="bench", defaults={"name": "Bench block"})
    outcome, _ = Outcome.objects.get_or_create(
        code="BENCH 1",
        defaults={"block": block, "title": "Bench outcome", "lead_organisation": organisation},
    )
    count = -(-values // PER_INDICATOR)
    Indicator.objects.bulk_create(
        Indicator(
            code=f"B {n}", title=f"Bench indicator {n}", kind="local", unit=Unit.NUMBER,
            decimal_places=1, polarity=Polarity.HIGHER, frequency=Frequency.QUARTERLY,
            accumulation=Accumulation.DISCRETE, lead_organisation=organisation,
            primary_outcome=outcome,
        )
        for n in range(count)
    )  # fmt: skip
    areas = [f"E09{n:06d}" for n in range(AREAS)]
    for code in areas:
        Area.objects.get_or_create(code=code, defaults={"name": code, "kind": "comparator"})
    quarters = [Period(1990, 1).shift(n).code for n in range(PER_INDICATOR // AREAS)]
    lines = ["Indicator,Area,Period,Value"]
    for n in range(values):
        indicator, rest = divmod(n, PER_INDICATOR)
        quarter, area = divmod(rest, AREAS)
        lines.append(f"B {indicator},{areas[area]},{quarters[quarter]},{n % 1000}.5")
    return ("\n".join(lines) + "\n").encode()


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def _run(content: bytes, label: str, values: int) -> None:
    from django.db import connection

    from indicators.imports.services import import_preview, import_save
    from partnership.access import PERFORMANCE_TEAM_JOB

    started = time.perf_counter()
    preview = import_preview(
        content=content, file_name="bench.csv", actor=PERFORMANCE_TEAM_JOB, layout="long"
    )
    previewed = time.perf_counter()
    assert preview.plan is not None, preview.refusal
    counter = _Counter()
    with connection.execute_wrapper(counter):
        import_save(record=preview.record, sha256=preview.record.sha256, actor=PERFORMANCE_TEAM_JOB)
    saved = time.perf_counter()
    plan = preview.plan
    print(
        f"{label}: {len(plan.added):,} added, {len(plan.changed):,} changed, "
        f"{len(plan.unchanged):,} left alone"
    )
    print(
        f"  preview {previewed - started:6.2f} s  {values / (previewed - started):10,.0f} values/s"
    )
    print(
        f"  save    {saved - previewed:6.2f} s  {values / (saved - previewed):10,.0f} values/s "
        f"({counter.count} queries, the preview read again included)"
    )
    print(f"  total   {saved - started:6.2f} s  {values / (saved - started):10,.0f} values/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--values", type=int, default=100_000, help="values in the file")
    parser.add_argument("--batch", type=int, default=2000, help="values a batch")
    parser.add_argument("--build", action="store_true", help="migrate the database first")
    args = parser.parse_args()
    _setup(args.build)
    from django.conf import settings
    from django.db import connection

    settings.VALUE_IMPORT_BATCH_SIZE = args.batch
    settings.VALUE_IMPORT_MAX_ROWS = max(settings.VALUE_IMPORT_MAX_ROWS, args.values)
    settings.VALUE_IMPORT_MAX_BYTES = max(settings.VALUE_IMPORT_MAX_BYTES, 64 * 1024 * 1024)
    content = _world(args.values)
    print(f"{args.values:,} values, {len(content) / 1e6:.1f} MB, on {connection.vendor}")
    _run(content, "First import", args.values)
    _run(content, "Same file again", args.values)


if __name__ == "__main__":
    main()
