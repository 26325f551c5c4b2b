"""Benchmark of the Excel performance pack at national scale.

Builds the pack of the whole partnership for a quarter, as the performance team (what
``manage.py export_pack`` does: the queries, the workbook, the saved file), then writes
the very same cells and fills with bare openpyxl (a write-only workbook, each value as
it is, a solid fill where the pack has one, nothing else: no number formats, widths,
filters, print setup or charts), and prints the two times (the median of N runs) and
their ratio, which is what the pack costs over openpyxl's own writing, and the peak
memory of the process while the pack was built (against the demo's database too, to see
that it stays flat as the data grows). It asserts nothing.

Usage, from the project's root (the database is built once with ``--build``; any
database ``DATABASE_URL`` understands will do, SQLite or PostgreSQL):

    DATABASE_URL=sqlite:////tmp/bench_national.sqlite3 \\
        .venv/bin/python bench/excel_pack.py --build [--runs 3] [--period 2026-27-Q2] \\
        [--today 2026-11-21]

- ``--build`` migrates the database and runs ``load_demo --scale national`` (the demo
  plus 150 areas, 200 more indicators and 12 quarters: about 360,000 values; a minute or
  two on SQLite). ``load_demo`` is idempotent, so it is safe to pass every time; leave
  it out to measure a database already built. The database of ``bench/dashboard.py``
  (its ``DATABASE_URL``) is built the same way and will do.
- ``--period`` is the quarter of the pack (default: the latest with approved returns).

It runs with the test settings (``config.test_settings``: DEBUG off), so no query log
is kept while it measures.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = "config.test_settings"


def build(today: str) -> None:
    """Migrate DATABASE_URL and load the demo and the national data set into it."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=SETTINGS)
    env.pop("DEBUG", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, cwd=ROOT, env=env)
    subprocess.run(
        [*manage, "load_demo", "--today", today, "--scale", "national"],
        check=True,
        cwd=ROOT,
        env=env,
    )


def _setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ.pop("DEBUG", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def read_cells(path: str) -> list[tuple[str, list[tuple], dict[int, dict[int, str]]]]:
    """Every sheet of the pack: its name, its rows of values, and its fills by row and
    column (the fill's colour), read back from the file the pack wrote."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    sheets = []
    for sheet in workbook.worksheets:
        rows: list[tuple] = []
        fills: dict[int, dict[int, str]] = {}
        for r, row in enumerate(sheet.iter_rows()):
            values = []
            for c, cell in enumerate(row):
                values.append(getattr(cell, "value", None))
                fill = getattr(cell, "fill", None)
                if fill is not None and fill.fill_type == "solid":
                    fills.setdefault(r, {})[c] = fill.fgColor.rgb
            rows.append(tuple(values))
        sheets.append((sheet.title, rows, fills))
    workbook.close()
    return sheets


def bare_write(sheets: list[tuple[str, list[tuple], dict[int, dict[int, str]]]], out: str) -> None:
    """The same cells and fills, written with bare openpyxl."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import PatternFill

    workbook = Workbook(write_only=True)
    patterns: dict[str, PatternFill] = {}
    for title, rows, fills in sheets:
        sheet = workbook.create_sheet(title)
        for r, values in enumerate(rows):
            filled = fills.get(r)
            if not filled:
                sheet.append(values)
                continue
            row = list(values)
            for c, colour in filled.items():
                cell = WriteOnlyCell(sheet, value=row[c])
                cell.fill = patterns.get(colour) or patterns.setdefault(
                    colour, PatternFill("solid", fgColor=colour)
                )
                row[c] = cell
            sheet.append(row)
    workbook.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (median)")
    parser.add_argument("--build", action="store_true", help="migrate and load the database")
    parser.add_argument("--today", default="2026-11-21", help="the day the demo is loaded as at")
    parser.add_argument("--period", default="", help="the pack's quarter, like 2026-27-Q2")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        parser.error("set DATABASE_URL to the national-scale database")
    if args.build:
        started = time.perf_counter()
        build(args.today)
        print(f"Built the national database in {time.perf_counter() - started:.0f} s")
        print()

    _setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting.packs.services.build import pack_write
    from reporting.scorecard.selectors import Scope, default_quarter, quarter_named

    period = quarter_named(args.period) if args.period else default_quarter()
    if period is None:
        raise SystemExit("No quarter to make a pack of: build the database first (--build).")
    with tempfile.TemporaryDirectory() as folder:
        pack_path = os.path.join(folder, "pack.xlsx")
        bare_path = os.path.join(folder, "bare.xlsx")
        pack_times = []
        before = _peak_mb()
        for run in range(args.runs):
            started = time.perf_counter()
            if run == 0:
                with CaptureQueriesContext(connection) as queries:
                    data = pack_write(period=period, scope=Scope(), out=pack_path)
            else:
                pack_write(period=period, scope=Scope(), out=pack_path)
            pack_times.append(time.perf_counter() - started)
        pack_peak = _peak_mb()  # before the bench reads the cells back
        size = os.path.getsize(pack_path)
        sheets = read_cells(pack_path)
        cells = sum(len(row) for _, rows, _ in sheets for row in rows)
        filled = sum(len(by_column) for _, _, fills in sheets for by_column in fills.values())
        bare_times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            bare_write(sheets, bare_path)
            bare_times.append(time.perf_counter() - started)

    pack_time = statistics.median(pack_times)
    bare_time = statistics.median(bare_times)
    print(
        f"Performance pack for {period.label}, whole partnership, as the performance team: "
        f"median of {args.runs} runs"
    )
    print(
        f"{len(data.rows):,} targets, {data.comparator_count:,} comparator rows, "
        f"{data.data_count:,} values; {len(sheets)} sheets, {cells:,} cells, {filled:,} filled; "
        f"{size / 1024 / 1024:.1f} MB; {len(queries)} queries"
    )
    print()
    print(f"pack (queries, workbook, file):   {pack_time:8.2f} s")
    print(f"bare openpyxl, same cells+fills:  {bare_time:8.2f} s")
    print(f"ratio pack/bare:                  {pack_time / bare_time:8.2f}")
    print(
        f"peak memory of the process:       {pack_peak:8.0f} MB "
        f"({pack_peak - before:.0f} MB more than before the pack)"
    )


def _peak_mb() -> float:
    """The process's peak resident memory so far (Linux counts it in kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
