"""The exception reports as sent (``/reports/exceptions/``): each stored report, newest
quarter first, and one report's content exactly as it was stored when it was sent.

Nothing is read again from the dashboards: the page shows ``ExceptionReport.content``,
the snapshot the PSB was emailed, and the pack that went with it. Each read is a fixed
number of queries whatever the number of reports: the reports with their pack, and the
emails counted in the same query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from reporting.exception_reports.models import ExceptionReport
from reporting.notifications.models import Notification
from reporting.packs.selectors.page import PackLine, pack_line

KIND = "exception_report"


@dataclass(frozen=True)
class ReportLine:
    """A report in the list: its quarter, when it was sent, to how many, and its pack."""

    code: str
    quarter: str
    sent_at: datetime
    recipients: int
    # Its size and file name; None when sent without one (no PSB member to read it as).
    pack: PackLine | None


@dataclass(frozen=True)
class ReturnsSummary:
    late: int
    missing: int
    submitted_late: int


@dataclass(frozen=True)
class TargetItem:
    code: str
    title: str
    reasons: str
    rag: str
    rag_label: str
    direction: str
    value: str
    milestone: str
    stretch_achievement: str
    spc: str  # what statistical process control says; "" in reports sent before it
    lead: str
    organisation: str
    forecast: str
    lead_says: str  # what is being done, or else the progress summary


@dataclass(frozen=True)
class ReturnItem:
    outcome: str
    title: str
    reason: str


@dataclass(frozen=True)
class RiskItem:
    title: str
    score: str
    band: str
    owner: str
    escalation_reason: str


@dataclass(frozen=True)
class ProposedItem:
    title: str
    score: str
    band: str
    block: str
    move: str
    proposed_on: date | None


@dataclass(frozen=True)
class BlockItem:
    name: str
    slug: str
    targets: tuple[TargetItem, ...]
    missing_returns: tuple[ReturnItem, ...]
    late_returns: tuple[ReturnItem, ...]
    risks: tuple[RiskItem, ...]


@dataclass(frozen=True)
class PriorityItem:
    title: str
    green: int
    amber: int
    red: int
    grey: int


@dataclass(frozen=True)
class ReportPage:
    """One report as sent; ``blocks`` are the stored blocks that list anything."""

    line: ReportLine
    as_at: date | None
    round_due_on: date | None
    round_closes_on: date | None
    round_returns: int | None
    totals: dict[str, int]
    returns: ReturnsSummary
    targets: int
    blocks: tuple[BlockItem, ...]
    priorities: tuple[PriorityItem, ...]
    # Risks proposed to the PSB when it was sent (none in a report stored before).
    proposed: tuple[ProposedItem, ...] = ()


def _reports() -> QuerySet[ExceptionReport]:
    emails = (
        Notification.objects.filter(period_id=OuterRef("period_id"), kind=KIND)
        .order_by()
        .values("period_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        ExceptionReport.objects.filter(sent_at__isnull=False)
        .select_related(
            "period", "pack__period", "pack__block", "pack__organisation", "pack__requested_by"
        )
        .annotate(recipients=Coalesce(Subquery(emails, output_field=IntegerField()), Value(0)))
        .order_by("-period__end_date", "-sent_at", "-pk")
    )


def _line(report: Any) -> ReportLine:
    pack = report.pack
    return ReportLine(
        code=report.period.code,
        quarter=report.period.label,
        sent_at=report.sent_at,
        recipients=report.recipients,
        pack=pack_line(pack) if pack is not None and pack.file else None,
    )


def exception_reports_page() -> tuple[ReportLine, ...]:
    """Every report sent, newest quarter first, in one query."""
    return tuple(_line(report) for report in _reports())


def exception_report_pack(*, code: str) -> Any | None:
    """The pack sent with the quarter's report, or None (the page answers 404)."""
    report = _reports().filter(period__code=code).first()
    return report.pack if report is not None and report.pack and report.pack.file else None


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def _text(item: dict[str, Any], key: str) -> str:
    """A stored field as text: a report stored before a field was kept shows it blank."""
    value = item.get(key)
    return "" if value is None else str(value)


