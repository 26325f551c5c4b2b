"""Reads for the Excel performance packs: what a pack holds, and the ``/packs/`` page.

:func:`pack_data` reads everything one pack shows, as plain data, in a constant number
of queries whatever the number of targets, indicators, areas or values. Its targets are
the shared :func:`reporting.scorecard.selectors.scorecard`'s rows, so that every value
and RAG in a pack is the one the exception dashboard gives; its exceptions are
:func:`reporting.dashboards.selectors.exceptions.exceptions_page`'s, as on the PSB dashboard.

What a pack may hold (the Cover says which):

- for the performance team (``access.roles_of(user).sees_everything``): approved
  values, and values submitted but not yet approved, marked "Submitted, not yet
  approved". A value in a draft (its return not submitted) is never in a pack: a target
  whose indicator has a draft value for the partnership's area, up to the quarter, is
  judged on approved values alone, as the dashboard judges it, so that a draft can
  change neither its value nor its RAG nor its direction of travel;
- for everyone else: approved values only, whoever they are.

Every value read goes through :func:`partnership.access.visible_values` as well. The
flat table of values (the Data sheet) can run to hundreds of thousands of rows: it is
read lazily, in one streamed query, when the pack is written.

Nothing here reads the clock: pass ``today`` and ``generated_at`` in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from indicators.enums import Frequency, ValueStatus
from indicators.models import IndicatorValue
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area, Block, Organisation, Period
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from partnership.periods import last_quarters
from partnership.selectors import partnership_area
from reporting.dashboards.selectors.exceptions import (
    ExceptionFilters,
    ExceptionsPage,
    exceptions_page,
)
from reporting.packs.models import PerformancePack
from reporting.returns.models import QuarterlyReturn
from reporting.scorecard.selectors import (
    RagCounts,
    Scope,
    ScorecardRow,
    default_quarter,
    quarter_options,
    scorecard,
)
from risks.models import Risk, RiskAction
from risks.rules import RiskLevel
from targets import rules
from targets.models import Action, Target
from targets.selectors import target_context

State = QuarterlyReturn.State

APPROVED = "Approved"
SUBMITTED = "Submitted, not yet approved"
HISTORY_QUARTERS = 8  # the last eight quarters, on each block's sheet
COMPARATOR_QUARTERS = 4  # the latest quarters and years on the Comparators sheet
COMPARATOR_YEARS = 2
CHART_AHEAD = 8  # at most this many quarters of trajectory after the pack's quarter
COMPARATOR_KINDS = (
    Area.Kind.PARTNERSHIP,
    Area.Kind.COMPARATOR,
    Area.Kind.REGION,
    Area.Kind.ENGLAND,
)
YEARLY = frozenset({Frequency.ANNUAL, Frequency.BIENNIAL})
LISTED_PACKS = 50  # the page lists the latest packs


# --- Plain data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One value in a pack, as its cell shows it."""

    value: Decimal
    submitted: bool = False  # submitted, not yet approved
    estimated: bool = False


@dataclass(frozen=True)
class PackRow:
    """One target, as its block's sheet shows it."""

    row: ScorecardRow  # the scorecard's row: value, milestone, RAG, direction...
    submitted: bool  # its value is submitted, not yet approved
    history: tuple[Point | None, ...]  # a value for each of ``PackData.history_periods``
    forecast_rag: rules.Rag | None
    commentary: str  # the outcome's return commentary, when the pack may hold it


@dataclass(frozen=True)
class PackBlock:
    name: str
    slug: str
    rows: tuple[PackRow, ...]
    counts: RagCounts


@dataclass(frozen=True)
class StretchChart:
    """A stretch target's values against its trajectory, for a line chart."""

    row: ScorecardRow
    periods: tuple[PeriodRef, ...]
    values: tuple[Decimal | None, ...]
    milestones: tuple[Decimal | None, ...]


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


