"""The value import pages for the performance team (/data/import/ and what it made), and
the data hub export of every approved value for everyone with a role (/data/export.csv)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from indicators.exports import EXPORT_COLUMNS, approved_value_rows
from indicators.imports import selectors, services
from indicators.imports.downloads import imports_tables
from indicators.imports.forms import AreaForm, UploadForm
from partnership import access
from partnership.downloads import csv_streaming_response, table_download, wants_csv
from partnership.errors import ApplicationError
from partnership.pages import forbidden, no_role


def _refused(request: HttpRequest) -> HttpResponse | None:
    reason = access.import_values_refusal(request.user)
    if reason is None:
        return None
    return forbidden(request, title="You cannot import values", message=reason)


def _upload_page(request: HttpRequest, form: UploadForm, problems: Any = ()) -> HttpResponse:
    return render(
        request,
        "indicators/imports/upload.html",
        {"form": form, "problems": problems, "imports": selectors.recent_imports(limit=10)},
        status=400 if form.errors else 200,
    )


@login_required
def value_import(request: HttpRequest) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    if request.method != "POST":
        return _upload_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    upload = form.cleaned_data["file"]
    indicator = form.cleaned_data["indicator"]
    preview = services.import_preview(
        content=upload.read(),
        file_name=upload.name,
        actor=request.user,
        layout=form.cleaned_data["layout"],
        indicator_code=indicator.code if indicator else "",
    )
    if preview.refusal is not None:
        form.add_error("file", preview.refusal.message)
        return _upload_page(request, form, preview.refusal.problems)
    return redirect("value_import_detail", pk=preview.record.pk)


def _detail_page(
    request: HttpRequest, pk: int, *, area_form: AreaForm | None = None, status: int = 200
) -> HttpResponse:
    record = get_object_or_404(selectors.value_imports(), pk=pk)
    page = selectors.import_page(record=record)
    return render(
        request,
        "indicators/imports/detail.html",
        {
            "record": record,
            "page": page,
            "area_form": area_form,
            "parents": selectors.parent_areas(),
        },
        status=status,
    )


@login_required
def value_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    return _detail_page(request, pk)


@login_required
@require_POST
def value_import_save(request: HttpRequest, pk: int) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    record = get_object_or_404(selectors.value_imports(), pk=pk)
    try:
        plan = services.import_save(
            record=record, sha256=request.POST.get("sha256", ""), actor=request.user
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("value_import_detail", pk=pk)
    messages.success(
        request,
        f"Saved: {len(plan.added):,} values added, {len(plan.changed):,} changed, "
        f"{len(plan.unchanged):,} left alone.",
    )
    return redirect("value_import_detail", pk=pk)


@login_required
@require_POST
def value_import_area(request: HttpRequest, pk: int) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    get_object_or_404(selectors.value_imports(), pk=pk)
    form = AreaForm(request.POST)
    if form.is_valid():
        try:
            area = services.area_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"{area.name} ({area.code}) has been added as an area.")
            return redirect("value_import_detail", pk=pk)
    return _detail_page(request, pk, area_form=form, status=400)


@login_required
def value_imports(request: HttpRequest) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    imports = selectors.recent_imports(limit=200)
    if wants_csv(request):
        return table_download(request, imports_tables(imports))
    return render(request, "indicators/imports/list.html", {"imports": imports})


@login_required
def values_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """Every approved value in the long layout, streamed as it is read."""
    if not access.can_use_site(request.user):
        return no_role(
            request, nothing="are no values to download", roles="board member or scrutiny"
        )
    return csv_streaming_response("approved-values.csv", EXPORT_COLUMNS, approved_value_rows())
