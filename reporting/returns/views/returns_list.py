"""The list of returns (``/returns/``) and bulk approval.

Thin views: a form parses the input, one selector or service does the work, and a
template shows it. A service's refusal (``ApplicationError``) is shown as a form error.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnership import access
from partnership.downloads import table_download, wants_csv
from partnership.pages import forbidden, no_role
from reporting.returns.downloads import returns_tables
from reporting.returns.forms.returns_list import (
    BulkApproveForm,
    ReturnsFilterForm,
)
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.returns_list import (
    RoundNotFound,
    returns_page,
)
from reporting.returns.services import returns_approve

# Returns a bulk approval left as they were, kept for the page the officer goes back to.
REFUSED_SESSION_KEY = "returns_not_approved"


def _no_role(request: HttpRequest) -> HttpResponse:
    return no_role(request, nothing="are no returns", roles="outcome lead or performance officer")


# --- The list of returns --------------------------------------------------------------------


@login_required
def returns_list(request: HttpRequest) -> HttpResponse:
    """The returns the person leads, oversees or may read, for the chosen round."""
    if not access.can_use_site(request.user):
        return _no_role(request)
    form = ReturnsFilterForm(request.GET)
    try:
        page = returns_page(
            user=request.user,
            today=timezone.localdate(),
            round_code=form.round_code,
            filters=form.filters,
        )
    except RoundNotFound:
        raise Http404("No round of returns for that quarter.") from None
    if wants_csv(request):
        return table_download(request, returns_tables(page))
    return render(
        request,
        "reporting/returns/list.html",
        {
            "page": page,
            "form": form,
            "not_approved": request.session.pop(REFUSED_SESSION_KEY, []),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_POST
def returns_bulk_approve(request: HttpRequest) -> HttpResponse:
    """Approve the returns ticked on the list; say which were not, and why."""
    if not access.can_oversee_returns(request.user):
        return forbidden(
            request,
            title="Only performance officers approve returns",
            message="Approving returns is for the performance team and the performance "
            "officers of the partner that leads the outcome.",
        )
    form = BulkApproveForm(request.POST)
    back = reverse("returns")
    if not form.is_valid() or not form.return_ids:
        messages.error(request, "Select at least one return to approve.")
        return redirect(_with_query(back, form))
    ids = form.return_ids
    # A return the officer may not see is reported as not found: its existence not leaked.
    chosen = list(
        access.visible_returns(request.user, QuarterlyReturn.objects.filter(pk__in=ids))
        .select_related("outcome__lead_organisation", "round__period")
        .order_by("outcome__block__order", "outcome__code")
    )
    approved, refused = returns_approve(quarterly_returns=chosen, actor=request.user)
    if approved:
        count = len(approved)
        messages.success(request, f"Approved {count} return{'s' if count != 1 else ''}")
    not_approved = [
        {
            "pk": r.pk,
            "outcome": f"{r.outcome.code} {r.outcome.title}",
            "reason": reason,
        }
        for r, reason in refused
    ]
    missing = len(ids) - len(chosen)
    if missing:
        not_approved.append(
            {
                "pk": None,
                "outcome": f"{missing} selected return{'s' if missing != 1 else ''}",
                "reason": "Not found: it may have been removed, or you may not have access.",
            }
        )
    if not_approved:
        request.session[REFUSED_SESSION_KEY] = not_approved
    return redirect(_with_query(back, form))


def _with_query(path: str, form: BulkApproveForm) -> str:
    query = form.back_query
    return f"{path}?{query}" if query else path
