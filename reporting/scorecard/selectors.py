"""The scorecard: every target of the partnership's area, judged for one quarter.

One read shared by the exception dashboard, the board view and the Excel packs. For each
target in scope it gives one :class:`ScorecardRow` of plain data: the indicator, its
block, outcome and lead, the value for the quarter as the person may see it, the
milestone (:func:`targets.selectors.target_context`), RAG, direction of travel, stretch
achievement against the reward floor, and the outcome's return for the quarter (state,
forecast and commentary, only when the person may read it). Every judgement is a rule of
:mod:`targets.rules`, the same functions as the return page.

What a value "for the quarter" is:

- a quarterly or monthly indicator: its value for the quarter;
- an annual or biennial indicator: its latest yearly figure known by the end of the
  quarter (the year's own period, or its Q4), from this year or the one before (two
  before for a biennial one). ``value_period`` says which; the milestone is the one
  for that period, and direction compares it with the year before (two for biennial).

``approved_only`` (the default, and what the dashboards use) shows approved values and
approved returns' commentary only, whoever reads it; with False the person sees what
:func:`partnership.access.visible_values` and ``visible_returns`` allow, each value
flagged ``is_approved`` so a page or pack can mark those not yet approved.

A constant number of queries, whatever the number of targets, indicators or areas.
Nothing here reads the clock: pass ``today`` in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from indicators.enums import ADDITIVE_UNITS, Accumulation, Frequency, Polarity, ValueStatus
from indicators.models import IndicatorValue
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area, Outcome, Period
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from partnership.periods import PeriodError
from partnership.selectors import partnership_area
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.return_page import DASH, POLARITY_LABELS, format_value
from reporting.rules import return_states
from reporting.rules.timeliness import Timeliness, return_timeliness
from targets import rules
from targets.models import Target
from targets.selectors import TargetContext, target_context

State = QuarterlyReturn.State
RAG_ORDER = (rules.Rag.GREEN, rules.Rag.AMBER, rules.Rag.RED, rules.Rag.GREY)
YEARLY = frozenset({Frequency.ANNUAL, Frequency.BIENNIAL})


class PeriodNotFound(LookupError):
    """The quarter asked for is not a quarter the partnership has (the page answers 404)."""


# --- Plain data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Which targets: all, a block's, a partner's, a lead's, or the stretch targets only.

    ``organisation`` and ``lead`` are the target's lead (its own, else its indicator's,
    else for the person its outcome's). Outcomes (for their returns) are in scope by
    block, lead organisation and lead person.
    """

    block: str = ""  # a block's slug
    organisation: int | None = None  # a lead organisation's id
    lead: int | None = None  # a lead person's user id
    stretch_only: bool = False

    def matches(self, row: ScorecardRow) -> bool:
        return (
            (not self.block or row.block_slug == self.block)
            and (self.organisation is None or row.lead_organisation_id == self.organisation)
            and (self.lead is None or row.lead_person_id == self.lead)
            and (not self.stretch_only or row.is_stretch)
        )

    def matches_outcome(self, line: OutcomeReturn) -> bool:
        return (
            (not self.block or line.block_slug == self.block)
            and (self.organisation is None or line.lead_organisation_id == self.organisation)
            and (self.lead is None or line.lead_person_id == self.lead)
        )


