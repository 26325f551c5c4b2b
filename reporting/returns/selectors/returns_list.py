"""Reads for the list of returns (``/returns/``).

:func:`returns_page` does all the querying for the page with joins and aggregates, so
that the number of queries does not grow with the number of returns. Nothing here reads
the clock: the view passes ``today`` in. Who sees what comes from ``partnership.access``.
What the page shows is in :mod:`.returns_list_data`, and the rounds page in
:mod:`.rounds`; the names callers use are importable from here too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.urls import NoReverseMatch, reverse

from partnership import access
from partnership.models import Block, Organisation
from partnership.people import display_name
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.common import state_counts
from reporting.returns.selectors.lateness import timeliness_of
from reporting.returns.selectors.returns_list_data import (
    Filters,
    LeadReturns,
    OfficerReturns,
    Option,
    PartnerCounts,
    PublishedReturns,
    ReturnRow,
    ReturnsPage,
    RoundInfo,
    RoundOption,
)
from reporting.returns.selectors.rounds import QuarterOption, default_round_dates, rounds_page
from reporting.rules import return_states

__all__ = [
    "Filters",
    "QuarterOption",
    "RoundNotFound",
    "default_round_dates",
    "return_href",
    "returns_page",
    "rounds_page",
]

State = QuarterlyReturn.State
RoundState = ReturnRound.State


class RoundNotFound(LookupError):
    """No round for the quarter asked for (the page answers 404)."""


# --- The list of returns --------------------------------------------------------------------


def returns_page(
    *, user: Any, today: date, round_code: str | None = None, filters: Filters | None = None
) -> ReturnsPage:
    """Everything ``/returns/`` shows the person: a section for each way they take part.

    Raises :class:`RoundNotFound` when ``round_code`` names no round.
    """
    filters = filters or Filters()
    if not access.can_use_site(user):
        return ReturnsPage(has_role=False)
    roles = access.roles_of(user)
    rounds = list(ReturnRound.objects.select_related("period").order_by("-period__end_date"))
    chosen = _choose_round(rounds, round_code)

    lead = _lead_returns(user, today) if _may_lead(roles) else None
    officer = published = None
    if access.can_oversee_returns(user):
        officer = _officer_returns(user, roles, chosen, filters, today)
    elif roles.board_block_ids or roles.psb_member or roles.scrutiny:
        # Only approved returns are published, none of them late: only these two filters.
        filters = Filters(partner=filters.partner, block=filters.block)
        published = _published_returns(user, chosen, filters, today)
    if lead is not None and not (lead.current or lead.earlier) and not roles.led_outcome_ids:
        lead = None  # the named lead of no outcome with a return: nothing to say
    return ReturnsPage(
        has_role=True,
        can_manage_rounds=access.can_manage_rounds(user),
        rounds=tuple(
            RoundOption(r.period.code, r.period.label, r.state, r.get_state_display())
            for r in rounds
        ),
        round=_round_info(chosen) if chosen else None,
        filters=filters,
        lead=lead,
        officer=officer,
        published=published,
    )


def _choose_round(rounds: list[ReturnRound], code: str | None) -> ReturnRound | None:
    """The round asked for; else the latest open one; else the latest one."""
    if code:
        for round_ in rounds:
            if round_.period.code == code:
                return round_
        raise RoundNotFound(code)
    open_rounds = [r for r in rounds if r.state == RoundState.OPEN]
    return (open_rounds or rounds or [None])[0]


def _round_info(round_: ReturnRound) -> RoundInfo:
    return RoundInfo(
        pk=round_.pk,
        code=round_.period.code,
        label=round_.period.label,
        state=round_.state,
        state_label=round_.get_state_display(),
        opens_on=round_.opens_on,
        due_on=round_.due_on,
        closes_on=round_.closes_on,
    )


def _may_lead(roles: access.UserRoles) -> bool:
    # A person named as an outcome's lead person may lead it without the role assignment;
    # the query below finds those returns too.
    return bool(roles.led_outcome_ids) or roles.user_id is not None


def _returns() -> QuerySet:
    return QuarterlyReturn.objects.select_related(
        "round__period",
        "outcome__block",
        "outcome__lead_organisation",
        "outcome__lead_person",
        "submitted_by",
        "approved_by",
    )


def return_href(pk: int) -> str | None:
    """The return's own page, or None while that page is not wired in."""
    try:
        return reverse("return_detail", args=[pk])
    except NoReverseMatch:
        return None


def _row(
    user: Any, quarterly_return: QuarterlyReturn, today: date, *, approvable: bool
) -> ReturnRow:
    outcome = quarterly_return.outcome
    round_ = quarterly_return.round
    return ReturnRow(
        pk=quarterly_return.pk,
        outcome_code=outcome.code,
        outcome_title=outcome.title,
        block_name=outcome.block.name,
        lead_person=display_name(outcome.lead_person),
        lead_organisation=outcome.lead_organisation.short_name,
        quarter=round_.period.label,
        round_code=round_.period.code,
        state=quarterly_return.state,
        state_label=quarterly_return.get_state_display(),
        due_on=round_.due_on,
        timeliness=timeliness_of(quarterly_return, today=today),
        returned_reason=quarterly_return.returned_reason,
        submitted_by=display_name(quarterly_return.submitted_by),
        submitted_at=quarterly_return.submitted_at,
        approved_by=display_name(quarterly_return.approved_by),
        approved_at=quarterly_return.approved_at,
        href=return_href(quarterly_return.pk),
        can_approve=approvable and access.can_review_return(user, quarterly_return),
    )


