"""The values of an indicator the person may see, and the columns of its trend."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from indicators.enums import Frequency
from indicators.models import Indicator, IndicatorValue
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from partnership.selectors import partnership_area
from reporting.returns.selectors.return_page import format_value

DASH = "–"
# How far back the trend goes: three years of quarters, or six years for annual figures.
TREND_QUARTERS = 12
TREND_YEARS = 6
# The kinds of area the trend compares, in the order the table lists them.
TREND_AREA_KINDS = (
    Area.Kind.PARTNERSHIP,
    Area.Kind.COMPARATOR,
    Area.Kind.REGION,
    Area.Kind.ENGLAND,
)
YEARLY_FREQUENCIES = frozenset({Frequency.ANNUAL, Frequency.BIENNIAL})


def value_text(value: Decimal | None, *, unit: str, places: int, estimated: bool = False) -> str:
    """A value as the page shows it: ``12.3%``, ``12.3% (estimated)``, ``–`` for none."""
    text = format_value(value, unit=unit, decimal_places=places)
    return f"{text} (estimated)" if value is not None and estimated else text


def partnership_area_or_none() -> Area | None:
    try:
        return partnership_area()
    except ApplicationError:
        return None  # not set up yet: the trend shows the other areas only


@dataclass(frozen=True)
class Seen:
    """The values the person may see, by area and by the period of the trend's columns."""

    values: tuple[dict[str, Any], ...]
    areas: dict[int, dict[str, Any]]  # id -> {"name", "kind", "code"}
    by_area: dict[int, dict[PeriodRef, dict[str, Any]]]

    def of_area(self, area: Area | None) -> dict[PeriodRef, dict[str, Any]]:
        """The values seen for ``area`` by column; none when there is no area."""
        return self.by_area.get(area.pk, {}) if area else {}


def column(period: PeriodRef, *, by_year: bool) -> PeriodRef:
    """The column of the trend a period's value goes in: its year for annual indicators."""
    if by_year:
        return period.year()
    return period.quarters()[-1] if period.is_year else period


def read_values(user: Any, indicator: Indicator, *, by_year: bool) -> Seen:
    """Every value of the indicator the person may see, for the areas the trend compares.

    For an annual indicator a value stored against a year or against its Q4 (the return
    that collects it) is the year's; the year's own wins if both exist. For a quarterly
    one, only quarters are read: a whole year's figure is not a quarter's.
    """
    rows = access.visible_values(
        user,
        IndicatorValue.objects.filter(indicator=indicator, area__kind__in=TREND_AREA_KINDS),
    )
    return seen_of(rows, by_year=by_year)


def seen_of(rows: Any, *, by_year: bool) -> Seen:
    """The values of a queryset of one indicator's ``IndicatorValue`` rows, as the trend
    reads them (see :func:`read_values`), in one query; the public pages pass their own."""
    values = tuple(
        rows.values(
            "area_id",
            "area__name",
            "area__kind",
            "area__code",
            "period__code",
            "value",
            "status",
            "note",
            "is_approved",
        )
    )
    areas: dict[int, dict[str, Any]] = {}
    by_area: dict[int, dict[PeriodRef, dict[str, Any]]] = {}
    for row in values:
        period = PeriodRef.parse(row["period__code"])
        if not by_year and period.is_year:
            continue
        areas.setdefault(
            row["area_id"],
            {"name": row["area__name"], "kind": row["area__kind"], "code": row["area__code"]},
        )
        found = by_area.setdefault(row["area_id"], {})
        at = column(period, by_year=by_year)
        if at not in found or period.is_year:
            found[at] = {**row, "period": period}
    return Seen(values=values, areas=areas, by_area=by_area)


def trend_periods(seen: Seen, *, by_year: bool) -> list[PeriodRef]:
    """The columns of the trend: the last three years of quarters (six years for annual
    figures) up to the latest period with a value seen for any area."""
    columns = {p for found in seen.by_area.values() for p in found}
    if not columns:
        return []
    last, first = max(columns), min(columns)
    window = TREND_YEARS if by_year else TREND_QUARTERS
    start = max(first, last.shift(-(window - 1)))
    out = [start]
    while out[-1] < last:
        out.append(out[-1].next())
    return out


def up_to_target(periods: list[PeriodRef], target_column: PeriodRef) -> list[PeriodRef]:
    """The columns, carried on to the target's period when that is still to come."""
    out = list(periods)
    while out[-1] < target_column:
        out.append(out[-1].next())
    return out
