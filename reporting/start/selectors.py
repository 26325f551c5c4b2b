"""Reads for the reporting pages, returned as plain frozen dataclasses.

Each selector does all the querying for its page with joins and aggregates, so that the
number of queries does not grow with the number of outcomes, returns or blocks. Nothing
here reads the clock: the view passes ``today`` in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from indicators.models import Indicator
from partnership import access
from partnership.models import Block, Organisation
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.common import state_counts
from reporting.returns.selectors.lateness import quarter_late_counts, timeliness_of
from reporting.rules import return_states
from reporting.rules.timeliness import LateCounts, Timeliness
from reporting.scorecard.selectors import default_quarter_code
from reporting.start import links
from reporting.start.links import Link
from reporting.start.risk_reviews import ReviewDue, own_reviews_due
from risks.models import Risk
from risks.rules import RiskLevel

State = QuarterlyReturn.State

# --- What the start page shows --------------------------------------------------------


@dataclass(frozen=True)
class ReturnLine:
    outcome_code: str
    outcome_title: str
    lead_organisation: str
    quarter: str
    state: str
    state_label: str
    due_on: date
    timeliness: Timeliness
    href: str  # the return's page


@dataclass(frozen=True)
class CountLink:
    """How many of the round's returns are in a state, opening the list of those returns."""

    state: str
    label: str
    count: int
    href: str


@dataclass(frozen=True)
class RoundSummary:
    """The performance officer's view of the current round, over the returns they oversee."""

    quarter: str | None  # None when no round is open
    due_on: date | None
    scope: str  # "the whole partnership" or the partners they are an officer for
    total: int
    counts: tuple[CountLink, ...]
    late: tuple[ReturnLine, ...]
    href: str = ""  # the list of the round's returns
    late_href: str = ""  # the list of its late returns


@dataclass(frozen=True)
class BlockLine:
    name: str
    slug: str
    outcomes: int
    indicators: int
    returns_in_round: int
    approved_in_round: int
    href: str  # the block's board view
    approved_href: str  # its approved returns in the round ("" when no round is open)


@dataclass(frozen=True)
class BoardSummary:
    quarter: str | None
    blocks: tuple[BlockLine, ...]


@dataclass(frozen=True)
class PsbSummary:
    quarter: str | None
    due_on: date | None
    total: int
    not_submitted: int
    late: LateCounts
    partnership_risks: int
    href: str = ""  # the exception dashboard for the quarter
    returns_href: str = ""  # its late and missing returns, listed with each block
    risks_href: str = ""  # the risks the PSB holds, listed with each block


@dataclass(frozen=True)
class PublishedBlock:
    name: str
    href: str  # its board view for the published quarter
    outcomes: int
    approved: int  # approved returns for the published quarter


@dataclass(frozen=True)
class ScrutinySummary:
    """What elected members come for: the latest published quarter, its exceptions, the
    blocks and the indicators, all from approved returns only."""

    quarter: str | None  # the dashboards' default quarter; None if nothing is published
    approved: int
    blocks: tuple[PublishedBlock, ...] = ()
    exceptions_href: str = ""  # the exception dashboard for that quarter
    returns_href: str = ""  # its approved returns
    indicators_href: str = ""


@dataclass(frozen=True)
class StartPage:
    name: str
    role_names: tuple[str, ...]
    has_role: bool
    lead_returns: tuple[ReturnLine, ...] | None = None  # None: not an outcome lead
    officer: RoundSummary | None = None
    board: BoardSummary | None = None
    psb: PsbSummary | None = None
    scrutiny: ScrutinySummary | None = None
    admin_links: tuple[Link, ...] | None = None
    # The performance team's imports of values and of the framework.
    data_links: tuple[Link, ...] = ()
    # The person's own risks whose review is overdue or due within five working days.
    risks_to_review: tuple[ReviewDue, ...] = ()


