"""A chart's figure: plain plotly.js data, sent as graph_objects sent it, safe in a page."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import plotly.io as pio
import pytest

from partnership.charts import Figure, Table, chart, trace


def figure_of(figure: Figure) -> dict:
    return json.loads(chart(id="c", title="t", summary="s", figure=figure, table=TABLE).figure_json)


TABLE = Table(caption="c", columns=("a",), rows=())


def test_a_trace_leaves_out_what_is_none_but_keeps_gaps_in_its_data():
    assert trace("scatter", y=[1, None, 3], name=None) == {"type": "scatter", "y": [1, None, 3]}


def test_the_layout_is_merged_as_plotly_merges_it_and_the_site_look_wins():
    figure = Figure(trace("bar", x=[1]))
    figure.update_layout(margin={"b": 120}, legend={"x": 0})
    figure.update_layout(legend={"y": 1})
    layout = figure_of(figure)["layout"]
    assert layout["legend"] == {"x": 0, "y": 1}
    assert layout["margin"] == {"l": 60, "r": 20, "t": 30, "b": 60}
    assert layout["font"]["size"] == 14
    assert layout["template"] == json.loads(json.dumps(pio.templates["plotly"].to_plotly_json()))


def test_numbers_and_dates_are_sent_as_plotly_js_reads_them():
    data = figure_of(Figure(trace("scatter", x=[date(2026, 4, 1)], y=[Decimal("2.5")])))["data"]
    assert data == [{"type": "scatter", "x": ["2026-04-01"], "y": [2.5]}]


def test_text_cannot_end_the_script_element_it_is_sent_in():
    text = '</script><script>alert("x")</script> & more'
    made = chart(
        id="c", title="t", summary="s", figure=Figure(trace("bar", name=text)), table=TABLE
    )
    assert "<" not in made.figure_json
    assert json.loads(made.figure_json)["data"][0]["name"] == text


def test_anything_else_is_refused():
    with pytest.raises(TypeError, match="object is not a chart value"):
        figure_of(Figure(trace("bar", x=[object()])))