@dataclass(frozen=True)
class OutcomeReturn:
    """An outcome and its quarterly return for the quarter, as the person may read it.

    The state and dates are not the lead's content: they are shown to everyone (as the
    start page counts returns by state). The forecast and commentary are filled in only
    when ``readable``.
    """

    outcome_id: int
    code: str
    title: str
    block_id: int
    block_slug: str
    block_name: str
    lead_person_id: int | None
    lead_person: str
    lead_organisation_id: int
    lead_organisation: str
    lead_organisation_short: str
    return_pk: int | None = None  # None: no return for this quarter
    state: str = ""
    state_label: str = ""
    due_on: date | None = None
    round_state: str = ""
    submitted_at: datetime | None = None
    timeliness: Timeliness | None = None
    viewable: bool = False  # the person may open the return's page
    readable: bool = False  # the forecast and commentary below may be shown
    forecast_rag: rules.Rag | None = None
    progress_summary: str = ""
    concerns_and_actions: str = ""

    @property
    def has_return(self) -> bool:
        return self.return_pk is not None

    @property
    def is_done(self) -> bool:
        return self.state in return_states.DONE

    @property
    def is_late(self) -> bool:
        """Past its due date and still not submitted or approved."""
        return self.timeliness is Timeliness.LATE

    @property
    def submitted_late(self) -> bool:
        """Submitted (or approved), but after its due date."""
        return bool(
            self.is_done
            and self.submitted_at is not None
            and self.due_on is not None
            and timezone.localdate(self.submitted_at) > self.due_on
        )

    @property
    def submitted_on(self) -> date | None:
        return timezone.localdate(self.submitted_at) if self.submitted_at else None


@dataclass(frozen=True)
class ScorecardRow:
    """One target, judged for the quarter."""

    target_id: int
    indicator_id: int
    code: str
    title: str
    slug: str
    block_id: int
    block_slug: str
    block_name: str
    outcome_id: int
    outcome_code: str
    outcome_title: str
    lead_person_id: int | None
    lead_person: str
    lead_organisation_id: int
    lead_organisation: str
    lead_organisation_short: str
    kind: str
    kind_label: str
    unit: str
    unit_label: str
    decimal_places: int
    polarity: Polarity
    polarity_label: str
    frequency: str
    period: PeriodRef  # the quarter of the scorecard
    value_period: PeriodRef  # the period the value (and milestone) is for
    value: Decimal | None
    value_text: str
    value_status: str  # provisional, final, estimated; "" with no value
    is_approved: bool  # False only when approved_only is off and the value is not yet approved
    previous_value: Decimal | None  # the period before (for yearly figures, the year before)
    last_year_value: Decimal | None  # the same period a year before
    milestone: Decimal | None
    milestone_text: str
    baseline_value: Decimal
    baseline_period: PeriodRef
    target_value: Decimal
    target_period: PeriodRef
    target_text: str
    standard_target_value: Decimal | None
    rag: rules.Rag
    travel: rules.Travel
    achievement: Decimal | None  # stretch targets: share of the stretch improvement achieved
    reward_earned: bool
    reward_grant: Decimal | None
    reward_grant_earned: Decimal | None
    target_problem: str  # why the trajectory could not be worked out, for the performance team
    outcome_return: OutcomeReturn

    @property
    def is_stretch(self) -> bool:
        return self.kind == Target.Kind.STRETCH

    @property
    def estimated(self) -> bool:
        return self.value_status == ValueStatus.ESTIMATED

    @property
    def direction(self) -> rules.Direction:
        """The direction of travel to report (:attr:`targets.rules.Travel.headline`)."""
        return self.travel.headline

    @property
    def worsening(self) -> bool:
        return self.direction is rules.Direction.WORSENING

    @property
    def value_is_for_another_period(self) -> bool:
        return self.value_period != self.period

    @property
    def achievement_pct(self) -> int | None:
        """The stretch achievement as a whole percentage, for people to read."""
        if self.achievement is None:
            return None
        return int((self.achievement * 100).to_integral_value())

    @property
    def reward_floor_pct(self) -> int:
        return int(rules.REWARD_FLOOR * 100)


@dataclass(frozen=True)
class RagCounts:
    green: int = 0
    amber: int = 0
    red: int = 0
    grey: int = 0

    @property
    def total(self) -> int:
        return self.green + self.amber + self.red + self.grey

    def of(self, rag: rules.Rag | str) -> int:
        return getattr(self, str(rag))

    @classmethod
    def of_rows(cls, rows: Iterable[ScorecardRow]) -> RagCounts:
        counts = dict.fromkeys(RAG_ORDER, 0)
        for row in rows:
            counts[row.rag] += 1
        return cls(**{str(rag): n for rag, n in counts.items()})


