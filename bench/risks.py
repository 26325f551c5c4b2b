"""Benchmark of the risk register's pages at demo and national scale.

Signed in as the performance officer (``officer``), a board member (``board``) and a
member of the Public Service Board (``psb``), it fetches the register (``/risks/``), its
heat map of inherent positions (``/risks/?position=inherent``), one risk's page (the
demo's "Children's centres lose their funding", on both databases) and the register's
CSV (``/risks/register.csv``), and prints for each the number of SQL queries and the
server time (a Django test client GET, the median of N runs after one warm-up run);
then, for each page and person, the ratio of the national figures to the demo's. The
number of queries should not move with the number of risks; the time grows with the rows
shown. It prints and asserts nothing.

Usage, from the project's root (the two databases are built once with ``--build``; any
database ``DATABASE_URL`` understands will do, SQLite or PostgreSQL):

    DATABASE_URL=sqlite:////tmp/bench_national.sqlite3 \\
    DEMO_DATABASE_URL=sqlite:////tmp/bench_demo.sqlite3 \\
        .venv/bin/python bench/risks.py --build [--runs 5] [--today 2026-11-21]

- ``DATABASE_URL`` gets the demo plus ``load_demo --scale national`` (which adds about
  2,400 risks with four reviews each to the demo's 22, as well as 360,000 values);
- ``DEMO_DATABASE_URL`` (or ``--demo-url``) gets the demo alone;
- ``--build`` migrates both and loads what is missing (``load_demo`` is idempotent), so
  it is safe to pass every time; leave it out to measure databases already built. The
  databases of ``bench/dashboard.py`` are built the same way and will do.

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
USERS = ("officer", "board", "psb")
SETTINGS = "config.test_settings"
RISK_TITLE = "Children's centres lose their funding"
PAGES = ("register", "heat map", "risk page", "CSV")


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
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from risks.models import Risk

    settings.ALLOWED_HOSTS = ["testserver"]
    risk = Risk.objects.filter(title=RISK_TITLE).first()
    if risk is None:
        raise SystemExit("No demo risk to open: build the database first (--build).")
    urls = dict(
        zip(
            PAGES,
            ("/risks/", "/risks/?position=inherent", f"/risks/{risk.pk}/", "/risks/register.csv"),
            strict=True,
        )
    )
    result: dict = {"risks": Risk.objects.exclude(status="closed").count(), "users": {}}
    for username in USERS:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        pages = {}
        for page, url in urls.items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)  # warm-up, and the query count
            assert response.status_code == 200, (url, response.status_code)
            query_count = len(queries)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - started)
            pages[page] = {"queries": query_count, "server": statistics.median(times)}
        result["users"][username] = pages
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
    print(f"Risk register pages: median of {runs} runs")
    print()
    header = f"{'scale':<9} {'user':<8} {'page':<10} {'risks':>6} {'queries':>7} {'server ms':>10}"
    print(header)
    print("-" * len(header))
    for scale in ("demo", "national"):
        found = results[scale]
        for username in USERS:
            for page in PAGES:
                line = found["users"][username][page]
                print(
                    f"{scale:<9} {username:<8} {page:<10} {found['risks']:>6} "
                    f"{line['queries']:>7} {line['server'] * 1000:>10.1f}"
                )
    print()
    risks = results["national"]["risks"] / results["demo"]["risks"]
    print(f"national/demo: open risks {risks:.1f}x")
    for username in USERS:
        for page in PAGES:
            demo = results["demo"]["users"][username][page]
            national = results["national"]["users"][username][page]
            print(
                f"  {username:<8} {page:<10} queries {national['queries']:>3} / "
                f"{demo['queries']:<3} ({national['queries'] / demo['queries']:.2f}x), "
                f"server time {national['server'] / demo['server']:.2f}x"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measure (median)")
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
