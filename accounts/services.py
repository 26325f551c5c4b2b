"""Changes a person makes to their own account."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

AUTH_USER_ID = "_auth_user_id"  # where django.contrib.auth keeps who a session belongs to


@transaction.atomic
def end_other_sessions(*, user: Any, keep_session_key: str | None) -> int:
    """Sign ``user`` out of every browser but the one whose session is ``keep_session_key``.

    Returns how many sessions were ended. Sessions are stored in the database (Django's
    default engine), each holding its user's id."""
    ended = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).exclude(
            session_key=keep_session_key or ""
        )
        if session.get_decoded().get(AUTH_USER_ID) == str(user.pk)
    ]
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)
