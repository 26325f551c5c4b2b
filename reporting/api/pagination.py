"""The API's pages: ``limit`` and ``offset`` as DRF has them, but bounded, so that a huge
number asks the database for no more than it can hold (SQLite refused a limit past 2**63
with a server error)."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 10**9  # far past the last of any list: the page is then empty


class Pagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_offset(self, request: Any) -> int:
        return min(super().get_offset(request), MAX_OFFSET)
