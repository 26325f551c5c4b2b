"""The stored values the return page reads: for its quarter, the four before it and the
periods the data quality checks compare with, in one query whatever the number of
indicators, with the ids of those the person may see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from indicators.models import Indicator, IndicatorValue
from indicators.validation import comparable_periods
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from partnership.selectors import partnership_area

PAST_QUARTERS = 4


def area_or_none() -> Area | None:
    """The partnership's area, or None while it is not set up."""
    try:
        return partnership_area()
    except ApplicationError:
        return None  # not set up yet: there are no values to show


def comparison_plan(indicator: Indicator, period: PeriodRef) -> Any:
    """The periods a value of ``indicator`` for ``period`` is compared with."""
    return comparable_periods(
        period=period, frequency=indicator.frequency, accumulation=indicator.accumulation
    )


@dataclass(frozen=True)
class StoredValues:
    """The stored values a page needs: all of them (for the data quality checks), and
    the ids of those the person may see."""

    by_key: dict[tuple[int, PeriodRef], dict[str, Any]]
    visible: frozenset[int]

    @classmethod
    def read(
        cls, *, user: Any, area: Area | None, period: PeriodRef, indicators: Sequence[Indicator]
    ) -> StoredValues:
        if area is None or not indicators:
            return cls({}, frozenset())
        wanted = {period.shift(-n) for n in range(PAST_QUARTERS + 1)}
        for indicator in indicators:
            plan = comparison_plan(indicator, period)
            wanted.update((plan.previous, *plan.history))
        rows = IndicatorValue.objects.filter(
            indicator_id__in=[i.pk for i in indicators],
            area=area,
            period__code__in=sorted(p.code for p in wanted),
        )
        by_key = {
            (v["indicator_id"], PeriodRef.parse(v["period__code"])): v
            for v in rows.values(
                "pk",
                "indicator_id",
                "period__code",
                "value",
                "numerator",
                "denominator",
                "status",
                "note",
                "is_approved",
            )
        }
        visible = frozenset(access.visible_values(user, rows).values_list("pk", flat=True))
        return cls(by_key, visible)

    def stored(self, indicator_id: int, period: PeriodRef) -> dict[str, Any] | None:
        return self.by_key.get((indicator_id, period))

    def seen(self, indicator_id: int, period: PeriodRef) -> dict[str, Any] | None:
        found = self.by_key.get((indicator_id, period))
        return found if found is not None and found["pk"] in self.visible else None
