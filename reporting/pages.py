"""What every page of reporting shares: the refusal page and the GOV.UK radios."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, *, title: str, message: str) -> HttpResponse:
    """The site's 403 page (``templates/403.html``), with a title and a message saying why."""
    return render(request, "403.html", {"title": title, "message": message}, status=403)


class GovukRadios(forms.RadioSelect):
    """Radios whose label (for the error summary's link) is the first radio."""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index)
