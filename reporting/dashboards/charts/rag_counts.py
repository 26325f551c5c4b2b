"""The headline chart of the exception dashboard and the board view: targets by RAG.

A stacked horizontal bar per group (a block, or an outcome on a board view), one bar
segment per RAG rating. RAG is never shown by colour alone: each rating has its word in
the legend and on its segments, and a fill pattern of its own so that the chart still
reads printed in black and white. The same numbers are in the table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from partnership.charts import Chart, Figure, Table, Trace, chart, trace
from reporting.formats.charts import RAG_COLOURS
from reporting.scorecard.selectors import RAG_ORDER, RagCounts

# A pattern per rating, for black and white print; green, the good news, is plain.
RAG_PATTERNS = {"green": "", "amber": "/", "red": "x", "grey": "."}
# Text on the segment: white on the dark colours, black on amber (contrast).
RAG_TEXT_COLOURS = {"green": "#ffffff", "amber": "#0b0c0c", "red": "#ffffff", "grey": "#ffffff"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_of(groups: Sequence[tuple[str, RagCounts]], *, what: str, period_label: str) -> str:
    """The chart in words: the totals, then the group with the most red targets."""
    totals = RagCounts(
        *(sum(counts.of(rag) for _, counts in groups) for rag in ("green", "amber", "red", "grey"))
    )
    if not totals.total:
        return f"There are no targets to show for {period_label}."
    text = (
        f"{_plural(totals.total, 'target')} across {_plural(len(groups), what)} in "
        f"{period_label}: {totals.green} green, {totals.amber} amber, {totals.red} red and "
        f"{totals.grey} with no data."
    )
    worst = max(groups, key=lambda g: (g[1].red, g[1].amber))
    if worst[1].red or worst[1].amber:
        text += (
            f" {worst[0]} has the most red and amber targets "
            f"({worst[1].red} red, {worst[1].amber} amber)."
        )
    return text


def rag_counts_chart(
    *,
    id: str,
    title: str,
    groups: Sequence[tuple[str, RagCounts]],
    what: str,
    period_label: str,
) -> Chart:
    """Targets by RAG for each group, as a stacked horizontal bar chart with its table.

    ``groups`` are (name, counts) in the order to show them, top first; ``what`` names a
    group in the summary ("block", "outcome").
    """
    names = [name for name, _ in groups]
    figure = Figure()
    for rag in RAG_ORDER:
        figure.add_trace(_bar(rag.value, rag.label, names, [c.of(rag.value) for _, c in groups]))
    figure.update_layout(**_layout(len(groups)))
    return chart(
        id=id,
        title=title,
        summary=summary_of(groups, what=what, period_label=period_label),
        figure=figure,
        table=_table(groups, what=what, period_label=period_label),
    )


def _bar(key: str, label: str, names: list[str], counts: list[int]) -> Trace:
    """One rating's segments: its colour, its pattern and its word on each."""
    return trace(
        "bar",
        orientation="h",
        name=label,
        y=names,
        x=counts,
        text=[f"{n} {label.lower()}" if n else "" for n in counts],
        textposition="inside",
        insidetextanchor="middle",
        textangle=0,
        insidetextfont={"color": RAG_TEXT_COLOURS[key]},
        hovertemplate=f"%{{y}}: %{{x}} {label.lower()}<extra></extra>",
        marker={
            "color": RAG_COLOURS[key],
            "line": {"color": "#0b0c0c", "width": 1},
            "pattern": {
                "shape": RAG_PATTERNS[key],
                "fgcolor": "#ffffff" if key != "amber" else "#0b0c0c",
                "fgopacity": 0.35,
                "size": 8,
            },
        },
    )


def _layout(groups: int) -> dict[str, Any]:
    """The stacked bars' layout: a bar's height for each of ``groups``, the legend on top."""
    return {
        "barmode": "stack",
        "height": 140 + 48 * max(groups, 1),
        "legend": {
            "orientation": "h",
            "y": 1.02,
            "yanchor": "bottom",
            "x": 0,
            "traceorder": "normal",
        },
        "uniformtext": {"mode": "hide", "minsize": 11},
        "xaxis": {
            "title": {"text": "Number of targets"},
            "rangemode": "nonnegative",
            "tickformat": "d",
            "gridcolor": "#b1b4b6",
        },
        "yaxis": {"autorange": "reversed", "automargin": True},
    }


def _table(groups: Sequence[tuple[str, RagCounts]], *, what: str, period_label: str) -> Table:
    rows = [
        (name, str(c.green), str(c.amber), str(c.red), str(c.grey), str(c.total))
        for name, c in groups
    ]
    if len(groups) > 1:
        totals = [sum(c.of(rag) for _, c in groups) for rag in ("green", "amber", "red", "grey")]
        rows.append(("All", *(str(n) for n in totals), str(sum(totals))))
    return Table(
        caption=f"Targets by {what} and RAG rating, {period_label}",
        columns=(what.capitalize(), "Green", "Amber", "Red", "No data", "Total"),
        rows=tuple(rows),
    )
