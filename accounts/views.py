"""A person's own account: recent sign-ins, failed attempts, sign out everywhere else."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import selectors, services
from partnership.people import display_name


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "name": display_name(user),
            "sign_ins": selectors.recent_sign_ins(user),
            "failed_attempts": selectors.failed_attempts(user),
            "session_idle_hours": settings.SESSION_COOKIE_AGE // 3600,
        },
    )


@login_required
@require_POST
def sign_out_everywhere_else(request: HttpRequest) -> HttpResponse:
    ended = services.end_other_sessions(
        user=request.user, keep_session_key=request.session.session_key
    )
    if ended:
        messages.success(
            request,
            f"You have been signed out of {ended} other browser{'s' if ended != 1 else ''}.",
        )
    else:
        messages.success(request, "You were not signed in anywhere else.")
    return redirect("account")
