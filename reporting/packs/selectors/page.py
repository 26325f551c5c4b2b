"""The ``/packs/`` page: the choices of its form and the latest packs a person may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from partnership import access
from partnership.models import Block, Organisation
from partnership.people import display_name
from reporting.packs.models import PerformancePack
from reporting.packs.selectors.scope import scope_label
from reporting.packs.selectors.values import includes_submitted
from reporting.scorecard.selectors import default_quarter, quarter_options

LISTED_PACKS = 50  # the page lists the latest packs


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class PackLine:
    """A pack in the list: what it covers, who made it and when, and how its build went."""

    pk: int
    period_label: str
    scope_label: str
    requested_by: str
    requested_at: datetime
    includes_submitted: bool
    state: str
    state_label: str
    progress: int
    size: int | None
    error: str
    download_href: str
    progress_href: str

    @property
    def is_ready(self) -> bool:
        return self.state == PerformancePack.State.READY

    @property
    def is_failed(self) -> bool:
        return self.state == PerformancePack.State.FAILED

    @property
    def is_finished(self) -> bool:
        return self.is_ready or self.is_failed

    @property
    def size_text(self) -> str:
        """``12 KB``, ``3.4 MB``: the file's size as people read it."""
        if self.size is None:
            return ""
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"

    @property
    def file_name(self) -> str:
        return pack_file_name(self.period_label, self.scope_label)


@dataclass(frozen=True)
class PacksPage:
    quarters: tuple[Choice, ...]
    default_quarter: str
    blocks: tuple[Choice, ...]
    organisations: tuple[Choice, ...]
    packs: tuple[PackLine, ...]
    includes_submitted: bool  # what the person's packs hold


def pack_file_name(period_label: str, scope: str) -> str:
    """``Performance pack Q2 2025-26 Whole partnership.xlsx``: safe on every system."""
    words = f"Performance pack {period_label} {scope}"
    safe = "".join(c if c.isalnum() or c in " -" else " " for c in words)
    return " ".join(safe.split()) + ".xlsx"


def pack_line(pack: PerformancePack) -> PackLine:
    return PackLine(
        pk=pack.pk,
        period_label=pack.period.label,
        scope_label=scope_label(
            block_name=pack.block.name if pack.block else "",
            organisation_name=pack.organisation.name if pack.organisation else "",
            stretch_only=pack.stretch_only,
        ),
        requested_by=display_name(pack.requested_by) or "The performance team",
        requested_at=pack.requested_at,
        includes_submitted=pack.includes_submitted,
        state=pack.state,
        state_label=pack.get_state_display(),
        progress=pack.progress,
        size=pack.size,
        error=pack.error,
        download_href=reverse("pack_download", args=[pack.pk]),
        progress_href=reverse("pack_progress", args=[pack.pk]),
    )


def _packs(user: Any) -> QuerySet[PerformancePack]:
    return access.visible_packs(user, PerformancePack.objects.all()).select_related(
        "period", "block", "organisation", "requested_by"
    )


def visible_pack(*, user: Any, pk: int) -> PerformancePack | None:
    """The pack, if ``user`` may see it; None otherwise (the page answers 404)."""
    return _packs(user).filter(pk=pk).first()


def packs_page(*, user: Any) -> PacksPage:
    """The choices of the form and the latest packs ``user`` may see (five queries)."""
    default = default_quarter()
    return PacksPage(
        quarters=tuple(Choice(p.code, p.label) for p in quarter_options()),
        default_quarter=default.code if default else "",
        blocks=tuple(Choice(b.slug, b.name) for b in Block.objects.order_by("order", "name")),
        organisations=tuple(
            Choice(str(o.pk), o.name) for o in Organisation.objects.order_by("name")
        ),
        packs=tuple(pack_line(pack) for pack in _packs(user)[:LISTED_PACKS]),
        includes_submitted=includes_submitted(user),
    )