def start_page(*, user: Any, today: date) -> StartPage:
    """Everything the signed-in person's start page shows, one section per role held."""
    roles = access.roles_of(user)
    page = StartPage(
        name=display_name(user),
        role_names=tuple(roles.role_names),
        has_role=access.can_use_site(user),
    )
    if not page.has_role:
        return page

    needs_round = roles.is_officer or roles.board_block_ids or roles.psb_member
    current = _current_round() if needs_round else None
    sections: dict[str, Any] = {}
    if roles.led_outcome_ids:
        sections["lead_returns"] = _lead_returns(user, today)
    if roles.is_officer:
        sections["officer"] = _round_summary(user, roles, current, today)
    if roles.board_block_ids:
        sections["board"] = _board_summary(roles, current)
    if roles.psb_member:
        sections["psb"] = _psb_summary(current, today)
    if roles.scrutiny:
        sections["scrutiny"] = _scrutiny_summary(user, roles)
    if roles.administrator:
        sections["admin_links"] = links.admin_links()
    if roles.sees_everything:
        sections["data_links"] = links.data_links()
    sections["risks_to_review"] = own_reviews_due(user, today=today)
    return replace(page, **sections)


# --- Sections ---------------------------------------------------------------------------


def _current_round() -> ReturnRound | None:
    """The open round; if several are open, the one for the latest quarter."""
    return (
        ReturnRound.objects.filter(state=ReturnRound.State.OPEN)
        .select_related("period")
        .order_by("-period__end_date")
        .first()
    )


def _returns() -> QuerySet:
    return QuarterlyReturn.objects.select_related(
        "round__period", "outcome__lead_organisation"
    ).order_by("round__due_on", "outcome__block__order", "outcome__code")


def _line(quarterly_return: QuarterlyReturn, today: date) -> ReturnLine:
    outcome = quarterly_return.outcome
    return ReturnLine(
        outcome_code=outcome.code,
        outcome_title=outcome.title,
        lead_organisation=outcome.lead_organisation.short_name,
        quarter=quarterly_return.round.period.label,
        state=quarterly_return.state,
        state_label=quarterly_return.get_state_display(),
        due_on=quarterly_return.round.due_on,
        timeliness=timeliness_of(quarterly_return, today=today),
        href=links.return_href(quarterly_return.pk),
    )


def _lead_returns(user: Any, today: date) -> tuple[ReturnLine, ...]:
    """Each return, in any open round, for an outcome the person leads."""
    returns = access.visible_returns(
        user, access.led_returns(user, _returns().filter(round__state=ReturnRound.State.OPEN))
    )
    return tuple(_line(r, today) for r in returns)


def _round_summary(
    user: Any, roles: access.UserRoles, current: ReturnRound | None, today: date
) -> RoundSummary:
    scope = "the whole partnership" if roles.sees_everything else _officer_scope(roles)
    if current is None:
        return RoundSummary(quarter=None, due_on=None, scope=scope, total=0, counts=(), late=())
    in_round = access.overseen_returns(user, QuarterlyReturn.objects.filter(round=current))
    by_state = dict(in_round.order_by().values_list("state").annotate(n=Count("pk")))
    code = current.period.code
    counts = tuple(
        CountLink(c.state, c.label, c.count, links.returns_href(round_code=code, state=c.state))
        for c in state_counts(by_state)
    )
    late = access.overseen_returns(
        user,
        _returns().filter(
            round=current, state__in=return_states.NOT_SUBMITTED, round__due_on__lt=today
        ),
    )
    return RoundSummary(
        quarter=current.period.label,
        due_on=current.due_on,
        scope=scope,
        total=sum(by_state.values()),
        counts=counts,
        late=tuple(_line(r, today) for r in late),
        href=links.returns_href(round_code=code),
        late_href=links.returns_href(round_code=code, late=True),
    )


def _officer_scope(roles: access.UserRoles) -> str:
    """The partners an officer works for, by name."""
    names = Organisation.objects.filter(pk__in=roles.officer_organisation_ids).values_list(
        "name", flat=True
    )
    return ", ".join(names)


