"""Where an exception links to: the indicator's page, the return, or the board view."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify

from reporting.scorecard.selectors import OutcomeReturn


def board_href(block_slug: str, anchor: str, period_code: str) -> str | None:
    """A place on a block's board view, for the quarter shown."""
    try:
        href = reverse("block_detail", kwargs={"slug": block_slug})
    except NoReverseMatch:
        return None
    query = f"?{urlencode({'period': period_code})}" if period_code else ""
    return f"{href}{query}#{anchor}"


def indicator_href(slug: str, *, block_slug: str = "", period_code: str = "") -> str | None:
    """The indicator's page; while that page is not wired in, the target on its board view."""
    try:
        return reverse("indicator_detail", kwargs={"slug": slug})
    except NoReverseMatch:
        pass
    return board_href(block_slug, f"target-{slug}", period_code) if block_slug else None


def return_href(line: OutcomeReturn) -> str | None:
    """The return's page, when the person may open it."""
    if not (line.return_pk and line.viewable):
        return None
    try:
        return reverse("return_detail", args=[line.return_pk])
    except NoReverseMatch:
        return None


def plan_href(outcome_code: str) -> str | None:
    """The outcome's delivery plan (``/outcomes/<slug>/``), when the plans are wired in."""
    try:
        return reverse("outcome_plan", kwargs={"slug": slugify(outcome_code)})
    except NoReverseMatch:
        return None
