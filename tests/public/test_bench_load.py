"""bench/load.py: it only ever sends traffic to this machine, and reports percentiles right."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

LOAD = Path(__file__).resolve().parents[2] / "bench" / "load.py"


@pytest.fixture(scope="module")
def load():
    spec = importlib.util.spec_from_file_location("bench_load", LOAD)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://10.0.0.1:8000", False),
        ("http://192.168.1.5", False),
        ("https://203.0.113.9", False),
        ("http://", False),
    ],
)
def test_only_a_server_on_this_machine_is_a_target(load, url, local):
    assert load.is_local(url) is local


def test_a_remote_url_is_refused_before_any_request(load, capsys):
    with pytest.raises(SystemExit) as stopped:
        load.main(["--url", "http://192.168.1.5:8000", "--public", "--seconds", "1"])
    assert stopped.value.code == 2
    assert "loopback" in capsys.readouterr().err


@pytest.mark.parametrize(("share", "expected"), [(0.5, 50), (0.95, 95), (1.0, 100), (0.0, 1)])
def test_percentiles_are_by_nearest_rank(load, share, expected):
    assert load.percentile([float(n) for n in range(100, 0, -1)], share) == expected


def test_the_report_counts_errors_per_page(load, capsys):
    results = load.Results()
    results.record("public home", 0.1, ok=True)
    results.record("public home", 0.3, ok=False)
    assert load.report(results, elapsed=2.0) == 1
    out = capsys.readouterr().out
    assert "public home" in out
    assert "1.0 requests per second" in out
