"""What every page of reporting shares: the refusal page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, *, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "reporting/returns/forbidden.html",
        {"title": title, "message": message},
        status=403,
    )
