"""The shape of every chart on the site, built in Python with plotly and drawn by
static/js/charts.js.

A page passes a :class:`Chart` to ``templates/includes/chart.html``, which renders the
figure as JSON, a text alternative, and the same data as a table. Colours never carry
meaning alone. Reporting's charts and the risk register's all take this shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

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


def chart(
    *, id: str, title: str, summary: str, figure: go.Figure, table: Table, margin: int = 60
) -> Chart:
    """The figure in the site's font and colours, with its summary and table."""
    figure.update_layout(
        font={"family": FONT, "size": 14, "color": "#0b0c0c"},
        margin={"l": margin, "r": 20, "t": 30, "b": margin},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )
    return Chart(id=id, title=title, summary=summary, figure_json=figure.to_json(), table=table)
