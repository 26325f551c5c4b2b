"""Reads for the indicator pages: the list of indicators and one indicator's page.

:func:`indicator_list` reads every active indicator, grouped by block and outcome, in one
query. :func:`indicator_page` reads everything an indicator's page shows, in a fixed
number of queries whatever the number of areas, periods, values or returns: the
definition, the outcomes that use it, related indicators, the partnership area's target
(from :func:`targets.selectors.target_context`), the trend of the values the person may
see for the partnership area, the comparator areas, the region and England, the latest
RAG and direction of travel, the projection to the target period, and the commentary
history of the outcome whose return collects it.

Only values the person may see are read (:func:`partnership.access.visible_values`:
approved values only for boards, the PSB and scrutiny), and only the returns they may
see (:func:`partnership.access.visible_returns`). RAG, direction of travel and the
projection are the pure rules of :mod:`targets.rules`. Nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.urls import reverse

from indicators.enums import (
    ADDITIVE_UNITS,
    Accumulation,
    Frequency,
    Polarity,
    Unit,
    ValueStatus,
)
from indicators.models import Indicator, IndicatorValue
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area, Outcome
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from partnership.selectors import partnership_area
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.return_page import POLARITY_LABELS, format_value
from targets import rules
from targets.models import Target
from targets.selectors import TargetContext, target_context

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

FREQUENCY_LABELS = {
    Frequency.MONTHLY: "Monthly (reported each quarter)",
    Frequency.QUARTERLY: "Quarterly",
    Frequency.ANNUAL: "Annual (reported in the Q4 return)",
    Frequency.BIENNIAL: "Every two years (reported in the Q4 return)",
}
ACCUMULATION_LABELS = {
    Accumulation.DISCRETE: "Discrete: each quarter's figure stands alone",
    Accumulation.CUMULATIVE: "Year to date: each quarter's figure covers the year so far",
    Accumulation.ROLLING: "Rolling: each figure covers the four quarters to its end",
    Accumulation.SNAPSHOT: "Snapshot: the position at the end of each period",
}


def value_text(value: Decimal | None, *, unit: str, places: int, estimated: bool = False) -> str:
    """A value as the page shows it: ``12.3%``, ``12.3% (estimated)``, ``–`` for none."""
    text = format_value(value, unit=unit, decimal_places=places)
    return f"{text} (estimated)" if value is not None and estimated else text


# --- The list of indicators -------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    title: str
    href: str
    kind_label: str
    lead: str  # the lead person and organisation


@dataclass(frozen=True)
class OutcomeGroup:
    code: str
    title: str
    indicators: tuple[IndicatorLine, ...]


@dataclass(frozen=True)
class BlockGroup:
    name: str
    slug: str
    outcomes: tuple[OutcomeGroup, ...]


@dataclass(frozen=True)
class IndicatorList:
    query: str
    count: int
    blocks: tuple[BlockGroup, ...]


def indicator_list(*, query: str = "") -> IndicatorList:
    """Every active indicator, by block and by the outcome whose return collects it.

    ``query`` keeps those whose code, address or title contains it (any case). Every
    indicator is public to people who use the site; the view checks that. One query.
    """
    query = " ".join(query.split())
    indicators = Indicator.objects.filter(is_active=True).select_related(
        "primary_outcome__block", "lead_organisation", "lead_person"
    )
    if query:
        indicators = indicators.filter(
            Q(code__icontains=query) | Q(title__icontains=query) | Q(slug__icontains=query)
        )
    indicators = indicators.order_by(
        "primary_outcome__block__order",
        "primary_outcome__block__name",
        "primary_outcome__code",
        "code",
    )
    # Block -> outcome code -> lines, in the order read.
    grouped: dict[Any, dict[Any, list[IndicatorLine]]] = {}
    count = 0
    for indicator in indicators:
        count += 1
        outcome = indicator.primary_outcome
        lines = grouped.setdefault(outcome.block, {}).setdefault(outcome, [])
        lines.append(
            IndicatorLine(
                code=indicator.code,
                title=indicator.title,
                href=reverse("indicator_detail", args=[indicator.slug]),
                kind_label=indicator.get_kind_display(),
                lead=_lead(indicator),
            )
        )
    return IndicatorList(
        query=query,
        count=count,
        blocks=tuple(
            BlockGroup(
                block.name,
                block.slug,
                tuple(OutcomeGroup(o.code, o.title, tuple(lines)) for o, lines in outcomes.items()),
            )
            for block, outcomes in grouped.items()
        ),
    )


def _lead(indicator: Indicator) -> str:
    person = display_name(indicator.lead_person)
    organisation = indicator.lead_organisation.name
    return f"{person}, {organisation}" if person else organisation


# --- One indicator's page ---------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeLink:
    code: str
    title: str
    block: str
    return_href: str | None  # its current return, when the person may see it
    return_label: str  # "Q2 2026-27 return (Draft)"


@dataclass(frozen=True)
class RelatedLink:
    code: str
    title: str
    href: str


@dataclass(frozen=True)
class TargetSummary:
    """The partnership area's target for the indicator."""

    kind: str
    kind_label: str
    baseline_text: str
    baseline_period: str
    target_text: str
    target_period: str
    standard_target_text: str  # for a stretch target: the target without the stretch
    reward_grant_text: str  # for a stretch target, "" when none
    tolerance_text: str
    lead: str
    problem: str  # why the trajectory cannot be worked out, "" when it can


