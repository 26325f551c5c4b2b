"""The quarterly cycle page (``/returns/cycle/``), for the performance team."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from partnership import access
from reporting.cycle.selectors import cycle_page
from reporting.pages import forbidden


@login_required
def cycle(request: HttpRequest) -> HttpResponse:
    """What the daily cycle has done this quarter, what it does next, and who was chased."""
    if not access.can_manage_rounds(request.user):
        return forbidden(
            request,
            title="Only the performance team sees the quarterly cycle",
            message="The quarterly cycle opens rounds, reminds and chases leads, and "
            "sends the exception report. Its page is for the performance team.",
        )
    page = cycle_page(today=timezone.localdate())
    return render(
        request,
        "reporting/cycle/cycle.html",
        {"page": page, "can_edit_calendar": access.can_use_admin(request.user)},
    )
