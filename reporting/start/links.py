"""Where each item of the start page opens, built with ``reverse``.

A return opens its own page; a count of returns opens the list of returns filtered to
what it counts (the filters ``/returns/`` reads: ``round``, ``state``, ``block``,
``late``); the Public Service Board's figures open the sections of the exception
dashboard; a block opens its board view; an administrator's links open the admin. Each
page asked for says itself who may see it, so a link here never shows more than the
page would.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

# The returns list's "Late returns only" checkbox sends this value.
LATE = "on"

# Admin pages an administrator starts from; a model not registered in the admin is skipped.
ADMIN_LINKS: tuple[tuple[str, str], ...] = (
    ("Users", "admin:auth_user_changelist"),
    ("Role assignments", "admin:partnership_roleassignment_changelist"),
    ("Partners", "admin:partnership_organisation_changelist"),
    ("Areas", "admin:partnership_area_changelist"),
    ("Blocks", "admin:partnership_block_changelist"),
    ("Outcomes", "admin:partnership_outcome_changelist"),
    ("Priorities", "admin:partnership_priority_changelist"),
    ("Periods", "admin:partnership_period_changelist"),
    ("Indicators", "admin:indicators_indicator_changelist"),
    ("Return rounds", "admin:reporting_returnround_changelist"),
    ("All administration", "admin:index"),
)


@dataclass(frozen=True)
class Link:
    label: str
    href: str


def _with(path: str, query: dict[str, str], anchor: str = "") -> str:
    chosen = {name: value for name, value in query.items() if value}
    return f"{path}{'?' + urlencode(chosen) if chosen else ''}{'#' + anchor if anchor else ''}"


def return_href(pk: int) -> str:
    """The return's own page."""
    return reverse("return_detail", args=[pk])


def returns_href(*, round_code: str, state: str = "", block: str = "", late: bool = False) -> str:
    """The list of returns for a round, filtered by state, block or to the late ones."""
    query = {"round": round_code, "state": state, "block": block, "late": LATE if late else ""}
    return _with(reverse("returns"), query)


def exceptions_href(period_code: str = "", anchor: str = "") -> str:
    """The exception dashboard for a quarter (else its default one), at a section."""
    return _with(reverse("exceptions"), {"period": period_code}, anchor)


def block_href(slug: str, period_code: str = "") -> str:
    """A block's board view for a quarter (else its default one)."""
    return _with(reverse("block_detail", kwargs={"slug": slug}), {"period": period_code})


def indicators_href() -> str:
    """The list of indicators, by block and outcome."""
    return reverse("indicators")


def data_links() -> tuple[Link, ...]:
    """The performance team's imports: values, and the framework from a workbook."""
    return (
        Link("Import values", reverse("value_import")),
        Link("Import the framework (outcomes, indicators, targets)", reverse("framework_import")),
    )


def admin_links() -> tuple[Link, ...]:
    """The :data:`ADMIN_LINKS` whose admin page exists."""
    resolved = []
    for label, url_name in ADMIN_LINKS:
        try:
            resolved.append(Link(label, reverse(url_name)))
        except NoReverseMatch:
            continue
    return tuple(resolved)
