"""Asking for a performance pack: built at once when small, queued for a Celery task when
large (more targets than ``settings.PACK_SYNC_MAX_TARGETS``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Block, Organisation, Period
from reporting.packs.models import PerformancePack
from reporting.packs.selectors.data import (
    includes_submitted,
    pack_target_count,
)
from reporting.packs.services.build import NOT_ALLOWED, pack_build
from reporting.packs.tasks import build_pack
from reporting.scorecard.selectors import Scope

DEFAULT_SYNC_MAX_TARGETS = 60


def sync_max_targets() -> int:
    """The most targets a pack may hold to be built while the person waits."""
    return int(getattr(settings, "PACK_SYNC_MAX_TARGETS", DEFAULT_SYNC_MAX_TARGETS))


# --- Asking for a pack -------------------------------------------------------------------------


def pack_request(*, user: Any, period: Period, scope: Scope) -> PerformancePack:
    """Record the pack ``user`` asks for; build it now if small, else queue it.

    Returns the pack: ready (or failed) when it was small, queued when large. Raises
    ApplicationError for someone who may not make packs, or a block or partner that
    does not exist.
    """
    if not access.can_export_pack(user):
        raise ApplicationError(NOT_ALLOWED)
    block = None
    if scope.block:
        block = Block.objects.filter(slug=scope.block).first()
        if block is None:
            raise ApplicationError("Select a block from the list", field="block")
    organisation = None
    if scope.organisation is not None:
        organisation = Organisation.objects.filter(pk=scope.organisation).first()
        if organisation is None:
            raise ApplicationError(
                "Select a partner organisation from the list", field="organisation"
            )
    with transaction.atomic():
        pack = PerformancePack.objects.create(
            period=period,
            block=block,
            organisation=organisation,
            stretch_only=scope.stretch_only,
            requested_by=user,
            includes_submitted=includes_submitted(user),
        )
        if pack_target_count(period=period, scope=scope) > sync_max_targets():
            transaction.on_commit(lambda: build_pack.delay(pack.pk))
            return pack
    pack_build(pack_id=pack.pk, notify=False)
    pack.refresh_from_db()
    return pack
