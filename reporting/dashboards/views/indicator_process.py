"""Recording a change of process on an indicator's SPC chart (the performance team)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from indicators import services
from indicators.models import Indicator
from partnership import access
from partnership.pages import forbidden
from reporting.dashboards.forms import ProcessChangeForm
from reporting.dashboards.selectors.indicator_page.spc import charted_quarters


@login_required
def indicator_process(request: HttpRequest, slug: str) -> HttpResponse:
    """Rebase the chart or fix its limits, with why; 403 for all but the performance team."""
    indicator = Indicator.objects.filter(slug=slug).first()
    if indicator is None or not access.can_use_site(request.user):
        raise Http404("No such indicator")
    refusal = access.spc_process_refusal(request.user)
    if refusal is not None:
        return forbidden(request, title="You cannot change this chart", message=refusal)
    quarters = charted_quarters(indicator)
    initial = {
        "rebased_from": indicator.spc_rebased_from,
        "baseline_points": indicator.spc_baseline_points,
        "reason": indicator.spc_change_reason,
    }
    form = ProcessChangeForm(request.POST or None, initial=initial, quarters=quarters)
    if request.method == "POST" and form.is_valid():
        services.record_process_change(
            user=request.user,
            indicator_id=indicator.pk,
            rebased_from=form.cleaned_data["rebased_from"] or "",
            baseline_points=form.cleaned_data["baseline_points"],
            reason=form.cleaned_data["reason"].strip(),
        )
        messages.success(request, "The change of process has been recorded.")
        return redirect(f"/indicators/{indicator.slug}/#spc")
    return render(
        request,
        "reporting/dashboards/indicator_process.html",
        {"indicator": indicator, "form": form, "points": len(quarters)},
    )
