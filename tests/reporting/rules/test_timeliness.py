"""Whether a return is late, due soon or on time."""

from datetime import date, timedelta

import pytest

from reporting.rules.timeliness import Timeliness, return_timeliness

DUE = date(2025, 10, 22)


@pytest.mark.parametrize(
    ("state", "today", "expected"),
    [
        ("not_started", DUE + timedelta(days=1), Timeliness.LATE),
        ("draft", DUE + timedelta(days=30), Timeliness.LATE),
        ("returned", DUE + timedelta(days=1), Timeliness.LATE),
        ("draft", DUE, Timeliness.DUE_SOON),
        ("not_started", DUE - timedelta(days=5), Timeliness.DUE_SOON),
        ("not_started", DUE - timedelta(days=6), Timeliness.ON_TIME),
        ("submitted", DUE + timedelta(days=3), Timeliness.ON_TIME),
        ("approved", DUE + timedelta(days=3), Timeliness.ON_TIME),
        ("submitted", DUE - timedelta(days=1), Timeliness.ON_TIME),
    ],
    ids=[
        "not started past the due date is late",
        "draft a month past the due date is late",
        "returned and past the due date is late",
        "draft on the due date is due soon",
        "not started five days before the due date is due soon",
        "not started six days before the due date is on time",
        "submitted after the due date is not late",
        "approved after the due date is not late",
        "submitted before the due date is on time",
    ],
)
def test_return_timeliness(state, today, expected):
    assert return_timeliness(state=state, due_on=DUE, today=today) is expected
