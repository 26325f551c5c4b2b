"""A pack's comparators: each indicator against the partnership, comparator areas, the
region and England, in the latest quarters and years."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

AreaNames = dict[int, dict[str, str]]  # an area's code, name and kind, by its id
FoundValues = dict[tuple[int, int], dict[str, Point]]  # by (indicator, area), then period


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
    """Each indicator against the partnership, comparator areas, region and England (1 query).

    A year's column shows the year's figure, or for an annual indicator its Q4's; an
    annual indicator's quarter columns are empty.
    """
    periods = comparator_periods(period)
    indicators = {row.indicator_id: row for row in rows}
    if not indicators:
        return {"comparator_periods": periods, "comparators": ()}
    areas, found = _comparator_values(user, list(indicators), periods, with_submitted)
    ordered = _ordered_areas(areas)
    lines = []
    for indicator_id, row in indicators.items():
        for area_id in ordered:
            got = found.get((indicator_id, area_id))
            if got:
                lines.append(_comparator_line(row, areas[area_id], _columns(row, got, periods)))
    return {"comparator_periods": periods, "comparators": tuple(lines)}


def _comparator_values(
    user: Any, indicator_ids: list[int], periods: tuple[PeriodRef, ...], with_submitted: bool
) -> tuple[AreaNames, FoundValues]:
    """The areas found, and the values of the indicators for them in the periods (1 query)."""
    codes = {p.code for p in periods} | {f"{p.code}-Q4" for p in periods if p.is_year}
    found = allowed_values(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids,
            area__kind__in=COMPARATOR_KINDS,
            period__code__in=sorted(codes),
        ),
        with_submitted=with_submitted,
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
    areas: AreaNames = {}
    by_key: FoundValues = {}
    # Streamed: the rows read are not all held as dicts at once (hundreds of thousands at
    # national scale), only the points kept of them.
    for item in found.iterator(chunk_size=STREAM_CHUNK):
        areas[item["area_id"]] = {
            "code": item["area__code"],
            "name": item["area__name"],
            "kind": item["area__kind"],
        }
        by_key.setdefault((item["indicator_id"], item["area_id"]), {})[item["period__code"]] = (
            value_point(item)
        )
    return areas, by_key


def _ordered_areas(areas: AreaNames) -> list[int]:
    """The areas by kind (the partnership first, England last), then by name."""
    kind_order = {kind: n for n, kind in enumerate(COMPARATOR_KINDS)}
    return sorted(areas, key=lambda pk: (kind_order[areas[pk]["kind"]], areas[pk]["name"], pk))


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