@dataclass(frozen=True)
class RiskLine:
    title: str
    level_label: str
    hangs_on: str
    owner: str
    owner_organisation: str
    inherent_score: int
    current_score: int
    band_label: str
    target_score: int | None
    status_label: str
    review_date: date | None
    description: str
    cause: str
    consequence: str
    controls: str
    mitigations: str  # each mitigating action on a line: "what (who, due, status)"


@dataclass(frozen=True)
class ActionLine:
    belongs_to: str  # "CYP 1 Every child..." or "NI 116 target"
    description: str
    aim: str
    lead_organisation: str
    other_partners: str
    start_date: date | None
    due_date: date | None
    status_label: str
    progress: str
    monitoring: str
    resources: str
    outputs: str
    expected_outcomes: str


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


@dataclass(frozen=True)
class PackData:
    """Everything one pack shows."""

    partnership_name: str
    area_name: str
    period: PeriodRef
    scope: Scope
    scope_label: str
    generated_at: datetime
    generated_by: str
    includes_submitted: bool
    history_periods: tuple[PeriodRef, ...]
    blocks: tuple[PackBlock, ...]
    totals: RagCounts
    stretch: tuple[StretchChart, ...]
    exceptions: ExceptionsPage
    comparator_periods: tuple[PeriodRef, ...]
    comparators: tuple[ComparatorLine, ...]
    risks: tuple[RiskLine, ...]
    actions: tuple[ActionLine, ...]
    data_count: int
    # The flat table, read (one streamed query) only when called: it may be very long.
    data_rows: Callable[[], Iterator[DataRow]] = field(compare=False, repr=False)

    @property
    def rows(self) -> tuple[PackRow, ...]:
        return tuple(row for block in self.blocks for row in block.rows)

    @property
    def covers(self) -> str:
        """What the data covers, for the Cover."""
        if self.includes_submitted:
            return (
                "Approved values, and values submitted by outcome leads but not yet approved "
                f'(marked "{SUBMITTED}"). Values still in draft are not included.'
            )
        return "Approved values only."


# --- The pack ------------------------------------------------------------------------------


def includes_submitted(user: Any) -> bool:
    """Whether ``user``'s packs hold submitted values: the performance team's only."""
    return access.roles_of(user).sees_everything


def scope_label(*, block_name: str = "", organisation_name: str = "", stretch_only: bool) -> str:
    """The scope in words: "Whole partnership", "Block: ...", "Stretch targets only"."""
    if block_name:
        return f"Block: {block_name}"
    if organisation_name:
        return f"Partner organisation: {organisation_name}"
    if stretch_only:
        return "Stretch targets only"
    return "Whole partnership"


def _submitted() -> Exists:
    """Whether a value's return (its indicator's outcome, its quarter) is submitted."""
    return Exists(
        QuarterlyReturn.objects.filter(
            outcome_id=OuterRef("indicator__primary_outcome_id"),
            round__period_id=OuterRef("period_id"),
            state=State.SUBMITTED,
        )
    )


def _allowed(user: Any, values: QuerySet, *, with_submitted: bool) -> QuerySet:
    """The values a pack for ``user`` may hold: see the module's docstring."""
    values = access.visible_values(user, values)
    if with_submitted:
        return values.annotate(submitted=_submitted()).filter(
            Q(is_approved=True) | Q(submitted=True)
        )
    return values.filter(is_approved=True)


def _area() -> Area | None:
    try:
        return partnership_area()
    except ApplicationError:  # not set up yet: no values to show
        return None


def pack_target_count(*, period: Period, scope: Scope) -> int:
    """About how many targets a pack holds, to tell a small pack from a large one (1 query).

    The partner organisation is the target's own lead organisation, else its indicator's.
    """
    targets = Target.objects.filter(area__kind=Area.Kind.PARTNERSHIP, indicator__is_active=True)
    if scope.block:
        targets = targets.filter(indicator__primary_outcome__block__slug=scope.block)
    if scope.organisation is not None:
        targets = targets.filter(
            Q(lead_organisation_id=scope.organisation)
            | Q(lead_organisation__isnull=True, indicator__lead_organisation_id=scope.organisation)
        )
    if scope.stretch_only:
        targets = targets.filter(kind=Target.Kind.STRETCH)
    return targets.count()


