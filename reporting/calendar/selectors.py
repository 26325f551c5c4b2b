"""Reading the partnership's calendar."""

from __future__ import annotations

from reporting.calendar.models import PartnershipCalendar


def calendar_current() -> PartnershipCalendar:
    """The partnership's calendar; its defaults (unsaved) until an administrator saves it."""
    return PartnershipCalendar.objects.filter(pk=1).first() or PartnershipCalendar()
