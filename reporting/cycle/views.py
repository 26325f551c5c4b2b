"""The quarterly cycle page (``/returns/cycle/``), for the performance team: what the cycle
has done and will do, what running it today would do, and the button that runs it."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnership import access
from partnership.downloads import table_download, wants_csv
from partnership.errors import ApplicationError
from partnership.pages import forbidden
from reporting.cycle.downloads import cycle_tables
from reporting.cycle.selectors import cycle_page, cycle_preview
from reporting.cycle.services import cycle_run

logger = logging.getLogger(__name__)

# What the last run from the page did, kept in the session for the page it redirects to.
RAN = "cycle_ran"
STOPPED = (
    "The cycle stopped before it had done everything due. The steps it finished are kept "
    "and nothing is sent twice: run it again, or it will try again tomorrow morning. If it "
    "stops again, tell the system's administrator."
)


@login_required
def cycle(request: HttpRequest) -> HttpResponse:
    """What the daily cycle has done this quarter, what it does next, who was chased, and
    (for those who may run it) what running it today would do."""
    if not access.can_manage_rounds(request.user):
        return forbidden(
            request,
            title="Only the performance team sees the quarterly cycle",
            message="The quarterly cycle opens rounds, reminds and chases leads, and "
            "sends the exception report. Its page is for the performance team.",
        )
    today = timezone.localdate()
    page = cycle_page(today=today)
    if wants_csv(request):
        return table_download(request, cycle_tables(page))
    can_run = access.can_run_cycle(request.user)
    context = {
        "page": page,
        "preview": cycle_preview(today=today) if can_run else None,
        "can_run": can_run,
        "ran": request.session.pop(RAN, None),
        "can_edit_calendar": access.can_use_admin(request.user),
    }
    return render(request, "reporting/cycle/cycle.html", context)


@login_required
@require_POST
def cycle_run_today(request: HttpRequest) -> HttpResponse:
    """Run today's cycle now, then show what it did on the cycle page."""
    if not access.can_run_cycle(request.user):
        return forbidden(
            request,
            title="Only the performance team runs the quarterly cycle",
            message="Running the cycle opens and closes rounds and emails leads, boards "
            "and the Public Service Board. Ask the performance team.",
        )
    try:
        report = cycle_run(today=timezone.localdate(), actor=request.user)
    except ApplicationError as error:
        request.session[RAN] = {"problem": error.message}
    except Exception:  # a step failed: the steps before it are kept, the next run retries
        logger.exception("The quarterly cycle, run from its page, stopped")
        request.session[RAN] = {"problem": STOPPED}
    else:
        request.session[RAN] = report.banner()
    return redirect("cycle")