@dataclass(frozen=True)
class Scorecard:
    period: PeriodRef
    scope: Scope
    approved_only: bool
    area_name: str
    rows: tuple[ScorecardRow, ...]
    outcomes: tuple[OutcomeReturn, ...]  # every outcome in scope, targets or not
    round_due_on: date | None = None  # None: no round of returns for the quarter
    round_state: str = ""
    counts: RagCounts = field(default_factory=RagCounts)


# --- The quarter -------------------------------------------------------------------------------


def quarter_named(code: str) -> Period:
    """The stored quarter with this code; PeriodNotFound if malformed, a year, or unknown."""
    try:
        ref = PeriodRef.parse(code)
    except PeriodError:
        raise PeriodNotFound(code) from None
    if ref.quarter is None:
        raise PeriodNotFound(code)
    found = Period.objects.filter(code=ref.code).first()
    if found is None:
        raise PeriodNotFound(code)
    return found


def default_quarter() -> Period | None:
    """The latest quarter with approved returns; else the latest with a round; else None."""
    approved = (
        Period.objects.filter(return_round__returns__state=State.APPROVED)
        .order_by("-end_date")
        .first()
    )
    if approved is not None:
        return approved
    latest = ReturnRound.objects.select_related("period").order_by("-period__end_date").first()
    return latest.period if latest else None


def quarter_options() -> list[Period]:
    """The quarters offered to choose from: those with a round of returns, latest first."""
    return list(Period.objects.filter(return_round__isnull=False).order_by("-end_date"))


# --- Reading -----------------------------------------------------------------------------------


def _area() -> Area | None:
    try:
        return partnership_area()
    except ApplicationError:
        return None


def _yearly_candidates(period: PeriodRef, frequency: str) -> list[PeriodRef]:
    """The years whose figure may stand for ``period``, latest first: a year's figure is
    known at its end, so from this year only in Q4."""
    last = period.year() if period.quarter in (None, 4) else period.year().shift(-1)
    back = 3 if frequency == Frequency.BIENNIAL else 2
    return [last.shift(-n) for n in range(back)]


def _comparisons(value_period: PeriodRef, frequency: str) -> tuple[PeriodRef, PeriodRef]:
    """The previous period and the same period a year before, to judge direction against."""
    if frequency in YEARLY:
        step = 2 if frequency == Frequency.BIENNIAL else 1
        before = value_period.year().shift(-step)
        return before, before
    return value_period.previous(), value_period.same_quarter_last_year()


def _with_q4(year: PeriodRef) -> tuple[PeriodRef, PeriodRef]:
    """A year's figure is stored against the year or against its Q4."""
    return year, PeriodRef(year.start_year, 4)


class _Values:
    """The values read, by indicator and period (a year's figure found under its Q4 too)."""

    def __init__(self, found: Iterable[dict[str, Any]]) -> None:
        self._by_key: dict[tuple[int, PeriodRef], dict[str, Any]] = {}
        for item in found:
            self._by_key[(item["indicator_id"], PeriodRef.parse(item["period__code"]))] = item

    def at(self, indicator_id: int, period: PeriodRef) -> dict[str, Any] | None:
        return self._by_key.get((indicator_id, period))

    def yearly(self, indicator_id: int, year: PeriodRef) -> tuple[PeriodRef, dict] | None:
        for candidate in _with_q4(year):
            found = self.at(indicator_id, candidate)
            if found is not None:
                return candidate, found
        return None


def _wanted_periods(period: PeriodRef, frequencies: Iterable[str]) -> set[PeriodRef]:
    wanted = {period, *_comparisons(period, Frequency.QUARTERLY)}
    for frequency in set(frequencies) & YEARLY:
        for year in _yearly_candidates(period, frequency):
            for candidate in (year, *_comparisons(year, frequency)):
                wanted.update(_with_q4(candidate))
    return wanted


