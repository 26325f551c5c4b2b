"""Indicator values: Anycity's (entered through returns) and other areas' (imported).

The plan of the values is pure (``plan_*``); :func:`build_values` writes them with
``bulk_create_with_history``, so every value has its "+" history row, recorded as made
by the person who entered it and when.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from demo.builders.commentary import Reading
from demo.builders.context import DemoContext, rng_for
from demo.builders.dates import add_working_days, at, not_after, round_dates
from demo.builders.returns import APPROVED, DRAFT, NOT_STARTED
from demo.builders.series import SeriesPlan, collecting_quarter, comparator_values
from demo.content.people import AREAS, OFFICER, PARTNERSHIP_AREA_CODE
from indicators.models import IndicatorValue
from partnership.periods import Period

BATCH_SIZE = 5000
GAP_SHARE = 0.03  # past values never sent in
ESTIMATE_SHARE = 0.04
SOURCE_RETURN = "return"
SOURCE_IMPORT = "imported"
COMPARED_KINDS = ("comparator", "region", "england")
# Indicators (all percentages) the area committees' figures are reported for, over the
# last quarters.
SUB_AREA_INDICATORS = frozenset({"NI 53", "L 01", "L 14", "NI 32", "NI 30", "NI 141", "L 31",
                                 "NI 151", "NI 192"})  # fmt: skip
SUB_AREA_QUARTERS = 8

ESTIMATE_NOTES = (
    "Estimated from the first two months of the quarter; the final figure follows next quarter.",
    "Estimated: the supplier's data arrived late. To be confirmed at the next return.",
    "Estimated from the same quarter last year and the trend since.",
)
OTHER_NOTES = (
    "Revised after validation with the data owner.",
    "Includes a one-off rise after a change in recording practice.",
)
# The change of health visiting records behind a risk to NI 53 (see content.plans).
NI_53_GAP_AGO, NI_53_ESTIMATE_AGO = 3, 2
NI_53_NOTE = "Estimated: health visiting records were incomplete after the move to the new system."


@dataclass(frozen=True)
class ValueRow:
    indicator: str  # code
    area: str  # code
    period: Period
    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = "final"
    note: str = ""
    is_approved: bool = True
    source: str = SOURCE_RETURN

    @property
    def collected_in(self) -> Period:
        return collecting_quarter(self.period)


def plan_partnership_values(
    series: list[SeriesPlan], *, window: list[Period], open_states: dict[str, str]
) -> list[ValueRow]:
    """Anycity's values as its returns reported them: gaps and estimates in past
    quarters, and in the open round only what each return has entered so far."""
    latest, last_closed = window[-1], window[-2]
    rows = []
    for plan in series:
        code = plan.indicator.code
        rng = rng_for("values", code)
        baseline = plan.target.baseline_period.index if plan.target else None
        for point in plan.points:
            quarter = collecting_quarter(point.period)
            status, note, approved = "final", "", True
            if quarter == latest:
                state = open_states.get(plan.indicator.outcome, NOT_STARTED)
                if state == NOT_STARTED or (state == DRAFT and rng.random() < 0.4):
                    continue
                approved = state == APPROVED
                status = "estimated" if rng.random() < 0.15 else "provisional"
            else:
                ago = len(window) - 1 - window.index(quarter)
                if code == "NI 53" and ago == NI_53_GAP_AGO:
                    continue
                if rng.random() < GAP_SHARE and point.period.index != baseline:
                    continue
                roll = rng.random()
                if roll < ESTIMATE_SHARE:
                    status = "estimated"
                elif quarter == last_closed and roll < 0.4:
                    status = "provisional"
                elif roll > 0.96:
                    note = rng.choice(OTHER_NOTES)
                if code == "NI 53" and ago == NI_53_ESTIMATE_AGO:
                    status, note = "estimated", NI_53_NOTE
            if status == "estimated" and not note:
                note = rng.choice(ESTIMATE_NOTES)
            rows.append(
                ValueRow(
                    indicator=code,
                    area=PARTNERSHIP_AREA_CODE,
                    period=point.period,
                    value=point.value,
                    numerator=point.numerator,
                    denominator=point.denominator,
                    status=status,
                    note=note,
                    is_approved=approved,
                )
            )
    return rows


def plan_comparator_values(series: list[SeriesPlan]) -> list[ValueRow]:
    """Comparator areas', the region's and England's published figures for the same
    periods as Anycity's, for the National Indicators."""
    rows = []
    for plan in series:
        if plan.indicator.kind != "national":
            continue
        periods = [point.period for point in plan.points]
        for area in AREAS:
            if area.kind not in COMPARED_KINDS:
                continue
            rng = rng_for("comparator", plan.indicator.code, area.code)
            for period, value in comparator_values(
                plan.indicator, periods=periods, factor=area.factor, rng=rng
            ):
                rows.append(
                    ValueRow(plan.indicator.code, area.code, period, value, source=SOURCE_IMPORT)
                )
    return rows


