"""The scorecard: every target of the partnership's area, judged for one quarter.

One read shared by the exception dashboard, the board view and the Excel packs. For each
target in scope it gives one :class:`ScorecardRow` of plain data: the indicator, its
block, outcome and lead, the value for the quarter as the person may see it, the
milestone (:func:`targets.selectors.target_context`), RAG, direction of travel, stretch
achievement against the reward floor, and the outcome's return for the quarter (state,
forecast and commentary, only when the person may read it). Every judgement is a rule of
:mod:`targets.rules`, the same functions as the return page.

What a value "for the quarter" is:

- a quarterly or monthly indicator: its value for the quarter;
- an annual or biennial indicator: its latest yearly figure known by the end of the
  quarter (the year's own period, or its Q4), from this year or the one before (two
  before for a biennial one). ``value_period`` says which; the milestone is the one
  for that period, and direction compares it with the year before (two for biennial).

``approved_only`` (the default, and what the dashboards use) shows approved values and
approved returns' commentary only, whoever reads it; with False the person sees what
:func:`partnership.access.visible_values` and ``visible_returns`` allow, each value
flagged ``is_approved`` so a page or pack can mark those not yet approved.

A constant number of queries, whatever the number of targets, indicators or areas.
Nothing here reads the clock: pass ``today`` in.

Each module holds one part: ``rows`` the plain data (scope, rows, outcome lines, RAG
counts), ``quarters`` the quarter a scorecard is for, ``values`` which values stand for
the quarter and reading them, ``outcomes`` the outcomes and their returns, ``judging``
one target judged into its row, and ``card`` the whole scorecard.
"""

from reporting.returns.selectors.return_page import DASH
from reporting.scorecard.selectors.card import scorecard
from reporting.scorecard.selectors.quarters import (
    PeriodNotFound,
    QuarterNote,
    default_quarter,
    default_quarter_code,
    quarter_named,
    quarter_note,
    quarter_options,
)
from reporting.scorecard.selectors.rows import (
    COMMON_CAUSE_AMBER,
    RAG_ORDER,
    OutcomeReturn,
    RagCounts,
    Scope,
    Scorecard,
    ScorecardRow,
)

__all__ = [
    "COMMON_CAUSE_AMBER",
    "DASH",
    "RAG_ORDER",
    "OutcomeReturn",
    "PeriodNotFound",
    "RagCounts",
    "Scope",
    "Scorecard",
    "ScorecardRow",
    "default_quarter",
    "default_quarter_code",
    "quarter_note",
    "QuarterNote",
    "quarter_named",
    "quarter_options",
    "scorecard",
]