def pack_data(
    *,
    user: Any,
    period: Period,
    today: date,
    generated_at: datetime,
    scope: Scope | None = None,
    partnership_name: str = "",
) -> PackData:
    """Everything the pack of the quarter ``period`` in ``scope`` shows to ``user``."""
    scope = scope or Scope()
    ref = period.ref
    with_submitted = includes_submitted(user)
    area = _area()

    card = scorecard(user=user, period=period, today=today, scope=scope)
    rows = list(card.rows)
    if with_submitted:
        rows = _with_submitted(user, period, today, scope, rows, area)
    indicator_ids = list(dict.fromkeys(row.indicator_id for row in rows))
    history_periods = tuple(last_quarters(ref, HISTORY_QUARTERS))
    history = _history(user, area, indicator_ids, history_periods, with_submitted)
    pack_rows = [
        _pack_row(row, history.get(row.indicator_id, {}), history_periods, with_submitted)
        for row in rows
    ]

    blocks: dict[int, list[PackRow]] = {}
    for pack_row in pack_rows:
        blocks.setdefault(pack_row.row.block_id, []).append(pack_row)
    names = _scope_names(scope)
    return PackData(
        partnership_name=partnership_name,
        area_name=card.area_name,
        period=ref,
        scope=scope,
        scope_label=scope_label(
            block_name=names[0], organisation_name=names[1], stretch_only=scope.stretch_only
        ),
        generated_at=generated_at,
        generated_by=display_name(user),
        includes_submitted=with_submitted,
        history_periods=history_periods,
        blocks=tuple(
            PackBlock(
                name=items[0].row.block_name,
                slug=items[0].row.block_slug,
                rows=tuple(items),
                counts=RagCounts.of_rows(item.row for item in items),
            )
            for items in blocks.values()
        ),
        totals=RagCounts.of_rows(rows),
        stretch=_stretch_charts(area, rows, history, history_periods),
        exceptions=exceptions_page(
            user=user,
            period=period,
            today=today,
            filters=ExceptionFilters(
                block=scope.block,
                organisation=scope.organisation,
                stretch_only=scope.stretch_only,
            ),
        ),
        **_comparators(user, rows, ref, with_submitted),
        risks=_risks(scope, rows, card.outcomes),
        actions=_actions(scope, rows, card.outcomes),
        **_data(user, rows, period, with_submitted),
    )


def _scope_names(scope: Scope) -> tuple[str, str]:
    block = Block.objects.filter(slug=scope.block).first() if scope.block else None
    organisation = (
        Organisation.objects.filter(pk=scope.organisation).first()
        if scope.organisation is not None
        else None
    )
    return (block.name if block else "", organisation.name if organisation else "")


def _with_submitted(
    user: Any,
    period: Period,
    today: date,
    scope: Scope,
    rows: list[ScorecardRow],
    area: Area | None,
) -> list[ScorecardRow]:
    """The rows judged on approved and submitted values, save those a draft would touch."""
    wide = {
        row.target_id: row
        for row in scorecard(
            user=user, period=period, today=today, scope=scope, approved_only=False
        ).rows
    }
    drafted = _indicators_with_drafts(user, area, [row.indicator_id for row in rows], period)
    return [
        wide[row.target_id] if row.target_id in wide and row.indicator_id not in drafted else row
        for row in rows
    ]


def _indicators_with_drafts(
    user: Any, area: Area | None, indicator_ids: list[int], period: Period
) -> set[int]:
    """The indicators with a value in draft for the partnership's area, up to the quarter."""
    if area is None or not indicator_ids:
        return set()
    drafts = (
        access.visible_values(
            user,
            IndicatorValue.objects.filter(
                indicator_id__in=indicator_ids,
                area=area,
                is_approved=False,
                period__end_date__lte=period.end_date,
            ),
        )
        .annotate(submitted=_submitted())
        .filter(submitted=False)
    )
    return set(drafts.order_by().values_list("indicator_id", flat=True).distinct())


