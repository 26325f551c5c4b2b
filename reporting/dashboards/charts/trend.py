"""The indicator page's trend chart: the partnership area's values by quarter (or year)
against the trajectory to its target, with the comparator areas, the region and England.

Colour is never the only signal: every kind of line has its own dash and marker, the
legend names each, the target is a labelled star, and the same numbers are in the table
beside the chart (areas as rows, periods as columns).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from indicators.enums import Unit
from partnership.charts import Chart, Figure, Table, Trace, chart, trace

if TYPE_CHECKING:
    from reporting.dashboards.selectors.indicator_page import Trend, TrendMark, TrendSeries

DASH = "–"

# How each kind of line is drawn: (colour, dash, marker, line width, marker size).
# GOV.UK colours with at least 3:1 contrast against white.
STYLES: dict[str, tuple[str, str, str, float, int]] = {
    "partnership": ("#1d70b8", "solid", "circle", 4, 9),
    "comparator": ("#505a5f", "dot", "circle-open", 1.5, 6),
    "region": ("#912b88", "dash", "square", 2.5, 7),
    "england": ("#0b0c0c", "dashdot", "diamond", 2.5, 8),
    "milestone": ("#00703c", "longdash", "triangle-up-open", 2.5, 7),
}
TARGET_COLOUR = "#d4351c"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _line(
    series: TrendSeries,
    labels: tuple[str, ...],
    *,
    kind: str,
    name: str,
    showlegend: bool = True,
) -> Trace:
    colour, dash, marker, width, size = STYLES[kind]
    # An estimated value gets an open marker of the line's own shape; the table and the
    # hover text say "(estimated)" in words.
    symbols = [
        f"{marker}-open" if p.estimated and not marker.endswith("-open") else marker
        for p in series.points
    ]
    return trace(
        "scatter",
        x=list(labels),
        y=[_number(p.value) for p in series.points],
        text=[p.text for p in series.points],
        customdata=[series.name] * len(labels),
        name=name,
        legendgroup=kind,
        showlegend=showlegend,
        mode="lines+markers",
        line={"color": colour, "dash": dash, "width": width},
        marker={"symbol": symbols, "size": size, "color": colour},
        opacity=0.75 if kind == "comparator" else 1,
        hovertemplate="%{customdata}<br>%{x}: %{text}<extra></extra>",
        meta={"kind": kind},
    )


def _mark(
    mark: TrendMark, *, name: str, label: str, symbol: str, colour: str, position: str
) -> Trace:
    return trace(
        "scatter",
        x=[mark.period_label],
        y=[_number(mark.value)],
        text=[f"{label} {mark.text}"],
        name=name,
        mode="markers+text",
        textposition=position,
        marker={"symbol": symbol, "size": 16, "color": colour, "line": {"width": 2}},
        textfont={"color": "#0b0c0c"},
        customdata=[mark.when],
        hovertemplate="%{text} by %{customdata}<extra></extra>",
        meta={"kind": name.lower()},
    )


def _axis_format(trend: Trend) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "title": {"text": trend.unit_label.capitalize()},
        "tickformat": f",.{trend.decimal_places}f",
        "gridcolor": "#f3f2f1",
        "zeroline": False,
    }
    if trend.unit == Unit.PERCENTAGE:
        axis["ticksuffix"] = "%"
    elif trend.unit == Unit.MONEY:
        axis["tickprefix"] = "£"
    return axis


def _figure(trend: Trend) -> Figure:
    figure = Figure()
    for line in (*_lines(trend), *_marks(trend)):
        figure.add_trace(line)
    figure.update_layout(
        height=480,
        hovermode="closest",
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(trend.period_labels),
            "showgrid": False,
        },
        yaxis=_axis_format(trend),
        legend={"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top"},
        margin={"b": 120},
    )
    return figure


def _lines(trend: Trend) -> list[Trace]:
    """A line per area and the trajectory, drawn under the partnership area's own line.

    The comparator areas share one entry in the legend.
    """
    labels = trend.period_labels
    name = f"Comparator areas ({len(trend.comparators)})"
    lines = [
        _line(series, labels, kind="comparator", name=name, showlegend=n == 0)
        for n, series in enumerate(trend.comparators)
    ]
    lines += [
        _line(series, labels, kind="region", name=f"{series.name} (region)")
        for series in trend.regions
    ]
    lines += [_line(series, labels, kind="england", name=series.name) for series in trend.england]
    if trend.trajectory is not None:
        lines.append(_line(trend.trajectory, labels, kind="milestone", name="Trajectory"))
    if trend.partnership is not None:
        lines.append(
            _line(trend.partnership, labels, kind="partnership", name=trend.partnership.name)
        )
    return lines


def _marks(trend: Trend) -> list[Trace]:
    """The target's star and the projection's cross, their labels kept apart: the higher
    mark's label above it, the lower's below."""
    target_below = (
        trend.target is not None
        and trend.projected is not None
        and trend.target.value < trend.projected.value
    )
    marks = []
    if trend.target is not None:
        marks.append(
            _mark(
                trend.target,
                name="Target",
                label="Target",
                symbol="star",
                colour=TARGET_COLOUR,
                position="bottom left" if target_below else "top left",
            )
        )
    if trend.projected is not None:
        marks.append(
            _mark(
                trend.projected,
                name="Projection",
                label="Projected",
                symbol="x-open",
                colour=STYLES["partnership"][0],
                position="top left" if target_below else "bottom left",
            )
        )
    return marks


def _row(name: str, series: TrendSeries) -> tuple[str, ...]:
    return (name, *(p.text for p in series.points))


def _mark_row(name: str, mark: TrendMark, labels: tuple[str, ...]) -> tuple[str, ...]:
    return (name, *(mark.text if label == mark.period_label else DASH for label in labels))


def _table(trend: Trend) -> Table:
    labels = trend.period_labels
    rows = [_row(s.name, s) for s in trend.areas]
    if trend.trajectory is not None:
        rows.append(_row("Milestone (trajectory)", trend.trajectory))
    if trend.target is not None:
        rows.append(_mark_row("Target", trend.target, labels))
    if trend.projected is not None:
        rows.append(_mark_row("Projected by the trend", trend.projected, labels))
    by = "year" if trend.by_year else "quarter"
    return Table(
        caption=f"{trend.code} by {by}: each area's value, the milestones and the target",
        columns=("Area", *labels),
        rows=tuple(rows),
    )


def _summary(trend: Trend) -> str:
    labels = trend.period_labels
    by = "year" if trend.by_year else "quarter"
    span = f"from {labels[0]} to {labels[-1]}" if labels else ""
    own = trend.partnership
    name = own.name if own is not None else "The partnership area"
    parts = [f"{name}'s values for {trend.code} by {by} {span}".rstrip()]
    if trend.trajectory is not None:
        target = (
            f" to the target of {trend.target.text} by {trend.target.when}"
            if trend.target is not None
            else ""
        )
        parts.append(f"against the trajectory{target}")
    others = []
    if trend.comparators:
        count = len(trend.comparators)
        others.append(f"{count} comparator area{'s' if count != 1 else ''}")
    others.extend(f"{s.name} (region)" for s in trend.regions)
    others.extend(s.name for s in trend.england)
    if others:
        listed = others[0] if len(others) == 1 else f"{', '.join(others[:-1])} and {others[-1]}"
        parts.append(f"compared with {listed}")
    sentence = ", ".join(parts) + "."
    if own is not None:
        shown = [
            (label, p) for label, p in zip(labels, own.points, strict=True) if p.value is not None
        ]
        if shown:
            label, point = shown[-1]
            sentence += f" The latest value shown for {own.name} is {point.text} for {label}."
        else:
            sentence += f" There are no values to show for {own.name}."
    return sentence + " The table below gives the same figures."


def trend_chart(trend: Trend) -> Chart:
    """The trend chart of an indicator page, with its text summary and table."""
    return chart(
        id="trend-chart",
        title=f"{trend.code}: trend against the trajectory and other areas",
        summary=_summary(trend),
        figure=_figure(trend),
        table=_table(trend),
    )
