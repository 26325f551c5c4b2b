"""Opening, extending and closing the round of quarterly returns for a quarter."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Period
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.rounds import outcomes_due
from reporting.returns.services.common import check_dates, require, save

# ------------------------------------------------------------------------ rounds

ROUNDS_REFUSED = "Only the performance team can open, extend or close rounds."
# The reason history gives when the daily cycle acts on the partnership's calendar.
BY_CALENDAR = "By the partnership's calendar"


def _may_manage(actor: Any) -> bool:
    """``actor`` None is the partnership's calendar (the daily cycle), which needs no role."""
    return actor is None or access.can_manage_rounds(actor)


@transaction.atomic
def round_open(
    *, period: Period, opens_on: date, due_on: date, closes_on: date, actor: Any | None
) -> ReturnRound:
    """Open the round for a quarter, with a return for each outcome that has a value due.

    An outcome gets a return (not started) when at least one of its active indicators
    is collected through it and due that quarter (see :func:`outcomes_due`). Running
    it for a scheduled round opens that round; outcomes that already have a return keep
    it. A year, a round already open and a closed round (extend it instead) are refused.
    ``actor`` None means the partnership's calendar: the daily cycle opening it.
    """
    require(_may_manage(actor), ROUNDS_REFUSED)
    if period.is_year:
        raise ApplicationError(f"Returns are made for a quarter, not a year ({period.label}).")
    check_dates(opens_on, due_on, closes_on)
    round_ = ReturnRound.objects.select_for_update().filter(period=period).first()
    if round_ is None:
        round_ = ReturnRound(period=period)
    elif round_.state == ReturnRound.State.OPEN:
        raise ApplicationError(f"The round for {period.label} is already open.")
    elif round_.state == ReturnRound.State.CLOSED:
        raise ApplicationError(
            f"The round for {period.label} is closed: extend it to take returns again."
        )
    round_.opens_on, round_.due_on, round_.closes_on = opens_on, due_on, closes_on
    round_.state = ReturnRound.State.OPEN
    save(round_, actor=actor, reason=BY_CALENDAR if actor is None else "")

    outcomes = outcomes_due(period.ref).exclude(returns__round=round_).order_by("pk")
    bulk_create_with_history(
        [QuarterlyReturn(round=round_, outcome=outcome) for outcome in outcomes],
        QuarterlyReturn,
        default_user=actor,
        default_change_reason=BY_CALENDAR if actor is None else "Round opened",
    )
    return round_


def _lock_round(round: ReturnRound) -> ReturnRound:
    return (
        ReturnRound.objects.select_for_update(of=("self",))
        .select_related("period")
        .get(pk=round.pk)
    )


@transaction.atomic
def round_extend(*, round: ReturnRound, due_on: date, closes_on: date, actor: Any) -> ReturnRound:
    """Move a round's due and closing dates. A closed round is opened again by this, so
    that a late return can still be taken."""
    require(access.can_manage_rounds(actor), ROUNDS_REFUSED)
    locked = _lock_round(round)
    check_dates(locked.opens_on, due_on, closes_on)
    locked.due_on, locked.closes_on = due_on, closes_on
    if locked.state == ReturnRound.State.CLOSED:
        locked.state = ReturnRound.State.OPEN
    save(locked, actor=actor)
    return locked


@transaction.atomic
def round_close(*, round: ReturnRound, actor: Any | None) -> ReturnRound:
    """Close an open round: its returns can no longer be changed (``can_edit_return``).
    Returns already submitted can still be reviewed. ``actor`` None means the
    partnership's calendar: the daily cycle closing it on its closing date."""
    require(_may_manage(actor), ROUNDS_REFUSED)
    locked = _lock_round(round)
    if locked.state != ReturnRound.State.OPEN:
        raise ApplicationError(
            f"The round for {locked.period.label} is {locked.get_state_display().lower()}, "
            "not open, so it cannot be closed."
        )
    locked.state = ReturnRound.State.CLOSED
    save(locked, actor=actor, reason=BY_CALENDAR if actor is None else "")
    return locked
