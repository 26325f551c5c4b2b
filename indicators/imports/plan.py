"""What an import would do, worked out before anything is written: the preview.

Each row of the file is checked by the same rules as a value typed in a return
(:mod:`indicators.validation`), then compared with the value already kept for its
indicator, area and period: it is to be added, changed (old and new value), left alone
(the same), or, for a value of the partnership's own area that an approved return has
given, a conflict that the import never overwrites. Every problem is listed with its row
and column. Areas the file names that are not known are listed, to be created as
comparator areas. The reads are a fixed handful of queries whatever the file's size.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from indicators.enums import Frequency, Unit, ValueStatus
from indicators.import_periods import PeriodError, read_period
from indicators.imports.layouts import FINGERTIPS, SourceRow
from indicators.imports.read import Problem
from indicators.models import Indicator, IndicatorValue
from indicators.validation import MAX_STORED_PLACES, ValueProblem, validate_entry
from partnership.models import Area

# The values of these areas are published data: approved on import, as published.
PUBLISHED_KINDS = frozenset({Area.Kind.COMPARATOR, Area.Kind.REGION, Area.Kind.ENGLAND})
OWN_KINDS = frozenset({Area.Kind.PARTNERSHIP, Area.Kind.SUB_AREA})
_STATUSES = {status.value: status.value for status in ValueStatus}
GSS_CODE = re.compile(r"^[EWSNK][0-9]{8}$")
DEFAULT_STATUS = ValueStatus.FINAL.value


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class PlannedValue:
    row: int
    indicator: Indicator
    area: Area
    period_code: str
    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    note: str
    source: str
    approved: bool
    mapped: str | None = None
    existing: IndicatorValue | None = None

    @property
    def old(self) -> Decimal | None:
        return None if self.existing is None else self.existing.value


@dataclass
class UnknownArea:
    """An area the file names that is not known: creatable as a comparator area."""

    code: str
    name: str
    rows: list[int] = field(default_factory=list)

    @property
    def creatable(self) -> bool:
        return bool(GSS_CODE.match(self.code))


@dataclass
class Plan:
    layout: str
    rows_read: int = 0
    added: list[PlannedValue] = field(default_factory=list)
    changed: list[PlannedValue] = field(default_factory=list)
    unchanged: list[PlannedValue] = field(default_factory=list)
    conflicts: list[PlannedValue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unknown_areas: dict[str, UnknownArea] = field(default_factory=dict)
    mapped: Counter[str] = field(default_factory=Counter)

    @property
    def can_save(self) -> bool:
        return not self.problems and not self.unknown_areas

    @property
    def refused_rows(self) -> int:
        return len({p.row for p in self.problems}) + sum(
            len(a.rows) for a in self.unknown_areas.values()
        )


@dataclass
class _Lookups:
    indicators: dict[str, Indicator]
    fingertips: dict[str, Indicator]
    areas: dict[str, Area | None]  # by code and by name; None: two areas share the name


def _lookups() -> _Lookups:
    indicators = list(Indicator.objects.all())
    all_areas = list(Area.objects.all())
    names = Counter(_key(a.name) for a in all_areas)
    areas: dict[str, Area | None] = {}
    for area in all_areas:
        name = _key(area.name)
        areas.setdefault(name, area if names[name] == 1 else None)
    for area in all_areas:  # a code wins over a name that happens to be the same
        areas[_key(area.code)] = area
    return _Lookups(
        indicators={_key(i.code): i for i in indicators},
        fingertips={str(i.fingertips_id): i for i in indicators if i.fingertips_id},
        areas=areas,
    )


def _existing(values: list[PlannedValue]) -> dict[tuple[int, int, str], IndicatorValue]:
    """The values already kept for the file's indicators, areas and periods: one query."""
    if not values:
        return {}
    rows = IndicatorValue.objects.filter(
        indicator_id__in={v.indicator.pk for v in values},
        area_id__in={v.area.pk for v in values},
        period__code__in={v.period_code for v in values},
    ).select_related("period")
    return {(v.indicator_id, v.area_id, v.period.code): v for v in rows}


def _indicator(row: SourceRow, lookups: _Lookups, layout: str) -> Indicator | Problem:
    if layout == FINGERTIPS:
        found = lookups.fingertips.get(row.indicator.strip())
        if found is None:
            return Problem(
                row.row,
                row.column("indicator"),
                f"Fingertips indicator {row.indicator or '(blank)'} is not linked to any of "
                "our indicators: give the indicator its Fingertips id first",
            )
        return found
    found = lookups.indicators.get(_key(row.indicator))
    if found is None:
        if not row.indicator:
            return Problem(row.row, row.column("indicator"), "the indicator is blank")
        return Problem(
            row.row, row.column("indicator"), f'"{row.indicator}" is not an indicator we know'
        )
    return found


