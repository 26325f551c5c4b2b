"""A pack's targets: the scorecard's rows, their last eight quarters and commentary, by block.

The rows are :func:`reporting.scorecard.selectors.scorecard`'s, so that every value and
RAG in a pack is the one the exception dashboard gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from indicators.models import IndicatorValue
from partnership import access
from partnership.models import Area, Period
from partnership.periods import Period as PeriodRef
from reporting.packs.selectors.values import (
    SUBMITTED,
    Point,
    State,
    allowed_values,
    return_submitted,
    value_point,
)
from reporting.scorecard.selectors import RagCounts, Scope, ScorecardRow, scorecard
from targets import rules

HISTORY_QUARTERS = 8  # the last eight quarters, on each block's sheet


@dataclass(frozen=True)
class PackRow:
    """One target, as its block's sheet shows it."""

    row: ScorecardRow  # the scorecard's row: value, milestone, RAG, direction...
    submitted: bool  # its value is submitted, not yet approved
    history: tuple[Point | None, ...]  # a value for each of ``PackData.history_periods``
    forecast_rag: rules.Rag | None
    commentary: str  # the outcome's return commentary, when the pack may hold it


@dataclass(frozen=True)
class PackBlock:
    name: str
    slug: str
    rows: tuple[PackRow, ...]
    counts: RagCounts


def rows_with_submitted(
    user: Any,
    period: Period,
    today: date,
    scope: Scope,
    rows: list[ScorecardRow],
    area: Area | None,
) -> list[ScorecardRow]:
    """The rows judged on approved and submitted values, save those a draft would touch."""
    wide = {
        row.target_id: row
        for row in scorecard(
            user=user, period=period, today=today, scope=scope, approved_only=False
        ).rows
    }
    drafted = _indicators_with_drafts(user, area, [row.indicator_id for row in rows], period)
    return [
        wide[row.target_id] if row.target_id in wide and row.indicator_id not in drafted else row
        for row in rows
    ]


def _indicators_with_drafts(
    user: Any, area: Area | None, indicator_ids: list[int], period: Period
) -> set[int]:
    """The indicators with a value in draft for the partnership's area, up to the quarter."""
    if area is None or not indicator_ids:
        return set()
    drafts = (
        access.visible_values(
            user,
            IndicatorValue.objects.filter(
                indicator_id__in=indicator_ids,
                area=area,
                is_approved=False,
                period__end_date__lte=period.end_date,
            ),
        )
        .annotate(submitted=return_submitted())
        .filter(submitted=False)
    )
    return set(drafts.order_by().values_list("indicator_id", flat=True).distinct())


def history_values(
    user: Any,
    area: Area | None,
    indicator_ids: list[int],
    periods: tuple[PeriodRef, ...],
    with_submitted: bool,
) -> dict[int, dict[PeriodRef, Point]]:
    """The partnership's values of each indicator for the quarters (1 query).

    A year's figure stored against the year is shown in the year's Q4 (where a year
    sits on the time line), unless there is a Q4 value.
    """
    if area is None or not indicator_ids:
        return {}
    codes = {p.code for p in periods} | {p.year().code for p in periods}
    found = allowed_values(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids, area=area, period__code__in=sorted(codes)
        ),
        with_submitted=with_submitted,
    ).values("indicator_id", "period__code", "value", "status", "is_approved")
    out: dict[int, dict[PeriodRef, Point]] = {}
    years: list[tuple[int, PeriodRef, Point]] = []
    for item in found:
        period = PeriodRef.parse(item["period__code"])
        if period.is_year:
            years.append((item["indicator_id"], PeriodRef(period.start_year, 4), value_point(item)))
        else:
            out.setdefault(item["indicator_id"], {})[period] = value_point(item)
    for indicator_id, q4, point in years:
        out.setdefault(indicator_id, {}).setdefault(q4, point)
    return out


def _commentary_allowed(row: ScorecardRow, with_submitted: bool) -> bool:
    line = row.outcome_return
    if not line.readable:
        return False
    return line.state == State.APPROVED or (with_submitted and line.state == State.SUBMITTED)


def _pack_row(
    row: ScorecardRow,
    history: dict[PeriodRef, Point],
    periods: tuple[PeriodRef, ...],
    with_submitted: bool,
) -> PackRow:
    line = row.outcome_return
    commentary, forecast = "", None
    if _commentary_allowed(row, with_submitted):
        forecast = line.forecast_rag
        said = []
        if line.progress_summary.strip():
            said.append(line.progress_summary.strip())
        if line.concerns_and_actions.strip():
            said.append(f"Concerns and actions: {line.concerns_and_actions.strip()}")
        if said and line.state == State.SUBMITTED:
            said.insert(0, f"({SUBMITTED})")
        commentary = "\n".join(said)
    return PackRow(
        row=row,
        submitted=row.value is not None and not row.is_approved,
        history=tuple(history.get(p) for p in periods),
        forecast_rag=forecast,
        commentary=commentary,
    )


def pack_blocks(
    rows: list[ScorecardRow],
    history: dict[int, dict[PeriodRef, Point]],
    periods: tuple[PeriodRef, ...],
    with_submitted: bool,
) -> tuple[PackBlock, ...]:
    """The rows as the pack shows them, grouped by block in the scorecard's order."""
    blocks: dict[int, list[PackRow]] = {}
    for row in rows:
        pack_row = _pack_row(row, history.get(row.indicator_id, {}), periods, with_submitted)
        blocks.setdefault(row.block_id, []).append(pack_row)
    return tuple(
        PackBlock(
            name=items[0].row.block_name,
            slug=items[0].row.block_slug,
            rows=tuple(items),
            counts=RagCounts.of_rows(item.row for item in items),
        )
        for items in blocks.values()
    )
