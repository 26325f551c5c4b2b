"""The Celery task that builds a large performance pack someone asked for."""

from __future__ import annotations

from celery import shared_task

from reporting.packs.services.build import pack_build


@shared_task(name="reporting.tasks.build_pack", acks_late=True)
def build_pack(pack_id: int) -> str:
    """Build a performance pack someone asked for; a pack already built is left alone."""
    pack = pack_build(pack_id=pack_id)
    return pack.state if pack is not None else "missing"
