"""The funding pages: the streams (``/funding/``), one stream (``/funding/<pk>/``), and
adding or editing one (the performance team, ``access.funding_edit_refusal``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from partnership import access
from partnership.downloads import table_download, wants_csv
from partnership.errors import ApplicationError
from partnership.models import FundingStream
from partnership.pages import forbidden, no_role
from reporting.funding import services
from reporting.funding.charts import totals_chart
from reporting.funding.downloads import funding_tables, stream_tables
from reporting.funding.forms import StreamForm, initial_of
from reporting.funding.selectors import StreamNotFound, funding_page, stream_page

ROLES = "performance officer, board member or scrutiny"


def _no_role(request: HttpRequest) -> HttpResponse:
    return no_role(request, nothing="is no funding", roles=ROLES)


def _cannot_edit(request: HttpRequest, message: str) -> HttpResponse:
    return forbidden(request, title="You cannot change funding streams", message=message)


@login_required
def funding(request: HttpRequest) -> HttpResponse:
    """Every funding stream by block and outcome, with the totals as a chart and a table."""
    if not access.can_use_site(request.user):
        return _no_role(request)
    page = funding_page()
    chart = totals_chart(page)
    if wants_csv(request):
        return table_download(request, funding_tables(page, chart))
    return render(
        request,
        "reporting/funding/list.html",
        {
            "page": page,
            "chart": chart,
            "downloads": True,
            "can_edit": access.funding_edit_refusal(request.user) is None,
        },
    )


@login_required
def stream_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A stream: its amounts, the actions drawing on it, and its history."""
    if not access.can_use_site(request.user):
        return _no_role(request)
    try:
        page = stream_page(pk)
    except StreamNotFound:
        raise Http404("There is no such funding stream.") from None
    if wants_csv(request):
        return table_download(request, stream_tables(page))
    return render(
        request,
        "reporting/funding/stream.html",
        {"page": page, "can_edit": access.funding_edit_refusal(request.user) is None},
    )


@login_required
def stream_new(request: HttpRequest) -> HttpResponse:
    """Add a funding stream with its amounts per year."""
    if not access.can_use_site(request.user):
        return _no_role(request)
    refusal = access.funding_edit_refusal(request.user)
    if refusal is not None:
        return _cannot_edit(request, refusal)
    today = timezone.localdate()
    form = StreamForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            stream = services.add_stream(
                user=request.user, fields=form.stream_fields(), amounts=form.amounts()
            )
        except ApplicationError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "The funding stream has been added.")
            return redirect("funding_stream", pk=stream.pk)
    return render(request, "reporting/funding/edit.html", {"form": form, "stream": None})


@login_required
def stream_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a stream and its amounts; a save over someone else's is refused, kept typed."""
    if not access.can_use_site(request.user):
        return _no_role(request)
    stream = FundingStream.objects.filter(pk=pk).first()
    if stream is None:
        raise Http404("There is no such funding stream.")
    refusal = access.funding_edit_refusal(request.user)
    if refusal is not None:
        return _cannot_edit(request, refusal)
    today = timezone.localdate()
    if request.method != "POST":
        form = StreamForm(today=today, initial=initial_of(stream))
        return render(request, "reporting/funding/edit.html", {"form": form, "stream": stream})
    form = StreamForm(request.POST, today=today)
    if form.is_valid():
        try:
            services.edit_stream(
                user=request.user,
                stream_id=stream.pk,
                version=form.cleaned_data["version"] or 0,
                fields=form.stream_fields(),
                amounts=form.amounts(),
            )
        except services.StaleStream as stale:
            # What was typed is kept, now on the version they saved: saving again is a
            # choice made knowing, never a silent overwrite.
            data = request.POST.copy()
            data["version"] = str(FundingStream.objects.get(pk=stream.pk).version)
            form = StreamForm(data, today=today)
            form.is_valid()
            form.add_error(None, stale.message)
        except ApplicationError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "Your changes to the funding stream have been saved.")
            return redirect("funding_stream", pk=stream.pk)
    return render(request, "reporting/funding/edit.html", {"form": form, "stream": stream})
