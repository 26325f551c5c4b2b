"""The fuzz tests: a ``tried`` fixture each example calls, and a summary line per test at
the end of the run saying how many examples it tried (``make test`` reports the counts)."""

from collections.abc import Callable

import pytest

from tests.fuzz.counts import TRIED
from tests.reporting.conftest import (  # noqa: F401 - fixtures the fuzz tests use too
    lead_return,
    open_round,
    other_return,
    partnership_risk,
    today,
)


@pytest.fixture
def tried(request) -> Callable[[], None]:
    """Count one example of the running test (the fixture is shared by its examples)."""
    key = request.node.nodeid.split("::", 1)[-1]

    def count() -> None:
        TRIED[key] += 1

    return count


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not TRIED:
        return
    terminalreporter.section("fuzz examples tried")
    for name, number in sorted(TRIED.items()):
        terminalreporter.write_line(f"{number:>5}  {name}")
    terminalreporter.write_line(f"{sum(TRIED.values()):>5}  in all, over {len(TRIED)} tests")
