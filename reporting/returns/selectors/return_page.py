"""Reads for the quarterly return page: one return, its indicators, values and history.

:func:`return_for` finds the return a person may see; :func:`return_page` reads all the
rest in a fixed number of queries, whatever the number of indicators; :func:`return_row`
reads one indicator's row, for the live RAG as the lead types. A value is judged by
:meth:`IndicatorRow.judge` with the rules of :mod:`targets.rules` and the milestone from
:func:`targets.selectors.target_context`, the same as every other page. Nothing here
reads the clock: the view passes ``today`` in.

The page is read in parts: the values (:mod:`.return_values`), the rows
(:mod:`.return_rows`) and the history (:mod:`.return_history`); how a value is shown is
in :mod:`.value_text`, whose ``DASH``, ``POLARITY_LABELS`` and ``format_value`` other
pages import from here to show values the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from indicators.models import Indicator
from partnership import access
from partnership.people import display_name
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.common import indicators_collected
from reporting.returns.selectors.lateness import timeliness_of
from reporting.returns.selectors.return_actions import ReturnAction, return_actions
from reporting.returns.selectors.return_history import (
    HistoryEntry,
    return_history,
    return_records,
)
from reporting.returns.selectors.return_rows import (
    ContributingRow,
    IndicatorRow,
    contributing_rows,
    indicator_rows,
)
from reporting.returns.selectors.return_values import StoredValues, area_or_none
from reporting.returns.selectors.value_text import DASH, POLARITY_LABELS, format_value
from reporting.rules.due import due_frequencies
from reporting.rules.timeliness import Timeliness
from risks.selectors.register import RegisterRow, outcome_risks

__all__ = [
    "DASH",
    "POLARITY_LABELS",
    "ReturnHeader",
    "ReturnPage",
    "format_value",
    "return_for",
    "return_page",
    "return_row",
]

State = QuarterlyReturn.State


@dataclass(frozen=True)
class ReturnHeader:
    pk: int
    outcome_code: str
    outcome_title: str
    block: str
    quarter: str
    state: str
    state_label: str
    due_on: date
    timeliness: Timeliness
    round_state_label: str
    lead_person: str
    lead_named: bool  # False: the outcome has no lead person, lead_person says so
    lead_organisation: str
    version: int
    last_saved_by: str  # who made the last change to the return ("" when nobody is known)
    last_saved_by_id: int | None
    last_saved_at: datetime | None
    returned_reason: str  # when sent back and not yet submitted again
    reopened_reason: str  # when an approved return was reopened
    submitted_by: str  # "" when not submitted
    submitted_at: datetime | None
    approved_by: str
    approved_at: datetime | None
    progress_summary: str
    going_well: str
    concerns_and_actions: str
    beyond_our_control: str
    forecast_rag: str


@dataclass(frozen=True)
class ReturnPage:
    header: ReturnHeader
    rows: tuple[IndicatorRow, ...]
    contributing: tuple[ContributingRow, ...]
    history: tuple[HistoryEntry, ...]
    history_complete: bool  # False: only the changes of state are shown to this person
    can_edit: bool
    can_submit: bool
    can_review: bool
    can_reopen: bool
    # The person may enter the return, but does not lead it (a performance officer): they
    # read it first, and enter it for its lead only when they choose to.
    acting_for_lead: bool
    # Once a draft is saved: the indicators it gives neither a value nor a reason for,
    # which must each have one before the return is submitted.
    still_to_give: tuple[IndicatorRow, ...]
    # The open risks of the outcome and its targets, with their review state (read only).
    risks: tuple[RegisterRow, ...] = ()
    # The outcome's actions, with the status and progress reported for the quarter.
    actions: tuple[ReturnAction, ...] = ()


# --- Reading -------------------------------------------------------------------------------


def return_for(*, pk: int, user: Any) -> QuarterlyReturn | None:
    """The return with this id, or None if there is none or ``user`` may not see it."""
    found = (
        QuarterlyReturn.objects.select_related(
            "round__period",
            "outcome__block",
            "outcome__lead_organisation",
            "outcome__lead_person",
            "submitted_by",
            "approved_by",
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not access.can_view_return(user, found):
        return None
    return found


def return_page(*, quarterly_return: QuarterlyReturn, user: Any, today: date) -> ReturnPage:
    """Everything the return page shows to ``user`` (who may view the return)."""
    qr = quarterly_return
    period = qr.round.period
    can_edit = access.can_edit_return(user, qr)
    collected = indicators_collected(outcome_id=qr.outcome_id, period=period)
    contributing = list(
        Indicator.objects.filter(
            contributes_to=qr.outcome_id,
            is_active=True,
            frequency__in=due_frequencies(period.ref.quarter or 4),
        )
        .exclude(primary_outcome_id=qr.outcome_id)
        .select_related("primary_outcome")
        .order_by("code")
    )
    area = area_or_none()
    values = StoredValues.read(
        user=user, area=area, period=period.ref, indicators=[*collected, *contributing]
    )
    rows = indicator_rows(qr, collected, values, area=area, with_quality=can_edit)
    records = return_records(qr)
    history_complete = access.can_view_unapproved(
        user, lead_organisation_id=qr.outcome.lead_organisation_id
    )
    return ReturnPage(
        header=_header(qr, records, today),
        rows=rows,
        contributing=contributing_rows(user, qr, contributing, values),
        history=return_history(qr, records, collected, area, complete=history_complete),
        history_complete=history_complete,
        can_edit=can_edit,
        can_submit=access.can_submit_return(user, qr),
        can_review=access.can_review_return(user, qr),
        can_reopen=access.can_reopen_return(user, qr),
        acting_for_lead=can_edit and not access.is_return_lead(user, qr),
        still_to_give=_still_to_give(qr, rows),
        risks=outcome_risks(outcome_id=qr.outcome_id, today=today),
        actions=return_actions(outcome_id=qr.outcome_id, period=period, today=today),
    )


def _still_to_give(qr: QuarterlyReturn, rows: Sequence[IndicatorRow]) -> tuple[IndicatorRow, ...]:
    """The rows of a saved draft with neither a value nor a reason (none before a save)."""
    if qr.state not in (State.DRAFT, State.RETURNED):
        return ()
    return tuple(row for row in rows if row.current is None and not row.missing_reason)


def return_row(
    *, quarterly_return: QuarterlyReturn, user: Any, indicator_id: int
) -> tuple[IndicatorRow, bool] | None:
    """One indicator's row of the return and whether ``user`` may edit it, or None when
    the return does not collect that indicator."""
    qr = quarterly_return
    period = qr.round.period
    indicator = next(
        (
            i
            for i in indicators_collected(outcome_id=qr.outcome_id, period=period)
            if i.pk == indicator_id
        ),
        None,
    )
    if indicator is None:
        return None
    can_edit = access.can_edit_return(user, qr)
    area = area_or_none()
    values = StoredValues.read(user=user, area=area, period=period.ref, indicators=[indicator])
    (row,) = indicator_rows(qr, [indicator], values, area=area, with_quality=can_edit)
    return row, can_edit


# --- The header -----------------------------------------------------------------------------


def _last_reason_kind(records: Sequence[Any]) -> str:
    """Whether the reason on the return now was for sending it back or for reopening it."""
    for before, after in zip(reversed(records[:-1]), reversed(records[1:]), strict=True):
        if after.state == State.RETURNED and before.state != State.RETURNED:
            return "returned"
        if before.state == State.APPROVED and after.state == State.DRAFT:
            return "reopened"
    return "returned"


def _header(qr: QuarterlyReturn, records: Sequence[Any], today: date) -> ReturnHeader:
    outcome, round_ = qr.outcome, qr.round
    kind = _last_reason_kind(records) if qr.returned_reason else ""
    last = records[-1] if records else None
    return ReturnHeader(
        pk=qr.pk,
        outcome_code=outcome.code,
        outcome_title=outcome.title,
        block=outcome.block.name,
        quarter=round_.period.label,
        state=qr.state,
        state_label=qr.get_state_display(),
        due_on=round_.due_on,
        timeliness=timeliness_of(qr, today=today),
        round_state_label=ReturnRound.State(round_.state).label,
        lead_person=display_name(outcome.lead_person) if outcome.lead_person else "No lead named",
        lead_named=outcome.lead_person is not None,
        lead_organisation=outcome.lead_organisation.name,
        version=qr.version,
        last_saved_by=display_name(last.history_user) if last else "",
        last_saved_by_id=last.history_user_id if last else None,
        last_saved_at=last.history_date if last else None,
        returned_reason=qr.returned_reason if kind == "returned" else "",
        reopened_reason=qr.returned_reason if kind == "reopened" else "",
        submitted_by=display_name(qr.submitted_by) if qr.submitted_at else "",
        submitted_at=qr.submitted_at,
        approved_by=display_name(qr.approved_by) if qr.approved_at else "",
        approved_at=qr.approved_at,
        progress_summary=qr.progress_summary,
        going_well=qr.going_well,
        concerns_and_actions=qr.concerns_and_actions,
        beyond_our_control=qr.beyond_our_control,
        forecast_rag=qr.forecast_rag,
    )