def _lead_returns(user: Any, today: date) -> LeadReturns:
    """The returns of the outcomes the person leads: open rounds first, then closed ones."""
    returns = access.visible_returns(
        user,
        access.led_returns(user, _returns())
        .filter(round__state__in=[RoundState.OPEN, RoundState.CLOSED])
        .order_by("-round__period__end_date", "outcome__block__order", "outcome__code"),
    )
    current, earlier = [], []
    for quarterly_return in returns:
        row = _row(user, quarterly_return, today, approvable=False)
        if quarterly_return.round.state == RoundState.OPEN:
            current.append(row)
        else:
            earlier.append(row)
    # The most pressing first: the earliest due date.
    current.sort(key=lambda r: (r.due_on, r.outcome_code))
    return LeadReturns(current=tuple(current), earlier=tuple(earlier))


def _filtered(returns: QuerySet, filters: Filters, today: date) -> QuerySet:
    if filters.state:
        returns = returns.filter(state=filters.state)
    if filters.partner:
        returns = returns.filter(outcome__lead_organisation_id=filters.partner)
    if filters.block:
        returns = returns.filter(outcome__block__slug=filters.block)
    if filters.late:
        # The same rule as ``return_timeliness``: outstanding and past the due date.
        returns = returns.filter(state__in=return_states.NOT_SUBMITTED, round__due_on__lt=today)
    return returns


def _block_options() -> tuple[Option, ...]:
    return tuple(Option(slug, name) for slug, name in Block.objects.values_list("slug", "name"))


def _officer_scope(roles: access.UserRoles) -> str:
    if roles.sees_everything:
        return "the whole partnership"
    names = Organisation.objects.filter(pk__in=roles.officer_organisation_ids).values_list(
        "name", flat=True
    )
    return ", ".join(sorted(names))


def _officer_returns(
    user: Any,
    roles: access.UserRoles,
    round_: ReturnRound | None,
    filters: Filters,
    today: date,
) -> OfficerReturns:
    scope = _officer_scope(roles)
    blocks = _block_options()
    if round_ is None:
        return OfficerReturns(scope, 0, (), (), 0, (), (), blocks)
    in_round = access.overseen_returns(user, QuarterlyReturn.objects.filter(round=round_))

    # Counts by partner and state, in one grouped query; by state and the partner list
    # follow from it.
    grouped = (
        in_round.order_by()
        .values(
            "outcome__lead_organisation_id",
            "outcome__lead_organisation__short_name",
            "state",
        )
        .annotate(n=Count("pk"))
    )
    by_partner: dict[tuple[int, str], dict[str, int]] = {}
    by_state: dict[str, int] = {}
    for row in grouped:
        key = (row["outcome__lead_organisation_id"], row["outcome__lead_organisation__short_name"])
        by_partner.setdefault(key, {})[row["state"]] = row["n"]
        by_state[row["state"]] = by_state.get(row["state"], 0) + row["n"]
    outstanding = sum(by_state.get(s, 0) for s in return_states.NOT_SUBMITTED)
    partners = tuple(
        PartnerCounts(
            organisation_id=pk,
            name=name,
            counts=state_counts(counts),
            total=sum(counts.values()),
        )
        for (pk, name), counts in sorted(by_partner.items(), key=lambda item: item[0][1])
    )
    listed = _filtered(
        access.overseen_returns(user, _returns().filter(round=round_)), filters, today
    ).order_by("outcome__block__order", "outcome__code")
    return OfficerReturns(
        scope=scope,
        total=sum(by_state.values()),
        counts=state_counts(by_state),
        partners=partners,
        late=outstanding if today > round_.due_on else 0,
        returns=tuple(_row(user, r, today, approvable=True) for r in listed),
        partner_options=tuple(Option(str(p.organisation_id), p.name) for p in partners),
        block_options=blocks,
    )


def _published_returns(
    user: Any, round_: ReturnRound | None, filters: Filters, today: date
) -> PublishedReturns:
    blocks = _block_options()
    if round_ is None:
        return PublishedReturns((), (), blocks)
    approved = access.visible_returns(
        user, _returns().filter(round=round_, state=State.APPROVED)
    ).order_by("outcome__block__order", "outcome__code")
    rows = [_row(user, r, today, approvable=False) for r in approved]
    partners = sorted(
        {
            (r.outcome.lead_organisation_id, r.outcome.lead_organisation.short_name)
            for r in approved
        },
        key=lambda p: p[1],
    )
    shown = [
        row
        for row, r in zip(rows, approved, strict=True)
        if (not filters.partner or r.outcome.lead_organisation_id == filters.partner)
        and (not filters.block or r.outcome.block.slug == filters.block)
    ]
    return PublishedReturns(
        returns=tuple(shown),
        partner_options=tuple(Option(str(pk), name) for pk, name in partners),
        block_options=blocks,
    )
