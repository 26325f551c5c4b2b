"""Writes to risks: adding one and editing one, each in a transaction, with who in history.

Who may is decided by ``partnership.access.risk_edit_refusal``; an edit carries the
version the person opened and is refused, never saved over, if someone saved since.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from partnership import access
from risks.models import Risk
from risks.services.escalation import refresh_proposal

STALE_MESSAGE = (
    "Someone else saved this risk since you opened it, so your changes have not been saved. "
    "What you typed is kept below: check what they saved on the risk's page, then save "
    "again if yours should replace it."
)


class RiskRefused(Exception):
    """The person may not save this risk; the message says why, in their words, and
    ``field`` names the form's field it is about, if one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class StaleRisk(Exception):
    """Someone saved the risk after the person opened it."""


def save_with_who(risk: Risk, user: Any) -> None:
    risk._history_user = user  # noqa: SLF001 - how django-simple-history records who
    risk.save()


@transaction.atomic
def add_risk(*, user: Any, risk: Risk) -> Risk:
    """Save the new ``risk`` (unsaved, from the form), owned by ``user``.

    Whether ``user`` may is asked before they are its owner: an owner may edit their
    risk, but nobody makes themselves an owner at a level they do not keep."""
    risk.owner = None
    refusal = access.risk_edit_refusal(user, risk)
    if refusal is not None:
        raise RiskRefused(refusal)
    risk.owner = user
    risk.version = 1
    save_with_who(risk, user)
    refresh_proposal(risk, user=user)
    return risk


def locked_for_change(*, user: Any, risk_id: int, version: int) -> Risk:
    """The risk, locked for the transaction, if ``user`` may change it and it is still at
    the ``version`` they opened; RiskRefused or StaleRisk if not."""
    risk = (
        Risk.objects.select_for_update(of=("self",))
        .select_related("target__indicator", "outcome")
        .get(pk=risk_id)
    )
    refusal = access.risk_edit_refusal(user, risk)
    if refusal is not None:
        raise RiskRefused(refusal)
    if risk.version != version:
        raise StaleRisk(risk_id)
    return risk


@transaction.atomic
def edit_risk(*, user: Any, risk_id: int, version: int, changes: dict[str, Any]) -> Risk:
    """Save ``changes`` to the risk if it is still at ``version``; StaleRisk if not."""
    risk = locked_for_change(user=user, risk_id=risk_id, version=version)
    for name, value in changes.items():
        setattr(risk, name, value)
    risk.version += 1
    save_with_who(risk, user)
    refresh_proposal(risk, user=user)
    return risk
