"""A state shown as a GOV.UK tag, its colour read from one table per kind of state.

{% load app_tags %}
{% state_tag "return" line.state line.state_label %}
{% rag_tag line.rag.value %}

Both render `includes/tag.html`, so a tag looks the same wherever it is shown.
"""

from decimal import Decimal
from functools import lru_cache
from typing import Any

from django import template
from django.template.loader import get_template

from reporting.funding.rules import pounds as in_pounds

register = template.Library()

TAG_COLOURS: dict[str, dict[str, str]] = {
    "return": {
        "approved": "green",
        "submitted": "blue",
        "draft": "light-blue",
        "returned": "orange",
    },
    "round": {"open": "green", "closed": "grey"},
    "step": {"done": "green", "due": "yellow", "planned": "blue", "passed": "turquoise"},
    "notification": {"sent": "green", "failed": "red"},
    "timeliness": {"late": "red", "submitted_late": "orange", "due_soon": "yellow"},
    "rag": {"green": "green", "amber": "amber", "red": "red"},
}

OTHER_COLOURS: dict[str, str] = {
    "return": "grey",
    "round": "blue",
    "step": "grey",
    "notification": "grey",
    "timeliness": "green",
    "rag": "grey",
}

RAG_WORDS: dict[str, str] = {"green": "Green", "amber": "Amber", "red": "Red"}
NO_RAG_WORD = "No data"


def tag_colour(kind: str, state: object) -> str:
    """The colour of a state of this kind: its kind's table, or the kind's other colour."""
    return TAG_COLOURS[kind].get(state, OTHER_COLOURS[kind])


@register.inclusion_tag("includes/tag.html")
def state_tag(kind: str, state: object, label: str) -> dict[str, str]:
    """A state with its label: kind is return, round, step, notification or timeliness."""
    return {"text": label, "colour": tag_colour(kind, state)}


@register.inclusion_tag("includes/tag.html")
def rag_tag(rag: object) -> dict[str, str]:
    """A RAG rating with its word; anything else is "No data"."""
    return {"text": RAG_WORDS.get(rag, NO_RAG_WORD), "colour": tag_colour("rag", rag)}


@register.filter
def pounds(amount: object) -> str:
    """Money as £1,234,567 (``reporting.funding.rules.pounds``)."""
    return in_pounds(
        amount if isinstance(amount, Decimal) or amount is None else Decimal(str(amount))
    )


# --- A row of a targets table ------------------------------------------------------------------

TARGET_ROWS_KEPT = 2048  # rows of HTML each web process keeps


@register.simple_tag
def target_row(item: Any, *, spc: Any = False, variation: Any = False, anchors: Any = False) -> str:
    """One row of a table of targets (``reporting/dashboards/target_row.html``).

    A row reads nothing but its item (a frozen dataclass of plain data: the scorecard row,
    its link, why it is listed) and the table's options, so the HTML of an item is the
    same every time it is shown: each process renders it once and keeps it, by the item's
    value. An item with anything changed is another item, rendered afresh.
    """
    options = (bool(spc), bool(variation), bool(anchors))
    try:
        hash(item)
    except TypeError:  # an item that cannot be a key (not frozen): rendered each time
        return _row(item, *options)
    return _kept_row(item, *options)


@lru_cache(maxsize=TARGET_ROWS_KEPT)
def _kept_row(item: Any, spc: bool, variation: bool, anchors: bool) -> str:
    return _row(item, spc, variation, anchors)


def _row(item: Any, spc: bool, variation: bool, anchors: bool) -> str:
    context = {"item": item, "spc": spc, "variation": variation, "anchors": anchors}
    return get_template("reporting/dashboards/target_row.html").render(context)
