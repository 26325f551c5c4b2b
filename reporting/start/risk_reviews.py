"""Risk reviews coming due, for the owner's start page and the daily cycle's reminders.

A risk's review is *due soon* from five working days before its review date to that day,
and *overdue* after it. Closed risks are never due. Reporting reads risks here; risks
never reads reporting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from reporting.rules.working_days import add_working_days, working_days_between
from risks.models import Risk

# Owners are told this many working days before a review is due.
NOTICE_WORKING_DAYS = 5


@dataclass(frozen=True)
class ReviewDue:
    risk_id: int
    title: str
    level_label: str
    review_date: date
    overdue: bool
    days: int  # working days until due (due soon) or calendar days overdue
    href: str

    @property
    def words(self) -> str:
        """``overdue by 3 days`` or ``due in 2 working days`` (``due today``)."""
        if self.overdue:
            return f"overdue by {self.days} day{'s' if self.days != 1 else ''}"
        if self.days == 0:
            return "due today"
        return f"due in {self.days} working day{'s' if self.days != 1 else ''}"


def reviews_due(*, today: date) -> QuerySet:
    """Open risks with an owner whose review is overdue or due within the notice period,
    soonest due first, with their owner."""
    last = add_working_days(today, NOTICE_WORKING_DAYS)
    return (
        Risk.objects.exclude(status=Risk.Status.CLOSED)
        .filter(owner__isnull=False, review_date__isnull=False, review_date__lte=last)
        .select_related("owner")
        .order_by("review_date", "title", "pk")
    )


def review_due(risk: Risk, today: date) -> ReviewDue:
    assert risk.review_date is not None  # reviews_due asks for one
    overdue = risk.review_date < today
    days = (
        (today - risk.review_date).days
        if overdue
        else max(working_days_between(today, risk.review_date), 0)
    )
    return ReviewDue(
        risk_id=risk.pk,
        title=risk.title,
        level_label=risk.get_level_display(),
        review_date=risk.review_date,
        overdue=overdue,
        days=days,
        href=reverse("risk_detail", args=[risk.pk]),
    )


def own_reviews_due(user: Any, *, today: date) -> tuple[ReviewDue, ...]:
    """The reviews of ``user``'s own risks that are overdue or due soon: one query."""
    return tuple(review_due(r, today) for r in reviews_due(today=today).filter(owner=user))
