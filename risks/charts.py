"""The register's heat map and a risk's trend, built in Python with plotly.

The page passes a :class:`Chart` to ``templates/includes/chart.html`` (:mod:`partnership.charts`,
the shape of every chart on the site): the figure as JSON, a text
alternative, and the same numbers as a table. A band is never shown by colour alone:
each cell is written with its count, score and band.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnership.charts import Chart, Figure, Table, chart, trace
from risks.rules import RiskBand, risk_band, risk_score

if TYPE_CHECKING:
    from risks.selectors.register import RegisterRow

# GOV.UK colours, light enough for black text; the band word is always written too.
BAND_COLOURS = {
    RiskBand.LOW: "#cce2d8",
    RiskBand.MEDIUM: "#fff7bf",
    RiskBand.HIGH: "#fcd6c3",
    RiskBand.VERY_HIGH: "#f6d7d2",
}
RATINGS = tuple(range(1, 6))


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int

    @property
    def score(self) -> int:
        return risk_score(likelihood=self.likelihood, impact=self.impact)

    @property
    def band(self) -> RiskBand:
        return risk_band(self.score)


@dataclass(frozen=True)
class HeatMap:
    """Counts of risks by likelihood (rows, 5 at the top) and impact (columns, 1 to 5)."""

    position: str
    rows: tuple[tuple[HeatCell, ...], ...]

    @property
    def total(self) -> int:
        return sum(cell.count for line in self.rows for cell in line)


def heat_map(rows: Iterable[RegisterRow], position: str) -> HeatMap:
    """The 5x5 counts of ``rows`` at their inherent or current position."""
    if position == "inherent":
        counts = Counter((r.inherent_likelihood, r.inherent_impact) for r in rows)
    else:
        counts = Counter((r.current_likelihood, r.current_impact) for r in rows)
    return HeatMap(
        position=position,
        rows=tuple(
            tuple(HeatCell(likelihood, impact, counts[likelihood, impact]) for impact in RATINGS)
            for likelihood in reversed(RATINGS)
        ),
    )


def target_counts(rows: Iterable[RegisterRow]) -> tuple[tuple[str, int], ...]:
    """How many risks have a target score in each band, and how many have none."""
    counts = Counter(risk_band(r.target_score) if r.target_score else None for r in rows)
    return (
        *((band.label, counts[band]) for band in reversed(RiskBand)),
        ("No target score", counts[None]),
    )


def heat_map_chart(matrix: HeatMap, *, position_label: str) -> Chart:
    """The heat map as a plotly heatmap, each cell written with its count, score and band."""
    likelihoods = [line[0].likelihood for line in matrix.rows]
    figure = Figure(
        trace(
            "heatmap",
            x=[str(i) for i in RATINGS],
            y=[str(n) for n in likelihoods],
            z=[[cell.score for cell in line] for line in matrix.rows],
            text=[
                [f"{cell.count}<br>{cell.score} {cell.band.label}" for cell in line]
                for line in matrix.rows
            ],
            texttemplate="%{text}",
            colorscale=_band_scale(),
            zmin=1,
            zmax=25,
            showscale=False,
            xgap=3,
            ygap=3,
            hovertemplate="Likelihood %{y}, impact %{x}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        height=440,
        xaxis={"title": {"text": "Impact"}, "type": "category"},
        yaxis={"title": {"text": "Likelihood"}, "type": "category", "autorange": "reversed"},
    )
    return chart(
        margin=70,
        id="heat-map",
        title=f"Risks by likelihood and impact ({position_label.lower()} position)",
        summary=f"{matrix.total} risk{'s' if matrix.total != 1 else ''} placed by their "
        f"{position_label.lower()} likelihood (1 to 5, 5 at the top) and impact (1 to 5). "
        "Each cell gives the number of risks, its score and its band; the table beside "
        "the chart gives the same counts.",
        figure=figure,
        table=Table(
            caption=f"Risks by {position_label.lower()} likelihood and impact",
            columns=("Likelihood", *(f"Impact {i}" for i in RATINGS)),
            rows=tuple(
                (str(line[0].likelihood), *(str(cell.count) for cell in line))
                for line in matrix.rows
            ),
        ),
    )


def _band_scale() -> list[list[float | str]]:
    """A stepped colour scale over scores 1 to 25, one colour per band."""
    scale: list[list[float | str]] = []
    for score in range(1, 26):
        colour = BAND_COLOURS[risk_band(score)]
        low, high = (score - 1.5) / 24, (score - 0.5) / 24
        scale += [[max(low, 0.0), colour], [min(high, 1.0), colour]]
    return scale


@dataclass(frozen=True)
class TrendPoint:
    when: str  # the date, as shown
    likelihood: int
    impact: int

    @property
    def score(self) -> int:
        return risk_score(likelihood=self.likelihood, impact=self.impact)

    @property
    def band_label(self) -> str:
        return risk_band(self.score).label


def trend_chart(points: tuple[TrendPoint, ...], *, title: str) -> Chart:
    """A risk's current score over time, each point labelled with its score and band."""
    figure = Figure(
        trace(
            "scatter",
            x=[p.when for p in points],
            y=[p.score for p in points],
            text=[f"{p.score} {p.band_label}" for p in points],
            mode="lines+markers+text",
            textposition="top center",
            line={"color": "#1d70b8", "width": 3},
            marker={"size": 9, "color": "#1d70b8"},
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        height=360,
        xaxis={"type": "category", "title": {"text": "Date"}},
        yaxis={"title": {"text": "Current score"}, "range": [0, 26], "dtick": 5},
    )
    latest = points[-1] if points else None
    summary = (
        f"The current score of {title} when it was added and at each review, from "
        f"{points[0].when} to "
        f"{latest.when}; it is now {latest.score} ({latest.band_label})."
        if latest
        else f"There is no score recorded for {title}."
    )
    return chart(
        margin=70,
        id="trend-chart",
        title="Current score over time",
        summary=summary + " The table below gives the same figures.",
        figure=figure,
        table=Table(
            caption="The current score when added and at each review",
            columns=("Date", "Likelihood", "Impact", "Score", "Band"),
            rows=tuple(
                (p.when, str(p.likelihood), str(p.impact), str(p.score), p.band_label)
                for p in points
            ),
        ),
    )