@dataclass(frozen=True)
class TrendPoint:
    value: Decimal | None
    text: str  # formatted, with "(estimated)" when it is
    estimated: bool = False


@dataclass(frozen=True)
class TrendSeries:
    """One row of the trend table, one line of the chart: a value for each period."""

    name: str
    kind: str  # an Area.Kind, or "milestone" for the trajectory
    points: tuple[TrendPoint, ...]

    @property
    def has_values(self) -> bool:
        return any(p.value is not None for p in self.points)


@dataclass(frozen=True)
class TrendMark:
    """A single point of the chart: the target, or where the trend is projected to be."""

    period_label: str  # the column of the trend it is drawn in
    value: Decimal
    text: str
    when: str  # the period it is for, in words: "2026-27"


@dataclass(frozen=True)
class Trend:
    """The indicator's values over time, for the chart and its table."""

    code: str
    unit: str
    unit_label: str
    decimal_places: int
    by_year: bool  # columns are years (annual indicators), not quarters
    period_labels: tuple[str, ...]
    partnership: TrendSeries | None
    comparators: tuple[TrendSeries, ...]
    regions: tuple[TrendSeries, ...]
    england: tuple[TrendSeries, ...]
    trajectory: TrendSeries | None
    target: TrendMark | None
    projected: TrendMark | None

    @property
    def areas(self) -> tuple[TrendSeries, ...]:
        """Every area's series, in the order of the table."""
        first = (self.partnership,) if self.partnership else ()
        return (*first, *self.comparators, *self.regions, *self.england)


@dataclass(frozen=True)
class Latest:
    """The partnership area's latest value the person may see, judged."""

    period_label: str
    text: str
    rag: rules.Rag
    milestone_text: str  # "" when there is no milestone for the period
    travel: rules.Travel
    last_year_label: str
    last_year_text: str
    previous_label: str
    previous_text: str
    previous_note: str  # why there is no comparison with the previous period, if not


@dataclass(frozen=True)
class ProjectionSummary:
    text: str
    on_course: bool | None  # None: not judged (no direction is better, or too few values)
    method: str  # which values the line is drawn through


@dataclass(frozen=True)
class CommentaryEntry:
    """What was said about a period: the outcome's return commentary and the value's note."""

    period_label: str
    return_href: str | None
    return_state: str  # "" when there is no return for the period the person may see
    return_state_label: str
    progress_summary: str
    concerns_and_actions: str
    forecast_rag: str
    value_text: str  # the partnership value for the period, "" when none seen
    value_status: str
    value_note: str


