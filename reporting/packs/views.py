"""Excel performance packs (``/packs/``): choose a quarter and scope, then download.

A small pack is built while the officer waits and downloads at once; a large one is
built by a Celery job while the page shows its progress (htmx polls a small fragment
each second until the pack is ready or has failed). Only officers and administrators
make packs (403 for anyone else); a pack is seen and downloaded only by the person who
made it and the performance team (404 for anyone else).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Period
from reporting.packs.models import PerformancePack
from reporting.packs.selectors.data import PacksPage, pack_line, packs_page, visible_pack
from reporting.packs.services.requests import pack_request
from reporting.returns.forms.return_page import GovukRadios
from reporting.returns.views.returns_list import forbidden
from reporting.returns.workbook import XLSX_CONTENT_TYPE
from reporting.scorecard.selectors import PeriodNotFound, Scope, quarter_named

SCOPES = [
    ("whole", "The whole partnership"),
    ("block", "One block"),
    ("organisation", "One partner organisation"),
    ("stretch", "Stretch targets only"),
]
QUEUED = (
    "Your pack is being built. You can leave this page: we will email you a link when it "
    "is ready, and it will be kept here."
)


class PackForm(forms.Form):
    period = forms.ChoiceField(
        label="Quarter", error_messages={"required": "Select a quarter"}, choices=()
    )
    scope = forms.ChoiceField(
        label="What should the pack cover?",
        choices=SCOPES,
        widget=GovukRadios,
        error_messages={
            "required": "Select what the pack should cover",
            "invalid_choice": "Select what the pack should cover",
        },
    )
    block = forms.ChoiceField(
        label="Block",
        required=False,
        choices=(),
        error_messages={"invalid_choice": "Select a block from the list"},
    )
    organisation = forms.ChoiceField(
        label="Partner organisation",
        required=False,
        choices=(),
        error_messages={"invalid_choice": "Select a partner organisation from the list"},
    )

    def __init__(self, *args: Any, page: PacksPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(q.value, q.label) for q in page.quarters]
        self.fields["period"].error_messages["invalid_choice"] = "Select a quarter from the list"
        self.fields["block"].choices = [
            ("", "Choose a block"),
            *((b.value, b.label) for b in page.blocks),
        ]
        self.fields["organisation"].choices = [
            ("", "Choose a partner"),
            *((o.value, o.label) for o in page.organisations),
        ]

    def clean_period(self) -> Period:
        try:
            return quarter_named(self.cleaned_data["period"])
        except PeriodNotFound:
            raise forms.ValidationError("Select a quarter from the list") from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("scope") == "block" and not data.get("block"):
            self.add_error("block", "Select a block")
        if data.get("scope") == "organisation" and not data.get("organisation"):
            self.add_error("organisation", "Select a partner organisation")
        return data

    @property
    def scope_chosen(self) -> Scope:
        data = self.cleaned_data
        scope = data["scope"]
        return Scope(
            block=data["block"] if scope == "block" else "",
            organisation=int(data["organisation"]) if scope == "organisation" else None,
            stretch_only=scope == "stretch",
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
