"""Benchmark of the exception dashboard (``/exceptions/``) at demo and national scale.

For the dashboard rendered for ``psb`` and for ``admin`` it prints the server time (a
Django test client GET, the median of N runs after one warm-up run), once with what the
site keeps (the scorecard in the cache, the rendered rows in the process) and once with
nothing kept (the cache cleared before each run), the time of one
hand-written SQL query that fetches the same rows (each target of the partnership's area,
its indicator and its approved value for the quarter), and their ratio; then, for each
person, the ratio of the server time at national scale to the time at demo scale. It
prints ratios and asserts nothing.

Usage, from the project's root (the two databases are built once with ``--build``; any
database ``DATABASE_URL`` understands will do, SQLite or PostgreSQL):

    DATABASE_URL=sqlite:////tmp/bench_national.sqlite3 \\
    DEMO_DATABASE_URL=sqlite:////tmp/bench_demo.sqlite3 \\
        .venv/bin/python bench/dashboard.py --build [--runs 7] [--today 2026-11-21]

- ``DATABASE_URL`` gets the demo plus ``load_demo --scale national`` (150 areas, 200
  more indicators, 12 quarters: about 360,000 values; a minute or two on SQLite);
- ``DEMO_DATABASE_URL`` (or ``--demo-url``) gets the demo alone;
- ``--build`` migrates both and loads what is missing (``load_demo`` is idempotent), so
  it is safe to pass every time; leave it out to measure databases already built.

Each database is measured in its own process, with the test settings
(``config.test_settings``: DEBUG off, plain static files storage).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USERS = ("psb", "admin")
SETTINGS = "config.test_settings"

# One query for the rows the dashboard is about: every target of the partnership's area
# with its indicator and its approved value for the quarter.
RAW_SQL = """
SELECT i.code, i.title, i.unit, i.decimal_places, i.polarity, t.kind, t.baseline_value,
       t.target_value, v.value, v.status
FROM targets_target t
JOIN indicators_indicator i ON i.id = t.indicator_id
JOIN partnership_area a ON a.id = t.area_id
LEFT JOIN indicators_indicatorvalue v
       ON v.indicator_id = t.indicator_id
      AND v.area_id = t.area_id
      AND v.is_approved = %s
      AND v.period_id = (SELECT p.id FROM partnership_period p WHERE p.code = %s)
WHERE a.kind = 'partnership' AND i.is_active = %s
ORDER BY i.code
"""


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE=SETTINGS)
    env.pop("DEBUG", None)
    return env


def build(url: str, *, national: bool, today: str) -> None:
    """Migrate the database and load the demo (and the national data set) into it."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], check=True, cwd=ROOT, env=_env(url))
    load = [*manage, "load_demo", "--today", today]
    if national:
        load += ["--scale", "national"]
    subprocess.run(load, check=True, cwd=ROOT, env=_env(url))


def measure_here(runs: int) -> dict:
    """Measure in this process, against DATABASE_URL (run with ``--measure``)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from reporting.scorecard.selectors import default_quarter
    from reporting.templatetags.app_tags import _kept_row
    from targets.models import Target

    settings.ALLOWED_HOSTS = ["testserver"]
    quarter = default_quarter()
    if quarter is None:
        raise SystemExit("No quarter to show: build the database first (--build).")
    result: dict = {
        "quarter": quarter.code,
        "targets": Target.objects.filter(area__kind="partnership").count(),
        "users": {},
    }
    for username in USERS:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/exceptions/")  # warm-up, and the query count
        assert response.status_code == 200, response.status_code
        query_count = len(queries)  # now: the log is cleared by the next request
        server = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get("/exceptions/")
            server.append(time.perf_counter() - started)
        fresh = []  # nothing kept: the scorecard read and judged, every row rendered
        for _ in range(runs):
            cache.clear()
            _kept_row.cache_clear()
            started = time.perf_counter()
            client.get("/exceptions/")
            fresh.append(time.perf_counter() - started)
        raw = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(RAW_SQL, [True, quarter.code, True])
                rows = cursor.fetchall()
            raw.append(time.perf_counter() - started)
        result["users"][username] = {
            "server": statistics.median(server),
            "fresh": statistics.median(fresh),
            "raw": statistics.median(raw[1:]),
            "rows": len(rows),
            "queries": query_count,
        }
    return result


def measure(url: str, runs: int) -> dict:
    """Measure in a fresh process against ``url``."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", "--runs", str(runs)],
        check=True,
        cwd=ROOT,
        env=_env(url),
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(results: dict[str, dict], runs: int) -> None:
    quarter = results["national"]["quarter"]
    print(f"Exception dashboard /exceptions/ for {quarter}: median of {runs} runs")
    print()
    header = (
        f"{'scale':<9} {'user':<6} {'targets':>7} {'queries':>7} {'kept ms':>8} "
        f"{'fresh ms':>8} {'raw SQL ms':>10} {'kept/SQL':>8} {'fresh/SQL':>9}"
    )
    print(header)
    print("-" * len(header))
    for scale in ("demo", "national"):
        found = results[scale]
        for username in USERS:
            line = found["users"][username]
            print(
                f"{scale:<9} {username:<6} {found['targets']:>7} {line['queries']:>7} "
                f"{line['server'] * 1000:>8.1f} {line['fresh'] * 1000:>8.1f} "
                f"{line['raw'] * 1000:>10.2f} {line['server'] / line['raw']:>8.1f} "
                f"{line['fresh'] / line['raw']:>9.1f}"
            )
    print()
    for username in USERS:
        demo = results["demo"]["users"][username]
        national = results["national"]["users"][username]
        server = national["server"] / demo["server"]
        fresh = national["fresh"] / demo["fresh"]
        raw = national["raw"] / demo["raw"]
        targets = results["national"]["targets"] / results["demo"]["targets"]
        print(
            f"national/demo for {username}: server time {server:.2f}x kept, {fresh:.2f}x fresh, "
            f"raw SQL {raw:.2f}x, "
            f"targets {targets:.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per measure (median)")
    parser.add_argument("--build", action="store_true", help="migrate and load both databases")
    parser.add_argument("--today", default="2026-11-21", help="the day the demo is loaded as at")
    parser.add_argument(
        "--demo-url",
        default=os.environ.get("DEMO_DATABASE_URL"),
        help="the demo-scale database (default: DEMO_DATABASE_URL)",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        print(json.dumps(measure_here(args.runs)))
        return
    national_url = os.environ.get("DATABASE_URL")
    if not national_url or not args.demo_url:
        parser.error("set DATABASE_URL (national scale) and DEMO_DATABASE_URL or --demo-url")
    if national_url == args.demo_url:
        parser.error("the demo and national databases must differ")
    if args.build:
        for url, national in ((args.demo_url, False), (national_url, True)):
            started = time.perf_counter()
            build(url, national=national, today=args.today)
            kind = "national" if national else "demo"
            print(f"Built the {kind} database in {time.perf_counter() - started:.0f} s")
        print()
    report(
        {"demo": measure(args.demo_url, args.runs), "national": measure(national_url, args.runs)},
        args.runs,
    )


if __name__ == "__main__":
    main()