def scorecard(
    *,
    user: Any,
    period: Period,
    today: date,
    scope: Scope | None = None,
    approved_only: bool = True,
) -> Scorecard:
    """Every target of the partnership's area in ``scope``, judged for the quarter ``period``.

    Rows are in the order of blocks, outcomes and indicator codes. See the module's
    docstring for what a value for the quarter is and who sees which values.
    """
    scope = scope or Scope()
    ref = period.ref
    area = _area()
    targets_qs = Target.objects.none()
    if area is not None:
        targets_qs = (
            Target.objects.filter(area=area, indicator__is_active=True)
            .select_related(
                "lead_person",
                "lead_organisation",
                "baseline_period",
                "target_period",
                "indicator__lead_person",
                "indicator__lead_organisation",
                "indicator__primary_outcome__block",
                "indicator__primary_outcome__lead_person",
                "indicator__primary_outcome__lead_organisation",
            )
            .order_by(
                "indicator__primary_outcome__block__order",
                "indicator__primary_outcome__block__name",
                "indicator__primary_outcome__code",
                "indicator__code",
            )
        )
        if scope.block:
            targets_qs = targets_qs.filter(indicator__primary_outcome__block__slug=scope.block)
        if scope.stretch_only:
            targets_qs = targets_qs.filter(kind=Target.Kind.STRETCH)
    targets = list(targets_qs)

    outcomes = _outcome_returns(
        user=user, period=period, today=today, scope=scope, approved_only=approved_only
    )
    by_outcome = {line.outcome_id: line for line in outcomes.lines}

    indicator_ids = [t.indicator_id for t in targets]
    values = _read_values(
        user=user,
        area=area,
        indicator_ids=indicator_ids,
        periods=_wanted_periods(ref, {t.indicator.frequency for t in targets}),
        approved_only=approved_only,
    )
    chosen = {t.indicator_id: _value_for(t.indicator, ref, values) for t in targets}
    contexts = (
        target_context(
            indicator_ids=indicator_ids,
            area=area,
            periods={p for p, _ in chosen.values()},
        )
        if targets
        else {}
    )
    rows = []
    for target in targets:
        outcome = target.indicator.primary_outcome
        line = by_outcome.get(outcome.pk) or _outcome_line(outcome)
        row = _row(target, ref, chosen[target.indicator_id], values, contexts, line)
        if scope.matches(row):
            rows.append(row)
    return Scorecard(
        period=ref,
        scope=scope,
        approved_only=approved_only,
        area_name=area.name if area else "",
        rows=tuple(rows),
        outcomes=tuple(line for line in outcomes.lines if scope.matches_outcome(line)),
        round_due_on=outcomes.due_on,
        round_state=outcomes.round_state,
        counts=RagCounts.of_rows(rows),
    )


def _read_values(
    *,
    user: Any,
    area: Area | None,
    indicator_ids: list[int],
    periods: set[PeriodRef],
    approved_only: bool,
) -> _Values:
    if area is None or not indicator_ids:
        return _Values(())
    found = access.visible_values(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids,
            area=area,
            period__code__in=sorted(p.code for p in periods),
        ),
    )
    if approved_only:
        found = found.filter(is_approved=True)
    return _Values(found.values("indicator_id", "period__code", "value", "status", "is_approved"))


def _value_for(
    indicator: Any, period: PeriodRef, values: _Values
) -> tuple[PeriodRef, dict[str, Any] | None]:
    """The period the indicator's value for the quarter is for, and that value."""
    if indicator.frequency not in YEARLY:
        return period, values.at(indicator.pk, period)
    candidates = _yearly_candidates(period, indicator.frequency)
    for year in candidates:
        found = values.yearly(indicator.pk, year)
        if found is not None:
            return found
    return candidates[0], None


