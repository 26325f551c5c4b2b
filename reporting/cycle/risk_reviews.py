"""The daily cycle's risk review emails: owners reminded of reviews coming due, and
chased when a review is overdue.

Each owner gets one email listing their risks: a **reminder** of the reviews due within
five working days, once per risk and review date; a **chase** of the overdue ones, once
per risk for each week it is overdue (the first the day after the review date, then
every seven days), so that an overdue review is not forgotten but nobody is emailed every
day. A run after a gap sends the chase of the current week only.

What has been sent is read from the ``Notification`` keys, which name each risk, its
review date (and, for a chase, the week overdue): ``risk_review_due:12:risks-5@20261210``.
Running twice sends nothing twice; a risk reviewed again has a new review date, so it is
reminded again next time. An owner with more than :data:`PER_EMAIL` risks to list gets
them in several emails, so that a key stays within its column. Closed risks and owners
without an email address (or no longer active) are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction

from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from reporting.cycle.report import CycleAction, plural, worded
from reporting.notifications.models import Notification
from reporting.notifications.outbox import (
    email_render,
    notification_key,
    notification_record,
    site_url,
)
from reporting.notifications.tasks import notifications_enqueue
from reporting.start.risk_reviews import ReviewDue, review_due, reviews_due

DUE = "risk_review_due"
OVERDUE = "risk_review_overdue"
PER_EMAIL = 10
_PREFIX = "risks-"


def item_token(review: ReviewDue) -> str:
    """What one risk in one email is: ``5@20261210``, and ``w2`` for the third week
    overdue (days 1 to 7 overdue are week 0)."""
    token = f"{review.risk_id}@{review.review_date:%Y%m%d}"
    if review.overdue:
        token += f"w{(review.days - 1) // 7}"
    return token


def _sent_tokens(owner_ids: list[int]) -> set[tuple[str, int, str]]:
    """(kind, owner, token) for every risk already in a recorded email."""
    sent: set[tuple[str, int, str]] = set()
    if not owner_ids:
        return sent
    rows = Notification.objects.filter(
        kind__in=(DUE, OVERDUE), recipient_id__in=owner_ids
    ).values_list("kind", "recipient_id", "idempotency_key")
    for kind, owner_id, key in rows:
        _, _, listed = key.partition(_PREFIX)
        sent.update((kind, owner_id, token) for token in listed.split("-") if token)
    return sent


def _context(owner: Any, reviews: list[ReviewDue]) -> dict[str, Any]:
    return {
        "name": display_name(owner),
        "reviews": [
            {
                "title": r.title,
                "level": r.level_label.lower(),
                "review_date": r.review_date,
                "words": r.words,
                "link": site_url(r.href),
            }
            for r in reviews
        ],
        "link": site_url(f"/risks/?owner={owner.pk}"),
    }


def _subject(kind: str, count: int) -> str:
    if kind == DUE:
        return f"Reminder: {plural(count, 'risk')} of yours to review in the next week"
    return f"Overdue: {plural(count, 'risk')} of yours {'is' if count == 1 else 'are'} past review"


def risk_review_emails(*, today: date, dry_run: bool = False) -> list[CycleAction]:
    """Record (or, in a dry run, count) the reminders and chases not yet sent."""
    by_owner: dict[tuple[str, Any], list[tuple[str, ReviewDue]]] = defaultdict(list)
    for risk in reviews_due(today=today).filter(owner__is_active=True).exclude(owner__email=""):
        review = review_due(risk, today)
        by_owner[OVERDUE if review.overdue else DUE, risk.owner].append(
            (item_token(review), review)
        )
    sent = _sent_tokens(sorted({owner.pk for _, owner in by_owner}))
    counts = {DUE: [0, set()], OVERDUE: [0, set()]}
    new: list[int] = []
    for (kind, owner), items in by_owner.items():
        todo = [(t, r) for t, r in items if (kind, owner.pk, t) not in sent]
        for start in range(0, len(todo), PER_EMAIL):
            batch = todo[start : start + PER_EMAIL]
            counts[kind][0] += 1
            counts[kind][1].add(owner.pk)
            if dry_run:
                continue
            about = _PREFIX + "-".join(t for t, _ in batch)
            text, html = email_render(kind, _context(owner, [r for _, r in batch]))
            notification, created = notification_record(
                kind=kind,
                key=notification_key(kind, owner, about),
                recipient=owner,
                subject=_subject(kind, len(batch)),
                text=text,
                html=html,
            )
            if created:
                new.append(notification.pk)
    if new:
        transaction.on_commit(lambda: notifications_enqueue(new))
    return _actions(counts, today=today, done=not dry_run)


def _actions(counts: dict[str, list[Any]], *, today: date, done: bool) -> list[CycleAction]:
    code = PeriodRef.latest_completed_quarter(today).code
    steps = {
        DUE: "remind risk owners of reviews due within five working days",
        OVERDUE: "chase risk owners of overdue reviews",
    }
    actions = []
    for kind, (emails, people) in counts.items():
        if emails:
            detail = (
                f"{worded(steps[kind], done=done)} ({plural(emails, 'email')} to "
                f"{plural(len(people), 'person', 'people')})"
            )
            actions.append(CycleAction(code, kind, detail, emails=emails))
    return actions
