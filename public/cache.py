"""The public pages' cache: every page and file is kept under a version that any change of
what is public bumps (a return approved, a round closed, an indicator published).

Django's cache framework: Redis when ``REDIS_URL`` is set (shared by every web process),
memory otherwise. Pages carry ``Cache-Control: public, max-age`` for browsers and proxies.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from partnership.cache import Versioned

# How long a browser or proxy may keep a page, and how long the server keeps one whose
# version has not changed (a value imported outside a return is public within this).
MAX_AGE = 300
SERVER_TIMEOUT = 600
PUBLIC = Versioned("public", timeout=SERVER_TIMEOUT)


def version() -> int:
    """The current version of what is public."""
    return PUBLIC.version()


def bump() -> None:
    """Something public changed: every cached page and file is read afresh."""
    PUBLIC.bump()


def cached_public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep a public view's successful answers by address (without the query string, which
    the public pages do not read) under the current version, and mark them public."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = PUBLIC.key(request.path)
        kept = cache.get(key)
        if kept is not None:
            content, content_type, disposition = kept
            response = HttpResponse(content, content_type=content_type)
            if disposition:
                response["Content-Disposition"] = disposition
            response["X-Public-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                kept = (
                    response.content,
                    response["Content-Type"],
                    response.get("Content-Disposition", ""),
                )
                cache.set(key, kept, timeout=SERVER_TIMEOUT)
            response["X-Public-Cache"] = "miss"
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return wrapper
