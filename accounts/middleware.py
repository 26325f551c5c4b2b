"""A session ends after ``SESSION_COOKIE_AGE`` seconds without use.

Django only renews a session's expiry when the session is saved; saving it on every
request costs a write per page. Instead the session is touched once every few minutes
of use, which renews it: idle time is measured to within ``TOUCH_EVERY_SECONDS``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

TOUCH_EVERY_SECONDS = 5 * 60
SEEN = "accounts_seen_at"


def mark_seen(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """On sign-in the new session is fresh: the first renewal is due a few minutes on."""
    request.session[SEEN] = int(time.time())


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(SEEN, 0) >= TOUCH_EVERY_SECONDS:
                request.session[SEEN] = now  # modified, so saved with a fresh expiry
        return self.get_response(request)
