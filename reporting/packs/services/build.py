"""Building a performance pack.

:func:`pack_build` is the ``build_pack`` task's service: it builds the pack with its progress
saved to the row (for the page's progress bar), keeps the file, and emails the person a
link; on any error the pack is marked failed with a message, and the error is logged.
:func:`pack_write` writes a pack straight to a file, as the performance team, for
``manage.py export_pack``.
"""

from __future__ import annotations

import logging
from io import BytesIO
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Block, Period
from reporting.notifications.outbox import notification_key, site_url
from reporting.notifications.services import notification_send
from reporting.packs.models import PerformancePack
from reporting.packs.selectors.data import (
    PackData,
    pack_data,
    pack_file_name,
    scope_label,
)
from reporting.packs.workbook.build import build_pack_workbook
from reporting.scorecard.selectors import Scope

logger = logging.getLogger(__name__)

FAILED = (
    "The pack could not be built. Try again, and if it fails again contact the performance team."
)
NOT_ALLOWED = "Only performance officers and administrators can make performance packs."


def _scope_of(pack: PerformancePack) -> Scope:
    return Scope(
        block=pack.block.slug if pack.block else "",
        organisation=pack.organisation_id,
        stretch_only=pack.stretch_only,
    )


# --- Building it -------------------------------------------------------------------------------


def _save_progress(pack_id: int, percent: int) -> None:
    PerformancePack.objects.filter(pk=pack_id, state=PerformancePack.State.BUILDING).update(
        progress=min(percent, 99)
    )


def pack_build(*, pack_id: int, notify: bool = True) -> PerformancePack | None:
    """Build the pack, keep its file, and (``notify``) email its requester a link.

    Idempotent: a pack already ready is left as it is (a retried task does nothing).
    Returns the pack, or None if there is no such pack.
    """
    pack = (
        PerformancePack.objects.select_related("period", "block", "organisation", "requested_by")
        .filter(pk=pack_id)
        .first()
    )
    if pack is None or pack.state == PerformancePack.State.READY:
        return pack
    pack.state, pack.progress, pack.error = PerformancePack.State.BUILDING, 0, ""
    pack.save(update_fields=["state", "progress", "error"])
    try:
        if pack.requested_by is None or not access.can_export_pack(pack.requested_by):
            raise ApplicationError(NOT_ALLOWED)
        data = _data(pack.requested_by, pack.period, _scope_of(pack))
        buffer = BytesIO()
        build_pack_workbook(data, buffer, progress=lambda p: _save_progress(pack.pk, p))
        content = buffer.getvalue()
        name = pack_file_name(pack.period.label, data.scope_label)
        pack.file.save(name, ContentFile(content), save=False)
    except Exception as error:  # noqa: BLE001 - any failure is the pack's, shown on the page
        logger.exception("Could not build performance pack %s", pack.pk)
        pack.state = PerformancePack.State.FAILED
        pack.error = error.message if isinstance(error, ApplicationError) else FAILED
        pack.finished_at = timezone.now()
        pack.save(update_fields=["state", "error", "finished_at"])
        return pack
    pack.state = PerformancePack.State.READY
    pack.progress = 100
    pack.size = len(content)
    pack.finished_at = timezone.now()
    pack.save(update_fields=["file", "state", "progress", "size", "finished_at"])
    if notify:
        _email_ready(pack)
    return pack


def _data(user: Any, period: Period, scope: Scope) -> PackData:
    return pack_data(
        user=user,
        period=period,
        today=timezone.localdate(),
        generated_at=timezone.now(),
        scope=scope,
        partnership_name=settings.PARTNERSHIP_NAME,
    )


def _email_ready(pack: PerformancePack) -> None:
    """Tell the requester their pack is ready, with a link to download it (once)."""
    person = pack.requested_by
    if person is None or not person.email:
        return
    link = site_url(reverse("pack_download", args=[pack.pk]))
    label = scope_label(
        block_name=pack.block.name if pack.block else "",
        organisation_name=pack.organisation.name if pack.organisation else "",
        stretch_only=pack.stretch_only,
    )
    subject = f"Your performance pack for {pack.period.label} is ready"
    text = (
        f"Your performance pack for {pack.period.label} ({label}) is ready.\n\n"
        f"Download it: {link}\n\n"
        "It is kept on the Packs page of Partnership Performance, with who made it and when.\n"
    )
    html = render_to_string(
        "reporting/packs/email.html",
        {
            "partnership_name": settings.PARTNERSHIP_NAME,
            "quarter": pack.period.label,
            "scope": label,
            "link": link,
            "packs_link": site_url(reverse("packs")),
        },
    )
    notification_send(
        kind="pack_ready",
        key=notification_key("pack_ready", person, f"pack-{pack.pk}", pack.period),
        recipient=person,
        subject=subject,
        text=text,
        html=html,
        period=pack.period,
    )


# --- From the command line ---------------------------------------------------------------------


def pack_write(
    *, period: Period, scope: Scope, out: str | IO[bytes], as_performance_team: bool = True
) -> PackData:
    """Write the pack of ``period`` in ``scope`` to ``out``, as the performance team.

    For ``manage.py export_pack``: no one is signed in, so the pack is made as the
    performance team (approved and submitted values, never drafts). Returns what it held.
    """
    if not as_performance_team:
        raise ApplicationError("A pack from the command line is made as the performance team.")
    if scope.block and not Block.objects.filter(slug=scope.block).exists():
        known = ", ".join(Block.objects.order_by("order", "name").values_list("slug", flat=True))
        raise ApplicationError(f"There is no block '{scope.block}'. The blocks are: {known}.")
    data = _data(access.PERFORMANCE_TEAM_JOB, period, scope)
    if isinstance(out, str):
        # Opened first, so that a file that cannot be written is refused before building.
        with open(out, "wb") as handle:
            build_pack_workbook(data, handle)
    else:
        build_pack_workbook(data, out)
    return data
