"""Whether a return is late, due soon or on time, and how many of a quarter's are late."""

from datetime import date, timedelta

import pytest

from reporting.rules.timeliness import LateCounts, Timeliness, late_counts, return_timeliness

DUE = date(2025, 10, 22)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("state", "submitted_on", "today", "expected"),
    [
        ("not_started", None, DUE + DAY, Timeliness.LATE),
        ("draft", None, DUE + 30 * DAY, Timeliness.LATE),
        ("returned", DUE - DAY, DUE + DAY, Timeliness.LATE),
        ("draft", None, DUE, Timeliness.DUE_SOON),
        ("not_started", None, DUE - 5 * DAY, Timeliness.DUE_SOON),
        ("not_started", None, DUE - 6 * DAY, Timeliness.ON_TIME),
        ("submitted", DUE - DAY, DUE + 3 * DAY, Timeliness.ON_TIME),
        ("submitted", DUE, DUE + 3 * DAY, Timeliness.ON_TIME),
        ("approved", DUE - 10 * DAY, DUE + 60 * DAY, Timeliness.ON_TIME),
        ("submitted", DUE + DAY, DUE + DAY, Timeliness.SUBMITTED_LATE),
        ("approved", date(2025, 12, 2), date(2025, 12, 20), Timeliness.SUBMITTED_LATE),
        ("approved", None, DUE + 3 * DAY, Timeliness.ON_TIME),
    ],
    ids=[
        "not started past the due date is late",
        "draft a month past the due date is late",
        "sent back and past the due date is late, whenever it was first submitted",
        "draft on the due date is due soon",
        "not started five days before the due date is due soon",
        "not started six days before the due date is on time",
        "submitted the day before the due date is on time",
        "submitted on the due date is on time",
        "approved, submitted before the due date, is on time for good",
        "submitted the day after the due date is submitted late",
        "due 22 October, submitted 2 December: submitted late",
        "approved with no submission date is on time",
    ],
)
def test_return_timeliness(state, submitted_on, today, expected):
    judged = return_timeliness(state=state, due_on=DUE, submitted_on=submitted_on, today=today)
    assert judged is expected


def test_an_extension_moves_the_due_date_the_return_is_judged_by():
    submitted_on = DUE + 3 * DAY
    assert (
        return_timeliness(state="submitted", due_on=DUE, submitted_on=submitted_on, today=DUE)
        is Timeliness.SUBMITTED_LATE
    )
    extended = DUE + 7 * DAY
    assert (
        return_timeliness(state="submitted", due_on=extended, submitted_on=submitted_on, today=DUE)
        is Timeliness.ON_TIME
    )


@pytest.mark.parametrize(
    ("timeliness", "label"),
    [
        (Timeliness.LATE, "Late"),
        (Timeliness.SUBMITTED_LATE, "Submitted late"),
        (Timeliness.DUE_SOON, "Due soon"),
        (Timeliness.ON_TIME, "On time"),
    ],
)
def test_each_judgement_has_its_words(timeliness, label):
    assert timeliness.label == label


def test_late_counts_are_the_missing_and_the_submitted_late():
    counts = late_counts(
        [
            Timeliness.LATE,
            Timeliness.LATE,
            Timeliness.SUBMITTED_LATE,
            Timeliness.ON_TIME,
            Timeliness.DUE_SOON,
        ]
    )
    assert counts == LateCounts(missing=2, submitted_late=1)
    assert counts.late == 3
    assert late_counts([]) == LateCounts()
    assert LateCounts().late == 0
