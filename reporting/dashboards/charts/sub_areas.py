"""The indicator page's chart of its latest values by sub-area: a horizontal bar per
sub-area, best first, with the partnership area's value as a dashed line across them.

Colour carries no meaning: every bar is the same colour and is labelled with its value,
the line is named on the chart and in the legend's words of the summary, and the table
beside the chart gives each sub-area's value, its previous value and its direction of
travel, with the partnership area's row first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from indicators.enums import Polarity, Unit
from partnership.charts import Chart, Figure, Table, chart, trace

if TYPE_CHECKING:
    from reporting.dashboards.selectors.indicator_page.sub_areas import SubAreas

DASH = "–"
BAR_COLOUR = "#1d70b8"
LINE_COLOUR = "#0b0c0c"


def sub_areas_chart(sub_areas: SubAreas) -> Chart:
    """The bars, the partnership area's line, the summary in words and the table."""
    figure = Figure(
        trace(
            "bar",
            orientation="h",
            y=[line.name for line in sub_areas.lines],
            x=[float(line.value) for line in sub_areas.lines],
            text=[line.text for line in sub_areas.lines],
            textposition="auto",
            marker={"color": BAR_COLOUR, "line": {"color": LINE_COLOUR, "width": 1}},
            hovertemplate="%{y}: %{text}<extra></extra>",
            name="Sub-area",
        )
    )
    figure.update_layout(**_layout(sub_areas))
    return chart(
        id="sub-areas-chart",
        title=f"Values by sub-area, {sub_areas.period_label}",
        summary=summary_of(sub_areas),
        figure=figure,
        table=_table(sub_areas),
        margin=40,
    )


def summary_of(sub_areas: SubAreas) -> str:
    """The chart in words: how many sub-areas, the best and the worst, against the area."""
    lines = sub_areas.lines
    first, last = lines[0], lines[-1]
    text = f"{len(lines)} sub-area{'' if len(lines) == 1 else 's'} in {sub_areas.period_label}"
    if len(lines) == 1:
        text += f": {first.name} ({first.text})"
    else:
        top, bottom = (
            ("highest", "lowest") if sub_areas.polarity is Polarity.NEITHER else ("best", "worst")
        )
        text += f": {top} {first.name} ({first.text}), {bottom} {last.name} ({last.text})"
    if sub_areas.reference_value is not None:
        text += f". {sub_areas.reference_name} as a whole: {sub_areas.reference_text}"
        text += " (the dashed line)"
    return text + "."


def _layout(sub_areas: SubAreas) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "title": {"text": sub_areas.unit_label.capitalize()},
        "tickformat": f",.{sub_areas.decimal_places}f",
        "gridcolor": "#b1b4b6",
        "rangemode": "tozero",
    }
    if sub_areas.unit == Unit.PERCENTAGE:
        axis["ticksuffix"] = "%"
    elif sub_areas.unit == Unit.MONEY:
        axis["tickprefix"] = "£"
    layout: dict[str, Any] = {
        "height": 140 + 40 * max(len(sub_areas.lines), 1),
        "showlegend": False,
        "xaxis": axis,
        "yaxis": {"autorange": "reversed", "automargin": True},
    }
    if sub_areas.reference_value is not None:
        at = float(sub_areas.reference_value)
        layout["shapes"] = [
            {
                "type": "line",
                "x0": at,
                "x1": at,
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "line": {"color": LINE_COLOUR, "width": 2, "dash": "dash"},
            }
        ]
        layout["annotations"] = [
            {
                "x": at,
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "showarrow": False,
                "text": f"{sub_areas.reference_name}: {sub_areas.reference_text}",
            }
        ]
    return layout


def _order(sub_areas: SubAreas) -> str:
    return "highest first" if sub_areas.polarity is Polarity.NEITHER else "best first"


def _table(sub_areas: SubAreas) -> Table:
    rows = [
        (line.name, line.text, line.previous_text, line.travel.label) for line in sub_areas.lines
    ]
    if sub_areas.reference_name:
        rows.insert(
            0,
            (
                f"{sub_areas.reference_name} (partnership area)",
                sub_areas.reference_text,
                DASH,
                DASH,
            ),
        )
    return Table(
        caption=f"Values by sub-area, {sub_areas.period_label}, {_order(sub_areas)}",
        columns=(
            "Area",
            sub_areas.period_label,
            f"Previous ({sub_areas.previous_label})",
            "Direction of travel",
        ),
        rows=tuple(rows),
    )
