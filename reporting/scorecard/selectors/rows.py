"""The scorecard's plain data: its scope, its rows, the outcomes' returns and RAG counts.

A :class:`ScorecardRow` is one target judged for the quarter; an :class:`OutcomeReturn`
is an outcome with its return for the quarter, as the person may read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from indicators.enums import Polarity, ValueStatus
from partnership.periods import Period as PeriodRef
from reporting.rules import return_states
from reporting.rules.timeliness import Timeliness
from targets import plan_rules, rules, spc
from targets.models import Target

RAG_ORDER = (rules.Rag.GREEN, rules.Rag.AMBER, rules.Rag.RED, rules.Rag.GREY)
COMMON_CAUSE_AMBER = "Amber, common cause: no signal to react to"


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
        return self.timeliness is Timeliness.SUBMITTED_LATE

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
    # Statistical process control of the approved values up to the quarter, the target
    # value judged against its process limits (:mod:`targets.spc`).
    spc_points: int  # how many approved values the chart has
    spc_variation: spc.Variation
    spc_assurance: spc.Assurance
    # The live actions of the target's delivery plan (:mod:`targets.plan_rules`).
    live_actions: int = 0

    @property
    def plan_state(self) -> plan_rules.PlanState:
        return plan_rules.plan_state(rag=self.rag, live_actions=self.live_actions)

    @property
    def off_track_without_plan(self) -> bool:
        return self.plan_state.off_track_without_plan

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
    def achievement_words(self) -> str:
        """The stretch achievement in words, saying when it has moved away."""
        return rules.stretch_achievement_words(self.achievement)

    @property
    def reward_floor_pct(self) -> int:
        return int(rules.REWARD_FLOOR * 100)

    @property
    def spc_enough_data(self) -> bool:
        return self.spc_variation is not spc.Variation.NOT_ENOUGH_DATA

    @property
    def special_cause_concern(self) -> bool:
        return self.spc_variation is spc.Variation.CONCERN

    @property
    def consistently_failing(self) -> bool:
        return self.spc_assurance is spc.Assurance.FAIL

    @property
    def has_signal(self) -> bool:
        """Special cause concern, or a process that will consistently fail its target."""
        return self.special_cause_concern or self.consistently_failing

    @property
    def common_cause_amber(self) -> bool:
        """Amber, but within what the process usually does: no signal to react to."""
        return self.rag is rules.Rag.AMBER and self.spc_variation is spc.Variation.COMMON_CAUSE

    @property
    def spc_data_note(self) -> str:
        """How many approved values there are of those SPC needs; "" when there are enough."""
        if self.spc_enough_data:
            return ""
        return f"{self.spc_points} of {spc.MIN_POINTS} approved values needed"

    @property
    def spc_words(self) -> str:
        """What statistical process control says of the target, in words."""
        if not self.spc_enough_data:
            return f"{spc.NOT_ENOUGH_DATA} ({self.spc_points} of {spc.MIN_POINTS} values needed)"
        if self.common_cause_amber:
            return COMMON_CAUSE_AMBER
        words = self.spc_variation.label
        if self.spc_assurance is not spc.Assurance.NOT_ASSESSED:
            words += f"; {self.spc_assurance.label.lower()} the target"
        return words


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
