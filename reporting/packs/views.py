"""Excel performance packs (``/packs/``): choose a quarter and scope, then download.

A small pack is built while the officer waits and downloads at once; a large one is
built by a Celery job while the page shows its progress (htmx polls a small fragment
each second until the pack is ready or has failed). Only officers and administrators
make packs (403 for anyone else); a pack is seen and downloaded only by the person who
made it and the performance team (404 for anyone else).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from partnership import access
from partnership.downloads import table_download, wants_csv
from partnership.errors import ApplicationError
from partnership.pages import forbidden
from reporting.packs.downloads import packs_tables
from reporting.packs.forms import PackForm
from reporting.packs.models import PerformancePack
from reporting.packs.selectors.data import pack_line, packs_page, visible_pack
from reporting.packs.services.requests import pack_request
from reporting.returns.workbook import XLSX_CONTENT_TYPE

QUEUED = (
    "Your pack is being built. You can leave this page: we will email you a link when it "
    "is ready, and it will be kept here."
)


def _refused(request: HttpRequest) -> HttpResponse:
    return forbidden(
        request,
        title="Only officers make performance packs",
        message="Performance packs are made by performance officers and administrators. "
        "Contact the performance team if you need one.",
    )


@login_required
def packs(request: HttpRequest) -> HttpResponse:
    """Choose a quarter and scope and make a pack; the packs made so far, to download."""
    if not access.can_export_pack(request.user):
        return _refused(request)
    page = packs_page(user=request.user)
    if request.method != "POST" and wants_csv(request):
        return table_download(request, packs_tables(page.packs))
    if request.method == "POST":
        form = PackForm(request.POST, page=page)
        if form.is_valid():
            try:
                pack = pack_request(
                    user=request.user,
                    period=form.cleaned_data["period"],
                    scope=form.scope_chosen,
                )
            except ApplicationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if pack.state == PerformancePack.State.READY:
                    return redirect("pack_download", pk=pack.pk)
                if pack.state == PerformancePack.State.FAILED:
                    messages.error(request, pack.error)
                else:
                    messages.success(request, QUEUED)
                return redirect("packs")
    else:
        form = PackForm(initial={"period": page.default_quarter, "scope": "whole"}, page=page)
    return render(request, "reporting/packs/packs.html", {"form": form, "page": page})


def _pack(request: HttpRequest, pk: int) -> PerformancePack:
    if not access.can_export_pack(request.user):
        raise Http404("No such pack.")
    pack = visible_pack(user=request.user, pk=pk)
    if pack is None:
        raise Http404("No such pack.")
    return pack


@login_required
def pack_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """How a pack's build is going: the fragment the page polls each second until it ends."""
    pack = _pack(request, pk)
    return render(request, "reporting/packs/status.html", {"line": pack_line(pack)})


@login_required
def pack_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The pack's file, as an attachment, for the person who made it and the performance team."""
    pack = _pack(request, pk)
    if pack.state != PerformancePack.State.READY or not pack.file:
        raise Http404("The pack is not ready.")
    line = pack_line(pack)
    response = FileResponse(
        pack.file.open("rb"),
        as_attachment=True,
        filename=line.file_name,
        content_type=XLSX_CONTENT_TYPE,
    )
    # It may hold values not yet approved: keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response
