"""An indicator's latest values by sub-area (area committees, neighbourhoods, wards).

The values of the partnership's sub-areas the person may see
(:func:`partnership.access.visible_values`: approved values only for boards, the PSB and
scrutiny), at the latest period any of them has a value: each sub-area's value, its value
the period before and its direction of travel (:func:`targets.rules.direction_of_travel`),
best first, with the partnership area's value for the same period to read them against.
One query, whatever the number of sub-areas or periods; the board's page of its block's
indicators by sub-area reads with :func:`by_column` too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from indicators.enums import Accumulation, Polarity, ValueStatus
from indicators.models import Indicator, IndicatorValue
from partnership import access
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from reporting.dashboards.selectors.indicator_page.values import DASH, column, value_text
from targets import rules

NOT_APPROVED = "not yet approved"
_FIELDS = ("area_id", "area__name", "area__code", "period__code", "value", "status", "is_approved")


@dataclass(frozen=True)
class SubAreaLine:
    name: str
    code: str
    value: Decimal
    text: str  # "41.0%", "41.0% (estimated)", with "not yet approved" where so
    previous_text: str  # the period before, "–" for none
    travel: rules.Direction


@dataclass(frozen=True)
class SubAreas:
    """The sub-areas' values at the latest period any has one, best first."""

    period_label: str
    previous_label: str
    lines: tuple[SubAreaLine, ...]
    reference_name: str  # the partnership area, "" when not set up
    reference_value: Decimal | None  # its value seen for the period, if any
    reference_text: str
    unit: str
    unit_label: str
    decimal_places: int
    polarity: Polarity


def by_column(
    rows: Iterable[dict[str, Any]], *, by_year: bool
) -> dict[int, dict[PeriodRef, dict[str, Any]]]:
    """Values by area and column, as the trend reads them: for an annual indicator a year's
    own figure wins over its Q4's; a quarterly one reads quarters only."""
    found: dict[int, dict[PeriodRef, dict[str, Any]]] = {}
    for row in rows:
        period = PeriodRef.parse(row["period__code"])
        if not by_year and period.is_year:
            continue
        at = column(period, by_year=by_year)
        of_area = found.setdefault(row["area_id"], {})
        if at not in of_area or period.is_year:
            of_area[at] = row
    return found


def cell_text(row: dict[str, Any] | None, *, unit: str, places: int) -> str:
    """A value as a table cell shows it, marked where it is not yet approved."""
    if row is None:
        return DASH
    text = value_text(
        row["value"], unit=unit, places=places, estimated=row["status"] == ValueStatus.ESTIMATED
    )
    return text if row["is_approved"] else f"{text} ({NOT_APPROVED})"


def sub_area_values(
    user: Any,
    indicator: Indicator,
    own: dict[PeriodRef, dict[str, Any]],
    area: Area | None,
    *,
    by_year: bool,
) -> SubAreas | None:
    """The latest values by sub-area the person may see; None when there are none.

    ``own`` is the partnership area's values seen, by column (the page has read them).
    """
    rows = access.visible_values(
        user, IndicatorValue.objects.filter(indicator=indicator, area__kind=Area.Kind.SUB_AREA)
    ).values(*_FIELDS)
    areas = by_column(rows, by_year=by_year)
    if not areas:
        return None
    latest = max(at for found in areas.values() for at in found)
    polarity = Polarity(indicator.polarity)
    lines = [
        _line(indicator, found, latest, polarity, by_year=by_year)
        for found in areas.values()
        if latest in found
    ]
    reference = own.get(latest)
    return SubAreas(
        period_label=latest.label,
        previous_label=latest.previous().label,
        lines=tuple(sorted(lines, key=lambda line: _best_first(line, polarity))),
        reference_name=area.name if area else "",
        reference_value=reference["value"] if reference else None,
        reference_text=_text(indicator, reference),
        unit=indicator.unit,
        unit_label=indicator.unit_label,
        decimal_places=indicator.decimal_places,
        polarity=polarity,
    )


def _best_first(line: SubAreaLine, polarity: Polarity) -> tuple[Decimal, str]:
    """Lower is better: smallest first; otherwise (higher, or neither) largest first."""
    return (line.value if polarity is Polarity.LOWER else -line.value, line.name)


def _text(indicator: Indicator, row: dict[str, Any] | None) -> str:
    return cell_text(row, unit=indicator.unit, places=indicator.decimal_places)


def _line(
    indicator: Indicator,
    found: dict[PeriodRef, dict[str, Any]],
    latest: PeriodRef,
    polarity: Polarity,
    *,
    by_year: bool,
) -> SubAreaLine:
    """A sub-area's value with its direction of travel, as the partnership area's is judged:
    against the same period a year before, else the period before (a year-to-date figure
    against a year before only)."""
    row, previous = found[latest], found.get(latest.previous())
    last_year = found.get(latest.same_quarter_last_year())
    year_to_date = not by_year and indicator.accumulation == Accumulation.CUMULATIVE
    travel = rules.direction_of_travel(
        current=row["value"],
        previous_period=None if year_to_date or previous is None else previous["value"],
        same_period_last_year=last_year["value"] if last_year else None,
        polarity=polarity,
    )
    return SubAreaLine(
        name=row["area__name"],
        code=row["area__code"],
        value=row["value"],
        text=_text(indicator, row),
        previous_text=_text(indicator, previous),
        travel=travel.headline,
    )
