"""Adding and editing a risk: who may is ``access.risk_edit_refusal``; a stale edit is
refused with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from partnership import access
from partnership.pages import forbidden
from risks import services
from risks.edit_forms import EditRiskForm, NewRiskForm, RiskForm
from risks.models import Risk
from risks.selectors.register import register_queryset


def _cannot_edit(request: HttpRequest, message: str) -> HttpResponse:
    return forbidden(request, title="You cannot change this risk", message=message)


@login_required
def risk_new(request: HttpRequest) -> HttpResponse:
    """Add a risk at a level the person keeps risks at (``access.risk_edit_refusal``)."""
    if not access.can_add_risk(request.user):
        return _cannot_edit(
            request,
            "Only risk owners, outcome and indicator leads, board and PSB members and the "
            "performance team add risks. You can read every risk on the register.",
        )
    form = NewRiskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.add_risk(user=request.user, risk=form.save(commit=False))
        except services.RiskRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The risk has been added.")
            return redirect("risk_detail", pk=risk.pk)
    return render(request, "risks/edit.html", {"form": form, "risk": None})


@login_required
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a risk; 404 if the person may not see it, 403 if they may see but not edit it."""
    risk = access.visible_risks(request.user, register_queryset()).filter(pk=pk).first()
    if risk is None:
        raise Http404("There is no such risk.")
    refusal = access.risk_edit_refusal(request.user, risk)
    if refusal is not None:
        return _cannot_edit(request, refusal)
    if request.method != "POST":
        form = EditRiskForm(instance=risk, initial={"version": risk.version})
        return render(request, "risks/edit.html", {"form": form, "risk": risk})
    form = EditRiskForm(request.POST, instance=risk)
    if form.is_valid():
        changes = {name: form.cleaned_data[name] for name in RiskForm.Meta.fields}
        try:
            services.edit_risk(
                user=request.user,
                risk_id=risk.pk,
                version=form.cleaned_data["version"],
                changes=changes,
            )
        except services.RiskRefused as refusal:
            form.add_error(None, str(refusal))
        except services.StaleRisk:
            # Keep what was typed, now against the version they saved: saving again is a
            # choice made knowing, never a silent overwrite.
            data = request.POST.copy()
            data["version"] = Risk.objects.values_list("version", flat=True).get(pk=risk.pk)
            form = EditRiskForm(data, instance=risk)
            form.is_valid()
            form.add_error(None, services.STALE_MESSAGE)
        else:
            messages.success(request, "Your changes to the risk have been saved.")
            return redirect("risk_detail", pk=risk.pk)
    return render(request, "risks/edit.html", {"form": form, "risk": risk})
