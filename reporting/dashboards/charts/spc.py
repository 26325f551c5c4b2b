"""The indicator page's statistical process control (XmR) chart: the partnership area's
approved values with their mean, process limits and the target.

Colour is never the only signal: a special-cause point has its own marker shape (a
diamond for improvement, a square for concern, a hexagon for neither), the legend names
each, the limits, mean and target have their own dashes, and the table beside the chart
gives every point's figures and its variation in words.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from indicators.enums import Unit
from partnership.charts import Chart, Figure, Table, Trace, chart, trace
from targets.spc import Variation

if TYPE_CHECKING:
    from reporting.dashboards.selectors.indicator_page import SpcPoint, SpcSummary

# How each kind of point is marked: (legend name, colour, marker). GOV.UK colours with at
# least 3:1 contrast against white.
MARKERS: dict[Variation, tuple[str, str, str]] = {
    Variation.COMMON_CAUSE: ("Value (common cause)", "#505a5f", "circle"),
    Variation.IMPROVEMENT: ("Special cause improvement", "#1d70b8", "diamond"),
    Variation.CONCERN: ("Special cause concern", "#d4351c", "square"),
    Variation.NEUTRAL: ("Special cause, neither better nor worse", "#912b88", "hexagon"),
}
LIMIT_COLOUR, MEAN_COLOUR, TARGET_COLOUR = "#505a5f", "#0b0c0c", "#00703c"


def _line(
    summary: SpcSummary,
    value: Callable[[SpcPoint], Decimal],
    *,
    name: str,
    kind: str,
    style: dict[str, Any],
    showlegend: bool = True,
) -> Trace:
    points = summary.points
    return trace(
        "scatter",
        x=[p.period_label for p in points],
        y=[float(value(p)) for p in points],
        name=name,
        legendgroup=kind,
        showlegend=showlegend,
        mode="lines",
        line=style,
        hoverinfo="skip",
        meta={"kind": kind},
    )


def _values(summary: SpcSummary) -> list[Trace]:
    """The line of values, then one trace of markers per kind of point on it."""
    points = summary.points
    traces = [
        trace(
            "scatter",
            x=[p.period_label for p in points],
            y=[float(p.value) for p in points],
            name="Values",
            showlegend=False,
            mode="lines",
            line={"color": MARKERS[Variation.COMMON_CAUSE][1], "width": 2},
            hoverinfo="skip",
            meta={"kind": "values"},
        )
    ]
    for variation, (name, colour, symbol) in MARKERS.items():
        chosen = [p for p in points if p.variation is variation]
        if not chosen:
            continue
        traces.append(
            trace(
                "scatter",
                x=[p.period_label for p in chosen],
                y=[float(p.value) for p in chosen],
                text=[p.text for p in chosen],
                customdata=[variation.label for _ in chosen],
                name=name,
                mode="markers",
                marker={"symbol": symbol, "size": 9 if symbol == "circle" else 14, "color": colour},
                hovertemplate="%{x}: %{text}<br>%{customdata}<extra></extra>",
                meta={"kind": variation.value},
            )
        )
    return traces


def _figure(summary: SpcSummary) -> Figure:
    figure = Figure()
    limit = {"color": LIMIT_COLOUR, "dash": "dash", "width": 2}
    traces = [
        _line(summary, lambda p: p.upper, name="Process limits", kind="limit", style=limit),
        _line(
            summary,
            lambda p: p.lower,
            name="Process limits",
            kind="limit",
            style=limit,
            showlegend=False,
        ),
        _line(
            summary,
            lambda p: p.mean,
            name="Mean",
            kind="mean",
            style={"color": MEAN_COLOUR, "width": 1.5},
        ),
    ]
    if summary.target is not None:
        target = summary.target
        traces.append(
            _line(
                summary,
                lambda p: target,
                name=f"Target ({summary.target_text})",
                kind="target",
                style={"color": TARGET_COLOUR, "dash": "longdash", "width": 2.5},
            )
        )
    for line in (*traces, *_values(summary)):
        figure.add_trace(line)
    figure.update_layout(
        height=440,
        hovermode="closest",
        xaxis={"type": "category", "showgrid": False},
        yaxis=_axis(summary),
        legend={"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top"},
        margin={"b": 120},
    )
    return figure


def _axis(summary: SpcSummary) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "title": {"text": summary.unit_label.capitalize()},
        "tickformat": f",.{summary.decimal_places}f",
        "gridcolor": "#f3f2f1",
        "zeroline": False,
    }
    if summary.unit == Unit.PERCENTAGE:
        axis["ticksuffix"] = "%"
    elif summary.unit == Unit.MONEY:
        axis["tickprefix"] = "£"
    return axis


def _table(summary: SpcSummary) -> Table:
    rows = tuple(
        (
            p.period_label,
            p.text,
            p.mean_text,
            p.lower_text,
            p.upper_text,
            p.variation.label + (f": {'; '.join(p.rules)}" if p.rules else ""),
        )
        for p in summary.points
    )
    target = f" (the target is {summary.target_text})" if summary.target is not None else ""
    return Table(
        caption=(
            f"{summary.code}: each approved value with the mean and process limits, and its "
            f"variation{target}"
        ),
        columns=(
            "Period",
            "Value",
            "Mean",
            "Lower process limit",
            "Upper process limit",
            "Variation",
        ),
        rows=rows,
    )


def spc_chart(summary: SpcSummary) -> Chart:
    """The SPC chart of an indicator page, with its reading as the text summary and its
    table. Only for a summary with enough data."""
    return chart(
        id="spc-chart",
        title=f"{summary.code}: statistical process control chart",
        summary=summary.reading,
        figure=_figure(summary),
        table=_table(summary),
    )
