"""The public home page: the partnership's priorities and blocks, each with its published
indicators judged for the latest quarter whose round has closed.

The judgement is the scorecard's (:func:`reporting.scorecard.selectors.scorecard`), read
as the public (approved values only) and kept to published indicators. A constant number
of queries, whatever the number of indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from indicators.models import Indicator
from partnership import access
from partnership.models import Block, Outcome, Period, Priority
from public import rules
from public.selectors.quarters import last_updated, latest_closed_quarter
from reporting.returns.selectors.value_text import format_value
from reporting.scorecard.selectors import ScorecardRow, scorecard
from targets.rules import Rag


@dataclass(frozen=True)
class PublicIndicator:
    """A published indicator as the public pages list it."""

    code: str
    title: str
    slug: str
    organisation: str  # the lead partner: organisations only, never a person
    judged: bool  # False: no target to judge it against for the quarter
    value_text: str = ""
    value_period: str = ""
    target_text: str = ""
    target_when: str = ""  # "March 2027"
    rag: Rag = Rag.GREY
    direction: str = ""
    line: str = ""

    @property
    def rag_word(self) -> str:
        return self.rag.label

    @property
    def rag_shape(self) -> str:
        return rules.RAG_SHAPES[self.rag]


@dataclass(frozen=True)
class PublicBlock:
    name: str
    slug: str
    description: str
    indicators: tuple[PublicIndicator, ...]


@dataclass(frozen=True)
class PublicPriority:
    title: str
    description: str
    indicators: tuple[PublicIndicator, ...]


@dataclass(frozen=True)
class PublicHome:
    quarter_label: str  # "" before any round has closed
    last_updated: datetime | None
    blocks: tuple[PublicBlock, ...]
    priorities: tuple[PublicPriority, ...]

    @property
    def indicator_count(self) -> int:
        return sum(len(b.indicators) for b in self.blocks)


def month_year(day: date) -> str:
    return day.strftime("%B %Y")


def judged(row: ScorecardRow) -> PublicIndicator:
    """A scorecard row in the public's words."""
    when = month_year(row.target_period.end_date)
    return PublicIndicator(
        code=row.code,
        title=row.title,
        slug=row.slug,
        organisation=row.lead_organisation,
        judged=True,
        value_text=row.value_text,
        value_period=row.value_period.label if row.value is not None else "",
        target_text=format_value(
            row.target_value, unit=row.unit, decimal_places=row.decimal_places
        ),
        target_when=when,
        rag=row.rag,
        direction=row.direction.label,
        line=rules.plain_line(
            against_last_year=row.travel.against_last_year,
            against_previous=row.travel.against_previous,
            rag=row.rag,
            target_when=when,
        ),
    )


def public_home(*, today: date) -> PublicHome:
    """Everything the public home page shows."""
    quarter = latest_closed_quarter()
    published = list(
        Indicator.objects.filter(published=True, is_active=True)
        .select_related("lead_organisation", "primary_outcome")
        .order_by("code")
    )
    rows = _judged_rows(quarter, {i.pk for i in published}, today)
    items = {
        i.pk: rows.get(i.pk)
        or PublicIndicator(i.code, i.title, i.slug, i.lead_organisation.name, judged=False)
        for i in published
    }
    return PublicHome(
        quarter_label=quarter.label if quarter else "",
        last_updated=last_updated(),
        blocks=_blocks(published, items),
        priorities=_priorities(published, items),
    )


def _judged_rows(
    quarter: Period | None, published_ids: set[int], today: date
) -> dict[int, PublicIndicator]:
    if quarter is None or not published_ids:
        return {}
    card = scorecard(user=access.PUBLIC, period=quarter, today=today)
    return {r.indicator_id: judged(r) for r in card.rows if r.indicator_id in published_ids}


def _blocks(
    published: list[Indicator], items: dict[int, PublicIndicator]
) -> tuple[PublicBlock, ...]:
    by_block: dict[int, list[PublicIndicator]] = {}
    for indicator in published:
        by_block.setdefault(indicator.primary_outcome.block_id, []).append(items[indicator.pk])
    return tuple(
        PublicBlock(b.name, b.slug, b.description, tuple(by_block[b.pk]))
        for b in Block.objects.order_by("order", "name")
        if b.pk in by_block
    )


def _priorities(
    published: list[Indicator], items: dict[int, PublicIndicator]
) -> tuple[PublicPriority, ...]:
    """Each priority with the published indicators of the outcomes it covers, by their
    primary outcome; two queries."""
    outcomes_of: dict[int, set[int]] = {}
    for priority_id, outcome_id in Outcome.priorities.through.objects.values_list(
        "priority_id", "outcome_id"
    ):
        outcomes_of.setdefault(priority_id, set()).add(outcome_id)
    result = []
    for priority in Priority.objects.order_by("order", "title"):
        covered = outcomes_of.get(priority.pk, set())
        shown = tuple(items[i.pk] for i in published if i.primary_outcome_id in covered)
        if shown:
            result.append(PublicPriority(priority.title, priority.description, shown))
    return tuple(result)
