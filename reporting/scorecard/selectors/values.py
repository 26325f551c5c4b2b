"""The values a scorecard reads: which period's value stands for the quarter, and the
values before it that direction of travel is judged against.

A quarterly or monthly indicator's value is its value for the quarter. An annual or
biennial one's is its latest yearly figure known by the end of the quarter (the year's
own period, or its Q4), from this year or the one before (two before for a biennial
one); its direction compares it with the year before (two for biennial).

The same query also reads each indicator's approved values up to the end of the quarter,
the series statistical process control judges (:func:`Values.series`).

One query for every value of every indicator and period a scorecard needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Q

from indicators.enums import Frequency
from indicators.models import IndicatorValue
from partnership import access
from partnership.models import Area
from partnership.periods import Period as PeriodRef

YEARLY = frozenset({Frequency.ANNUAL, Frequency.BIENNIAL})


def yearly_candidates(period: PeriodRef, frequency: str) -> list[PeriodRef]:
    """The years whose figure may stand for ``period``, latest first: a year's figure is
    known at its end, so from this year only in Q4."""
    last = period.year() if period.quarter in (None, 4) else period.year().shift(-1)
    back = 3 if frequency == Frequency.BIENNIAL else 2
    return [last.shift(-n) for n in range(back)]


def comparisons(value_period: PeriodRef, frequency: str) -> tuple[PeriodRef, PeriodRef]:
    """The previous period and the same period a year before, to judge direction against."""
    if frequency in YEARLY:
        step = 2 if frequency == Frequency.BIENNIAL else 1
        before = value_period.year().shift(-step)
        return before, before
    return value_period.previous(), value_period.same_quarter_last_year()


def _with_q4(year: PeriodRef) -> tuple[PeriodRef, PeriodRef]:
    """A year's figure is stored against the year or against its Q4."""
    return year, PeriodRef(year.start_year, 4)


class Values:
    """The values read, by indicator and period (a year's figure found under its Q4 too)."""

    def __init__(self, found: Iterable[dict[str, Any]]) -> None:
        self._by_key: dict[tuple[int, PeriodRef], dict[str, Any]] = {}
        self._approved: dict[int, list[tuple[PeriodRef, Decimal]]] = {}
        for item in found:
            period = PeriodRef.parse(item["period__code"])
            self._by_key[(item["indicator_id"], period)] = item
            if item["is_approved"]:
                self._approved.setdefault(item["indicator_id"], []).append((period, item["value"]))

    def series(self, indicator_id: int) -> list[Decimal]:
        """The indicator's approved values read, in time order: the series statistical
        process control judges (whoever reads it, as a draft is not yet part of the
        process). :func:`read_values` reads none for a period after the quarter."""
        return [value for _, value in self.approved(indicator_id)]

    def approved(self, indicator_id: int) -> list[tuple[PeriodRef, Decimal]]:
        """The indicator's approved values read, by period, in time order."""
        return sorted(self._approved.get(indicator_id, ()))

    def at(self, indicator_id: int, period: PeriodRef) -> dict[str, Any] | None:
        return self._by_key.get((indicator_id, period))

    def yearly(self, indicator_id: int, year: PeriodRef) -> tuple[PeriodRef, dict] | None:
        for candidate in _with_q4(year):
            found = self.at(indicator_id, candidate)
            if found is not None:
                return candidate, found
        return None


def wanted_periods(period: PeriodRef, frequencies: Iterable[str]) -> set[PeriodRef]:
    """Every period whose value a scorecard for ``period`` may need, for these frequencies."""
    wanted = {period, *comparisons(period, Frequency.QUARTERLY)}
    for frequency in set(frequencies) & YEARLY:
        for year in yearly_candidates(period, frequency):
            for candidate in (year, *comparisons(year, frequency)):
                wanted.update(_with_q4(candidate))
    return wanted


def read_values(
    *,
    user: Any,
    area: Area | None,
    indicator_ids: list[int],
    periods: set[PeriodRef],
    approved_only: bool,
    until: PeriodRef | None = None,
) -> Values:
    """The values of these indicators for ``area`` and ``periods`` that the person may see
    (approved ones only with ``approved_only``), and every approved value of theirs for a
    period ending by ``until`` (the series for statistical process control), in one query."""
    if area is None or not indicator_ids:
        return Values(())
    wanted = Q(period__code__in=sorted(p.code for p in periods))
    if until is not None:
        wanted |= Q(is_approved=True, period__end_date__lte=until.end_date)
    found = access.visible_values(
        user,
        IndicatorValue.objects.filter(wanted, indicator_id__in=indicator_ids, area=area),
    )
    if approved_only:
        found = found.filter(is_approved=True)
    return Values(found.values("indicator_id", "period__code", "value", "status", "is_approved"))


def value_for(
    indicator: Any, period: PeriodRef, values: Values
) -> tuple[PeriodRef, dict[str, Any] | None]:
    """The period the indicator's value for the quarter is for, and that value."""
    if indicator.frequency not in YEARLY:
        return period, values.at(indicator.pk, period)
    candidates = yearly_candidates(period, indicator.frequency)
    for year in candidates:
        found = values.yearly(indicator.pk, year)
        if found is not None:
            return found
    return candidates[0], None


def value_of(found: dict[str, Any] | None) -> Decimal | None:
    return found["value"] if found else None


def comparison_values(
    indicator: Any, value_period: PeriodRef, values: Values
) -> tuple[Decimal | None, Decimal | None]:
    """The values of the period before and of the same period a year before (for a yearly
    figure both are the year before, or two before for biennial)."""
    before, last_year = comparisons(value_period, indicator.frequency)
    if indicator.frequency in YEARLY:
        previous_value = value_of((values.yearly(indicator.pk, before) or (None, None))[1])
        return previous_value, previous_value
    return value_of(values.at(indicator.pk, before)), value_of(values.at(indicator.pk, last_year))
