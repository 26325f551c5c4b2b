"""Which indicators a quarter's return collects, by frequency."""

import pytest

from reporting.rules.due import due_frequencies


@pytest.mark.parametrize(
    ("quarter", "due"),
    [
        (1, {"monthly", "quarterly"}),
        (2, {"monthly", "quarterly"}),
        (3, {"monthly", "quarterly"}),
        (4, {"monthly", "quarterly", "annual", "biennial"}),
    ],
)
def test_what_a_quarter_collects_by_frequency(quarter, due):
    assert due_frequencies(quarter) == due
