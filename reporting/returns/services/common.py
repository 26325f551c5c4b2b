"""What the return and round services share: locking, saving with history, refusals."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from django.db import transaction

from partnership.errors import ApplicationError
from reporting.returns.models import QuarterlyReturn

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


def refuse(reason: str | None) -> None:
    """Stop with the permission module's reason, when it gave one."""
    if reason:
        raise ApplicationError(reason)


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
