"""Load test: N people using a running server at once, for a fixed time.

It starts nothing itself: point it at a server already running on this machine (only a
loopback address is accepted). Each simulated person is a thread with its own session
that requests pages in turn until the time is up (and never more than ``--max-requests``
each), then it prints, per page, the requests, errors, median, 95th percentile and
maximum time, and the requests per second overall. It exits 1 if any request failed.

Anonymous readers of the public pages and open data (``--public``):

    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --public --users 50 --seconds 30

Signed-in demo people of different roles (admin, officer, lead, board, psb, scrutiny in
turn; the demo's password), each on the mix of pages people use most: the start page,
the exception dashboard, a board view, the list of indicators, an indicator page, the
returns list, a return page and the API's values:

    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --users 12 --seconds 30

See README.md ("Load testing") for running it against gunicorn and PostgreSQL with the
national data set. Needs ``requests`` (installed with the dev tools).
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import re
import socket
import statistics
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urljoin, urlparse

try:
    import requests
except ImportError:  # pragma: no cover - the dev tools install it
    sys.exit("bench/load.py needs requests: install the dev tools (pip install -e '.[dev]').")

ROLES = ("admin", "officer", "lead", "board", "psb", "scrutiny")
PUBLIC_FILES = ("/public/data.csv", "/public/data.json", "/public/feed.atom")
TIMEOUT = 30


@dataclass
class Results:
    """Times (seconds) and errors by page name, shared by the threads."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, page: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.times[page].append(seconds)
            if not ok:
                self.errors[page] += 1


def is_local(url: str) -> bool:
    """Whether the server is on this machine (a loopback address)."""
    host = urlparse(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def sign_in(session: requests.Session, base: str, username: str, password: str) -> None:
    login = urljoin(base, "/accounts/login/")
    session.get(login, timeout=TIMEOUT).raise_for_status()
    response = session.post(
        login,
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        headers={"Referer": login},
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise SystemExit(f"Could not sign in as {username} (is the demo loaded?)")


def first_link(session: requests.Session, base: str, page: str, pattern: str) -> str:
    """The first address on ``page`` matching ``pattern`` (a return, a block, an indicator)."""
    html = session.get(urljoin(base, page), timeout=TIMEOUT).text
    found = re.search(pattern, html)
    if not found:
        raise SystemExit(f"No link matching {pattern} on {page}: is the demo loaded?")
    return found.group(0)


def signed_in_pages(session: requests.Session, base: str) -> dict[str, str]:
    """The page mix of a signed-in person, by name."""
    return {
        "start page": "/",
        "exception dashboard": "/exceptions/",
        "board view": first_link(session, base, "/blocks/", r"/blocks/[\w-]+/"),
        "indicators list": "/indicators/",
        "indicator page": first_link(session, base, "/indicators/", r"/indicators/[a-z0-9-]+/"),
        "returns list": "/returns/",
        "return page": first_link(session, base, "/returns/", r"/returns/\d+/"),
        "API values": "/api/values/",
    }


def public_pages(session: requests.Session, base: str) -> dict[str, str]:
    pages = {
        "public home": "/public/",
        "public indicator": first_link(
            session, base, "/public/", r"/public/indicators/[a-z0-9-]+/"
        ),
    }
    pages.update({path.rsplit("/", 1)[1]: path for path in PUBLIC_FILES})
    return pages


def _public(base: str, session: requests.Session) -> dict[str, str]:
    return public_pages(session, base)


def _signed_in(base: str, username: str, password: str, session: requests.Session) -> dict:
    sign_in(session, base, username, password)
    return signed_in_pages(session, base)


def person(
    base: str,
    prepare: Callable[[requests.Session], dict[str, str]],
    results: Results,
    deadline: float,
    max_requests: int,
) -> None:
    """One person: their session, then the page mix in turn until the deadline."""
    session = requests.Session()
    try:
        pages = list(prepare(session).items())
    except (requests.RequestException, SystemExit) as problem:
        print(f"A person could not start: {problem}", file=sys.stderr)
        results.record("sign in or discovery", 0.0, ok=False)
        return
    for n in range(max_requests):
        if time.monotonic() >= deadline:
            break
        name, path = pages[n % len(pages)]
        started = time.perf_counter()
        try:
            response = session.get(urljoin(base, path), timeout=TIMEOUT)
            ok = response.status_code == 200
        except requests.RequestException:
            ok = False
        results.record(name, time.perf_counter() - started, ok)


def report(results: Results, elapsed: float) -> int:
    """Print the table; the number of errors."""
    print(f"{'page':<22} {'requests':>8} {'errors':>6} {'median':>8} {'p95':>8} {'max':>8}")
    total = errors = 0
    for name in sorted(results.times):
        times = results.times[name]
        total += len(times)
        errors += results.errors[name]
        print(
            f"{name:<22} {len(times):>8} {results.errors[name]:>6} "
            f"{statistics.median(times) * 1000:>6.0f}ms {percentile(times, 0.95) * 1000:>6.0f}ms "
            f"{max(times) * 1000:>6.0f}ms"
        )
    every = [t for times in results.times.values() for t in times]
    if every:
        print(
            f"{'all':<22} {total:>8} {errors:>6} {statistics.median(every) * 1000:>6.0f}ms "
            f"{percentile(every, 0.95) * 1000:>6.0f}ms {max(every) * 1000:>6.0f}ms"
        )
    print(f"{total / elapsed:.1f} requests per second over {elapsed:.1f} s")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url", required=True, help="the running server, e.g. http://127.0.0.1:8000"
    )
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--public", action="store_true", help="anonymous: public pages, open data")
    parser.add_argument("--password", default="partnership", help="the demo people's password")
    parser.add_argument("--max-requests", type=int, default=10_000, help="per person, at most")
    args = parser.parse_args(argv)
    if not is_local(args.url):
        parser.error("--url must be a server on this machine (a loopback address)")
    if not (1 <= args.users <= 500 and 0 < args.seconds <= 600):
        parser.error("--users is 1 to 500 and --seconds at most 600")
    results = Results()
    threads = []
    deadline = time.monotonic() + args.seconds
    for n in range(args.users):
        prepare = (
            partial(_public, args.url)
            if args.public
            else partial(_signed_in, args.url, ROLES[n % len(ROLES)], args.password)
        )
        thread = threading.Thread(
            target=person, args=(args.url, prepare, results, deadline, args.max_requests)
        )
        threads.append(thread)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.seconds + TIMEOUT * 2)
    elapsed = time.monotonic() - started
    who = "anonymous readers" if args.public else "signed-in people"
    print(f"{args.users} {who} for {args.seconds:g} s against {args.url}")
    return 1 if report(results, elapsed) else 0


if __name__ == "__main__":
    sys.exit(main())
