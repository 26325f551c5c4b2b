"""How a person is named on pages, in emails and in workbooks: one rule for all."""

from __future__ import annotations

from typing import Any


def display_name(user: Any, *, nobody: str = "") -> str:
    """The person's full name, else their username; ``nobody`` when there is no person
    (a value entered by the system, an account since deleted)."""
    if user is None:
        return nobody
    return user.get_full_name() or user.get_username()
