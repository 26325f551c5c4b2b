"""The Atom feed of newly published quarters (``/public/feed.atom``)."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from public.selectors.open_data import PublishedQuarter, published_quarters


class PublishedQuartersFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "Each quarter's approved figures as the partnership publishes them."

    def title(self) -> str:
        return f"{settings.PARTNERSHIP_NAME}: how the area is doing"

    def link(self) -> str:
        return reverse("public:home")

    def items(self) -> list[PublishedQuarter]:
        return published_quarters()

    def item_title(self, item: PublishedQuarter) -> str:
        return f"Figures for {item.label} published"

    def item_description(self, item: PublishedQuarter) -> str:
        count = item.indicators
        return (
            f"Approved figures for {item.label} for {count} "
            f"indicator{'s' if count != 1 else ''}. Download the data as CSV or JSON."
        )

    def item_link(self, item: PublishedQuarter) -> str:
        return reverse("public:home")

    def item_guid(self, item: PublishedQuarter) -> str:
        return f"published-quarter-{item.code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: PublishedQuarter) -> datetime:
        return timezone.make_aware(datetime.combine(item.closed_on, time(9)))
