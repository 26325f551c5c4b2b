"""The performance team's publishing page: every active indicator, whether it is
published, and by whom and when it was last published or withdrawn; one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from indicators.models import Indicator
from partnership.people import display_name


@dataclass(frozen=True)
class PublishingRow:
    pk: int
    code: str
    title: str
    slug: str
    block_name: str
    published: bool
    changed_at: datetime | None
    changed_by: str


def publishing_rows() -> list[PublishingRow]:
    found = (
        Indicator.objects.filter(is_active=True)
        .select_related("published_by", "primary_outcome__block")
        .order_by("primary_outcome__block__order", "primary_outcome__block__name", "code")
    )
    return [
        PublishingRow(
            pk=i.pk,
            code=i.code,
            title=i.title,
            slug=i.slug,
            block_name=i.primary_outcome.block.name,
            published=i.published,
            changed_at=i.published_at,
            changed_by=display_name(i.published_by) if i.published_by else "",
        )
        for i in found
    ]