@dataclass(frozen=True)
class IndicatorPage:
    code: str
    slug: str
    title: str
    definition: str
    kind_label: str
    polarity: Polarity
    polarity_label: str
    unit_label: str
    decimal_places: int
    frequency_label: str
    accumulation_label: str
    data_source: str
    lead_person: str
    lead_organisation: str
    is_active: bool
    area_name: str  # the partnership's own area, "" when not set up
    primary_outcome: OutcomeLink
    contributes_to: tuple[OutcomeLink, ...]
    related: tuple[RelatedLink, ...]
    target: TargetSummary | None
    trend: Trend | None  # None when there is no value to show
    latest: Latest | None
    projection: ProjectionSummary | None
    commentary: tuple[CommentaryEntry, ...]
    drafts_shown: bool  # whether the person sees values not yet approved


class IndicatorNotFound(Exception):
    """No indicator has this address."""


def indicator_page(*, slug: str, user: Any) -> IndicatorPage:
    """Everything the indicator's page shows to ``user``; IndicatorNotFound for a bad slug.

    Ten queries (and two more to read the person's roles, if not yet read), whatever the
    number of areas, periods, values, returns or outcomes.
    """
    indicator = (
        Indicator.objects.select_related(
            "primary_outcome__block",
            "primary_outcome__lead_organisation",
            "lead_organisation",
            "lead_person",
        )
        .prefetch_related(
            Prefetch("contributes_to", queryset=Outcome.objects.select_related("block")),
            "related",
        )
        .filter(slug=slug)
        .first()
    )
    if indicator is None:
        raise IndicatorNotFound(slug)
    places = indicator.decimal_places
    polarity = Polarity(indicator.polarity)
    by_year = indicator.frequency in YEARLY_FREQUENCIES
    area = _partnership_area()
    seen = _read_values(user, indicator, by_year=by_year)
    own = seen.by_area.get(area.pk, {}) if area else {}

    extra = _target_extra(indicator, area)
    periods = _trend_periods(seen, by_year=by_year)
    if extra is not None and periods:
        # Carry the trend on to the target's period when that is still to come.
        target_period = PeriodRef.parse(extra["target_period__code"])
        periods = _up_to_target(periods, _column(target_period, by_year=by_year))
    latest_period = max(own) if own else None
    # The latest value is judged even when it is older than the trend shows.
    judged = [*periods, latest_period] if latest_period else periods
    context = (
        target_context(indicator_ids=[indicator.pk], area=area, periods=judged).get(indicator.pk)
        if extra is not None
        else None
    )
    trend = (
        _trend(indicator, seen, area, periods, context, by_year=by_year) if seen.values else None
    )
    returns = _returns(user, indicator)
    return IndicatorPage(
        code=indicator.code,
        slug=indicator.slug,
        title=indicator.title,
        definition=indicator.definition,
        kind_label=indicator.get_kind_display(),
        polarity=polarity,
        polarity_label=POLARITY_LABELS[polarity],
        unit_label=indicator.unit_label,
        decimal_places=places,
        frequency_label=FREQUENCY_LABELS.get(Frequency(indicator.frequency), ""),
        accumulation_label=ACCUMULATION_LABELS.get(Accumulation(indicator.accumulation), ""),
        data_source=indicator.data_source,
        lead_person=display_name(indicator.lead_person),
        lead_organisation=indicator.lead_organisation.name,
        is_active=indicator.is_active,
        area_name=area.name if area else "",
        primary_outcome=_primary_outcome(user, indicator, returns.current),
        contributes_to=tuple(
            OutcomeLink(o.code, o.title, o.block.name, None, "")
            for o in sorted(indicator.contributes_to.all(), key=lambda o: o.code)
            if o.pk != indicator.primary_outcome_id
        ),
        related=tuple(
            RelatedLink(r.code, r.title, reverse("indicator_detail", args=[r.slug]))
            for r in sorted(indicator.related.all(), key=lambda r: r.code)
            if r.pk != indicator.pk
        ),
        target=_target_summary(indicator, context, extra),
        trend=trend,
        latest=(
            _latest(indicator, own, latest_period, context, by_year=by_year)
            if latest_period
            else None
        ),
        projection=_projection(indicator, own, periods, context, by_year=by_year),
        commentary=_commentary(indicator, returns.visible, own),
        drafts_shown=access.can_view_unapproved(
            user, lead_organisation_id=indicator.primary_outcome.lead_organisation_id
        ),
    )


