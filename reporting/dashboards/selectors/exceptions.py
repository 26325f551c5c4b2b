"""The Public Service Board's exception dashboard (``/exceptions/``) for one quarter.

The rules of what is an exception, each tested by name:

- every stretch target, whatever its RAG;
- every target rated red or amber;
- every target whose direction of travel is worsening (even when green);
- every outcome whose return is late or missing: not submitted or approved by its due
  date (:func:`reporting.rules.timeliness.return_timeliness`), or submitted after it;
- every risk held by the PSB (level "partnership") that is not closed, with the reason
  it was escalated.

A target meeting several rules is listed once, with every reason. The targets come from
the shared :func:`reporting.scorecard.selectors.scorecard` (approved values only, for
everyone), grouped by block and then by outcome, with the outcome's lead, commentary and
forecast. The page also counts every target by block and RAG (the headline) and sums the
targets of each PSB priority by RAG.

Filters (block, partner, lead, RAG, stretch targets only) narrow the exceptions. A
target's partner and lead are its own, else its indicator's (for the person, else its
outcome's); a return's are its outcome's; a risk's are its owner's. The
headline and priorities follow every filter but RAG, so that the chart still shows the
whole picture of what was chosen. RAG and stretch are filters of targets: with either,
returns and risks are not listed. A filter value that matches none of the options is
ignored and named in ``ignored``, for the page to say so.

A constant number of queries, whatever the number of targets, outcomes or risks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from indicators.models import Indicator
from partnership import access
from partnership.models import Block, Period, Priority
from partnership.people import display_name
from reporting.scorecard.selectors import (
    RAG_ORDER,
    OutcomeReturn,
    RagCounts,
    Scope,
    Scorecard,
    ScorecardRow,
    quarter_options,
    scorecard,
)
from risks.models import Escalation, Risk
from risks.rules import RiskLevel
from targets import rules

RAG_CHOICES = tuple((rag.value, rag.label) for rag in RAG_ORDER)


# --- Links -------------------------------------------------------------------------------------


def _board_href(block_slug: str, anchor: str, period_code: str) -> str | None:
    """A place on a block's board view, for the quarter shown."""
    try:
        href = reverse("block_detail", kwargs={"slug": block_slug})
    except NoReverseMatch:
        return None
    query = f"?{urlencode({'period': period_code})}" if period_code else ""
    return f"{href}{query}#{anchor}"


def indicator_href(slug: str, *, block_slug: str = "", period_code: str = "") -> str | None:
    """The indicator's page; while that page is not wired in, the target on its board view."""
    try:
        return reverse("indicator_detail", kwargs={"slug": slug})
    except NoReverseMatch:
        pass
    return _board_href(block_slug, f"target-{slug}", period_code) if block_slug else None


def return_href(line: OutcomeReturn) -> str | None:
    """The return's page, when the person may open it."""
    if not (line.return_pk and line.viewable):
        return None
    try:
        return reverse("return_detail", args=[line.return_pk])
    except NoReverseMatch:
        return None


# --- Plain data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExceptionFilters:
    """What the exceptions are narrowed to; empty values filter nothing."""

    block: str = ""
    organisation: int | None = None
    lead: int | None = None
    rag: str = ""
    stretch_only: bool = False

    @property
    def active(self) -> bool:
        return bool(
            self.block
            or self.organisation is not None
            or self.lead is not None
            or self.rag
            or self.stretch_only
        )

    @property
    def targets_only(self) -> bool:
        """RAG and stretch filter targets: returns and risks are then not listed."""
        return bool(self.rag or self.stretch_only)

    @property
    def scope(self) -> Scope:
        return Scope(
            block=self.block,
            organisation=self.organisation,
            lead=self.lead,
            stretch_only=self.stretch_only,
        )

    def query(self, *, period: str = "") -> str:
        """The filters (and quarter) as a query string, to share or to link back to."""
        pairs = [("period", period)] if period else []
        pairs += [
            ("block", self.block),
            ("organisation", "" if self.organisation is None else str(self.organisation)),
            ("lead", "" if self.lead is None else str(self.lead)),
            ("rag", self.rag),
            ("stretch", "on" if self.stretch_only else ""),
        ]
        return urlencode([(name, value) for name, value in pairs if value])


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Options:
    blocks: tuple[Option, ...] = ()
    organisations: tuple[Option, ...] = ()
    leads: tuple[Option, ...] = ()
    rags: tuple[Option, ...] = tuple(Option(v, label) for v, label in RAG_CHOICES)
    quarters: tuple[Option, ...] = ()


@dataclass(frozen=True)
class BlockCounts:
    """The targets of one block by RAG: a line of the headline."""

    name: str
    slug: str
    counts: RagCounts


