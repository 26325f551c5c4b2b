"""The public pages: no sign-in, cached, only what the partnership has published."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from indicators.models import Indicator
from partnership import access
from partnership.errors import ApplicationError
from partnership.pages import forbidden
from public import services
from public.cache import cached_public
from public.feeds import PublishedQuartersFeed
from public.selectors.home import public_home
from public.selectors.indicator import NotPublished, public_indicator_page
from public.selectors.manage import publishing_rows
from public.selectors.open_data import HEADER, LICENCE, LICENCE_URL, public_values

LICENCE_LINK = f'<{LICENCE_URL}>; rel="license"'


def _page(template: str, context: dict) -> HttpResponse:
    """Rendered without the request: nothing of a signed-in person (the menu, their name,
    a CSRF token) can reach a public page, so one cached copy serves everyone."""
    context = {"partnership_name": settings.PARTNERSHIP_NAME, **context}
    return HttpResponse(render_to_string(template, context))


@require_safe
@cached_public
def home(request: HttpRequest) -> HttpResponse:
    return _page("public/home.html", {"page": public_home(today=timezone.localdate())})


@require_safe
@cached_public
def indicator(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = public_indicator_page(slug=slug)
    except NotPublished:
        raise Http404("No published indicator") from None
    return _page("public/indicator.html", {"page": page})


def _licensed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Name the open data's licence in a Link header as well as in the data."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Link"] = LICENCE_LINK
        return response

    return wrapper


@require_safe
@_licensed
@cached_public
def data_csv(request: HttpRequest) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(public_values())
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="partnership-performance.csv"'
    return response


@require_safe
@_licensed
@cached_public
def data_json(request: HttpRequest) -> HttpResponse:
    keys = ("indicator_code", "area_code", "period", "value", "status", "source")
    body = {
        "licence": LICENCE,
        "publisher": settings.PARTNERSHIP_NAME,
        "values": [dict(zip(keys, row, strict=True)) for row in public_values()],
    }
    return HttpResponse(json.dumps(body, indent=1), content_type="application/json")


feed = require_safe(cached_public(PublishedQuartersFeed()))


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """What is published, for the performance team to publish or withdraw; 403 for others."""
    refusal = access.publish_refusal(request.user)
    if refusal is not None:
        return forbidden(request, title="You cannot publish indicators", message=refusal)
    return render(request, "public/manage.html", {"rows": publishing_rows()})


@login_required
@require_POST
def manage_indicator(request: HttpRequest, slug: str) -> HttpResponse:
    """Publish (``publish=1``) or withdraw (``publish=0``) one indicator."""
    refusal = access.publish_refusal(request.user)
    if refusal is not None:
        return forbidden(request, title="You cannot publish indicators", message=refusal)
    indicator = Indicator.objects.filter(slug=slug, is_active=True).first()
    if indicator is None:
        raise Http404("No such indicator")
    publish = request.POST.get("publish") == "1"
    try:
        services.indicator_publish(indicator_id=indicator.pk, publish=publish, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("public:manage")
    done = "published" if publish else "withdrawn from the public pages"
    messages.success(request, f"{indicator.code} {indicator.title} is {done}.")
    return redirect("public:manage")
