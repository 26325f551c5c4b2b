"""What the return page's forms share: a text field and the version of the return the
page was opened at (a page without one is out of date)."""

from __future__ import annotations

from typing import Any

from django import forms

REASON_MAX = 500
STALE_PAGE = "This page is out of date: open the return again."


def text_field(required: bool = False, max_length: int | None = None, **kwargs: Any) -> forms.Field:
    return forms.CharField(required=required, max_length=max_length, **kwargs)


def opened_version(form: forms.Form) -> int | None:
    """The version of the return the page was opened at, or None when it is not given."""
    raw = (form.data.get(form.add_prefix("version")) or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None