@dataclass(frozen=True)
class TargetException:
    row: ScorecardRow
    reasons: tuple[str, ...]  # in the users' words: "Stretch target", "Red", "Worsening"
    href: str | None


@dataclass(frozen=True)
class OutcomeExceptions:
    """An outcome's targets listed as exceptions, with its lead's commentary and forecast."""

    outcome: OutcomeReturn
    targets: tuple[TargetException, ...]
    return_href: str | None


@dataclass(frozen=True)
class ReturnException:
    outcome: OutcomeReturn
    reason: str  # "Late: not submitted by 22 October 2026", "Submitted late on ..."
    missing: bool  # not in yet (as opposed to in, but after the due date)
    href: str | None


@dataclass(frozen=True)
class RiskException:
    pk: int
    title: str
    description: str
    owner: str
    owner_organisation: str
    score: int
    band_label: str
    status_label: str
    hangs_on: str  # "NI 116 target", "CYP 1 Every child...", a block, or ""
    escalation_reason: str
    escalated_on: date | None
    review_date: date | None


@dataclass(frozen=True)
class BlockExceptions:
    """The exceptions of one block; ``slug`` is "" for the partnership-wide risks."""

    name: str
    slug: str
    outcomes: tuple[OutcomeExceptions, ...] = ()
    returns: tuple[ReturnException, ...] = ()
    risks: tuple[RiskException, ...] = ()

    @property
    def targets(self) -> int:
        return sum(len(o.targets) for o in self.outcomes)

    @property
    def total(self) -> int:
        return self.targets + len(self.returns) + len(self.risks)


@dataclass(frozen=True)
class PriorityLine:
    title: str
    description: str
    outcomes: tuple[str, ...]  # outcome codes
    counts: RagCounts


@dataclass(frozen=True)
class ExceptionsPage:
    period_code: str
    period_label: str
    period_long_label: str
    filters: ExceptionFilters
    options: Options
    ignored: tuple[str, ...]  # filters whose value matched no option, so were not applied
    headline: tuple[BlockCounts, ...]
    totals: RagCounts
    groups: tuple[BlockExceptions, ...]
    priorities: tuple[PriorityLine, ...]
    round_due_on: date | None
    stretch_targets: int
    late_returns: int
    psb_risks: int
    query: str = ""  # the filters and quarter, for links that keep them
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def exceptions(self) -> int:
        return sum(group.total for group in self.groups)


# --- Rules -------------------------------------------------------------------------------------


def target_reasons(row: ScorecardRow) -> tuple[str, ...]:
    """Why a target is an exception, in the users' words; empty when it is not one."""
    reasons = []
    if row.is_stretch:
        reasons.append("Stretch target")
    if row.rag in (rules.Rag.RED, rules.Rag.AMBER):
        reasons.append(row.rag.label)
    if row.worsening:
        reasons.append("Worsening")
    return tuple(reasons)


def return_exception(line: OutcomeReturn) -> tuple[str, bool] | None:
    """Why an outcome's return is an exception and whether it is missing, or None.

    Missing or late: not submitted or approved by the due date (and not since); late:
    submitted after it. An outcome with no return for the quarter has none due.
    """
    if not line.has_return or line.due_on is None:
        return None
    due = f"{line.due_on:%-d %B %Y}"
    if line.is_late:
        if line.round_state == "closed":
            return f"Missing: the round closed without it (due {due})", True
        return f"Late: not submitted by {due}", True
    if line.submitted_late and line.submitted_on is not None:
        return f"Submitted late on {line.submitted_on:%-d %B %Y} (due {due})", False
    return None


# --- Reading -----------------------------------------------------------------------------------


