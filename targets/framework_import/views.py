"""The framework import pages for the performance team: /data/framework/ and the rest."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from partnership import access
from partnership.downloads import table_download, wants_csv
from partnership.errors import ApplicationError
from partnership.pages import forbidden
from targets.framework_import import selectors, services
from targets.framework_import.downloads import framework_imports_tables
from targets.framework_import.forms import UploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _refused(request: HttpRequest) -> HttpResponse | None:
    reason = access.framework_import_refusal(request.user)
    if reason is None:
        return None
    return forbidden(request, title="You cannot import the framework", message=reason)


def _upload_page(request: HttpRequest, form: UploadForm, problems: Any = ()) -> HttpResponse:
    return render(
        request,
        "targets/framework_import/upload.html",
        {"form": form, "problems": problems, "imports": selectors.recent_imports(limit=10)},
        status=400 if form.errors else 200,
    )


@login_required
def framework_import(request: HttpRequest) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    if request.method != "POST":
        return _upload_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    upload = form.cleaned_data["file"]
    preview = services.framework_import_preview(
        content=upload.read(), file_name=upload.name, actor=request.user
    )
    if preview.refusal is not None:
        form.add_error("file", preview.refusal.message)
        return _upload_page(request, form, preview.refusal.problems)
    return redirect("framework_import_detail", pk=preview.record.pk)


@login_required
def framework_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    record = get_object_or_404(selectors.framework_imports(), pk=pk)
    page = selectors.import_page(record=record)
    return render(request, "targets/framework_import/detail.html", {"record": record, "page": page})


@login_required
@require_POST
def framework_import_save(request: HttpRequest, pk: int) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    record = get_object_or_404(selectors.framework_imports(), pk=pk)
    try:
        plan = services.framework_import_save(
            record=record, sha256=request.POST.get("sha256", ""), actor=request.user
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("framework_import_detail", pk=pk)
    messages.success(
        request,
        f"Saved: {plan.added:,} added, {plan.changed:,} changed, {plan.unchanged:,} left alone.",
    )
    return redirect("framework_import_detail", pk=pk)


@login_required
def framework_imports(request: HttpRequest) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    imports = selectors.recent_imports(limit=200)
    if wants_csv(request):
        return table_download(request, framework_imports_tables(imports))
    return render(request, "targets/framework_import/list.html", {"imports": imports})


def _workbook(request: HttpRequest, *, filled: bool, name: str) -> HttpResponse:
    if refusal := _refused(request):
        return refusal
    response = HttpResponse(selectors.template_workbook(filled=filled), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def framework_template(request: HttpRequest) -> HttpResponse:
    """The blank template; ``?filled=1`` fills it with the framework as kept."""
    filled = request.GET.get("filled") == "1"
    name = "framework.xlsx" if filled else "framework-template.xlsx"
    return _workbook(request, filled=filled, name=name)