def _number(item: dict[str, Any], key: str) -> int:
    value = item.get(key)
    return value if isinstance(value, int) else 0


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _target(item: dict[str, Any]) -> TargetItem:
    reasons = item.get("reasons")
    return TargetItem(
        code=_text(item, "code"),
        title=_text(item, "title"),
        reasons=", ".join(str(r) for r in reasons) if isinstance(reasons, list) else "",
        rag=_text(item, "rag"),
        rag_label=_text(item, "rag_label"),
        direction=_text(item, "direction"),
        value=_text(item, "value"),
        milestone=_text(item, "milestone"),
        stretch_achievement=_text(item, "stretch_achievement"),
        spc=_text(item, "spc"),
        lead=_text(item, "lead"),
        organisation=_text(item, "organisation"),
        forecast=_text(item, "forecast"),
        lead_says=_text(item, "concerns_and_actions") or _text(item, "progress_summary"),
    )


def _returns_of(value: Any) -> tuple[ReturnItem, ...]:
    return tuple(
        ReturnItem(_text(r, "outcome"), _text(r, "title"), _text(r, "reason"))
        for r in _dicts(value)
    )


def _block(block: dict[str, Any]) -> BlockItem:
    return BlockItem(
        name=_text(block, "name"),
        slug=_text(block, "slug"),
        targets=tuple(_target(t) for t in _dicts(block.get("targets"))),
        missing_returns=_returns_of(block.get("missing_returns")),
        late_returns=_returns_of(block.get("late_returns")),
        risks=tuple(
            RiskItem(
                **{k: _text(r, k) for k in ("title", "score", "band", "owner")},
                escalation_reason=_text(r, "escalation_reason"),
            )
            for r in _dicts(block.get("risks"))
        ),
    )


def _returns(content: dict[str, Any], blocks: list[BlockItem]) -> ReturnsSummary:
    """The late returns as the report counted them; a report stored before it kept the
    counts is counted from its blocks' lists."""
    stored = content.get("late_returns")
    if isinstance(stored, dict):
        return ReturnsSummary(
            late=_number(stored, "late"),
            missing=_number(stored, "missing"),
            submitted_late=_number(stored, "submitted_late"),
        )
    missing = sum(len(b.missing_returns) for b in blocks)
    submitted_late = sum(len(b.late_returns) for b in blocks)
    return ReturnsSummary(missing + submitted_late, missing, submitted_late)


def exception_report_page(*, code: str) -> ReportPage | None:
    """The quarter's report as sent, or None if none was sent (the page answers 404)."""
    report = _reports().filter(period__code=code).first()
    if report is None:
        return None
    content = report.content if isinstance(report.content, dict) else {}
    blocks = [_block(b) for b in _dicts(content.get("blocks"))]
    round_ = content.get("round") if isinstance(content.get("round"), dict) else {}
    totals = content.get("totals") if isinstance(content.get("totals"), dict) else {}
    return ReportPage(
        line=_line(report),
        as_at=_day(content.get("as_at")),
        round_due_on=_day(round_.get("due_on")),
        round_closes_on=_day(round_.get("closes_on")),
        round_returns=round_["returns"] if isinstance(round_.get("returns"), int) else None,
        totals={k: _number(totals, k) for k in ("green", "amber", "red", "grey")},
        returns=_returns(content, blocks),
        targets=sum(len(b.targets) for b in blocks),
        blocks=tuple(
            b for b in blocks if b.targets or b.missing_returns or b.late_returns or b.risks
        ),
        priorities=tuple(
            PriorityItem(
                _text(p, "title"), *(_number(p, k) for k in ("green", "amber", "red", "grey"))
            )
            for p in _dicts(content.get("priorities"))
        ),
        proposed=tuple(
            ProposedItem(
                **{k: _text(p, k) for k in ("title", "score", "band", "block", "move")},
                proposed_on=_day(p.get("proposed_on")),
            )
            for p in _dicts(content.get("proposed_to_psb"))
        ),
    )
