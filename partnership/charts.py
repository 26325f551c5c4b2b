"""The shape of every chart on the site, built in Python as plotly.js figures and drawn by
static/js/charts.js.

A page passes a :class:`Chart` to ``templates/includes/chart.html``, which renders the
figure as JSON, a text alternative, and the same data as a table. Colours never carry
meaning alone. Reporting's charts and the risk register's all take this shape.

A figure is plain data in plotly.js's own schema (:class:`Figure`, :func:`trace`), not
plotly's validated ``graph_objects``: those check every attribute of every trace, which
took longer than reading a page's data. What a chart sends is what ``graph_objects`` sent
(its default template included), as a test of each chart checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import plotly.io as pio

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # first cell of each row is its header


@dataclass(frozen=True)
class Chart:
    """A figure with what a person needs without seeing it: a summary and the data."""

    id: str
    title: str
    summary: str  # the text alternative: what the chart shows, in a sentence or two
    figure_json: str
    table: Table


Trace = dict[str, Any]


def trace(kind: str, **attributes: Any) -> Trace:
    """A trace of plotly.js's schema: its ``type`` and attributes (None leaves one out)."""
    return {"type": kind, **{name: v for name, v in attributes.items() if v is not None}}


def _merge(into: dict[str, Any], changes: dict[str, Any]) -> None:
    """``changes`` into ``into``, a nested dict into its own (as plotly's update_layout)."""
    for name, value in changes.items():
        if isinstance(value, dict) and isinstance(into.get(name), dict):
            _merge(into[name], value)
        else:
            into[name] = value


@cache
def _template() -> dict[str, Any]:
    """plotly's default template, as every graph_objects figure carried it."""
    return pio.templates[pio.templates.default].to_plotly_json()


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a chart value")


# Safe inside <script type="application/json">, as Django's json_script makes it.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


class Figure:
    """A plotly.js figure as plain data: its traces and its layout."""

    def __init__(self, *traces: Trace) -> None:
        self.data: list[Trace] = list(traces)
        self.layout: dict[str, Any] = {}

    def add_trace(self, added: Trace) -> None:
        self.data.append(added)

    def update_layout(self, **changes: Any) -> None:
        _merge(self.layout, changes)

    def to_json(self) -> str:
        layout = {**self.layout, "template": _template()}
        text = json.dumps(
            {"data": self.data, "layout": layout}, default=_plain, separators=(",", ":")
        )
        return text.translate(_SCRIPT_SAFE)


def chart(
    *, id: str, title: str, summary: str, figure: Figure, table: Table, margin: int = 60
) -> Chart:
    """The figure in the site's font and colours, with its summary and table."""
    figure.update_layout(
        font={"family": FONT, "size": 14, "color": "#0b0c0c"},
        margin={"l": margin, "r": 20, "t": 30, "b": margin},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )
    return Chart(id=id, title=title, summary=summary, figure_json=figure.to_json(), table=table)
