"""The quarterly return page: entry by the outcome lead, review by the officers.

A person who may not see a return gets 404, so that its existence does not leak; one who
may see it but is not someone who acts on it gets 403 for an action. Someone who does act
on it (its lead, its officers) but cannot now, because of its state, sees why, with what
they typed kept on screen. Every write is a service call; every refusal of a service is
shown on the page as a GOV.UK error, never as a 500.

A performance officer who may enter a return but does not lead it reads it first, as a
reviewer, and enters it for the lead only when they choose to (``?enter=1``). A save
refused because someone else saved first shows both sets of values, and "Keep my values"
saves the person's own on the version they were shown (:mod:`..forms.conflict`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from partnership import access
from partnership.errors import ApplicationError
from reporting.returns import services
from reporting.returns.forms.conflict import KEPT_OVER, Conflict, return_conflict
from reporting.returns.forms.return_page import (
    ApproveForm,
    ReopenForm,
    ReturnForm,
    SendBackForm,
    live_judgement,
)
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.return_page import ReturnPage, return_for, return_page, return_row

State = QuarterlyReturn.State
DRAFT_SAVED = "Your draft has been saved."
SUBMITTED = "Your return has been submitted. The performance team will review it."
KEPT = "Your values have been saved as a draft, in place of the ones saved after you opened it."
SAVED = {"submit": SUBMITTED, "keep": KEPT}  # by the button pressed; else DRAFT_SAVED


def _visible_return(request: HttpRequest, pk: int) -> QuarterlyReturn:
    found = return_for(pk=pk, user=request.user)
    if found is None:
        raise Http404("No such return")
    return found


def _page(request: HttpRequest, qr: QuarterlyReturn) -> ReturnPage:
    return return_page(quarterly_return=qr, user=request.user, today=timezone.localdate())


def _address(pk: int, *, for_lead: bool = False) -> str:
    """The return page; with the form open, for an officer entering it for the lead."""
    address = reverse("return_detail", args=[pk])
    return f"{address}?enter=1" if for_lead else address


def _render(
    request: HttpRequest,
    page: ReturnPage,
    *,
    form: ReturnForm | None = None,
    review: dict[str, Any] | None = None,
    entering: bool = False,
    conflict: Conflict | None = None,
) -> HttpResponse:
    version = {"version": page.header.version}
    review_forms = {
        "approve_form": ApproveForm(initial=version),
        "send_back_form": SendBackForm(initial=version),
        "reopen_form": ReopenForm(initial=version),
        **(review or {}),
    }
    # An officer who does not lead the return reads it until they choose to enter it.
    if form is None and page.can_edit and (entering or not page.acting_for_lead):
        form = ReturnForm(
            initial=ReturnForm.initial_for(page), rows=page.rows, actions=page.actions
        )
    error_form = next(
        (f for f in (form, *review_forms.values()) if f is not None and f.is_bound and f.errors),
        None,
    )
    first_field = "review"  # where the error summary sends an error of no one field
    if conflict is not None:
        first_field = "conflict"
    elif error_form is form and form is not None:
        first_field = form.first_field_id()
    context = {
        "page": page,
        "header": page.header,
        "form": form,
        "row_fields": form.row_fields if form is not None else None,
        "error_form": error_form,
        "first_field": first_field,
        "conflict": conflict,
        "entry_url": _address(page.header.pk, for_lead=page.acting_for_lead),
        **review_forms,
    }
    return render(request, "reporting/returns/return.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def return_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The return: its values, commentary and forecast, with what the person may do."""
    qr = _visible_return(request, pk)
    if request.method == "POST":
        return _save(request, qr)
    return _render(request, _page(request, qr), entering=request.GET.get("enter") == "1")