def _partnership_area() -> Area | None:
    try:
        return partnership_area()
    except ApplicationError:
        return None  # not set up yet: the trend shows the other areas only


# --- Values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Seen:
    """The values the person may see, by area and by the period of the trend's columns."""

    values: tuple[dict[str, Any], ...]
    areas: dict[int, dict[str, Any]]  # id -> {"name", "kind", "code"}
    by_area: dict[int, dict[PeriodRef, dict[str, Any]]]


def _column(period: PeriodRef, *, by_year: bool) -> PeriodRef:
    """The column of the trend a period's value goes in: its year for annual indicators."""
    if by_year:
        return period.year()
    return period.quarters()[-1] if period.is_year else period


def _read_values(user: Any, indicator: Indicator, *, by_year: bool) -> _Seen:
    """Every value of the indicator the person may see, for the areas the trend compares.

    For an annual indicator a value stored against a year or against its Q4 (the return
    that collects it) is the year's; the year's own wins if both exist. For a quarterly
    one, only quarters are read: a whole year's figure is not a quarter's.
    """
    rows = access.visible_values(
        user,
        IndicatorValue.objects.filter(indicator=indicator, area__kind__in=TREND_AREA_KINDS),
    )
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
        column = _column(period, by_year=by_year)
        areas.setdefault(
            row["area_id"],
            {"name": row["area__name"], "kind": row["area__kind"], "code": row["area__code"]},
        )
        found = by_area.setdefault(row["area_id"], {})
        if column not in found or period.is_year:
            found[column] = {**row, "period": period}
    return _Seen(values=values, areas=areas, by_area=by_area)


def _trend_periods(seen: _Seen, *, by_year: bool) -> list[PeriodRef]:
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


def _up_to_target(periods: list[PeriodRef], target_column: PeriodRef) -> list[PeriodRef]:
    """The columns, carried on to the target's period when that is still to come."""
    out = list(periods)
    while out[-1] < target_column:
        out.append(out[-1].next())
    return out


# --- Target -------------------------------------------------------------------------------


def _target_extra(indicator: Indicator, area: Area | None) -> dict[str, Any] | None:
    """What the page needs of the partnership area's target beyond its context: its
    period (to carry the trend on to it), reward grant and lead. None: no target."""
    if area is None:
        return None
    return (
        Target.objects.filter(indicator=indicator, area=area)
        .values(
            "target_period__code",
            "reward_grant",
            "lead_person__first_name",
            "lead_person__last_name",
            "lead_person__username",
            "lead_organisation__name",
        )
        .first()
    )


def _target_summary(
    indicator: Indicator, context: TargetContext | None, extra: dict[str, Any] | None
) -> TargetSummary | None:
    if context is None or extra is None:
        return None
    unit, places = indicator.unit, indicator.decimal_places
    person = " ".join(
        part for part in (extra["lead_person__first_name"], extra["lead_person__last_name"]) if part
    ) or (extra["lead_person__username"] or "")
    organisation = extra["lead_organisation__name"] or ""
    grant = extra["reward_grant"]
    return TargetSummary(
        kind=context.kind,
        kind_label=context.kind_label,
        baseline_text=format_value(context.baseline_value, unit=unit, decimal_places=places),
        baseline_period=context.baseline_period.label,
        target_text=format_value(context.target_value, unit=unit, decimal_places=places),
        target_period=context.target_period.label,
        standard_target_text=(
            format_value(context.standard_target_value, unit=unit, decimal_places=places)
            if context.is_stretch and context.standard_target_value is not None
            else ""
        ),
        reward_grant_text=f"£{grant:,.0f}" if grant is not None else "",
        tolerance_text=f"{context.tolerance_pct.normalize():f}%",
        lead=", ".join(part for part in (person, organisation) if part),
        problem=context.problem,
    )


