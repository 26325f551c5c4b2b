"""Whether a quarterly return is late, due soon or on time: a pure function of dates."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from reporting.rules.return_states import DONE

DUE_SOON_DAYS = 5


class Timeliness(StrEnum):
    LATE = "late"
    DUE_SOON = "due_soon"
    ON_TIME = "on_time"

    @property
    def label(self) -> str:
        return {"late": "Late", "due_soon": "Due soon", "on_time": "On time"}[self.value]


def return_timeliness(*, state: str, due_on: date, today: date) -> Timeliness:
    """Late when past its due date and not yet submitted or approved; due soon when it is
    due within five days and not yet submitted or approved; otherwise on time.

    A submitted or approved return is on time: the lead has done their part.
    """
    if state in DONE:
        return Timeliness.ON_TIME
    if today > due_on:
        return Timeliness.LATE
    if (due_on - today).days <= DUE_SOON_DAYS:
        return Timeliness.DUE_SOON
    return Timeliness.ON_TIME
