"""A pack's flat table of values (its Data sheet): every value in scope, one a row.

It can run to hundreds of thousands of rows: it is counted when the pack is read, and
read lazily, in one streamed query, when the pack is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial
from typing import Any, NamedTuple

from django.db.models import QuerySet

from indicators.models import IndicatorValue
from partnership.models import Area, Period
from reporting.packs.selectors.values import APPROVED, STREAM_CHUNK, SUBMITTED, allowed_values
from reporting.scorecard.selectors import ScorecardRow


class DataRow(NamedTuple):
    """One value of the flat table (the Data sheet)."""

    indicator_code: str
    indicator_title: str
    block: str
    outcome: str
    area_code: str
    area_name: str
    area_kind: str
    period: str
    value: Decimal
    unit: str
    unit_label: str
    decimal_places: int
    status: str
    approval: str
    note: str


def data_table(
    user: Any, rows: list[ScorecardRow], period: Period, with_submitted: bool
) -> dict[str, Any]:
    """Every value of the indicators in scope, for every area, up to the quarter's end.

    Counted now (one query); read when the pack is written (one streamed query).
    """
    indicators = {row.indicator_id: row for row in rows}
    if not indicators:
        return {"data_count": 0, "data_rows": lambda: iter(())}
    values = allowed_values(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=list(indicators), period__end_date__lte=period.end_date
        ),
        with_submitted=with_submitted,
    )
    kinds = dict(Area.Kind.choices)
    return {
        "data_count": values.count(),
        "data_rows": partial(_data_rows, values, indicators, kinds),
    }


def _data_rows(
    values: QuerySet, indicators: dict[int, ScorecardRow], kinds: dict[str, str]
) -> Iterator[DataRow]:
    """The values, by indicator, area and period, read in one streamed query."""
    found = values.order_by(
        "indicator__code", "area__code", "period__end_date", "-period__start_date"
    ).values_list(
        "indicator_id",
        "area__code",
        "area__name",
        "area__kind",
        "period__code",
        "value",
        "status",
        "is_approved",
        "note",
    )
    for (
        indicator_id,
        code,
        name,
        kind,
        period_code,
        value,
        status,
        approved,
        note,
    ) in found.iterator(chunk_size=STREAM_CHUNK):
        row = indicators[indicator_id]
        yield DataRow(
            indicator_code=row.code,
            indicator_title=row.title,
            block=row.block_name,
            outcome=row.outcome_code,
            area_code=code,
            area_name=name,
            area_kind=kinds.get(kind, kind),
            period=period_code,
            value=value,
            unit=row.unit,
            unit_label=row.unit_label,
            decimal_places=row.decimal_places,
            status=str(status).capitalize(),
            approval=APPROVED if approved else SUBMITTED,
            note=note,
        )
