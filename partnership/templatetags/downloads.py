"""The link under a table to download it: ``{% load downloads %}{% download_csv %}``, or
``{% download_csv "risks" %}`` on a page of several tables. It is the page's own address
with its filters, ``format=csv`` and the table's name (without the page number: the file
holds every row)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("includes/download_csv.html", takes_context=True)
def download_csv(
    context: dict[str, Any], table: str = "", what: str = "this table"
) -> dict[str, Any]:
    request = context["request"]
    query = request.GET.copy()
    for name in ("page", "format", "table"):
        query.pop(name, None)
    query["format"] = "csv"
    if table:
        query["table"] = table
    return {"href": f"{request.path}?{query.urlencode()}", "what": what, "table": table}