def _places(indicator: Indicator, area: Area) -> int:
    # Published figures are kept as published; our own are held to the indicator's places.
    return indicator.decimal_places if area.kind in OWN_KINDS else MAX_STORED_PLACES


def _checked(
    row: SourceRow, indicator: Indicator, area: Area, problems: list[Problem]
) -> PlannedValue | None:
    try:
        read = read_period(row.period, monthly=indicator.frequency == Frequency.MONTHLY)
    except PeriodError as error:
        problems.append(Problem(row.row, row.column("period"), str(error)))
        return None
    try:
        checked = validate_entry(
            value=row.value,
            numerator=row.numerator,
            denominator=row.denominator,
            unit=Unit(indicator.unit),
            decimal_places=_places(indicator, area),
            rate_per=indicator.rate_per,
        )
    except ValueProblem as error:
        shown = getattr(row, error.field, row.value)
        problems.append(
            Problem(row.row, row.column(error.field), f'"{shown}": {error.message.lower()}')
        )
        return None
    if checked.value is None:
        problems.append(Problem(row.row, row.column("value"), "the value is blank"))
        return None
    status = _STATUSES.get(_key(row.status) or DEFAULT_STATUS)
    if status is None:
        problems.append(
            Problem(
                row.row,
                row.column("status"),
                f'"{row.status}" is not a status: use provisional, final or estimated',
            )
        )
        return None
    return PlannedValue(
        row=row.row,
        indicator=indicator,
        area=area,
        period_code=read.period.code,
        value=checked.value,
        numerator=checked.numerator,
        denominator=checked.denominator,
        status=status,
        note=row.note,
        source=row.source[:200],
        approved=area.kind in PUBLISHED_KINDS,
        mapped=read.mapped,
    )


def _same(planned: PlannedValue, kept: IndicatorValue) -> bool:
    return (
        planned.value == kept.value
        and planned.numerator == kept.numerator
        and planned.denominator == kept.denominator
        and planned.status == kept.status
        and planned.note == kept.note
        and planned.source == kept.source
        # Our own values are approved by their return, not by an import.
        and (planned.approved == kept.is_approved or planned.area.kind in OWN_KINDS)
    )


def _unknown_area(plan: Plan, row: SourceRow) -> None:
    code = row.area.strip()
    if not code:
        plan.problems.append(Problem(row.row, row.column("area"), "the area is blank"))
        return
    unknown = plan.unknown_areas.setdefault(
        _key(code), UnknownArea(code=code, name=row.area_name or code)
    )
    if not unknown.rows or unknown.rows[-1] != row.row:  # a wide row gives many values
        unknown.rows.append(row.row)


def plan_import(rows: list[SourceRow], *, layout: str) -> Plan:
    """What importing ``rows`` would do, and every problem, without writing anything."""
    plan = Plan(layout=layout, rows_read=len({r.row for r in rows}))
    lookups = _lookups()
    planned: list[PlannedValue] = []
    first_row: dict[tuple[int, int, str], int] = {}
    for row in rows:
        indicator = _indicator(row, lookups, layout)
        if isinstance(indicator, Problem):
            plan.problems.append(indicator)
            continue
        area = lookups.areas.get(_key(row.area))
        if area is None:
            if _key(row.area) in lookups.areas:
                plan.problems.append(
                    Problem(
                        row.row,
                        row.column("area"),
                        f'"{row.area}" names two areas: give its code instead',
                    )
                )
            else:
                _unknown_area(plan, row)
            continue
        value = _checked(row, indicator, area, plan.problems)
        if value is None:
            continue
        key = (indicator.pk, area.pk, value.period_code)
        if key in first_row:
            plan.problems.append(
                Problem(
                    row.row,
                    "",
                    f"a second value for {indicator.code}, {area.name}, {value.period_code} "
                    f"(the first is on row {first_row[key]}): keep one",
                )
            )
            continue
        first_row[key] = row.row
        planned.append(value)
    _compare(plan, planned)
    return plan


def _compare(plan: Plan, planned: list[PlannedValue]) -> None:
    existing = _existing(planned)
    for value in planned:
        if value.mapped:
            plan.mapped[value.mapped] += 1
        kept = existing.get((value.indicator.pk, value.area.pk, value.period_code))
        value.existing = kept
        if kept is None:
            plan.added.append(value)
        elif _same(value, kept):
            plan.unchanged.append(value)
        elif value.area.kind in OWN_KINDS and kept.is_approved:
            # An approved return's figure is the partnership's own word: never overwritten.
            plan.conflicts.append(value)
        else:
            plan.changed.append(value)


def plan_problem_rows(plan: Plan) -> list[dict[str, Any]]:
    """The problems as plain rows for a page or a record, in file order."""
    return [
        {"row": p.row, "column": p.column, "message": p.message, "text": str(p)}
        for p in sorted(plan.problems, key=lambda p: (p.row, p.column))
    ]
