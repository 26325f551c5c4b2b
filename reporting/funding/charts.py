"""The chart of ``/funding/``: money by block and financial year, aligned against pooled,
with its table (:mod:`partnership.charts`)."""

from __future__ import annotations

from partnership.charts import Chart, Figure, Table, chart, trace
from reporting.funding.rules import KindTotals, pounds
from reporting.funding.selectors import FundingPage

# Told apart by pattern as well as colour: pooled is hatched.
ALIGNED_COLOUR = "#1d70b8"
POOLED_COLOUR = "#28a197"


def totals_chart(page: FundingPage) -> Chart:
    """Stacked bars, aligned and pooled, for each block and year; the table lists the same."""
    cells = [
        (block.name, year, totals)
        for block in page.blocks
        for year, totals in zip(page.years, block.totals, strict=True)
        if totals.total
    ]
    x = [[name for name, _, _ in cells], [year for _, year, _ in cells]]
    figure = Figure()
    for label, colour, pattern, of in (
        ("Aligned", ALIGNED_COLOUR, "", lambda t: t.aligned),
        ("Pooled", POOLED_COLOUR, "/", lambda t: t.pooled),
    ):
        figure.add_trace(
            trace(
                "bar",
                name=label,
                x=x,
                y=[float(of(totals)) for _, _, totals in cells],
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate="%{x}: £%{y:,.0f}<extra>" + label + "</extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        yaxis={"title": {"text": "£"}, "tickformat": ",.0f", "rangemode": "tozero"},
        legend={"orientation": "h", "y": 1.1},
        height=420,
    )
    return chart(
        id="funding-chart",
        title="Funding by block and financial year, aligned and pooled",
        summary=_summary(page),
        figure=figure,
        table=Table(
            caption="Funding by block and financial year, aligned and pooled",
            columns=("Block and year", "Aligned", "Pooled", "Total"),
            rows=tuple(_row(f"{name}, {year}", totals) for name, year, totals in cells),
        ),
        margin=90,
    )


def _row(label: str, totals: KindTotals) -> tuple[str, ...]:
    return (label, pounds(totals.aligned), pounds(totals.pooled), pounds(totals.total))


def _summary(page: FundingPage) -> str:
    if not page.years:
        return "No funding has been recorded yet."
    latest, totals = page.years[-1], page.totals[-1]
    return (
        f"In {latest} the partnership's funding streams bring {pounds(totals.total)}: "
        f"{pounds(totals.aligned)} aligned and {pounds(totals.pooled)} pooled. "
        "The bars show each block's money in each financial year, aligned and pooled."
    )
