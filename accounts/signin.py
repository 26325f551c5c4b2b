"""How the site meets repeated failed sign-ins (django-axes calls these).

One message whether or not the account exists, so that nobody learns which usernames
are real; locked out for ``SIGN_IN_LOCKOUT_MINUTES``, or until an administrator unlocks.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

LOCKED_OUT_STATUS = 429
# Axes keeps the username tried in a column of 255 characters; a username is at most 150.
USERNAME_KEPT = 150


def locked_out_message() -> str:
    minutes = settings.SIGN_IN_LOCKOUT_MINUTES
    return (
        "There have been too many failed attempts to sign in with these details, so signing "
        f"in is paused for {minutes} minutes. Try again later, or ask the performance team "
        "to unlock your account. If you have forgotten your password, you can reset it."
    )


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: dict | None = None
) -> HttpResponse:
    """The sign-in page again, with what was typed (never the password) and why it waits."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, data={"username": username})
    form.errors.clear()
    form.add_error(None, locked_out_message())
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": request.POST.get("next", "")},
        status=LOCKED_OUT_STATUS,
    )


def client_ip(request: HttpRequest) -> str | None:
    """The address a request came from: behind ``TRUSTED_PROXY_COUNT`` proxies, the one
    the nearest trusted proxy saw (X-Forwarded-For cannot be forged past them)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def attempted_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username a sign-in tried, as Axes counts and keeps it: no longer than a username
    can be, so that an overlong one is counted as a failure like any other instead of
    failing to be stored."""
    typed = (credentials or {}).get("username") if credentials else None
    if typed is None:
        typed = request.POST.get("username", "")
    return str(typed)[:USERNAME_KEPT]
