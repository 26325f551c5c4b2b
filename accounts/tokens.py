"""Making, revoking and checking API tokens (``ApiToken``), and DRF's use of them.

A token is 40 random characters, sent as ``Authorization: Token <token>``; only its
SHA-256 hash is stored. Each request with a token is throttled per token.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from rest_framework import authentication, exceptions, throttling

from accounts.models import ApiToken

PREFIX_LENGTH = 8
# The last use is written at most this often, so that a busy script does not write per call.
LAST_USED_EVERY = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def make_token(*, user: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``: the saved record and the token, to be shown once."""
    key = secrets.token_urlsafe(30)
    token = ApiToken(user=user, name=name, prefix=key[:PREFIX_LENGTH], key_hash=_hash(key))
    token._history_user = user  # noqa: SLF001 - how django-simple-history records who
    token.save()
    return token, key


@transaction.atomic
def revoke_token(*, user: Any, token_id: int) -> ApiToken:
    """Revoke one of ``user``'s own tokens; ApiToken.DoesNotExist for anyone else's."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._history_user = user  # noqa: SLF001
        token.save()
    return token


def token_user(key: str) -> tuple[Any, ApiToken] | None:
    """The active person and token behind ``key``, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token.user, token


class HashedTokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <token>``, checked against the stored hashes."""

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        found = token_user(key)
        if found is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        return found


class PerTokenThrottle(throttling.SimpleRateThrottle):
    """Requests made with a token are counted per token (``API_TOKEN_RATE``)."""

    scope = "token"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None  # a browser session is not throttled here
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
