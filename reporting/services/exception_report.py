"""The PSB's exception report for a quarter: stored as sent, then emailed to each member.

What it holds today, and what it does not yet. The exception dashboard (``/exceptions/``)
and its selectors are not built yet, so the snapshot holds what exists now, as plain
JSON: for each block, the returns of the quarter's round that are missing (not
submitted when the report is made) and those submitted late (after the due date), and
the open risks held at partnership (PSB) level with their current score. The stretch
targets, red and amber targets and worsening trends of the dashboard, and the Excel pack
attached to the email, are added by the dashboard's issue, which builds the content from
its own selectors instead of :func:`exception_report_content`; the stored snapshot says
which sections it has (``sections``), so a report sent before that change still reads
correctly.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partnership.models import Block, Period, Role, RoleAssignment
from reporting.models import ExceptionReport, PartnershipCalendar, QuarterlyReturn, ReturnRound
from reporting.notifications import (
    email_render,
    notification_key,
    notification_send,
    person_name,
    site_url,
)
from risks.models import Risk
from risks.rules import RiskLevel

State = QuarterlyReturn.State
NOT_IN = frozenset({State.NOT_STARTED, State.DRAFT, State.RETURNED})
SECTIONS = ("missing_returns", "late_returns", "psb_risks")


def exception_report_content(*, period: Period, today: date) -> dict[str, Any]:
    """The snapshot's content: plain JSON of what the report says, as at ``today``."""
    round_ = ReturnRound.objects.filter(period=period).first()
    returns = (
        list(
            QuarterlyReturn.objects.filter(round=round_)
            .select_related("outcome__block", "outcome__lead_organisation", "outcome__lead_person")
            .order_by("outcome__block__order", "outcome__code")
        )
        if round_
        else []
    )
    blocks = {
        block.pk: {
            "name": block.name,
            "slug": block.slug,
            "missing_returns": [],
            "late_returns": [],
        }
        for block in Block.objects.order_by("order", "name")
    }
    for quarterly_return in returns:
        outcome = quarterly_return.outcome
        item = {
            "outcome": outcome.code,
            "title": outcome.title,
            "lead": person_name(outcome.lead_person) if outcome.lead_person else "",
            "organisation": str(outcome.lead_organisation),
            "state": quarterly_return.get_state_display(),
        }
        block = blocks[outcome.block_id]
        if quarterly_return.state in NOT_IN:
            block["missing_returns"].append(item)
        elif quarterly_return.submitted_at and (
            timezone.localdate(quarterly_return.submitted_at) > round_.due_on
        ):
            item["submitted_on"] = timezone.localdate(quarterly_return.submitted_at).isoformat()
            block["late_returns"].append(item)
    risks = sorted(
        Risk.objects.filter(level=RiskLevel.PARTNERSHIP)
        .exclude(status=Risk.Status.CLOSED)
        .select_related("owner", "owner_organisation"),
        key=lambda risk: (-risk.current_score, risk.title),
    )
    return {
        "period": period.code,
        "quarter": period.label,
        "as_at": today.isoformat(),
        "sections": list(SECTIONS),
        "round": (
            {
                "state": round_.state,
                "opens_on": round_.opens_on.isoformat(),
                "due_on": round_.due_on.isoformat(),
                "closes_on": round_.closes_on.isoformat(),
                "returns": len(returns),
            }
            if round_
            else None
        ),
        "blocks": list(blocks.values()),
        "psb_risks": [
            {
                "title": risk.title,
                "owner": person_name(risk.owner) if risk.owner else "",
                "organisation": str(risk.owner_organisation or ""),
                "score": risk.current_score,
                "status": risk.get_status_display(),
            }
            for risk in risks
        ],
    }


def exception_report_recipients() -> list[Any]:
    """Who the calendar says receives the report: today, every active PSB member."""
    calendar = PartnershipCalendar.objects.filter(pk=1).first() or PartnershipCalendar()
    if calendar.exception_report_recipients == PartnershipCalendar.Recipients.PSB_MEMBERS:
        ids = RoleAssignment.objects.filter(role=Role.PSB_MEMBER).values("user_id")
    else:  # pragma: no cover - one choice so far
        ids = RoleAssignment.objects.none().values("user_id")
    return list(
        get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="").order_by("pk")
    )


def dashboard_link(period: Period) -> str:
    return site_url(f"/exceptions/?period={period.code}")


@transaction.atomic
def exception_report_send(*, period: Period, today: date) -> ExceptionReport:
    """Store the quarter's exception report and email it to each PSB member, once.

    The first call for a quarter stores the snapshot (sent at now, by nobody: the
    partnership's calendar) and records one email per member, keyed by kind, member and
    quarter; the emails go once this commits. Any later call finds the report sent and
    returns it unchanged, so the cycle may call it again safely.
    """
    # The round's lock keeps two runs of the cycle from making two reports.
    ReturnRound.objects.select_for_update().filter(period=period).first()
    sent = ExceptionReport.objects.filter(period=period, sent_at__isnull=False).first()
    if sent is not None:
        return sent
    content = exception_report_content(period=period, today=today)
    report = ExceptionReport.objects.create(
        period=period, content=content, created_by=None, sent_at=timezone.now()
    )
    text, html = email_render(
        "exception_report",
        {
            "quarter": period.label,
            "content": content,
            "missing": sum(len(b["missing_returns"]) for b in content["blocks"]),
            "late": sum(len(b["late_returns"]) for b in content["blocks"]),
            "link": dashboard_link(period),
            "round": ReturnRound.objects.filter(period=period).first(),
        },
    )
    for member in exception_report_recipients():
        notification_send(
            kind="exception_report",
            key=notification_key("exception_report", member, None, period),
            recipient=member,
            subject=f"Exception report for {period.label}",
            text=text,
            html=html,
            period=period,
        )
    return report
