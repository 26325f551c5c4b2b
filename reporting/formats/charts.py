"""Charts are built in Python with plotly and drawn by static/js/charts.js.

A page passes a :class:`Chart` to ``templates/includes/chart.html``, which renders the
figure as JSON, a text alternative, and the same data as a table. Colours never carry
meaning alone: RAG charts label their bars with the word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

# GOV.UK colours for RAG; the word is always shown too.
RAG_COLOURS = {"green": "#00703c", "amber": "#f47738", "red": "#d4351c", "grey": "#505a5f"}
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


def chart(*, id: str, title: str, summary: str, figure: go.Figure, table: Table) -> Chart:
    figure.update_layout(
        font={"family": FONT, "size": 14, "color": "#0b0c0c"},
        margin={"l": 60, "r": 20, "t": 30, "b": 60},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
    )
    return Chart(id=id, title=title, summary=summary, figure_json=figure.to_json(), table=table)


def as_text(value: Any) -> str:
    return "–" if value is None else str(value)