def plan_sub_area_values(rows: list[ValueRow], *, window: list[Period]) -> list[ValueRow]:
    """The area committees' figures for a few indicators over the last quarters: Anycity's
    value scaled for each committee, imported by the performance team and approved with
    the quarter's return as Anycity's is (a draft quarter's are drafts too)."""
    recent = set(window[-SUB_AREA_QUARTERS:])
    committees = [area for area in AREAS if area.kind == "sub_area"]
    out = []
    for row in rows:
        if row.area != PARTNERSHIP_AREA_CODE or row.collected_in not in recent:
            continue
        if row.indicator not in SUB_AREA_INDICATORS:
            continue
        places = row.value.as_tuple().exponent
        for area in committees:
            rng = rng_for("sub-area", row.indicator, area.code, row.period.code)
            raw = row.value * Decimal(repr(area.factor * rng.uniform(0.97, 1.03)))
            exact = raw.quantize(Decimal(1).scaleb(places if isinstance(places, int) else 0))
            value = min(exact, Decimal(100))  # every one of them is a percentage
            out.append(
                ValueRow(
                    row.indicator,
                    area.code,
                    row.period,
                    value,
                    status=row.status,
                    note=row.note if row.status == "estimated" else "",
                    is_approved=row.is_approved,
                    source=SOURCE_IMPORT,
                )  # fmt: skip
            )
    return out


def readings_of(
    series: list[SeriesPlan], rows: list[ValueRow]
) -> dict[tuple[str, Period], list[Reading]]:
    """Per outcome and quarter, how the values its return reported did."""
    points = {(p.indicator.code, pt.period): (p, pt) for p in series for pt in p.points}
    out: dict[tuple[str, Period], list[Reading]] = defaultdict(list)
    for row in rows:
        if row.area != PARTNERSHIP_AREA_CODE:
            continue
        plan, point = points[(row.indicator, row.period)]
        out[(plan.indicator.outcome, row.collected_in)].append(
            Reading(plan.indicator.title, point.rag)
        )
    return out


def entry_moment(row: ValueRow, ctx: DemoContext) -> datetime:
    """When a value was entered: early in its round for a return, after the round for an
    import; never after the start of ``today``."""
    opens, _, closes = round_dates(row.collected_in)
    if row.source == SOURCE_IMPORT:
        moment = at(closes + timedelta(days=5), 9, 30)
    else:
        moment = at(add_working_days(opens, 2), 10)
    return not_after(moment, ctx.today)


def build_values(ctx: DemoContext, rows: list[ValueRow]) -> int:
    """Write the values not yet stored; returns how many were created."""
    indicator_ids = [ctx.indicators[code].pk for code in {r.indicator for r in rows}]
    stored = set(
        IndicatorValue.objects.filter(indicator_id__in=indicator_ids).values_list(
            "indicator_id", "area_id", "period_id"
        )
    )
    officer = ctx.users[OFFICER]
    by_moment: dict[datetime, list[IndicatorValue]] = defaultdict(list)
    for row in rows:
        indicator = ctx.indicators[row.indicator]
        area, period = ctx.areas[row.area], ctx.period(row.period)
        if (indicator.pk, area.pk, period.pk) in stored:
            continue
        person = (
            officer if row.source == SOURCE_IMPORT else ctx.lead_of(indicator.primary_outcome.code)
        )
        value = IndicatorValue(
            indicator=indicator,
            area=area,
            period=period,
            value=row.value,
            numerator=row.numerator,
            denominator=row.denominator,
            status=row.status,
            note=row.note,
            source=row.source,
            is_approved=row.is_approved,
            entered_by=person,
        )
        moment = entry_moment(row, ctx)
        value._history_user = person
        value._history_date = moment
        by_moment[moment].append(value)
    created = 0
    for moment, values in by_moment.items():
        bulk_create_with_history(values, IndicatorValue, batch_size=BATCH_SIZE)
        # entered_at is stamped with the clock on insert: move it to when the value was
        # entered in the story the demo tells, on the value and on its history row.
        ids = [v.pk for v in values]
        IndicatorValue.objects.filter(pk__in=ids).update(entered_at=moment, updated_at=moment)
        IndicatorValue.history.filter(id__in=ids).update(entered_at=moment, updated_at=moment)
        created += len(values)
    return created