def _point(found: dict[str, Any]) -> Point:
    return Point(
        value=found["value"],
        submitted=not found["is_approved"],
        estimated=found["status"] == ValueStatus.ESTIMATED,
    )


def _history(
    user: Any,
    area: Area | None,
    indicator_ids: list[int],
    periods: tuple[PeriodRef, ...],
    with_submitted: bool,
) -> dict[int, dict[PeriodRef, Point]]:
    """The partnership's values of each indicator for the quarters (1 query).

    A year's figure stored against the year is shown in the year's Q4 (where a year
    sits on the time line), unless there is a Q4 value.
    """
    if area is None or not indicator_ids:
        return {}
    codes = {p.code for p in periods} | {p.year().code for p in periods}
    found = _allowed(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids, area=area, period__code__in=sorted(codes)
        ),
        with_submitted=with_submitted,
    ).values("indicator_id", "period__code", "value", "status", "is_approved")
    out: dict[int, dict[PeriodRef, Point]] = {}
    years: list[tuple[int, PeriodRef, Point]] = []
    for item in found:
        period = PeriodRef.parse(item["period__code"])
        if period.is_year:
            years.append((item["indicator_id"], PeriodRef(period.start_year, 4), _point(item)))
        else:
            out.setdefault(item["indicator_id"], {})[period] = _point(item)
    for indicator_id, q4, point in years:
        out.setdefault(indicator_id, {}).setdefault(q4, point)
    return out


def _commentary_allowed(row: ScorecardRow, with_submitted: bool) -> bool:
    line = row.outcome_return
    if not line.readable:
        return False
    return line.state == State.APPROVED or (with_submitted and line.state == State.SUBMITTED)


def _pack_row(
    row: ScorecardRow,
    history: dict[PeriodRef, Point],
    periods: tuple[PeriodRef, ...],
    with_submitted: bool,
) -> PackRow:
    line = row.outcome_return
    commentary, forecast = "", None
    if _commentary_allowed(row, with_submitted):
        forecast = line.forecast_rag
        said = []
        if line.progress_summary.strip():
            said.append(line.progress_summary.strip())
        if line.concerns_and_actions.strip():
            said.append(f"Concerns and actions: {line.concerns_and_actions.strip()}")
        if said and line.state == State.SUBMITTED:
            said.insert(0, f"({SUBMITTED})")
        commentary = "\n".join(said)
    return PackRow(
        row=row,
        submitted=row.value is not None and not row.is_approved,
        history=tuple(history.get(p) for p in periods),
        forecast_rag=forecast,
        commentary=commentary,
    )


def _stretch_charts(
    area: Area | None,
    rows: list[ScorecardRow],
    history: dict[int, dict[PeriodRef, Point]],
    history_periods: tuple[PeriodRef, ...],
) -> tuple[StretchChart, ...]:
    """Each stretch target's values for the last eight quarters against its trajectory,
    carried on to its target period (at most two years ahead). Two queries."""
    stretch = [row for row in rows if row.is_stretch]
    if area is None or not stretch:
        return ()
    ahead = {row.target_id: _ahead(history_periods[-1], row.target_period) for row in stretch}
    wanted = set(history_periods) | {p for periods in ahead.values() for p in periods}
    contexts = target_context(
        indicator_ids=[row.indicator_id for row in stretch], area=area, periods=wanted
    )
    charts = []
    for row in stretch:
        periods = (*history_periods, *ahead[row.target_id])
        context = contexts.get(row.indicator_id)
        values = history.get(row.indicator_id, {})
        charts.append(
            StretchChart(
                row=row,
                periods=periods,
                values=tuple(values[p].value if p in values else None for p in periods),
                milestones=tuple(context.milestone(p) if context else None for p in periods),
            )
        )
    return tuple(charts)


