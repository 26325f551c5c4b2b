"""A block's indicators by sub-area (``/blocks/<slug>/sub-areas/``), for its board.

One row per active indicator of the block (those its outcomes' returns collect) that has
a value by sub-area: the latest period with one, the partnership area's value for that
period, and each sub-area's, one column per sub-area. Approved values only, for everyone,
as on the board view. Four queries whatever the number of indicators, sub-areas or
periods: the partnership area, the indicators, the values, and (in the view) the block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from indicators.models import Indicator, IndicatorValue
from partnership import access
from partnership.models import Area, Block
from reporting.dashboards.selectors.indicator_page.sub_areas import by_column, cell_text
from reporting.dashboards.selectors.indicator_page.values import (
    YEARLY_FREQUENCIES,
    partnership_area_or_none,
)

_FIELDS = (
    "indicator_id", "area_id", "area__name", "area__kind", "period__code", "value", "status",
    "is_approved",
)  # fmt: skip


@dataclass(frozen=True)
class SubAreaColumn:
    pk: int
    name: str


@dataclass(frozen=True)
class IndicatorBySubArea:
    code: str
    title: str
    slug: str
    period_label: str
    partnership_text: str
    cells: tuple[str, ...]  # one per column of the page, "–" for none


@dataclass(frozen=True)
class BoardSubAreasPage:
    name: str
    slug: str
    area_name: str  # the partnership area, "" when not set up
    columns: tuple[SubAreaColumn, ...]
    rows: tuple[IndicatorBySubArea, ...]
    without: tuple[str, ...]  # the block's indicators with no approved value by sub-area


def board_sub_areas(*, user: Any, block: Block) -> BoardSubAreasPage:
    """The latest approved values by sub-area of ``block``'s indicators."""
    area = partnership_area_or_none()
    indicators = list(
        Indicator.objects.filter(primary_outcome__block=block, is_active=True).order_by(
            "primary_outcome__code", "code"
        )
    )
    rows = list(
        access.visible_values(
            user,
            IndicatorValue.objects.filter(
                indicator__in=[i.pk for i in indicators],
                area__kind__in=[Area.Kind.SUB_AREA, Area.Kind.PARTNERSHIP],
                is_approved=True,
            ),
        ).values(*_FIELDS)
    )
    names = {r["area_id"]: r["area__name"] for r in rows if r["area__kind"] == Area.Kind.SUB_AREA}
    columns = tuple(
        SubAreaColumn(pk=pk, name=name) for pk, name in sorted(names.items(), key=lambda i: i[1])
    )
    by_indicator: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_indicator.setdefault(row["indicator_id"], []).append(row)
    lines = [
        _line(indicator, by_indicator.get(indicator.pk, []), columns, area)
        for indicator in indicators
    ]
    return BoardSubAreasPage(
        name=block.name,
        slug=block.slug,
        area_name=area.name if area else "",
        columns=columns,
        rows=tuple(line for line in lines if line is not None),
        without=tuple(
            f"{i.code} {i.title}" for i, line in zip(indicators, lines, strict=True) if line is None
        ),
    )


def _line(
    indicator: Indicator,
    rows: list[dict[str, Any]],
    columns: tuple[SubAreaColumn, ...],
    area: Area | None,
) -> IndicatorBySubArea | None:
    """The indicator's values at the latest period any sub-area has one; None if none has."""
    found = by_column(rows, by_year=indicator.frequency in YEARLY_FREQUENCIES)
    sub_area_periods = [
        at for pk, values in found.items() if area is None or pk != area.pk for at in values
    ]
    if not sub_area_periods:
        return None
    latest = max(sub_area_periods)

    def text(pk: int | None) -> str:
        row = found.get(pk, {}).get(latest) if pk is not None else None
        return cell_text(row, unit=indicator.unit, places=indicator.decimal_places)

    return IndicatorBySubArea(
        code=indicator.code,
        title=indicator.title,
        slug=indicator.slug,
        period_label=latest.label,
        partnership_text=text(area.pk if area else None),
        cells=tuple(text(column.pk) for column in columns),
    )
