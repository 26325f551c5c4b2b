"""What every page of the site shares: the refusal pages and the GOV.UK radios."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, *, title: str, message: str) -> HttpResponse:
    """The site's 403 page (``templates/403.html``), with a title and a message saying why."""
    return render(request, "403.html", {"title": title, "message": message}, status=403)


def no_role(request: HttpRequest, *, nothing: str, roles: str) -> HttpResponse:
    """The 403 page for someone signed in with no role: ``nothing`` says what there is not
    to show ("no returns"), ``roles`` the roles they might ask for."""
    return forbidden(
        request,
        title="You do not have a role yet",
        message=f"You do not have a role in Partnership Performance yet, so there {nothing} "
        "to show you. Contact the performance team and ask them to give you the role you "
        f"need, for example {roles}.",
    )


class GovukRadios(forms.RadioSelect):
    """Radios whose label (for the error summary's link) is the first radio."""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index)