def _ahead(last: PeriodRef, target_period: PeriodRef) -> list[PeriodRef]:
    """The quarters after ``last`` up to the target period (its Q4 for a year), at most
    :data:`CHART_AHEAD`."""
    end = PeriodRef(target_period.start_year, 4) if target_period.is_year else target_period
    return [last.shift(n) for n in range(1, CHART_AHEAD + 1) if last.shift(n) <= end]


def _comparator_periods(period: PeriodRef) -> tuple[PeriodRef, ...]:
    """The latest quarters to the pack's, then the latest years whose figure is known."""
    last_year = period.year() if period.quarter == 4 else period.year().shift(-1)
    years = [last_year.shift(-n) for n in range(COMPARATOR_YEARS - 1, -1, -1)]
    return (*last_quarters(period, COMPARATOR_QUARTERS), *years)


def _comparators(
    user: Any, rows: list[ScorecardRow], period: PeriodRef, with_submitted: bool
) -> dict[str, Any]:
    """Each indicator against the partnership, comparator areas, region and England (1 query).

    A year's column shows the year's figure, or for an annual indicator its Q4's; an
    annual indicator's quarter columns are empty.
    """
    periods = _comparator_periods(period)
    indicators = {row.indicator_id: row for row in rows}
    if not indicators:
        return {"comparator_periods": periods, "comparators": ()}
    codes = {p.code for p in periods} | {f"{p.code}-Q4" for p in periods if p.is_year}
    found = _allowed(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=list(indicators),
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
    areas: dict[int, dict[str, str]] = {}
    by_key: dict[tuple[int, int], dict[str, Point]] = {}
    for item in found:
        areas[item["area_id"]] = {
            "code": item["area__code"],
            "name": item["area__name"],
            "kind": item["area__kind"],
        }
        by_key.setdefault((item["indicator_id"], item["area_id"]), {})[item["period__code"]] = (
            _point(item)
        )
    kind_order = {kind: n for n, kind in enumerate(COMPARATOR_KINDS)}
    ordered_areas = sorted(
        areas, key=lambda pk: (kind_order[areas[pk]["kind"]], areas[pk]["name"], pk)
    )
    lines = []
    for indicator_id, row in indicators.items():
        yearly = row.frequency in YEARLY
        for area_id in ordered_areas:
            got = by_key.get((indicator_id, area_id))
            if not got:
                continue
            values = []
            for p in periods:
                if not p.is_year:  # an annual figure is shown in its year's column only
                    values.append(None if yearly else got.get(p.code))
                else:
                    values.append(got.get(p.code) or (got.get(f"{p.code}-Q4") if yearly else None))
            area = areas[area_id]
            lines.append(
                ComparatorLine(
                    code=row.code,
                    title=row.title,
                    unit=row.unit,
                    unit_label=row.unit_label,
                    decimal_places=row.decimal_places,
                    area_code=area["code"],
                    area_name=area["name"],
                    area_kind=area["kind"],
                    area_kind_label=Area.Kind(area["kind"]).label,
                    values=tuple(values),
                )
            )
    return {"comparator_periods": periods, "comparators": tuple(lines)}


def _outcome_ids(scope: Scope, outcomes: Any) -> list[int]:
    """The outcomes in scope: none when the pack is of stretch targets only."""
    return [] if scope.stretch_only else [line.outcome_id for line in outcomes]


def _whole(scope: Scope) -> bool:
    return not (scope.block or scope.organisation is not None or scope.stretch_only)


def _risks(scope: Scope, rows: list[ScorecardRow], outcomes: Any) -> tuple[RiskLine, ...]:
    """The open risks in scope, highest score first (two queries).

    The whole partnership's pack holds every open risk; a narrower one the risks held on
    its targets and outcomes (and, for a block, on the block itself).
    """
    risks = Risk.objects.exclude(status=Risk.Status.CLOSED)
    if not _whole(scope):
        held = Q(target_id__in=[row.target_id for row in rows]) | Q(
            outcome_id__in=_outcome_ids(scope, outcomes)
        )
        if scope.block and not scope.stretch_only and scope.organisation is None:
            held |= Q(block__slug=scope.block)
        risks = risks.filter(held)
    risks = risks.select_related(
        "owner", "owner_organisation", "block", "outcome", "target__indicator"
    ).prefetch_related(
        Prefetch(
            "actions",
            queryset=RiskAction.objects.select_related("owner").order_by("due_date", "pk"),
        )
    )
    lines = []
    for risk in sorted(risks, key=lambda r: (-r.current_score, r.title, r.pk)):
        if risk.target_id:
            hangs_on = f"{risk.target.indicator.code} target"
        elif risk.outcome_id:
            hangs_on = f"{risk.outcome.code} {risk.outcome.title}"
        else:
            hangs_on = risk.block.name if risk.block_id else "The partnership"
        mitigations = "\n".join(
            f"{action.description} ("
            + ", ".join(
                part
                for part in (
                    display_name(action.owner),
                    f"due {action.due_date:%-d %B %Y}" if action.due_date else "",
                    action.get_status_display().lower(),
                )
                if part
            )
            + ")"
            for action in risk.actions.all()
        )
        lines.append(
            RiskLine(
                title=risk.title,
                level_label=RiskLevel(risk.level).label,
                hangs_on=hangs_on,
                owner=display_name(risk.owner),
                owner_organisation=risk.owner_organisation.name if risk.owner_organisation else "",
                inherent_score=risk.inherent_score,
                current_score=risk.current_score,
                band_label=risk.current_band.label,
                target_score=risk.target_score,
                status_label=risk.get_status_display(),
                review_date=risk.review_date,
                description=risk.description,
                cause=risk.cause,
                consequence=risk.consequence,
                controls=risk.controls,
                mitigations=mitigations,
            )
        )
    return tuple(lines)


def _actions(scope: Scope, rows: list[ScorecardRow], outcomes: Any) -> tuple[ActionLine, ...]:
    """The actions of the plans for the targets and outcomes in scope (two queries)."""
    actions = Action.objects.all()
    if not _whole(scope):
        actions = actions.filter(
            Q(target_id__in=[row.target_id for row in rows])
            | Q(outcome_id__in=_outcome_ids(scope, outcomes))
        )
    actions = (
        actions.select_related("outcome", "target__indicator", "lead_organisation")
        .prefetch_related("other_partners")
        .order_by("due_date", "pk")
    )
    return tuple(
        ActionLine(
            belongs_to=(
                f"{action.target.indicator.code} target"
                if action.target_id
                else f"{action.outcome.code} {action.outcome.title}"
            ),
            description=action.description,
            aim=action.aim,
            lead_organisation=action.lead_organisation.name,
            other_partners=", ".join(sorted(o.name for o in action.other_partners.all())),
            start_date=action.start_date,
            due_date=action.due_date,
            status_label=action.get_status_display(),
            progress=action.progress,
            monitoring=action.monitoring,
            resources=action.resources,
            outputs=action.outputs,
            expected_outcomes=action.expected_outcomes,
        )
        for action in actions
    )


def _data(
    user: Any, rows: list[ScorecardRow], period: Period, with_submitted: bool
) -> dict[str, Any]:
    """Every value of the indicators in scope, for every area, up to the quarter's end.

    Counted now (one query); read when the pack is written (one streamed query).
    """
    indicators = {row.indicator_id: row for row in rows}
    if not indicators:
        return {"data_count": 0, "data_rows": lambda: iter(())}
    values = _allowed(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=list(indicators), period__end_date__lte=period.end_date
        ),
        with_submitted=with_submitted,
    )
    kinds = dict(Area.Kind.choices)

    def read() -> Iterator[DataRow]:
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
        ) in found.iterator(chunk_size=5000):
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

    return {"data_count": values.count(), "data_rows": read}