def exceptions_page(
    *, user: Any, period: Period, today: date, filters: ExceptionFilters | None = None
) -> ExceptionsPage:
    """Everything ``/exceptions/`` shows for the quarter ``period``."""
    filters = filters or ExceptionFilters()
    card = scorecard(user=user, period=period, today=today)
    blocks = list(Block.objects.order_by("order", "name"))
    risks = _psb_risks()
    options = _options(card, blocks, risks)
    filters, ignored = _known(filters, options)

    scope = filters.scope
    in_scope = [row for row in card.rows if scope.matches(row)]
    by_rag = [row for row in in_scope if not filters.rag or row.rag == filters.rag]
    outcomes = [line for line in card.outcomes if scope.matches_outcome(line)]

    groups = _groups(
        [b for b in blocks if not filters.block or b.slug == filters.block],
        rows=by_rag,
        outcomes=[] if filters.targets_only else outcomes,
        risks=[] if filters.targets_only else [r for r in risks if _risk_matches(r, filters)],
        partnership_wide=not filters.block,
        period_code=card.period.code,
    )
    notes = []
    if filters.targets_only:
        notes.append(
            "Late and missing returns and the risks held by the Public Service Board are "
            "not listed while the exceptions are filtered by RAG or to stretch targets."
        )
    return ExceptionsPage(
        period_code=card.period.code,
        period_label=card.period.label,
        period_long_label=card.period.long_label,
        filters=filters,
        options=options,
        ignored=ignored,
        headline=tuple(
            BlockCounts(
                name=block.name,
                slug=block.slug,
                counts=RagCounts.of_rows(r for r in in_scope if r.block_id == block.pk),
            )
            for block in blocks
            if not filters.block or block.slug == filters.block
        ),
        totals=RagCounts.of_rows(in_scope),
        groups=groups,
        priorities=_priorities(in_scope),
        round_due_on=card.round_due_on,
        stretch_targets=sum(
            len([t for t in o.targets if t.row.is_stretch]) for g in groups for o in g.outcomes
        ),
        late_returns=sum(len(g.returns) for g in groups),
        psb_risks=sum(len(g.risks) for g in groups),
        query=filters.query(period=card.period.code),
        notes=tuple(notes),
    )


def _options(card: Scorecard, blocks: Sequence[Block], risks: Sequence[_Risk]) -> Options:
    organisations: dict[int, str] = {}
    leads: dict[int, str] = {}
    for row in card.rows:
        organisations[row.lead_organisation_id] = row.lead_organisation
        if row.lead_person_id is not None:
            leads[row.lead_person_id] = f"{row.lead_person} ({row.lead_organisation_short})"
    for line in card.outcomes:
        organisations.setdefault(line.lead_organisation_id, line.lead_organisation)
        if line.lead_person_id is not None:
            leads.setdefault(
                line.lead_person_id, f"{line.lead_person} ({line.lead_organisation_short})"
            )
    for risk in risks:
        if risk.organisation_id is not None:
            organisations.setdefault(risk.organisation_id, risk.item.owner_organisation)
        if risk.owner_id is not None:
            leads.setdefault(risk.owner_id, risk.item.owner)
    return Options(
        blocks=tuple(Option(b.slug, b.name) for b in blocks),
        organisations=_sorted_options(organisations),
        leads=_sorted_options(leads),
        quarters=tuple(Option(p.code, p.label) for p in quarter_options()),
    )


def _sorted_options(labels: dict[int, str]) -> tuple[Option, ...]:
    return tuple(
        Option(str(pk), label)
        for pk, label in sorted(labels.items(), key=lambda item: (item[1].lower(), item[0]))
    )


def _known(filters: ExceptionFilters, options: Options) -> tuple[ExceptionFilters, tuple[str, ...]]:
    """The filters with any value that is not an option dropped, and which those were."""
    ignored = []
    if filters.block and filters.block not in {o.value for o in options.blocks}:
        filters, ignored = replace(filters, block=""), [*ignored, "block"]
    if filters.organisation is not None and str(filters.organisation) not in {
        o.value for o in options.organisations
    }:
        filters, ignored = replace(filters, organisation=None), [*ignored, "organisation"]
    if filters.lead is not None and str(filters.lead) not in {o.value for o in options.leads}:
        filters, ignored = replace(filters, lead=None), [*ignored, "lead"]
    if filters.rag and filters.rag not in {o.value for o in options.rags}:
        filters, ignored = replace(filters, rag=""), [*ignored, "rag"]
    return filters, tuple(ignored)


def _groups(
    blocks: Sequence[Block],
    *,
    rows: Sequence[ScorecardRow],
    outcomes: Sequence[OutcomeReturn],
    risks: Sequence[_Risk],
    partnership_wide: bool,
    period_code: str,
) -> tuple[BlockExceptions, ...]:
    """The exceptions of each of ``blocks``, in order; a block with none is left out. The
    risks that belong to no block come last, when ``partnership_wide``."""
    groups = []
    for block in blocks:
        by_outcome: dict[int, list[TargetException]] = {}
        lines: dict[int, OutcomeReturn] = {}
        for row in rows:
            if row.block_id != block.pk:
                continue
            reasons = target_reasons(row)
            if not reasons:
                continue
            by_outcome.setdefault(row.outcome_id, []).append(
                TargetException(
                    row=row,
                    reasons=reasons,
                    href=indicator_href(row.slug, block_slug=block.slug, period_code=period_code),
                )
            )
            lines[row.outcome_id] = row.outcome_return
        returns = []
        for line in outcomes:
            if line.block_id != block.pk:
                continue
            found = return_exception(line)
            if found is not None:
                reason, missing = found
                returns.append(
                    ReturnException(
                        outcome=line,
                        reason=reason,
                        missing=missing,
                        # The return if the person may open it, else the outcome on the
                        # board view.
                        href=return_href(line)
                        or _board_href(block.slug, f"outcome-{line.outcome_id}", period_code),
                    )
                )
        group = BlockExceptions(
            name=block.name,
            slug=block.slug,
            outcomes=tuple(
                OutcomeExceptions(
                    outcome=lines[pk], targets=tuple(items), return_href=return_href(lines[pk])
                )
                for pk, items in by_outcome.items()
            ),
            returns=tuple(returns),
            risks=tuple(r.item for r in risks if r.block_id == block.pk),
        )
        if group.total:
            groups.append(group)
    unblocked = tuple(r.item for r in risks if r.block_id is None)
    if partnership_wide and unblocked:
        groups.append(BlockExceptions(name="Across the partnership", slug="", risks=unblocked))
    return tuple(groups)


