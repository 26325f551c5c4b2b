"""What every page's header needs: the partnership's name, who is signed in, the menu."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from partnership import access


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    # Who sees the link: a function of the user, built on partnership.access.
    shown_to: Callable[[Any], bool]


def _everyone(user: Any) -> bool:
    return True


# The service navigation, in order. A page joins the menu with one line here; a url
# name that does not resolve (its app not wired in yet) is left out.
NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Start", "start", _everyone),
    NavItem("Returns", "returns", access.can_use_site),
    NavItem("Exceptions", "exceptions", access.can_use_site),
    NavItem("Blocks", "blocks", access.can_use_site),
    NavItem("Indicators", "indicators", access.can_use_site),
    NavItem("Risks", "risks", access.can_use_site),
    NavItem("Funding", "funding", access.can_use_site),
    NavItem("Packs", "packs", access.can_export_pack),
    NavItem("Exception reports", "exception_reports", access.can_view_exception_reports),
    NavItem("Admin", "admin:index", access.can_use_admin),
)


def navigation_items(request: Any) -> list[dict[str, Any]]:
    """The menu for the signed-in person: label, href and whether it is the current page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = []
    for item in NAVIGATION:
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        if not item.shown_to(user):
            continue
        current = request.path == href if href == "/" else request.path.startswith(href)
        items.append({"label": item.label, "href": href, "current": current})
    return items


def navigation(request: Any) -> dict[str, Any]:
    """What the header needs: the partnership's name, the person's roles and the menu."""
    return {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "user_roles": access.roles_of(getattr(request, "user", None)),
        "navigation_items": navigation_items(request),
    }