# --- The /packs/ page ----------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class PackLine:
    """A pack in the list: what it covers, who made it and when, and how its build went."""

    pk: int
    period_label: str
    scope_label: str
    requested_by: str
    requested_at: datetime
    includes_submitted: bool
    state: str
    state_label: str
    progress: int
    size: int | None
    error: str
    download_href: str
    progress_href: str

    @property
    def is_ready(self) -> bool:
        return self.state == PerformancePack.State.READY

    @property
    def is_failed(self) -> bool:
        return self.state == PerformancePack.State.FAILED

    @property
    def is_finished(self) -> bool:
        return self.is_ready or self.is_failed

    @property
    def size_text(self) -> str:
        """``12 KB``, ``3.4 MB``: the file's size as people read it."""
        if self.size is None:
            return ""
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"

    @property
    def file_name(self) -> str:
        return pack_file_name(self.period_label, self.scope_label)


@dataclass(frozen=True)
class PacksPage:
    quarters: tuple[Choice, ...]
    default_quarter: str
    blocks: tuple[Choice, ...]
    organisations: tuple[Choice, ...]
    packs: tuple[PackLine, ...]
    includes_submitted: bool  # what the person's packs hold


def pack_file_name(period_label: str, scope: str) -> str:
    """``Performance pack Q2 2025-26 Whole partnership.xlsx``: safe on every system."""
    words = f"Performance pack {period_label} {scope}"
    safe = "".join(c if c.isalnum() or c in " -" else " " for c in words)
    return " ".join(safe.split()) + ".xlsx"


