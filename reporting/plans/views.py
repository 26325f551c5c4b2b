"""An outcome's delivery plan and its edits (``/outcomes/<slug>/...``).

Everyone with a role reads a plan; the outcome's lead, their organisation's officers and
the performance team change it (``access.plan_edit_refusal``): others get 403 with why.
An unknown outcome, or another outcome's action, is a 404. Every write is a service call;
a refusal (a stale edit, a target of another outcome) is shown on the form with what was
typed kept, never a 500.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from partnership import access, pages
from partnership.errors import ApplicationError
from partnership.models import Outcome
from reporting.dashboards.forms import QuarterForm
from reporting.dashboards.views.exceptions import no_role, quarter_or_404
from reporting.plans.forms import ActionForm, PlanForm
from reporting.plans.selectors import OutcomeNotFound, action_of, outcome_named, plan_page
from targets import services
from targets.models import Action, DeliveryPlan


def _outcome(request: HttpRequest, slug: str) -> Outcome:
    try:
        return outcome_named(slug)
    except OutcomeNotFound:
        raise Http404("There is no such outcome.") from None


def _plan_url(outcome: Outcome) -> str:
    return reverse("outcome_plan", kwargs={"slug": slugify(outcome.code)})


def _refused(request: HttpRequest, outcome: Outcome) -> HttpResponse | None:
    if not access.can_use_site(request.user):
        return no_role(request)
    refusal = access.plan_edit_refusal(request.user, outcome)
    if refusal:
        return pages.forbidden(request, title="You cannot change this plan", message=refusal)
    return None


def _error(form: Any, error: ApplicationError) -> None:
    field = error.field if error.field in form.fields and error.field != "version" else None
    form.add_error(field, error.message)


@login_required
def outcome_plan(request: HttpRequest, slug: str) -> HttpResponse:
    """The outcome's delivery plan: the five steps, then the actions."""
    if not access.can_use_site(request.user):
        return no_role(request)
    outcome = _outcome(request, slug)
    period = quarter_or_404(QuarterForm(request.GET).period_code)
    page = plan_page(user=request.user, outcome=outcome, period=period, today=timezone.localdate())
    return render(request, "reporting/plans/plan.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Write the plan's evidence (step 2) and options and what works (step 4)."""
    outcome = _outcome(request, slug)
    refused = _refused(request, outcome)
    if refused:
        return refused
    plan = DeliveryPlan.objects.filter(outcome=outcome).first()
    if request.method == "GET":
        initial = {"version": plan.version if plan else 0}
        if plan:
            initial |= {"evidence": plan.evidence, "options": plan.options, "links": plan.links}
        form = PlanForm(initial=initial)
    else:
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                services.plan_save(
                    outcome=outcome,
                    version=form.cleaned_data["version"],
                    evidence=form.cleaned_data["evidence"],
                    options=form.cleaned_data["options"],
                    links=form.cleaned_data["links"],
                    actor=request.user,
                )
            except ApplicationError as error:
                _error(form, error)
            else:
                messages.success(request, "The delivery plan has been saved.")
                return redirect(_plan_url(outcome))
    return render(request, "reporting/plans/plan_edit.html", {"outcome": outcome, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add an action to the outcome's plan; ``?target=<pk>`` ticks that target."""
    outcome = _outcome(request, slug)
    refused = _refused(request, outcome)
    if refused:
        return refused
    if request.method == "GET":
        initial: dict[str, Any] = {"version": 0, "lead_organisation": outcome.lead_organisation_id}
        if request.GET.get("target", "").isdigit():
            initial["targets"] = [int(request.GET["target"])]
        form = ActionForm(initial=initial, outcome=outcome)
        return _action_page(request, outcome, form, None)
    form = ActionForm(request.POST, outcome=outcome)
    if form.is_valid():
        try:
            services.action_add(outcome=outcome, fields=form.fields_given(), actor=request.user)
        except ApplicationError as error:
            _error(form, error)
        else:
            messages.success(request, "The action has been added to the plan.")
            return redirect(f"{_plan_url(outcome)}#actions")
    return _action_page(request, outcome, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Change an action of the outcome's plan."""
    outcome = _outcome(request, slug)
    action = action_of(outcome, pk)
    if action is None:
        raise Http404("The plan has no such action.")
    refused = _refused(request, outcome)
    if refused:
        return refused
    if request.method == "GET":
        form = ActionForm(initial=ActionForm.initial_for(action), outcome=outcome)
        return _action_page(request, outcome, form, action)
    form = ActionForm(request.POST, outcome=outcome)
    if form.is_valid():
        try:
            services.action_edit(
                action_id=action.pk,
                version=form.cleaned_data["version"],
                fields=form.fields_given(),
                actor=request.user,
            )
        except ApplicationError as error:
            _error(form, error)
        else:
            messages.success(request, "The action has been saved.")
            return redirect(f"{_plan_url(outcome)}#action-{action.pk}")
    return _action_page(request, outcome, form, action)


@login_required
@require_POST
def action_complete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Mark the action complete (from the plan page)."""
    outcome = _outcome(request, slug)
    action = action_of(outcome, pk)
    if action is None:
        raise Http404("The plan has no such action.")
    refused = _refused(request, outcome)
    if refused:
        return refused
    version = request.POST.get("version", "")
    try:
        services.action_complete(
            action_id=action.pk,
            version=int(version) if version.isdigit() else -1,
            actor=request.user,
            today=timezone.localdate(),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"“{action}” is marked complete.")
    return redirect(f"{_plan_url(outcome)}#action-{action.pk}")


def _action_page(
    request: HttpRequest, outcome: Outcome, form: ActionForm, action: Action | None
) -> HttpResponse:
    return render(
        request,
        "reporting/plans/action_edit.html",
        {"outcome": outcome, "form": form, "action": action, "plan_url": _plan_url(outcome)},
    )