def _count_of(queryset: QuerySet, group_by: str) -> Coalesce:
    """A subquery counting ``queryset``'s rows for the outer row (``group_by`` = its pk)."""
    counted = (
        queryset.filter(**{group_by: OuterRef("pk")})
        .order_by()
        .values(group_by)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _board_summary(roles: access.UserRoles, current: ReturnRound | None) -> BoardSummary:
    """Each block the person sits on the board of, with the size and progress of its round."""
    blocks = Block.objects.filter(pk__in=roles.board_block_ids).annotate(
        outcome_count=Count("outcomes", distinct=True),
        indicator_count=_count_of(
            Indicator.objects.filter(is_active=True), "primary_outcome__block"
        ),
    )
    if current is not None:
        in_round = QuarterlyReturn.objects.filter(round=current)
        blocks = blocks.annotate(
            returns_in_round=_count_of(in_round, "outcome__block"),
            # Approved returns are published: everyone signed in may see them.
            approved_in_round=_count_of(in_round.filter(state=State.APPROVED), "outcome__block"),
        )
    return BoardSummary(
        quarter=current.period.label if current else None,
        blocks=tuple(
            BlockLine(
                name=block.name,
                slug=block.slug,
                outcomes=block.outcome_count,
                indicators=block.indicator_count,
                returns_in_round=getattr(block, "returns_in_round", 0),
                approved_in_round=getattr(block, "approved_in_round", 0),
                href=links.block_href(block.slug),
                approved_href=(
                    links.returns_href(round_code=current.period.code, block=block.slug)
                    if current is not None
                    else ""
                ),
            )
            for block in blocks
        ),
    )


def _psb_summary(current: ReturnRound | None, today: date) -> PsbSummary:
    """How the current round stands across the partnership, and the risks the PSB holds.

    Counts of returns by state say nothing about their values, so the PSB sees them for
    every partner (as on the exception dashboard's missing returns).
    """
    partnership_risks = (
        Risk.objects.filter(level=RiskLevel.PARTNERSHIP).exclude(status=Risk.Status.CLOSED).count()
    )
    if current is None:
        return PsbSummary(
            quarter=None,
            due_on=None,
            total=0,
            not_submitted=0,
            late=LateCounts(),
            partnership_risks=partnership_risks,
            risks_href=links.exceptions_href(anchor="exceptions"),
        )
    outstanding = Q(state__in=return_states.NOT_SUBMITTED)
    totals = QuarterlyReturn.objects.filter(round=current).aggregate(
        total=Count("pk"),
        not_submitted=Count("pk", filter=outstanding),
    )
    return PsbSummary(
        quarter=current.period.label,
        due_on=current.due_on,
        late=quarter_late_counts(period_id=current.period_id, today=today),
        partnership_risks=partnership_risks,
        href=links.exceptions_href(current.period.code),
        returns_href=links.exceptions_href(current.period.code, anchor="exceptions"),
        risks_href=links.exceptions_href(current.period.code, anchor="exceptions"),
        **totals,
    )


def _scrutiny_summary(user: Any, roles: access.UserRoles) -> ScrutinySummary:
    """The quarter the dashboards show by default (the latest whose round has closed, or
    whose returns are all approved), in the blocks scrutiny covers, with its exceptions,
    those blocks and the indicators (two queries)."""
    approved = access.visible_returns(user, QuarterlyReturn.objects.filter(state=State.APPROVED))
    blocks = Block.objects.order_by("order", "name")
    if roles.scrutiny_block_ids and not roles.sees_everything:
        approved = approved.filter(outcome__block_id__in=roles.scrutiny_block_ids)
        blocks = blocks.filter(pk__in=roles.scrutiny_block_ids)
    code = default_quarter_code() or ""
    in_quarter = approved.filter(round__period__code=code)
    blocks = list(
        blocks.annotate(
            outcome_count=Count("outcomes", distinct=True),
            approved_count=_count_of(in_quarter, "outcome__block"),
        )
    )
    published = sum(block.approved_count for block in blocks) if code else 0
    code = code if published else ""  # a quarter with nothing approved is not published
    return ScrutinySummary(
        quarter=_label(code) if code else None,
        approved=published,
        blocks=tuple(
            PublishedBlock(
                name=block.name,
                href=links.block_href(block.slug, code),
                outcomes=block.outcome_count,
                approved=block.approved_count if code else 0,
            )
            for block in blocks
        ),
        exceptions_href=links.exceptions_href(code) if code else "",
        returns_href=links.returns_href(round_code=code) if code else "",
        indicators_href=links.indicators_href(),
    )


def _label(period_code: str) -> str:
    """``Q2 2026-27`` for ``2026-27-Q2``."""
    return PeriodRef.parse(period_code).label
