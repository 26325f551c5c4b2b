"""Writes for quarterly returns and their rounds: every state change, in one place.

Pages, the API and jobs call these functions and nothing else to change a round or a
return. Each one runs in a transaction, takes keyword arguments, asks
``partnership.access`` whether the actor may act, refuses with an ``ApplicationError``
whose message is for the user, and leaves history naming the actor (and the reason,
where there is one). Emails go out only once the change has committed.

The life of a return::

    not started -> draft (saved) -> submitted -> approved
                                        |            |
                        returned <------+            +--> draft (reopened, with a reason)
                        (sent back with a reason; saving it makes it a draft again)

Saving a draft is in ``drafts``; every other change of a return is here. Every change
adds one to the return's version. A change made from an older version than the stored
one is refused, so a stale edit never silently overwrites another.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from indicators.models import IndicatorValue
from indicators.services import values_approve, values_unapprove
from partnership import access
from partnership.errors import ApplicationError
from partnership.selectors import partnership_area
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.common import indicators_collected
from reporting.returns.services import emails
from reporting.returns.services.common import (
    check_version,
    lock_return,
    notify_on_commit,
    reason_given,
    refuse,
    save,
)

State = QuarterlyReturn.State


@transaction.atomic
def return_submit(
    *,
    quarterly_return: QuarterlyReturn,
    version: int,
    actor: Any,
) -> QuarterlyReturn:
    """Submit a return for review by the performance officers.

    Every indicator the return collects needs a value, or a reason it is missing (saved
    with the draft in ``missing_values``). A
    not-started return may be submitted when that holds, for example when its values
    were all entered elsewhere. Any earlier reason for sending it back is cleared; its
    history keeps it. The officers are emailed once the submission has committed.
    """
    locked = lock_return(quarterly_return)
    refuse(access.return_edit_refusal(actor, locked))
    check_version(locked, version)

    period = locked.round.period
    collected = indicators_collected(outcome_id=locked.outcome_id, period=period)
    with_value = set(
        IndicatorValue.objects.filter(
            indicator__in=collected, area=partnership_area(), period=period
        ).values_list("indicator_id", flat=True)
    )
    missing = [
        indicator
        for indicator in collected
        if indicator.pk not in with_value and not locked.missing_reason(indicator.pk)
    ]
    if missing:
        names = "; ".join(f"{i.code} {i.title}" for i in missing)
        raise ApplicationError(f"Give a value, or say why it is missing, for: {names}.")

    locked.state = State.SUBMITTED
    locked.submitted_by = actor
    locked.submitted_at = timezone.now()
    locked.returned_reason = ""
    locked.version += 1
    save(locked, actor=actor)
    notify_on_commit(emails.notify_return_submitted, locked)
    return locked


def _approve(locked: QuarterlyReturn, *, actor: Any) -> QuarterlyReturn:
    refuse(access.return_review_refusal(actor, locked))
    period = locked.round.period
    values_approve(
        indicator_ids=[
            i.pk for i in indicators_collected(outcome_id=locked.outcome_id, period=period)
        ],
        area=partnership_area(),
        period=period,
        actor=actor,
    )
    locked.state = State.APPROVED
    locked.approved_by = actor
    locked.approved_at = timezone.now()
    locked.version += 1
    save(locked, actor=actor)
    notify_on_commit(emails.notify_return_approved, locked)
    return locked


@transaction.atomic
def return_approve(
    *, quarterly_return: QuarterlyReturn, version: int, actor: Any
) -> QuarterlyReturn:
    """Approve a submitted return: its values become approved, so boards, the PSB,
    scrutiny, packs and the API's readers see them, and the return is locked against
    edits. The outcome's leads are emailed."""
    locked = lock_return(quarterly_return)
    refuse(access.return_review_refusal(actor, locked))
    check_version(locked, version)
    return _approve(locked, actor=actor)


@transaction.atomic
def returns_approve(
    *, quarterly_returns: Iterable[QuarterlyReturn], actor: Any
) -> tuple[list[QuarterlyReturn], list[tuple[QuarterlyReturn, str]]]:
    """Approve many returns at once, from the round's list.

    Each return the actor may approve now is approved; each other one is listed with
    the reason it was not, and left as it is. There is no version check: the state
    check (only submitted returns) is what matters for a list.
    """
    approved: list[QuarterlyReturn] = []
    refused: list[tuple[QuarterlyReturn, str]] = []
    for quarterly_return in quarterly_returns:
        try:
            with transaction.atomic():
                approved.append(_approve(lock_return(quarterly_return), actor=actor))
        except ApplicationError as error:
            refused.append((quarterly_return, error.message))
    return approved, refused


@transaction.atomic
def return_send_back(
    *, quarterly_return: QuarterlyReturn, version: int, reason: str, actor: Any
) -> QuarterlyReturn:
    """Send a submitted return back to its lead with a reason, for them to correct and
    submit again. The outcome's leads are emailed the reason."""
    reason = reason_given(reason, what="sent back")
    locked = lock_return(quarterly_return)
    refuse(access.return_review_refusal(actor, locked))
    check_version(locked, version)
    locked.state = State.RETURNED
    locked.returned_reason = reason
    locked.version += 1
    save(locked, actor=actor, reason=reason)
    notify_on_commit(emails.notify_return_sent_back, locked)
    return locked


@transaction.atomic
def return_reopen(
    *, quarterly_return: QuarterlyReturn, version: int, reason: str, actor: Any
) -> QuarterlyReturn:
    """Reopen an approved return, with a reason, so that it can be corrected.

    It becomes a draft again, the reason kept in ``returned_reason`` for the lead to
    read (and in its history); its values are no longer approved, so only the lead's
    organisation and the performance team see them until it is approved again. The
    round must be open (extend a closed one first), else nobody could correct it.
    """
    reason = reason_given(reason, what="reopened")
    locked = lock_return(quarterly_return)
    refuse(access.return_reopen_refusal(actor, locked))
    check_version(locked, version)
    if locked.round.state != ReturnRound.State.OPEN:
        raise ApplicationError(
            f"The round for {locked.round.period.label} is not open: extend it first, so "
            "that the return can be corrected."
        )
    period = locked.round.period
    values_unapprove(
        indicator_ids=[
            i.pk for i in indicators_collected(outcome_id=locked.outcome_id, period=period)
        ],
        area=partnership_area(),
        period=period,
        actor=actor,
    )
    locked.state = State.DRAFT
    locked.returned_reason = reason
    locked.approved_by = None
    locked.approved_at = None
    locked.version += 1
    save(locked, actor=actor, reason=reason)
    return locked
