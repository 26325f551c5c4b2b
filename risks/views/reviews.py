"""Reviewing a risk (``/risks/<id>/review/``): who may is who may edit the risk
(``access.risk_edit_refusal``); a stale review is refused with what was typed kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from partnership import access
from partnership.pages import forbidden
from risks.models import Risk
from risks.review_forms import ReviewForm
from risks.rules import next_review_due
from risks.selectors.register import register_queryset
from risks.services.edit import RiskRefused, StaleRisk
from risks.services.reviews import STALE_REVIEW_MESSAGE, review_interval_days, review_risk


def editable_risk(request: HttpRequest, pk: int) -> Risk | HttpResponse:
    """The risk ``pk`` if the person may change it; else 404 (not seen) or 403 (read only)."""
    risk = access.visible_risks(request.user, register_queryset()).filter(pk=pk).first()
    if risk is None:
        raise Http404("There is no such risk.")
    refusal = access.risk_edit_refusal(request.user, risk)
    if refusal is not None:
        return forbidden(request, title="You cannot change this risk", message=refusal)
    return risk


def _save(request: HttpRequest, risk: Risk, form: ReviewForm) -> ReviewForm | None:
    """Save the review; None once saved, else the form to show again with the reason."""
    data = form.cleaned_data
    try:
        review_risk(
            user=request.user,
            risk_id=risk.pk,
            version=data["version"],
            reviewed_on=data["reviewed_on"],
            likelihood=data["likelihood"],
            impact=data["impact"],
            note=data["note"],
            next_review_date=data["next_review_date"],
        )
    except RiskRefused as refusal:
        form.add_error(refusal.field, str(refusal))
        return form
    except StaleRisk:
        # What was typed is kept, now against the version saved meanwhile.
        posted = request.POST.copy()
        posted["version"] = str(Risk.objects.values_list("version", flat=True).get(pk=risk.pk))
        form = ReviewForm(posted, today=form.today, interval_days=form.interval_days)
        form.is_valid()
        form.add_error(None, STALE_REVIEW_MESSAGE)
        return form
    return None


@login_required
def risk_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Review a risk: confirm or change its current likelihood and impact, and set when it
    is next reviewed."""
    risk = editable_risk(request, pk)
    if isinstance(risk, HttpResponse):
        return risk
    today = timezone.localdate()
    interval = review_interval_days(risk.level)
    if request.method != "POST":
        initial = {
            "version": risk.version,
            "reviewed_on": today,
            "likelihood": risk.current_likelihood,
            "impact": risk.current_impact,
            "next_review_date": next_review_due(reviewed_on=today, interval_days=interval),
        }
        form = ReviewForm(initial=initial, today=today, interval_days=interval)
    else:
        form = ReviewForm(request.POST, today=today, interval_days=interval)
        if form.is_valid():
            shown = _save(request, risk, form)
            if shown is None:
                messages.success(request, "Your review of the risk has been saved.")
                return redirect("risk_detail", pk=risk.pk)
            form = shown
    context = {"form": form, "risk": risk, "interval": interval}
    return render(request, "risks/review.html", context)
