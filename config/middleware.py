"""The site's own "Page not found" and "You cannot see this page", whatever DEBUG says.

Django answers a view's ``Http404`` with its technical debug page when DEBUG is on (as
under ``make run``), and with ``templates/404.html`` only when it is off. This middleware
renders the site's pages for every ``Http404`` and ``PermissionDenied`` a view raises,
so people see the same page in development and in production, with the status kept
(404, 403). Under DEBUG it also replaces the technical page for an address that matches
no page at all (with DEBUG off, Django's handler404 renders ``404.html`` itself).

The API answers its own errors (DRF catches them before they get here), in JSON.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

# A refused GET is a page the person cannot see; a refused POST, something they cannot do.
READING = ("GET", "HEAD")


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "404.html", status=404)


def cannot_see(request: HttpRequest, exception: PermissionDenied) -> HttpResponse:
    """The 403 page, with the view's reason (``PermissionDenied("...")``) when it gave one."""
    context = {"message": str(exception)}
    if request.method not in READING:
        context["title"] = "You cannot do this"
    return render(request, "403.html", context, status=403)


class SitePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            return not_found(request)  # no address matched: Django's debug page
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Http404):
            return not_found(request)
        if isinstance(exception, PermissionDenied):
            return cannot_see(request, exception)
        return None