def _year_to_date_share(indicator: Any, period: PeriodRef) -> Decimal:
    """The part of a year-end figure that a year-to-date count builds up to by ``period``.

    A year-to-date count (cumulative, in an additive unit) at Q1 covers a quarter of the
    year, so its stretch improvement is measured from a quarter of the baseline towards a
    quarter of the stretch target: the straight-line profile through the year that
    :func:`targets.rules.trajectory` gives its milestones. Anything else: 1.
    """
    cumulative = indicator.accumulation == Accumulation.CUMULATIVE
    if cumulative and indicator.unit in ADDITIVE_UNITS and period.quarter in (1, 2, 3):
        return Decimal(period.quarter) / 4
    return Decimal(1)


def _value_of(found: dict[str, Any] | None) -> Decimal | None:
    return found["value"] if found else None


def _row(
    target: Target,
    period: PeriodRef,
    chosen: tuple[PeriodRef, dict[str, Any] | None],
    values: _Values,
    contexts: Mapping[int, TargetContext],
    line: OutcomeReturn,
) -> ScorecardRow:
    indicator = target.indicator
    outcome = indicator.primary_outcome
    unit, places = indicator.unit, indicator.decimal_places
    polarity = Polarity(indicator.polarity)
    value_period, found = chosen
    value = _value_of(found)
    before, last_year = _comparisons(value_period, indicator.frequency)
    if indicator.frequency in YEARLY:
        previous_value = _value_of((values.yearly(indicator.pk, before) or (None, None))[1])
        last_year_value = previous_value
    else:
        previous_value = _value_of(values.at(indicator.pk, before))
        last_year_value = _value_of(values.at(indicator.pk, last_year))
    context = contexts.get(indicator.pk)
    milestone = context.milestone(value_period) if context else None
    tolerance = context.tolerance_pct if context else rules.DEFAULT_TOLERANCE_PCT
    rag = rules.rag(actual=value, milestone=milestone, polarity=polarity, tolerance_pct=tolerance)
    travel = rules.direction_of_travel(
        current=value,
        previous_period=previous_value,
        same_period_last_year=last_year_value,
        polarity=polarity,
    )
    achievement = None
    grant_earned = None
    if target.is_stretch:
        share = _year_to_date_share(indicator, value_period)
        achievement = rules.stretch_achievement(
            baseline=target.baseline_value * share,
            stretch_target=target.target_value * share,
            actual=value,
        )
        if target.reward_grant is not None:
            grant_earned = rules.reward_grant_earned(
                achievement=achievement, grant=target.reward_grant
            )
    lead_person = target.lead_person or indicator.lead_person or outcome.lead_person
    lead_organisation = target.lead_organisation or indicator.lead_organisation

    def text(number: Decimal | None) -> str:
        return format_value(number, unit=unit, decimal_places=places)

    return ScorecardRow(
        target_id=target.pk,
        indicator_id=indicator.pk,
        code=indicator.code,
        title=indicator.title,
        slug=indicator.slug,
        block_id=outcome.block_id,
        block_slug=outcome.block.slug,
        block_name=outcome.block.name,
        outcome_id=outcome.pk,
        outcome_code=outcome.code,
        outcome_title=outcome.title,
        lead_person_id=lead_person.pk if lead_person else None,
        lead_person=display_name(lead_person),
        lead_organisation_id=lead_organisation.pk,
        lead_organisation=lead_organisation.name,
        lead_organisation_short=lead_organisation.short_name,
        kind=target.kind,
        kind_label=target.get_kind_display(),
        unit=unit,
        unit_label=indicator.unit_label,
        decimal_places=places,
        polarity=polarity,
        polarity_label=POLARITY_LABELS[polarity],
        frequency=indicator.frequency,
        period=period,
        value_period=value_period,
        value=value,
        value_text=text(value),
        value_status=found["status"] if found else "",
        is_approved=bool(found and found["is_approved"]),
        previous_value=previous_value,
        last_year_value=last_year_value,
        milestone=milestone,
        milestone_text=text(milestone),
        baseline_value=target.baseline_value,
        baseline_period=target.baseline_period.ref,
        target_value=target.target_value,
        target_period=target.target_period.ref,
        target_text=f"{text(target.target_value)} by {target.target_period.ref.label}",
        standard_target_value=target.standard_target_value,
        rag=rag,
        travel=travel,
        achievement=achievement,
        reward_earned=rules.reward_earned(achievement=achievement),
        reward_grant=target.reward_grant,
        reward_grant_earned=grant_earned,
        target_problem=context.problem if context else "",
        outcome_return=line,
    )