# --- Trend --------------------------------------------------------------------------------


def _trend(
    indicator: Indicator,
    seen: _Seen,
    area: Area | None,
    periods: Sequence[PeriodRef],
    context: TargetContext | None,
    *,
    by_year: bool,
) -> Trend:
    unit, places = indicator.unit, indicator.decimal_places

    def series(area_id: int) -> TrendSeries:
        found = seen.by_area.get(area_id, {})
        points = []
        for period in periods:
            row = found.get(period)
            value = row["value"] if row else None
            estimated = bool(row and row["status"] == ValueStatus.ESTIMATED)
            text = value_text(value, unit=unit, places=places, estimated=estimated)
            points.append(TrendPoint(value, text, estimated))
        info = seen.areas.get(area_id) or {"name": area.name, "kind": Area.Kind.PARTNERSHIP}
        return TrendSeries(info["name"], info["kind"], tuple(points))

    def of_kind(kind: str) -> tuple[TrendSeries, ...]:
        ids = sorted(
            (i for i, a in seen.areas.items() if a["kind"] == kind),
            key=lambda i: (seen.areas[i]["name"], seen.areas[i]["code"]),
        )
        return tuple(s for s in (series(i) for i in ids) if s.has_values)

    trajectory = target = projected = None
    if context is not None and context.milestones:
        trajectory = TrendSeries(
            "Milestone (trajectory)",
            "milestone",
            tuple(
                TrendPoint(m, format_value(m, unit=unit, decimal_places=places))
                for m in (context.milestone(p) for p in periods)
            ),
        )
    if context is not None:
        column = _column(context.target_period, by_year=by_year)
        if periods and periods[0] <= column <= periods[-1]:
            target = TrendMark(
                column.label,
                context.target_value,
                format_value(context.target_value, unit=unit, decimal_places=places),
                context.target_period.label,
            )
            own = seen.by_area.get(area.pk, {}) if area else {}
            result = _projected(indicator, own, periods, context)
            if result is not None and result.projected_value is not None:
                projected = TrendMark(
                    column.label,
                    result.projected_value,
                    format_value(result.projected_value, unit=unit, decimal_places=places),
                    context.target_period.label,
                )
    return Trend(
        code=indicator.code,
        unit=unit,
        unit_label=indicator.unit_label,
        decimal_places=places,
        by_year=by_year,
        period_labels=tuple(p.label for p in periods),
        partnership=series(area.pk) if area is not None else None,
        comparators=of_kind(Area.Kind.COMPARATOR),
        regions=of_kind(Area.Kind.REGION),
        england=of_kind(Area.Kind.ENGLAND),
        trajectory=trajectory,
        target=target,
        projected=projected,
    )


# --- Latest value, direction of travel and projection -----------------------------------


