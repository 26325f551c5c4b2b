"""Kept reads, under a version that any change of what they read bumps.

Django's cache framework: Redis when ``REDIS_URL`` is set (shared by every web process),
memory otherwise. A :class:`Versioned` family of entries (the public pages, the
scorecards) is read afresh once its version is bumped: every entry's key carries the
version it was read under, and the old ones expire.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")


class Versioned:
    """A family of kept entries, all read afresh when :meth:`bump` is called."""

    def __init__(self, name: str, *, timeout: int) -> None:
        self.name = name
        self.version_key = f"{name}:version"
        self.timeout = timeout  # how long an entry is kept though nothing bumped it

    def version(self) -> int:
        """The current version of the family."""
        current = cache.get(self.version_key)
        if current is None:
            cache.add(self.version_key, 1, timeout=None)
            current = cache.get(self.version_key, 1)
        return int(current)

    def bump(self) -> None:
        """What the entries read has changed: every one is read afresh."""
        try:
            cache.incr(self.version_key)
        except ValueError:  # not set yet (or evicted)
            cache.set(self.version_key, 2, timeout=None)

    def bump_now_and_on_commit(self) -> None:
        """Bump now, so the rest of this transaction reads afresh, and again once it
        commits, so that what another process read and kept meanwhile (without this
        change) is not served after it."""
        self.bump()
        transaction.on_commit(self.bump)

    def key(self, *parts: Any) -> str:
        return ":".join((self.name, str(self.version()), *(str(part) for part in parts)))

    def kept(self, parts: tuple[Any, ...], read: Callable[[], T]) -> T:
        """What ``read`` gives, kept under ``parts`` and the current version."""
        key = self.key(*parts)
        found = cache.get(key)
        if found is None:
            found = read()
            cache.set(key, found, timeout=self.timeout)
        return found


def shape(*classes: type) -> str:
    """A short digest of these dataclasses' fields, for the key of entries holding them:
    after a release that changes a field, an entry kept by the one before (in Redis) is
    not read back into the new class."""
    names = ";".join(
        f"{cls.__qualname__}:" + ",".join(f.name for f in dataclasses.fields(cls))
        for cls in classes
    )
    return hashlib.sha1(names.encode()).hexdigest()[:12]
