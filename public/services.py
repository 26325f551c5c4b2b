"""Publishing: the performance team's decision that an indicator (and its target) is shown
on the public pages. History keeps who published or withdrew what, and when."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from indicators.models import Indicator
from partnership import access
from partnership.errors import ApplicationError


@transaction.atomic
def indicator_publish(*, indicator_id: int, publish: bool, actor: Any) -> Indicator:
    """Publish the indicator (``publish``) or withdraw it from the public pages.

    Refused for anyone but the performance team, and when the indicator is already as
    asked (someone else did it since the page was read). The public pages are read
    afresh once it commits (:mod:`public.signals`).
    """
    refusal = access.publish_refusal(actor)
    if refusal is not None:
        raise ApplicationError(refusal)
    indicator = Indicator.objects.select_for_update().get(pk=indicator_id)
    if indicator.published == publish:
        state = "published" if publish else "not published"
        raise ApplicationError(
            f"{indicator.code} is already {state}: someone changed it since you opened the page."
        )
    indicator.published = publish
    indicator.published_at = timezone.now()
    indicator.published_by = actor if getattr(actor, "pk", None) else None
    indicator._history_user = indicator.published_by  # noqa: SLF001 - simple-history's who
    indicator._change_reason = "Published" if publish else "Withdrawn from the public pages"  # noqa: SLF001
    indicator.save(update_fields=["published", "published_at", "published_by"])
    return indicator