def _latest(
    indicator: Indicator,
    own: dict[PeriodRef, dict[str, Any]],
    period: PeriodRef,
    context: TargetContext | None,
    *,
    by_year: bool,
) -> Latest:
    """The latest value seen, its RAG and its direction of travel.

    Direction of travel is against the same period a year before and against the period
    before. A year-to-date figure only compares with the same point of another year, so
    for one the comparison with the quarter before is not made.
    """
    unit, places = indicator.unit, indicator.decimal_places
    polarity = Polarity(indicator.polarity)
    row = own[period]

    def found(at: PeriodRef) -> Decimal | None:
        return own[at]["value"] if at in own else None

    def text(at: PeriodRef) -> str:
        value = found(at)
        estimated = at in own and own[at]["status"] == ValueStatus.ESTIMATED
        return value_text(value, unit=unit, places=places, estimated=estimated)

    year_to_date = not by_year and indicator.accumulation == Accumulation.CUMULATIVE
    last_year = period.same_quarter_last_year()
    previous = period.previous()
    travel = rules.direction_of_travel(
        current=row["value"],
        previous_period=None if year_to_date else found(previous),
        same_period_last_year=found(last_year),
        polarity=polarity,
    )
    milestone = context.milestone(period) if context else None
    return Latest(
        period_label=period.label,
        text=value_text(
            row["value"],
            unit=unit,
            places=places,
            estimated=row["status"] == ValueStatus.ESTIMATED,
        ),
        rag=(
            context.rag(actual=row["value"], period=period)
            if context is not None
            else rules.Rag.GREY
        ),
        milestone_text=(
            format_value(milestone, unit=unit, decimal_places=places)
            if milestone is not None
            else ""
        ),
        travel=travel,
        last_year_label=last_year.label,
        last_year_text=text(last_year),
        previous_label=previous.label,
        previous_text=text(previous),
        previous_note=(
            "A year-to-date figure is compared with the same point of another year only."
            if year_to_date
            else ""
        ),
    )


def _trend_points(
    indicator: Indicator, own: dict[PeriodRef, dict[str, Any]], periods: Sequence[PeriodRef]
) -> list[tuple[PeriodRef, Decimal]]:
    """The partnership values the projection's line is drawn through, in the trend's window.

    A year-to-date indicator is projected from year-end figures: each year's Q4, or for a
    year not yet complete its latest quarter scaled to a full year (a count so far times
    four quarters over the quarters counted; a share as it is).
    """
    shown = [(p, own[p]["value"]) for p in periods if p in own]
    if indicator.accumulation != Accumulation.CUMULATIVE or indicator.frequency in (
        YEARLY_FREQUENCIES
    ):
        return shown
    additive = indicator.unit in ADDITIVE_UNITS
    latest_by_year: dict[PeriodRef, tuple[PeriodRef, Decimal]] = {}
    for period, value in shown:
        year = period.year()
        if year not in latest_by_year or latest_by_year[year][0] < period:
            latest_by_year[year] = (period, value)
    points = []
    for year, (period, value) in sorted(latest_by_year.items()):
        quarter = period.quarter or 4
        points.append((year, value * 4 / quarter if additive and quarter < 4 else value))
    return points


def _projected(
    indicator: Indicator,
    own: dict[PeriodRef, dict[str, Any]],
    periods: Sequence[PeriodRef],
    context: TargetContext,
) -> rules.Projection | None:
    points = _trend_points(indicator, own, periods)
    if len({p.index for p, _ in points}) < 2:
        return None
    return rules.projection(
        points=points,
        target_period=context.target_period,
        target_value=context.target_value,
        polarity=context.polarity,
    )


def _projection(
    indicator: Indicator,
    own: dict[PeriodRef, dict[str, Any]],
    periods: Sequence[PeriodRef],
    context: TargetContext | None,
    *,
    by_year: bool,
) -> ProjectionSummary | None:
    """Where the trend of the values shown leads by the target period, in words."""
    if context is None:
        return None
    unit, places = indicator.unit, indicator.decimal_places
    label = context.target_period.label
    target = format_value(context.target_value, unit=unit, decimal_places=places)
    year_to_date = indicator.accumulation == Accumulation.CUMULATIVE and not by_year
    method = (
        "A straight line fitted through the year-end figures shown (for the year not yet "
        "complete, its latest quarter scaled to a full year), carried on to the target "
        "period."
        if year_to_date
        else "A straight line fitted through the values shown, carried on to the target period."
    )
    result = _projected(indicator, own, periods, context)
    if result is None or result.projected_value is None:
        return ProjectionSummary(
            "There are not enough values yet to project the trend to the target.", None, method
        )
    projected = format_value(result.projected_value, unit=unit, decimal_places=places)
    if result.on_course is None:
        return ProjectionSummary(f"Projected {projected} by {label}.", None, method)
    if result.on_course:
        return ProjectionSummary(
            f"On course to reach the target of {target} by {label}.", True, method
        )
    gap = (
        f"{result.gap:,.{places}f} percentage points"
        if unit == Unit.PERCENTAGE
        else format_value(result.gap, unit=unit, decimal_places=places)
    )
    return ProjectionSummary(
        f"Projected {projected} by {label}: short of the target of {target} by {gap}.",
        False,
        method,
    )


