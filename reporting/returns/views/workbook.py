"""The return as a spreadsheet: download it to fill in offline, and upload it back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from partnership import access
from partnership.errors import ApplicationError
from reporting.returns.forms.workbook import WorkbookUploadForm
from reporting.returns.selectors import workbook as selectors
from reporting.returns.services.workbook_upload import return_workbook_upload
from reporting.returns.workbook import (
    XLSX_CONTENT_TYPE,
    WorkbookRefused,
    build_return_workbook,
)

SUCCESS = "Your spreadsheet was uploaded and saved as a draft"
# More problems than this are summed up, not listed: the page must stay usable.
MAX_LISTED = 50


def _visible_return(user, pk):
    """The return, or 404 for one that does not exist or the person may not see."""
    quarterly_return = selectors.workbook_return(pk)
    if quarterly_return is None or not access.can_view_return(user, quarterly_return):
        raise Http404("No such return.")
    return quarterly_return


@login_required
def return_workbook(request, pk):
    """The return as a pre-filled .xlsx spreadsheet, for anyone who may see the return."""
    quarterly_return = _visible_return(request.user, pk)
    data = selectors.return_workbook(
        quarterly_return=quarterly_return, user=request.user, generated_at=timezone.localtime()
    )
    response = HttpResponse(build_return_workbook(data), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, data.file_name)
    # It may hold values not yet approved: keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def _refusal_messages(error: ApplicationError) -> list[str]:
    if not isinstance(error, WorkbookRefused) or not error.problems:
        return [error.message]
    listed = [str(p) for p in error.problems[:MAX_LISTED]]
    more = len(error.problems) - len(listed)
    if more:
        listed.append(f"and {more} more problem{'s' if more != 1 else ''}")
    return [error.message, *listed]


@login_required
def return_upload(request, pk):
    """Upload a filled-in spreadsheet: every row checked, saved as a draft if all are right."""
    quarterly_return = _visible_return(request.user, pk)
    if not access.can_edit_return(request.user, quarterly_return):
        raise PermissionDenied("You cannot change this return.")
    if request.method == "POST":
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                return_workbook_upload(
                    quarterly_return=quarterly_return,
                    content=form.cleaned_data["workbook"].read(),
                    actor=request.user,
                )
            except ApplicationError as error:
                for message in _refusal_messages(error):
                    form.add_error("workbook", message)
            else:
                messages.success(request, SUCCESS)
                page = selectors.return_page_url(quarterly_return.pk)
                return redirect(page or reverse("return_upload", args=[quarterly_return.pk]))
    else:
        form = WorkbookUploadForm()
    return render(
        request,
        "reporting/returns/workbook_upload.html",
        {"form": form, "page": selectors.upload_page(quarterly_return)},
    )
