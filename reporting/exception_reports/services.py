"""The PSB's exception report for a quarter: stored as sent, then emailed to each member.

The content is what the exception dashboard (``/exceptions/``) shows for the quarter,
read through the same selectors (``reporting.dashboards.selectors.exceptions``) as a PSB member
reads them (approved values only), and kept as plain JSON: the RAG counts, and for each
block its exceptional targets (every stretch target, red and amber ones, worsening ones,
those with special cause concern or consistently failing the target) with what
statistical process control says of each, the lead's commentary and forecast, its
missing and late returns, and the risks held by the PSB; then the PSB's priorities. The
stored snapshot is what was sent, so the report as at a meeting can always be read again,
whatever changes later.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from partnership import access
from partnership.models import Period
from reporting.calendar.models import PartnershipCalendar
from reporting.dashboards.selectors.exceptions import (
    BlockExceptions,
    ReturnException,
    RiskException,
    TargetException,
    exceptions_page,
)
from reporting.exception_reports.models import ExceptionReport
from reporting.notifications.outbox import email_render, notification_key, site_url
from reporting.notifications.services import notification_send
from reporting.packs.models import PerformancePack
from reporting.packs.selectors.data import pack_data, pack_file_name
from reporting.packs.workbook.build import build_pack_workbook
from reporting.returns.models import ReturnRound
from reporting.scorecard.selectors import COMMON_CAUSE_AMBER, RagCounts, Scope, ScorecardRow

SECTIONS = (
    "targets",
    "missing_returns",
    "late_returns",
    "psb_risks",
    "proposed_to_psb",
    "priorities",
)


def _counts(counts: RagCounts) -> dict[str, int]:
    return {"green": counts.green, "amber": counts.amber, "red": counts.red, "grey": counts.grey}


def _summary(row: ScorecardRow, reasons: Sequence[str]) -> str:
    """``Red, worsening, stretch target``: the rating, the direction and any other reason
    the target is listed, each said once. An amber of common-cause variation says so
    (``Amber, common cause: no signal to react to``), so the Board sees what not to react
    to."""
    rating = COMMON_CAUSE_AMBER if row.common_cause_amber else row.rag.label
    said = [rating, row.travel.headline.label.lower()]
    known = {s.lower() for s in said} | {row.rag.label.lower()}
    said += [r.lower() for r in reasons if r.lower() not in known]
    return ", ".join(said)


def _target(item: TargetException) -> dict[str, Any]:
    row, outcome = item.row, item.row.outcome_return
    return {
        "code": row.code,
        "title": row.title,
        "outcome": row.outcome_code,
        "reasons": list(item.reasons),
        "rag": str(row.rag),
        "rag_label": row.rag.label,
        "direction": row.travel.headline.label,
        "value": row.value_text,
        "milestone": row.milestone_text,
        "target": row.target_text,
        "summary": _summary(row, item.reasons),
        "spc": row.spc_words,
        "common_cause_amber": row.common_cause_amber,
        "stretch_achievement": row.achievement_words if row.is_stretch else "",
        "reward_earned": row.reward_earned if row.is_stretch else None,
        "lead": row.lead_person,
        "organisation": row.lead_organisation,
        "forecast": outcome.forecast_rag.label if outcome.forecast_rag else "",
        "progress_summary": outcome.progress_summary,
        "concerns_and_actions": outcome.concerns_and_actions,
    }


def _return(item: ReturnException) -> dict[str, Any]:
    outcome = item.outcome
    submitted = outcome.submitted_at
    return {
        "outcome": outcome.code,
        "title": outcome.title,
        "lead": outcome.lead_person,
        "organisation": outcome.lead_organisation,
        "state": outcome.state_label,
        "reason": item.reason,
        "submitted_on": timezone.localdate(submitted).isoformat() if submitted else None,
    }


def _risk(item: RiskException) -> dict[str, Any]:
    return {
        "title": item.title,
        "owner": item.owner,
        "organisation": item.owner_organisation,
        "score": item.score,
        "band": item.band_label,
        "status": item.status_label,
        "hangs_on": item.hangs_on,
        "escalation_reason": item.escalation_reason,
    }


def _block(group: BlockExceptions) -> dict[str, Any]:
    return {
        "name": group.name,
        "slug": group.slug,
        "targets": [_target(t) for outcome in group.outcomes for t in outcome.targets],
        "missing_returns": [_return(r) for r in group.returns if r.missing],
        "late_returns": [_return(r) for r in group.returns if not r.missing],
        "risks": [_risk(r) for r in group.risks],
    }


def exception_report_content(*, period: Period, today: date, reader: Any) -> dict[str, Any]:
    """The snapshot's content: the exception dashboard for ``period`` as ``reader`` (a PSB
    member) sees it on ``today``, as plain JSON."""
    page = exceptions_page(user=reader, period=period, today=today)
    round_ = ReturnRound.objects.filter(period=period).first()
    blocks = [_block(group) for group in page.groups]
    return {
        "period": page.period_code,
        "quarter": page.period_label,
        "as_at": today.isoformat(),
        "sections": list(SECTIONS),
        "round": (
            {
                "state": round_.state,
                "opens_on": round_.opens_on.isoformat(),
                "due_on": round_.due_on.isoformat(),
                "closes_on": round_.closes_on.isoformat(),
                "returns": round_.returns.count(),
            }
            if round_
            else None
        ),
        "totals": _counts(page.totals),
        "late_returns": {
            "late": page.late_returns.late,
            "missing": page.late_returns.missing,
            "submitted_late": page.late_returns.submitted_late,
        },
        "headline": [{"block": b.name, **_counts(b.counts)} for b in page.headline],
        "blocks": blocks,
        "psb_risks": [risk for block in blocks for risk in block["risks"]],
        "proposed_to_psb": [
            {
                "title": p.risk_title,
                "score": p.score,
                "band": p.band_label,
                "block": p.block_name,
                "move": f"{p.direction_label}: {p.from_label} to {p.to_label}",
                "proposed_on": timezone.localdate(p.proposed_at).isoformat(),
            }
            for p in page.proposed
        ],
        "priorities": [
            {"title": p.title, "outcomes": list(p.outcomes), **_counts(p.counts)}
            for p in page.priorities
        ],
    }


def exception_report_recipients() -> list[Any]:
    """Who the calendar says receives the report: today, every active PSB member."""
    calendar = PartnershipCalendar.objects.filter(pk=1).first() or PartnershipCalendar()
    if calendar.exception_report_recipients == PartnershipCalendar.Recipients.PSB_MEMBERS:
        return access.psb_members()
    return []  # pragma: no cover - one choice so far


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
    recipients = exception_report_recipients()
    # Every PSB member reads the same report: approved values, approved returns' commentary.
    reader = recipients[0] if recipients else None
    content = exception_report_content(period=period, today=today, reader=reader)
    pack = _psb_pack(period=period, reader=reader, today=today)
    report = ExceptionReport.objects.create(
        period=period, content=content, created_by=None, sent_at=timezone.now(), pack=pack
    )
    text, html = email_render(
        "exception_report",
        {
            "quarter": period.label,
            "content": content,
            "targets": sum(len(b["targets"]) for b in content["blocks"]),
            "link": dashboard_link(period),
            "round": ReturnRound.objects.filter(period=period).first(),
        },
    )
    for member in recipients:
        notification_send(
            kind="exception_report",
            key=notification_key("exception_report", member, None, period),
            recipient=member,
            subject=f"Exception report for {period.label}",
            text=text,
            html=html,
            period=period,
            attachment=pack.file.name if pack else "",
        )
    return report


def _psb_pack(*, period: Period, reader: Any, today: date) -> PerformancePack | None:
    """The whole partnership's pack as a PSB member reads it (approved values only), kept
    with the report so the attachment as sent can be downloaded again."""
    if reader is None:
        return None
    data = pack_data(
        user=reader,
        period=period,
        today=today,
        generated_at=timezone.now(),
        scope=Scope(),
        partnership_name=settings.PARTNERSHIP_NAME,
    )
    buffer = BytesIO()
    build_pack_workbook(data, buffer)
    content = buffer.getvalue()
    pack = PerformancePack(
        period=period,
        requested_by=None,
        includes_submitted=False,
        state=PerformancePack.State.READY,
        progress=100,
        size=len(content),
        finished_at=timezone.now(),
    )
    pack.file.save(pack_file_name(period.label, data.scope_label), ContentFile(content))
    return pack
