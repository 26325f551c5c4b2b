"""A pack's comparators: each indicator against the partnership, comparator areas, the
region and England, in the latest quarters and years."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import Collate

from indicators.enums import Frequency
from indicators.models import IndicatorValue
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from partnership.periods import last_quarters
from reporting.packs.selectors.values import STREAM_CHUNK, Point, allowed_values, value_point
from reporting.scorecard.selectors import ScorecardRow

COMPARATOR_QUARTERS = 4  # the latest quarters and years on the Comparators sheet
COMPARATOR_YEARS = 2
COMPARATOR_KINDS = (
    Area.Kind.PARTNERSHIP,
    Area.Kind.COMPARATOR,
    Area.Kind.REGION,
    Area.Kind.ENGLAND,
)
YEARLY = frozenset({Frequency.ANNUAL, Frequency.BIENNIAL})


@dataclass(frozen=True)
class ComparatorLine:
    """An indicator's values for one area in the latest periods."""

    code: str
    title: str
    unit: str
    unit_label: str
    decimal_places: int
    area_code: str
    area_name: str
    area_kind: str
    area_kind_label: str
    values: tuple[Point | None, ...]  # one per ``PackData.comparator_periods``


def comparator_periods(period: PeriodRef) -> tuple[PeriodRef, ...]:
    """The latest quarters to the pack's, then the latest years whose figure is known."""
    last_year = period.year() if period.quarter == 4 else period.year().shift(-1)
    years = [last_year.shift(-n) for n in range(COMPARATOR_YEARS - 1, -1, -1)]
    return (*last_quarters(period, COMPARATOR_QUARTERS), *years)


def comparators(
    user: Any, rows: list[ScorecardRow], period: PeriodRef, with_submitted: bool
) -> dict[str, Any]:
    """Each indicator against the partnership, comparator areas, region and England.

    Counted now (one query); read when the pack is written, in one streamed query, so that
    the lines are never all held at once (tens of thousands at national scale). A year's
    column shows the year's figure, or for an annual indicator its Q4's; an annual
    indicator's quarter columns are empty.
    """
    periods = comparator_periods(period)
    indicators = {row.indicator_id: row for row in rows}
    if not indicators:
        return {"comparator_periods": periods, "comparator_count": 0, "comparator_lines": tuple}
    values = _comparator_values(user, list(indicators), periods, with_submitted)
    return {
        "comparator_periods": periods,
        "comparator_count": values.values("indicator_id", "area_id").distinct().count(),
        "comparator_lines": partial(_comparator_lines, values, indicators, periods),
    }


def _comparator_values(
    user: Any, indicator_ids: list[int], periods: tuple[PeriodRef, ...], with_submitted: bool
) -> QuerySet:
    """The values of the indicators for the partnership and its comparators in the periods."""
    codes = {p.code for p in periods} | {f"{p.code}-Q4" for p in periods if p.is_year}
    return allowed_values(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids,
            area__kind__in=COMPARATOR_KINDS,
            period__code__in=sorted(codes),
        ),
        with_submitted=with_submitted,
    )


def _comparator_lines(
    values: QuerySet, indicators: dict[int, ScorecardRow], periods: tuple[PeriodRef, ...]
) -> Iterator[ComparatorLine]:
    """A line for each indicator (in the pack's order) and area with a value: the areas by
    kind (the partnership first, England last), then by name. One streamed query."""
    found = values.order_by(
        _position("indicator_id", list(indicators)),
        _position("area__kind", COMPARATOR_KINDS),
        _by_code_point("area__name"),
        "area_id",
    ).values(
        "indicator_id",
        "area_id",
        "area__code",
        "area__name",
        "area__kind",
        "period__code",
        "value",
        "status",
        "is_approved",
    )
    lines = groupby(
        found.iterator(chunk_size=STREAM_CHUNK), key=itemgetter("indicator_id", "area_id")
    )
    for (indicator_id, _), group in lines:
        items = list(group)
        got = {item["period__code"]: value_point(item) for item in items}
        area = {
            "code": items[0]["area__code"],
            "name": items[0]["area__name"],
            "kind": items[0]["area__kind"],
        }
        row = indicators[indicator_id]
        yield _comparator_line(row, area, _columns(row, got, periods))


def _position(field: str, order: Sequence[Any]) -> Case:
    """Where a row's ``field`` comes in ``order``, to sort by."""
    return Case(
        *(When(**{field: item}, then=Value(n)) for n, item in enumerate(order)),
        output_field=IntegerField(),
    )


def _by_code_point(field: str) -> Collate | F:
    """A text field sorted as Python sorts text, by code point: PostgreSQL's "C" collation
    (its default follows the locale); SQLite compares text so already."""
    return Collate(field, "C") if connection.vendor == "postgresql" else F(field)


def _columns(
    row: ScorecardRow, got: dict[str, Point], periods: tuple[PeriodRef, ...]
) -> tuple[Point | None, ...]:
    """The value for each period's column: an annual figure in its year's column only."""
    yearly = row.frequency in YEARLY
    values = []
    for p in periods:
        if not p.is_year:
            values.append(None if yearly else got.get(p.code))
        else:
            values.append(got.get(p.code) or (got.get(f"{p.code}-Q4") if yearly else None))
    return tuple(values)


def _comparator_line(
    row: ScorecardRow, area: dict[str, str], values: tuple[Point | None, ...]
) -> ComparatorLine:
    return ComparatorLine(
        code=row.code,
        title=row.title,
        unit=row.unit,
        unit_label=row.unit_label,
        decimal_places=row.decimal_places,
        area_code=area["code"],
        area_name=area["name"],
        area_kind=area["kind"],
        area_kind_label=Area.Kind(area["kind"]).label,
        values=values,
    )