def _save(request: HttpRequest, qr: QuarterlyReturn) -> HttpResponse:
    """Save the draft, then submit it when asked: saving first keeps what was typed.

    "Keep my values" (action "keep") is a save of what was typed before, on the version
    the person was then shown: refused again, with both shown, if yet another save came.
    """
    user = request.user
    if not access.is_return_editor(user, qr):
        raise PermissionDenied("Only the outcome's lead or a performance officer can do this.")
    action = request.POST.get("action")
    submitting = action == "submit"
    page = _page(request, qr)
    form = ReturnForm(request.POST, rows=page.rows, actions=page.actions, submitting=submitting)
    if not page.can_edit:
        form.is_valid()
        form.add_error(None, access.return_edit_refusal(user, qr))
        return _render(request, page, form=form)
    if not form.is_valid():
        return _render(request, page, form=form)
    try:
        saved = services.return_save(
            quarterly_return=qr,
            version=form.version_number,
            values=form.entries(),
            commentary=form.commentary(),
            actions=form.action_reports(),
            actor=user,
            reason=KEPT_OVER.format(version=form.version_number) if action == "keep" else "",
        )
    except ApplicationError as error:
        if error.field == "version":
            return _conflict(request, qr, form)
        form.add_error("forecast_rag" if error.field == "forecast_rag" else None, error.message)
        return _render(request, page, form=form)
    if submitting:
        refused = _submit(request, saved)
        if refused is not None:
            return refused
    messages.success(request, SAVED.get(action or "", DRAFT_SAVED))
    return redirect(_address(qr.pk, for_lead=page.acting_for_lead and not submitting))


def _submit(request: HttpRequest, saved: QuarterlyReturn) -> HttpResponse | None:
    """Submit the draft just saved; if refused, the page showing it saved, with what was
    typed and why (None when submitted)."""
    try:
        services.return_submit(quarterly_return=saved, version=saved.version, actor=request.user)
    except ApplicationError as error:
        data = request.POST.copy()
        data["version"] = str(saved.version)
        page = _page(request, _visible_return(request, saved.pk))
        form = ReturnForm(data, rows=page.rows, actions=page.actions)
        form.is_valid()
        form.add_error(
            None, f"Your draft was saved, but the return was not submitted. {error.message}"
        )
        return _render(request, page, form=form)
    return None


def _conflict(request: HttpRequest, qr: QuarterlyReturn, form: ReturnForm) -> HttpResponse:
    """Someone saved the return since the person opened it: their values beside the saved
    ones, read again now, with "Keep my values" on the version just read."""
    page = _page(request, _visible_return(request, qr.pk))
    conflict = return_conflict(form, page, user=request.user)
    form.add_error(None, conflict.message)
    return _render(request, page, form=form, conflict=conflict)


# --- Live RAG -----------------------------------------------------------------------------


@login_required
@require_POST
def return_live_rag(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    """The RAG and direction of travel of the value being typed in one row. Writes nothing."""
    qr = _visible_return(request, pk)
    found = return_row(quarterly_return=qr, user=request.user, indicator_id=indicator_id)
    if found is None:
        raise Http404("This return does not collect that indicator")
    row, editable = found
    judgement = live_judgement(row, request.POST, editable=editable)
    confirm_name = f"v{row.indicator_id}_confirm"
    return render(
        request,
        "reporting/returns/row_status.html",
        {
            "row": row,
            "judgement": judgement,
            "live": True,
            "editable": editable,
            "quality": judgement.quality,
            "confirm_name": confirm_name,
            "confirm_checked": bool(request.POST.get(confirm_name)),
        },
    )


# --- Review -------------------------------------------------------------------------------

REVIEWS = {"approve": ApproveForm, "send_back": SendBackForm, "reopen": ReopenForm}
REVIEWED = {
    "approve": "The return has been approved. Its values are now published.",
    "send_back": "The return has been sent back to the lead with your reason.",
    "reopen": "The return has been reopened. Its values are no longer published.",
}


def _review(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    qr = _visible_return(request, pk)
    form_class = REVIEWS[kind]
    if not access.is_return_officer(request.user, qr):
        raise PermissionDenied("Only the performance team or the partner's officers can do this.")
    form = form_class(request.POST)
    if form.is_valid():
        arguments = {"quarterly_return": qr, "version": form.version_number, "actor": request.user}
        if "reason" in form.cleaned_data:
            arguments["reason"] = form.cleaned_data["reason"]
        action = {
            "approve": services.return_approve,
            "send_back": services.return_send_back,
            "reopen": services.return_reopen,
        }[kind]
        try:
            action(**arguments)
        except ApplicationError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, REVIEWED[kind])
            return redirect("return_detail", pk=qr.pk)
    return _render(request, _page(request, qr), review={f"{kind}_form": form})


@login_required
@require_POST
def return_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, "approve")


@login_required
@require_POST
def return_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, "send_back")


@login_required
@require_POST
def return_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, "reopen")
