"""An outcome's delivery plan (``/outcomes/<slug>/``): the five steps on one page.

1. Where are we now: the outcome's indicators with their latest approved value, RAG,
   direction of travel and comparators (the comparator areas, region and England for
   the same period), from the shared scorecard.
2. What evidence do we have: written by the outcome's lead (``DeliveryPlan.evidence``).
3. Where are we trying to reach: each target, its value and date, and its trajectory.
4. How will we get there: the options and what works, with links (written by the lead).
5. What do we need to do: the actions, with their flags (overdue, no progress reported
   this quarter), and each target's plan state ("off track with no action plan").

A constant number of queries whatever the number of targets or actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.text import slugify

from indicators.models import IndicatorValue
from partnership import access
from partnership.models import Area, Outcome, Period
from partnership.people import display_name
from reporting.dashboards.selectors.exceptions import indicator_href
from reporting.returns.selectors.return_page import format_value
from reporting.scorecard.selectors import Scope, ScorecardRow, scorecard
from targets.models import Action, DeliveryPlan, Milestone
from targets.plan_rules import PlanState, reporting_quarter
from targets.plan_selectors import ActionRow, action_rows, actions_read

COMPARATOR_KINDS = (Area.Kind.COMPARATOR, Area.Kind.REGION, Area.Kind.ENGLAND)


class OutcomeNotFound(LookupError):
    """No outcome at that address (the page answers 404)."""


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # "" when the line gave no web address: shown as text


@dataclass(frozen=True)
class PlanTarget:
    row: ScorecardRow
    href: str | None
    comparators: tuple[tuple[str, str], ...]  # (area name, value) for the row's period
    trajectory: tuple[tuple[str, str], ...]  # (period label, milestone value)

    @property
    def plan_state(self) -> PlanState:
        return self.row.plan_state


@dataclass(frozen=True)
class PlanPage:
    outcome_id: int
    slug: str
    code: str
    title: str
    description: str
    block_name: str
    block_slug: str
    lead_person: str
    lead_organisation: str
    period_label: str
    reporting_quarter_label: str
    targets: tuple[PlanTarget, ...]
    evidence: str
    options: str
    links: tuple[Link, ...]
    version: int  # the written steps' version; 0 before they are first written
    actions: tuple[ActionRow, ...]
    can_edit: bool

    @property
    def off_track_without_plan(self) -> tuple[PlanTarget, ...]:
        return tuple(t for t in self.targets if t.plan_state.off_track_without_plan)

    @property
    def funding_total(self) -> Decimal:
        return sum((a.funding_amount or Decimal(0) for a in self.actions), Decimal(0))

    @property
    def live_actions(self) -> int:
        return sum(1 for a in self.actions if a.live)


def outcome_named(slug: str) -> Outcome:
    """The outcome whose code makes ``slug`` ("cyp-1" for "CYP 1"), in one query."""
    for outcome in Outcome.objects.select_related(
        "block", "lead_person", "lead_organisation"
    ).order_by("code"):
        if slugify(outcome.code) == slug:
            return outcome
    raise OutcomeNotFound(slug)


def action_of(outcome: Outcome, pk: int) -> Action | None:
    """The outcome's action ``pk`` (None for another outcome's or none)."""
    return (
        Action.objects.filter(outcome=outcome, pk=pk)
        .prefetch_related("other_partners", "targets")
        .first()
    )


def plan_page(*, user: Any, outcome: Outcome, period: Period | None, today: date) -> PlanPage:
    """Everything the plan of ``outcome`` shows, its data for the quarter ``period``."""
    rows: list[ScorecardRow] = []
    if period is not None:
        card = scorecard(
            user=user, period=period, today=today, scope=Scope(block=outcome.block.slug)
        )
        rows = [row for row in card.rows if row.outcome_id == outcome.pk]
    plan = DeliveryPlan.objects.filter(outcome=outcome).first()
    actions = actions_read(Action.objects.filter(outcome=outcome)).order_by("due_date", "pk")
    return PlanPage(
        outcome_id=outcome.pk,
        slug=slugify(outcome.code),
        code=outcome.code,
        title=outcome.title,
        description=outcome.description,
        block_name=outcome.block.name,
        block_slug=outcome.block.slug,
        lead_person=display_name(outcome.lead_person),
        lead_organisation=outcome.lead_organisation.name,
        period_label=period.label if period is not None else "",
        reporting_quarter_label=reporting_quarter(today).label,
        targets=_targets(user, rows, outcome.block.slug),
        evidence=plan.evidence if plan else "",
        options=plan.options if plan else "",
        links=links_of(plan.links if plan else ""),
        version=plan.version if plan else 0,
        actions=action_rows(actions, today),
        can_edit=access.can_edit_plan(user, outcome),
    )


def _targets(user: Any, rows: list[ScorecardRow], block_slug: str) -> tuple[PlanTarget, ...]:
    """Each target with its comparators and trajectory (two queries)."""
    compared = _comparators(user, rows)
    by_target = {row.target_id: row for row in rows}
    milestones: dict[int, list[tuple[str, str]]] = {}
    for milestone in (
        Milestone.objects.filter(target_id__in=[row.target_id for row in rows])
        .select_related("period")
        .order_by("period__end_date")
    ):
        milestones.setdefault(milestone.target_id, []).append(
            (milestone.period.label, _text(by_target[milestone.target_id], milestone.value))
        )
    return tuple(
        PlanTarget(
            row=row,
            href=indicator_href(row.slug, block_slug=block_slug),
            comparators=compared.get(row.indicator_id, ()),
            trajectory=tuple(milestones.get(row.target_id, ())),
        )
        for row in rows
    )


def _comparators(user: Any, rows: list[ScorecardRow]) -> dict[int, tuple[tuple[str, str], ...]]:
    """The approved values of other areas for each row's period (one query)."""
    periods = {row.indicator_id: row.value_period.code for row in rows}
    by_indicator = {row.indicator_id: row for row in rows}
    found = access.visible_values(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=periods,
            area__kind__in=COMPARATOR_KINDS,
            period__code__in=set(periods.values()),
            is_approved=True,
        ),
    ).values_list("indicator_id", "period__code", "area__name", "area__kind", "value")
    order = {kind: n for n, kind in enumerate(COMPARATOR_KINDS)}
    out: dict[int, list[tuple[int, str, str]]] = {}
    for indicator_id, code, area, kind, value in found:
        if periods.get(indicator_id) == code and value is not None:
            text = _text(by_indicator[indicator_id], value)
            out.setdefault(indicator_id, []).append((order[kind], area, text))
    return {pk: tuple((a, v) for _, a, v in sorted(lines)) for pk, lines in out.items()}


def _text(row: ScorecardRow, value: Decimal) -> str:
    return format_value(value, unit=row.unit, decimal_places=row.decimal_places)


def links_of(text: str) -> tuple[Link, ...]:
    """Each line of the plan's links: the text before a web address, and the address
    (only http and https: anything else is shown as text, never as a link)."""
    links = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        words = line.split()
        address = words[-1]
        if address.startswith(("https://", "http://")):
            links.append(Link(" ".join(words[:-1]) or address, address))
        else:
            links.append(Link(line, ""))
    return tuple(links)