# --- Outcomes and their returns ----------------------------------------------------------------


@dataclass(frozen=True)
class _OutcomeReturns:
    lines: tuple[OutcomeReturn, ...]
    due_on: date | None
    round_state: str


def _outcome_line(outcome: Outcome) -> OutcomeReturn:
    return OutcomeReturn(
        outcome_id=outcome.pk,
        code=outcome.code,
        title=outcome.title,
        block_id=outcome.block_id,
        block_slug=outcome.block.slug,
        block_name=outcome.block.name,
        lead_person_id=outcome.lead_person_id,
        lead_person=display_name(outcome.lead_person),
        lead_organisation_id=outcome.lead_organisation_id,
        lead_organisation=outcome.lead_organisation.name,
        lead_organisation_short=outcome.lead_organisation.short_name,
    )


def _outcome_returns(
    *, user: Any, period: Period, today: date, scope: Scope, approved_only: bool
) -> _OutcomeReturns:
    """Every outcome in the block of ``scope`` (all blocks without one), with its return."""
    outcomes = Outcome.objects.select_related("block", "lead_person", "lead_organisation")
    if scope.block:
        outcomes = outcomes.filter(block__slug=scope.block)
    outcomes = outcomes.order_by("block__order", "block__name", "code")
    returns_qs = QuarterlyReturn.objects.filter(round__period=period).select_related("round")
    if scope.block:
        returns_qs = returns_qs.filter(outcome__block__slug=scope.block)
    returns = {r.outcome_id: r for r in returns_qs}
    visible = (
        set(access.visible_returns(user, returns_qs).values_list("pk", flat=True))
        if returns
        else set()
    )
    due_on, round_state = None, ""
    lines = []
    for outcome in outcomes:
        line = _outcome_line(outcome)
        found = returns.get(outcome.pk)
        if found is not None:
            due_on, round_state = found.round.due_on, found.round.state
            readable = found.pk in visible and (found.state == State.APPROVED or not approved_only)
            line = _with_return(
                line, found, today=today, viewable=found.pk in visible, readable=readable
            )
        lines.append(line)
    return _OutcomeReturns(lines=tuple(lines), due_on=due_on, round_state=round_state)


def _with_return(
    line: OutcomeReturn, found: QuarterlyReturn, *, today: date, viewable: bool, readable: bool
) -> OutcomeReturn:
    return replace(
        line,
        return_pk=found.pk,
        state=found.state,
        state_label=found.get_state_display(),
        due_on=found.round.due_on,
        round_state=found.round.state,
        submitted_at=found.submitted_at,
        timeliness=return_timeliness(state=found.state, due_on=found.round.due_on, today=today),
        viewable=viewable,
        readable=readable,
        forecast_rag=rules.Rag(found.forecast_rag) if readable and found.forecast_rag else None,
        progress_summary=found.progress_summary if readable else "",
        concerns_and_actions=found.concerns_and_actions if readable else "",
    )


__all__ = [
    "DASH",
    "RAG_ORDER",
    "OutcomeReturn",
    "PeriodNotFound",
    "RagCounts",
    "Scope",
    "Scorecard",
    "ScorecardRow",
    "default_quarter",
    "quarter_named",
    "quarter_options",
    "scorecard",
]
