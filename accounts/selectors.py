"""What a person may read about their own account: their recent sign-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from axes.models import AccessAttempt, AccessLog

from accounts.models import ApiToken

RECENT_SIGN_INS = 10


@dataclass(frozen=True)
class SignIn:
    at: datetime
    address: str
    browser: str
    signed_out_at: datetime | None


def _sign_in(log: AccessLog) -> SignIn:
    return SignIn(
        at=log.attempt_time,
        address=log.ip_address or "unknown",
        browser=log.user_agent[:120],
        signed_out_at=log.logout_time,
    )


def recent_sign_ins(user: Any, *, limit: int = RECENT_SIGN_INS) -> list[SignIn]:
    """The person's latest successful sign-ins, newest first (this one included)."""
    logs = AccessLog.objects.filter(username=user.get_username()).order_by("-attempt_time")
    return [_sign_in(log) for log in logs[:limit]]


def previous_sign_in(user: Any) -> SignIn | None:
    """The sign-in before the current one: "you last signed in on ..." (None the first time)."""
    logs = AccessLog.objects.filter(username=user.get_username()).order_by("-attempt_time")
    earlier = list(logs[1:2])
    return _sign_in(earlier[0]) if earlier else None


def failed_attempts(user: Any) -> int:
    """Failed sign-ins with the person's username not yet cleared by a successful one."""
    attempts = AccessAttempt.objects.filter(username=user.get_username())
    return sum(attempt.failures_since_start for attempt in attempts)


def api_tokens(user: Any) -> list[ApiToken]:
    """The person's own tokens, newest first, revoked ones included."""
    return list(ApiToken.objects.filter(user=user))
