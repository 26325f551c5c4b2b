"""A risk's actions: add (``/risks/<id>/actions/new/``), edit
(``/risks/<id>/actions/<pk>/edit/``) and mark as done (a POST). Who may is who may edit
the risk; an edit over someone else's change is refused with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from risks.models import Risk, RiskAction
from risks.review_forms import ActionForm
from risks.services.actions import (
    STALE_ACTION_MESSAGE,
    StaleAction,
    add_action,
    complete_action,
    edit_action,
    last_change,
)
from risks.services.edit import RiskRefused
from risks.views.reviews import editable_risk


def _action(risk: Risk, pk: int) -> RiskAction:
    action = RiskAction.objects.filter(risk=risk, pk=pk).first()
    if action is None:
        raise Http404("There is no such action.")
    return action


def _render(request: HttpRequest, form: ActionForm, risk: Risk, action: RiskAction | None):
    context = {"form": form, "risk": risk, "action": action}
    return render(request, "risks/action.html", context)


@login_required
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    risk = editable_risk(request, pk)
    if isinstance(risk, HttpResponse):
        return risk
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_action(user=request.user, risk=risk, action=form.save(commit=False))
        except RiskRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The action has been added.")
            return redirect("risk_detail", pk=risk.pk)
    return _render(request, form, risk, None)


@login_required
def action_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    risk = editable_risk(request, pk)
    if isinstance(risk, HttpResponse):
        return risk
    action = _action(risk, action_pk)
    if request.method != "POST":
        form = ActionForm(instance=action, initial={"seen": last_change(action.pk)})
        return _render(request, form, risk, action)
    form = ActionForm(request.POST, instance=action)
    if form.is_valid():
        changes = {name: form.cleaned_data[name] for name in ActionForm.Meta.fields}
        try:
            edit_action(
                user=request.user,
                action_id=action.pk,
                seen=form.cleaned_data["seen"],
                changes=changes,
            )
        except RiskRefused as refusal:
            form.add_error(None, str(refusal))
        except StaleAction:
            posted = request.POST.copy()
            posted["seen"] = str(last_change(action.pk))
            form = ActionForm(posted, instance=RiskAction.objects.get(pk=action.pk))
            form.is_valid()
            form.add_error(None, STALE_ACTION_MESSAGE)
        else:
            messages.success(request, "Your changes to the action have been saved.")
            return redirect("risk_detail", pk=risk.pk)
    return _render(request, form, risk, action)


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    risk = editable_risk(request, pk)
    if isinstance(risk, HttpResponse):
        return risk
    action = _action(risk, action_pk)
    complete_action(user=request.user, action_id=action.pk)
    messages.success(request, "The action has been marked as done.")
    return redirect("risk_detail", pk=risk.pk)
