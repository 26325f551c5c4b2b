"""The rounds page (``/returns/rounds/``): open, extend and close a round of returns.

Thin views: a form parses the input, one selector or service does the work, and a
template shows it. A service's refusal (``ApplicationError``) is shown as a form error.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from partnership import access
from partnership.downloads import table_download, wants_csv
from partnership.errors import ApplicationError
from partnership.pages import forbidden
from partnership.periods import Period as PeriodRef
from partnership.services import period_get_or_create
from reporting.returns.downloads import rounds_tables
from reporting.returns.forms.returns_list import (
    RoundCloseForm,
    RoundExtendForm,
    RoundOpenForm,
    add_application_error,
)
from reporting.returns.models import ReturnRound
from reporting.returns.selectors.returns_list import (
    QuarterOption,
    rounds_page,
)
from reporting.returns.services import round_close, round_extend, round_open


def _rounds_refused(request: HttpRequest) -> HttpResponse:
    return forbidden(
        request,
        title="Only the performance team manages rounds",
        message="Opening, extending and closing rounds of returns is for the performance "
        "team. Contact them if a round needs to change.",
    )


def _quarter_options(page: Any, chosen: str | None) -> list[QuarterOption]:
    """The quarters offered, plus one typed or sent that is not among them (kept on error)."""
    options = list(page.quarters_to_open)
    if chosen and chosen not in {o.code for o in options}:
        try:
            ref = PeriodRef.parse(chosen)
        except ValueError:
            return options
        options.append(QuarterOption(ref.code, ref.long_label, None))
    return options


def _render_rounds(request: HttpRequest, form: RoundOpenForm, page: Any) -> HttpResponse:
    chosen = form["period"].value()
    return render(
        request,
        "reporting/returns/rounds.html",
        {
            "page": page,
            "form": form,
            "quarter_options": _quarter_options(page, chosen),
            "chosen_quarter": chosen,
        },
    )


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    """Every round, and the form to open one (filled in with the usual dates)."""
    if not access.can_manage_rounds(request.user):
        return _rounds_refused(request)
    page = rounds_page(today=timezone.localdate())
    if wants_csv(request):
        return table_download(request, rounds_tables(page.rounds))
    initial: dict[str, Any] = {}
    wanted = request.GET.get("period")
    quarter = next((q for q in page.quarters_to_open if q.code == wanted), None)
    quarter = quarter or (page.quarters_to_open[0] if page.quarters_to_open else None)
    if quarter is not None:
        initial = {
            "period": quarter.code,
            "opens_on": quarter.dates.opens_on,
            "due_on": quarter.dates.due_on,
            "closes_on": quarter.dates.closes_on,
        }
    return _render_rounds(request, RoundOpenForm(initial=initial), page)


@login_required
@require_POST
def round_open_view(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_rounds(request.user):
        return _rounds_refused(request)
    form = RoundOpenForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            # One transaction: a refused round leaves no new period behind.
            with transaction.atomic():
                opened = round_open(
                    period=period_get_or_create(data["period"]),
                    opens_on=data["opens_on"],
                    due_on=data["due_on"],
                    closes_on=data["closes_on"],
                    actor=request.user,
                )
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            count = opened.returns.count()
            messages.success(
                request,
                f"Opened the round for {opened.period.label}: "
                f"{count} return{'s' if count != 1 else ''} to complete by "
                f"{opened.due_on:%-d %B %Y}",
            )
            return redirect("rounds")
    return _render_rounds(request, form, rounds_page(today=timezone.localdate()))


def _round(pk: int) -> ReturnRound:
    return get_object_or_404(ReturnRound.objects.select_related("period"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def round_extend_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_manage_rounds(request.user):
        return _rounds_refused(request)
    round_ = _round(pk)
    if request.method == "POST":
        form = RoundExtendForm(request.POST)
        if form.is_valid():
            try:
                extended = round_extend(
                    round=round_,
                    due_on=form.cleaned_data["due_on"],
                    closes_on=form.cleaned_data["closes_on"],
                    actor=request.user,
                )
            except ApplicationError as error:
                add_application_error(form, error)
            else:
                messages.success(
                    request,
                    f"The round for {extended.period.label} is now due on "
                    f"{extended.due_on:%-d %B %Y} and closes on {extended.closes_on:%-d %B %Y}",
                )
                return redirect("rounds")
    else:
        form = RoundExtendForm(initial={"due_on": round_.due_on, "closes_on": round_.closes_on})
    return render(request, "reporting/returns/round_form.html", {"round": round_, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def round_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first; closing stops leads changing their returns."""
    if not access.can_manage_rounds(request.user):
        return _rounds_refused(request)
    round_ = _round(pk)
    form = RoundCloseForm()
    if request.method == "POST":
        form = RoundCloseForm(request.POST)
        form.is_valid()  # no fields: always valid, but it must be cleaned to take an error
        try:
            closed = round_close(round=round_, actor=request.user)
        except ApplicationError as error:
            add_application_error(form, error)
        else:
            messages.success(request, f"Closed the round for {closed.period.label}")
            return redirect("rounds")
    return render(request, "reporting/returns/round_close.html", {"round": round_, "form": form})
