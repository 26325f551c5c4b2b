"""The plain data the list of returns (``/returns/``) shows: the rounds to choose from,
the filters, a row per return, and the sections for leads, officers and readers of the
approved returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reporting.returns.selectors.common import StateCount
from reporting.rules.timeliness import Timeliness


@dataclass(frozen=True)
class RoundOption:
    code: str
    label: str
    state: str
    state_label: str


@dataclass(frozen=True)
class RoundInfo:
    pk: int
    code: str
    label: str
    state: str
    state_label: str
    opens_on: date
    due_on: date
    closes_on: date


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Filters:
    """What the list of a round's returns is narrowed to; empty values filter nothing."""

    state: str = ""
    partner: int | None = None  # the lead organisation's id
    block: str = ""  # the block's slug
    late: bool = False

    @property
    def active(self) -> bool:
        return bool(self.state or self.partner or self.block or self.late)


@dataclass(frozen=True)
class ReturnRow:
    pk: int
    outcome_code: str
    outcome_title: str
    block_name: str
    lead_person: str
    lead_organisation: str
    quarter: str
    round_code: str
    state: str
    state_label: str
    due_on: date
    timeliness: Timeliness
    returned_reason: str
    submitted_by: str
    submitted_at: datetime | None
    approved_by: str
    approved_at: datetime | None
    href: str | None  # None until the return page exists
    can_approve: bool

    @property
    def late(self) -> bool:
        return self.timeliness is Timeliness.LATE


@dataclass(frozen=True)
class PartnerCounts:
    """One partner's returns in the round, by state (in the order of ``State``)."""

    organisation_id: int
    name: str
    counts: tuple[StateCount, ...]
    total: int


@dataclass(frozen=True)
class LeadReturns:
    """The returns of the outcomes a person leads."""

    current: tuple[ReturnRow, ...]  # in open rounds: to complete
    earlier: tuple[ReturnRow, ...]  # in closed rounds


@dataclass(frozen=True)
class OfficerReturns:
    """Every return of the round the officer oversees, counted, filtered and listed."""

    scope: str
    total: int
    counts: tuple[StateCount, ...]
    partners: tuple[PartnerCounts, ...]
    late: int
    returns: tuple[ReturnRow, ...]
    partner_options: tuple[Option, ...]
    block_options: tuple[Option, ...]

    @property
    def any_to_approve(self) -> bool:
        return any(row.can_approve for row in self.returns)


@dataclass(frozen=True)
class PublishedReturns:
    """The approved returns of the round, for boards, the PSB and scrutiny."""

    returns: tuple[ReturnRow, ...]
    partner_options: tuple[Option, ...]
    block_options: tuple[Option, ...]


@dataclass(frozen=True)
class ReturnsPage:
    has_role: bool
    can_manage_rounds: bool = False
    rounds: tuple[RoundOption, ...] = ()
    round: RoundInfo | None = None
    filters: Filters = field(default_factory=Filters)
    lead: LeadReturns | None = None  # None: leads no outcome
    officer: OfficerReturns | None = None  # None: not a performance officer
    published: PublishedReturns | None = None  # None: not a board, PSB or scrutiny member

    @property
    def sections(self) -> int:
        return sum(s is not None for s in (self.lead, self.officer, self.published))

    @property
    def partner_options(self) -> tuple[Option, ...]:
        listed = self.officer or self.published
        return listed.partner_options if listed else ()

    @property
    def block_options(self) -> tuple[Option, ...]:
        listed = self.officer or self.published
        return listed.block_options if listed else ()
