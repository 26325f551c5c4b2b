"""Reads of the partnership app."""

from __future__ import annotations

from partnership.errors import ApplicationError
from partnership.models import Area


def partnership_area() -> Area:
    """The partnership's own area, whose values the returns enter."""
    area = Area.objects.filter(kind=Area.Kind.PARTNERSHIP).first()
    if area is None:
        raise ApplicationError("The partnership's own area is not set up: ask an administrator.")
    return area
