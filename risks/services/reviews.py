"""Reviewing a risk: the review is recorded, and the risk takes the likelihood, impact
and next review date it set, in one transaction, with who in history.

Who may review is who may edit (``access.risk_edit_refusal``); a review carries the
version of the risk the person opened and is refused if someone saved since.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction

from risks.models import RiskReview
from risks.rules import RiskLevel, risk_score
from risks.services.edit import RiskRefused, locked_for_change, save_with_who
from risks.services.escalation import refresh_proposal

STALE_REVIEW_MESSAGE = (
    "Someone else saved this risk since you opened the review, so your review has not been "
    "saved. What you typed is kept below: check what they saved on the risk's page, then "
    "save the review again if it still stands."
)


def review_interval_days(level: str) -> int:
    """Days from a review to the next one for a risk held at ``level`` (a setting)."""
    return int(settings.RISK_REVIEW_INTERVAL_DAYS[RiskLevel(level).value])


@transaction.atomic
def review_risk(
    *,
    user: Any,
    risk_id: int,
    version: int,
    reviewed_on: date,
    likelihood: int,
    impact: int,
    note: str,
    next_review_date: date,
) -> RiskReview:
    """Record ``user``'s review of the risk if it is still at ``version``; StaleRisk if not.

    The risk's current likelihood and impact become the review's, its review date the
    next review date, and its escalation proposal is brought up to date."""
    risk = locked_for_change(user=user, risk_id=risk_id, version=version)
    risk_score(likelihood=likelihood, impact=impact)  # ValueError outside 1 to 5
    if next_review_date <= reviewed_on:
        raise RiskRefused("The next review must be after this review.")
    last = risk.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    if last is not None and reviewed_on < last:
        raise RiskRefused(
            f"This risk was last reviewed on {last:%-d %B %Y}: a review cannot be dated "
            "before it. Record the review on the day it was held, on or after that date.",
            field="reviewed_on",
        )
    review = RiskReview(
        risk=risk,
        reviewed_on=reviewed_on,
        reviewer=user,
        likelihood=likelihood,
        impact=impact,
        note=note,
        next_review_date=next_review_date,
    )
    review._history_user = user  # noqa: SLF001 - how django-simple-history records who
    review.save()
    risk.current_likelihood = likelihood
    risk.current_impact = impact
    risk.review_date = next_review_date
    risk.version += 1
    save_with_who(risk, user)
    refresh_proposal(risk, user=user)
    return review