def pack_line(pack: PerformancePack) -> PackLine:
    return PackLine(
        pk=pack.pk,
        period_label=pack.period.label,
        scope_label=scope_label(
            block_name=pack.block.name if pack.block else "",
            organisation_name=pack.organisation.name if pack.organisation else "",
            stretch_only=pack.stretch_only,
        ),
        requested_by=display_name(pack.requested_by) or "The performance team",
        requested_at=pack.requested_at,
        includes_submitted=pack.includes_submitted,
        state=pack.state,
        state_label=pack.get_state_display(),
        progress=pack.progress,
        size=pack.size,
        error=pack.error,
        download_href=reverse("pack_download", args=[pack.pk]),
        progress_href=reverse("pack_progress", args=[pack.pk]),
    )


def _packs(user: Any) -> QuerySet[PerformancePack]:
    return access.visible_packs(user, PerformancePack.objects.all()).select_related(
        "period", "block", "organisation", "requested_by"
    )


def visible_pack(*, user: Any, pk: int) -> PerformancePack | None:
    """The pack, if ``user`` may see it; None otherwise (the page answers 404)."""
    return _packs(user).filter(pk=pk).first()


def packs_page(*, user: Any) -> PacksPage:
    """The choices of the form and the latest packs ``user`` may see (five queries)."""
    default = default_quarter()
    return PacksPage(
        quarters=tuple(Choice(p.code, p.label) for p in quarter_options()),
        default_quarter=default.code if default else "",
        blocks=tuple(Choice(b.slug, b.name) for b in Block.objects.order_by("order", "name")),
        organisations=tuple(
            Choice(str(o.pk), o.name) for o in Organisation.objects.order_by("name")
        ),
        packs=tuple(pack_line(pack) for pack in _packs(user)[:LISTED_PACKS]),
        includes_submitted=includes_submitted(user),
    )


__all__ = [
    "APPROVED",
    "SUBMITTED",
    "ActionLine",
    "ComparatorLine",
    "DataRow",
    "PackBlock",
    "PackData",
    "PackLine",
    "PackRow",
    "PacksPage",
    "Point",
    "RiskLine",
    "StretchChart",
    "includes_submitted",
    "pack_data",
    "pack_file_name",
    "pack_line",
    "pack_target_count",
    "packs_page",
    "visible_pack",
]
