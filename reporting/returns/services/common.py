"""What the return and round services share: what is due, locking, saving with history."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from django.db import transaction

from indicators.enums import Frequency
from indicators.models import Indicator
from partnership.errors import ApplicationError
from partnership.models import Area, Period
from reporting.returns.models import QuarterlyReturn, ReturnRound

State = QuarterlyReturn.State

# -------------------------------------------------------------------- what is due


def due_frequencies(quarter: int) -> frozenset[Frequency]:
    """The frequencies of indicators whose value a quarter's return collects.

    Rule: "Quarterly and monthly indicators are due every quarter (a monthly one gives
    its figure for the quarter); annual and biennial ones are due in Q4 only, the
    return that closes their year." A biennial indicator is therefore asked for every
    Q4: in a year it is not collected, the lead says so as the reason it is missing.
    An annual value entered in a Q4 return is stored against that Q4, which the rules
    treat as the year's position.
    """
    if quarter == 4:
        return frozenset(Frequency)
    return frozenset({Frequency.QUARTERLY, Frequency.MONTHLY})


def indicators_collected(*, outcome_id: int, period: Period) -> list[Indicator]:
    """The active indicators that the outcome's return for ``period`` collects."""
    return list(
        Indicator.objects.filter(
            primary_outcome_id=outcome_id,
            is_active=True,
            frequency__in=due_frequencies(period.ref.quarter or 4),
        ).order_by("code")
    )


def partnership_area() -> Area:
    area = Area.objects.filter(kind=Area.Kind.PARTNERSHIP).first()
    if area is None:
        raise ApplicationError("The partnership's own area is not set up: ask an administrator.")
    return area


# ----------------------------------------------------------------------- helpers


def save(obj: Any, *, actor: Any, reason: str = "") -> None:
    """Save with history naming ``actor`` and, for a state change with one, the reason."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.save()


def lock_return(quarterly_return: QuarterlyReturn) -> QuarterlyReturn:
    """The return as stored now, locked until the transaction ends."""
    return (
        QuarterlyReturn.objects.select_for_update(of=("self",))
        .select_related("round__period", "outcome__lead_organisation")
        .get(pk=quarterly_return.pk)
    )


def check_version(locked: QuarterlyReturn, version: int) -> None:
    if version != locked.version:
        raise ApplicationError(
            "Someone else saved this return since you opened it, so your changes were not "
            "saved. Open the return again to see their changes, then make yours.",
            field="version",
        )


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ApplicationError(message)


def officers_only(locked: QuarterlyReturn) -> str:
    return (
        "Only the performance team or a performance officer for "
        f"{locked.outcome.lead_organisation} can do this."
    )


def edit_refusal(locked: QuarterlyReturn) -> str:
    """Why a return cannot be changed (``access.can_edit_return`` said no)."""
    if locked.round.state != ReturnRound.State.OPEN:
        state = locked.round.get_state_display().lower()
        return (
            f"The round for {locked.round.period.label} is {state}, so its returns "
            "cannot be changed."
        )
    if locked.state == State.SUBMITTED:
        return "This return is submitted and waiting for review, so it cannot be changed."
    if locked.state == State.APPROVED:
        return "This return is approved, so it cannot be changed unless an officer reopens it."
    return "Only the outcome's lead or a performance officer can change this return."


def review_refusal(locked: QuarterlyReturn) -> str:
    if locked.state != State.SUBMITTED:
        return (
            "Only a submitted return can be approved or sent back; this one is "
            f"{locked.get_state_display().lower()}."
        )
    return officers_only(locked)


def notify_on_commit(notify: Any, locked: QuarterlyReturn) -> None:
    # robust: a failure to email is logged, and never undoes the committed change.
    transaction.on_commit(partial(notify, locked.pk, version=locked.version), robust=True)


def reason_given(reason: str, *, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(f"Say why the return is {what}.", field="reason")
    return reason


def check_dates(opens_on: date, due_on: date, closes_on: date) -> None:
    if not opens_on <= due_on <= closes_on:
        raise ApplicationError("A round opens, then is due, then closes: check the dates.")