# --- Outcomes and commentary ---------------------------------------------------------------


@dataclass(frozen=True)
class _Returns:
    current: QuarterlyReturn | None  # the latest round's return, whoever may see it
    visible: tuple[QuarterlyReturn, ...]  # those the person may see, newest first


def _returns(user: Any, indicator: Indicator) -> _Returns:
    """The returns of the outcome that collects the indicator (two queries)."""
    returns = QuarterlyReturn.objects.filter(outcome_id=indicator.primary_outcome_id)
    newest_first = ("-round__period__end_date", "round__period__start_date")
    current = returns.select_related("round__period", "outcome").order_by(*newest_first).first()
    visible = tuple(
        access.visible_returns(user, returns)
        .select_related("round__period")
        .order_by(*newest_first)
    )
    return _Returns(current=current, visible=visible)


def _primary_outcome(
    user: Any, indicator: Indicator, current: QuarterlyReturn | None
) -> OutcomeLink:
    outcome = indicator.primary_outcome
    href, label = None, ""
    if current is not None and access.can_view_return(user, current):
        href = reverse("return_detail", args=[current.pk])
        label = f"{current.round.period.label} return ({current.get_state_display()})"
    return OutcomeLink(outcome.code, outcome.title, outcome.block.name, href, label)


def _commentary(
    indicator: Indicator,
    returns: Iterable[QuarterlyReturn],
    own: dict[PeriodRef, dict[str, Any]],
) -> tuple[CommentaryEntry, ...]:
    """For each period, newest first: the outcome's return commentary and forecast, and
    the note on the partnership area's value, as far as the person may see them."""
    unit, places = indicator.unit, indicator.decimal_places
    by_period: dict[PeriodRef, dict[str, Any]] = {}
    for qr in returns:
        said = (qr.progress_summary, qr.concerns_and_actions, qr.forecast_rag)
        if not any(said):
            continue
        by_period[qr.round.period.ref] = {
            "return_href": reverse("return_detail", args=[qr.pk]),
            "return_state": qr.state,
            "return_state_label": qr.get_state_display(),
            "progress_summary": qr.progress_summary,
            "concerns_and_actions": qr.concerns_and_actions,
            "forecast_rag": qr.forecast_rag,
        }
    for row in own.values():
        if not row["note"].strip():
            continue
        by_period.setdefault(row["period"], {}).update(
            value_text=format_value(row["value"], unit=unit, decimal_places=places),
            value_status=str(row["status"]).capitalize(),
            value_note=row["note"],
        )
    return tuple(
        CommentaryEntry(
            period_label=period.label,
            return_href=parts.get("return_href"),
            return_state=parts.get("return_state", ""),
            return_state_label=parts.get("return_state_label", ""),
            progress_summary=parts.get("progress_summary", ""),
            concerns_and_actions=parts.get("concerns_and_actions", ""),
            forecast_rag=parts.get("forecast_rag", ""),
            value_text=parts.get("value_text", ""),
            value_status=parts.get("value_status", ""),
            value_note=parts.get("value_note", ""),
        )
        for period, parts in sorted(by_period.items(), reverse=True)
    )
