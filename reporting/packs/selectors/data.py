"""Reads for the Excel performance packs: what a pack holds, and the ``/packs/`` page.

:func:`pack_data` reads everything one pack shows, as plain data, in a constant number
of queries whatever the number of targets, indicators, areas or values. Its targets are
the shared :func:`reporting.scorecard.selectors.scorecard`'s rows, so that every value
and RAG in a pack is the one the exception dashboard gives; its exceptions are
:func:`reporting.dashboards.selectors.exceptions.exceptions_page`'s, as on the PSB dashboard.

What a pack may hold (the Cover says which):

- for the performance team (``access.roles_of(user).sees_everything``): approved
  values, and values submitted but not yet approved, marked "Submitted, not yet
  approved". A value in a draft (its return not submitted) is never in a pack: a target
  whose indicator has a draft value for the partnership's area, up to the quarter, is
  judged on approved values alone, as the dashboard judges it, so that a draft can
  change neither its value nor its RAG nor its direction of travel;
- for everyone else: approved values only, whoever they are.

Every value read goes through :func:`partnership.access.visible_values` as well. The
comparators and the flat table of values (the Data sheet) can run to tens and hundreds
of thousands of rows: each is read lazily, in one streamed query, when the pack is
written, so that a pack's memory does not grow with them.

Each part of a pack is read by the sibling module named after it: :mod:`.scope`,
:mod:`.values` (what a pack may hold), :mod:`.target_rows`, :mod:`.stretch`,
:mod:`.comparators`, :mod:`.risks`, :mod:`.actions`, :mod:`.funding` and
:mod:`.data_table`; the
``/packs/`` page by :mod:`.page`. This module puts a pack together, and the names other
modules import are importable from here too.

Nothing here reads the clock: pass ``today`` and ``generated_at`` in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from partnership.models import Period
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from partnership.periods import last_quarters
from reporting.dashboards.selectors.exceptions import (
    ExceptionFilters,
    ExceptionsPage,
    exceptions_page,
)
from reporting.packs.selectors.actions import ActionLine, action_lines
from reporting.packs.selectors.comparators import ComparatorLine, comparators
from reporting.packs.selectors.data_table import DataRow, data_table
from reporting.packs.selectors.funding import PackFunding, pack_funding
from reporting.packs.selectors.page import (
    Choice,
    PackLine,
    PacksPage,
    pack_file_name,
    pack_line,
    packs_page,
    visible_pack,
)
from reporting.packs.selectors.risks import RiskLine, risk_lines
from reporting.packs.selectors.scope import pack_target_count, scope_label, scope_names
from reporting.packs.selectors.stretch import StretchChart, stretch_charts
from reporting.packs.selectors.target_rows import (
    HISTORY_QUARTERS,
    PackBlock,
    PackRow,
    history_values,
    pack_blocks,
    rows_with_submitted,
)
from reporting.packs.selectors.values import (
    APPROVED,
    SUBMITTED,
    Point,
    includes_submitted,
    pack_area,
)
from reporting.scorecard.selectors import RagCounts, Scope, scorecard


@dataclass(frozen=True)
class PackData:
    """Everything one pack shows."""

    partnership_name: str
    area_name: str
    period: PeriodRef
    scope: Scope
    scope_label: str
    generated_at: datetime
    generated_by: str
    includes_submitted: bool
    history_periods: tuple[PeriodRef, ...]
    blocks: tuple[PackBlock, ...]
    totals: RagCounts
    stretch: tuple[StretchChart, ...]
    exceptions: ExceptionsPage
    comparator_periods: tuple[PeriodRef, ...]
    comparator_count: int
    risks: tuple[RiskLine, ...]
    actions: tuple[ActionLine, ...]
    funding: PackFunding
    data_count: int
    # The Comparators sheet's lines and the flat table (the Data sheet), each read in one
    # streamed query only when called: they may be very long.
    comparator_lines: Callable[[], Iterable[ComparatorLine]] = field(compare=False, repr=False)
    data_rows: Callable[[], Iterator[DataRow]] = field(compare=False, repr=False)

    @property
    def rows(self) -> tuple[PackRow, ...]:
        return tuple(row for block in self.blocks for row in block.rows)

    @property
    def covers(self) -> str:
        """What the data covers, for the Cover."""
        if self.includes_submitted:
            return (
                "Approved values, and values submitted by outcome leads but not yet approved "
                f'(marked "{SUBMITTED}"). Values still in draft are not included.'
            )
        return "Approved values only."


def pack_data(
    *,
    user: Any,
    period: Period,
    today: date,
    generated_at: datetime,
    scope: Scope | None = None,
    partnership_name: str = "",
) -> PackData:
    """Everything the pack of the quarter ``period`` in ``scope`` shows to ``user``."""
    scope = scope or Scope()
    ref = period.ref
    with_submitted = includes_submitted(user)
    area = pack_area()

    card = scorecard(user=user, period=period, today=today, scope=scope)
    rows = list(card.rows)
    if with_submitted:
        rows = rows_with_submitted(user, period, today, scope, rows, area)
    indicator_ids = list(dict.fromkeys(row.indicator_id for row in rows))
    history_periods = tuple(last_quarters(ref, HISTORY_QUARTERS))
    history = history_values(user, area, indicator_ids, history_periods, with_submitted)
    blocks = pack_blocks(rows, history, history_periods, with_submitted)
    block_name, organisation_name = scope_names(scope)
    return PackData(
        partnership_name=partnership_name,
        area_name=card.area_name,
        period=ref,
        scope=scope,
        scope_label=scope_label(
            block_name=block_name,
            organisation_name=organisation_name,
            stretch_only=scope.stretch_only,
        ),
        generated_at=generated_at,
        generated_by=display_name(user),
        includes_submitted=with_submitted,
        history_periods=history_periods,
        blocks=blocks,
        totals=RagCounts.of_rows(rows),
        stretch=stretch_charts(area, rows, history, history_periods),
        exceptions=_exceptions(user, period, today, scope),
        **comparators(user, rows, ref, with_submitted),
        risks=risk_lines(scope, rows, card.outcomes, period=period, today=today),
        actions=action_lines(scope, rows, card.outcomes, today),
        funding=pack_funding(scope, card.outcomes),
        **data_table(user, rows, period, with_submitted),
    )


def _exceptions(user: Any, period: Period, today: date, scope: Scope) -> ExceptionsPage:
    """The exceptions in scope, as on the Public Service Board's dashboard."""
    return exceptions_page(
        user=user,
        period=period,
        today=today,
        filters=ExceptionFilters(
            block=scope.block,
            organisation=scope.organisation,
            stretch_only=scope.stretch_only,
        ),
    )


__all__ = [
    "APPROVED",
    "SUBMITTED",
    "ActionLine",
    "Choice",
    "ComparatorLine",
    "DataRow",
    "PackBlock",
    "PackData",
    "PackLine",
    "PackRow",
    "PacksPage",
    "Point",
    "RiskLine",
    "StretchChart",
    "includes_submitted",
    "pack_data",
    "pack_file_name",
    "pack_line",
    "pack_target_count",
    "packs_page",
    "scope_label",
    "visible_pack",
]