def _priorities(rows: Sequence[ScorecardRow]) -> tuple[PriorityLine, ...]:
    """Each PSB priority with its targets by RAG: the targets of the indicators collected
    by, or contributing to, the priority's outcomes."""
    priorities = list(Priority.objects.prefetch_related("outcomes").order_by("order", "title"))
    outcome_ids = {o.pk for p in priorities for o in p.outcomes.all()}
    contributing: dict[int, set[int]] = {}
    if outcome_ids:
        through = Indicator.contributes_to.through.objects.filter(outcome_id__in=outcome_ids)
        for indicator_id, outcome_id in through.values_list("indicator_id", "outcome_id"):
            contributing.setdefault(outcome_id, set()).add(indicator_id)
    lines = []
    for priority in priorities:
        outcomes = sorted(priority.outcomes.all(), key=lambda o: o.code)
        ids = {o.pk for o in outcomes}
        indicators = set().union(*(contributing.get(pk, set()) for pk in ids))
        chosen = [r for r in rows if r.outcome_id in ids or r.indicator_id in indicators]
        lines.append(
            PriorityLine(
                title=priority.title,
                description=priority.description,
                outcomes=tuple(o.code for o in outcomes),
                counts=RagCounts.of_rows(chosen),
            )
        )
    return tuple(lines)


# --- Risks held by the PSB ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Risk:
    item: RiskException
    block_id: int | None
    organisation_id: int | None
    owner_id: int | None


def _hangs_on(risk: Risk) -> str:
    if risk.target_id:
        return f"{risk.target.indicator.code} target"
    if risk.outcome_id:
        return f"{risk.outcome.code} {risk.outcome.title}"
    if risk.block_id:
        return risk.block.name
    return ""


def _psb_risks() -> list[_Risk]:
    """Every risk held by the PSB and not closed, highest score first (two queries)."""
    risks = (
        Risk.objects.filter(level=RiskLevel.PARTNERSHIP)
        .exclude(status=Risk.Status.CLOSED)
        .select_related(
            "owner",
            "owner_organisation",
            "block",
            "outcome__block",
            "target__indicator__primary_outcome",
        )
        .prefetch_related(
            Prefetch(
                "escalations",
                queryset=Escalation.objects.order_by("-decided_at", "-pk"),
                to_attr="escalations_latest_first",
            )
        )
    )
    out = []
    for risk in sorted(risks, key=lambda r: (-r.current_score, r.title)):
        escalations = risk.escalations_latest_first
        to_psb = [e for e in escalations if e.to_level == RiskLevel.PARTNERSHIP]
        latest = (to_psb or escalations or [None])[0]
        out.append(
            _Risk(
                item=RiskException(
                    pk=risk.pk,
                    title=risk.title,
                    description=risk.description,
                    owner=display_name(risk.owner),
                    owner_organisation=risk.owner_organisation.name
                    if risk.owner_organisation
                    else "",
                    score=risk.current_score,
                    band_label=risk.current_band.label,
                    status_label=risk.get_status_display(),
                    hangs_on=_hangs_on(risk),
                    escalation_reason=latest.reason if latest else "",
                    escalated_on=timezone.localdate(latest.decided_at) if latest else None,
                    review_date=risk.review_date,
                ),
                block_id=access.risk_block_id(risk),
                organisation_id=risk.owner_organisation_id,
                owner_id=risk.owner_id,
            )
        )
    return out


def _risk_matches(risk: _Risk, filters: ExceptionFilters) -> bool:
    return (filters.organisation is None or risk.organisation_id == filters.organisation) and (
        filters.lead is None or risk.owner_id == filters.lead
    )
