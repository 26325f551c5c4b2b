"""The Public Service Board's exception dashboard (``/exceptions/``) for one quarter.

The rules of what is an exception, each tested by name:

- every stretch target, whatever its RAG;
- every target rated red or amber;
- every target whose direction of travel is worsening (even when green);
- every target whose statistical process control shows special cause concern, or whose
  target the process will consistently fail (with 12 approved values or more);
- every outcome whose return is late or missing: not submitted or approved by its due
  date (:func:`reporting.rules.timeliness.return_timeliness`), or submitted after it;
- every risk held by the PSB (level "partnership") that is not closed, with the reason
  it was escalated.

A target meeting several rules is listed once, with every reason. The targets come from
the shared :func:`reporting.scorecard.selectors.scorecard` (approved values only, for
everyone), grouped by block and then by outcome, with the outcome's lead, commentary and
forecast. The page also counts every target by block and RAG (the headline) and sums the
targets of each PSB priority by RAG.

Filters (block, partner, lead, RAG, stretch targets only, signals only) narrow the
exceptions; "signals only" keeps the targets with special cause concern or consistently
failing their target. A
target's partner and lead are its own, else its indicator's (for the person, else its
outcome's); a return's are its outcome's; a risk's are its owner's. The
headline and priorities follow every filter but RAG and signals, so that the chart still
shows the whole picture of what was chosen. RAG, stretch and signals are filters of
targets: with any, returns and risks are not listed. A filter value that matches none of
the options is ignored and named in ``ignored``, for the page to say so.

A constant number of queries, whatever the number of targets, outcomes or risks.

Each module holds one part: ``links`` where an exception links to, ``filters`` the
filters and their options, ``reasons`` the rules of what is an exception, ``risks`` the
risks held by the PSB, ``groups`` the exceptions of each block, ``priorities`` the PSB
priorities by RAG, and ``page`` the whole page.
"""

from reporting.dashboards.selectors.exceptions.filters import (
    RAG_CHOICES,
    ExceptionFilters,
    Option,
    Options,
)
from reporting.dashboards.selectors.exceptions.groups import (
    BlockExceptions,
    OutcomeExceptions,
    ReturnException,
    TargetException,
)
from reporting.dashboards.selectors.exceptions.links import indicator_href, return_href
from reporting.dashboards.selectors.exceptions.page import (
    BlockCounts,
    ExceptionsPage,
    exceptions_page,
)
from reporting.dashboards.selectors.exceptions.priorities import PriorityLine
from reporting.dashboards.selectors.exceptions.reasons import return_exception, target_reasons
from reporting.dashboards.selectors.exceptions.risks import RiskException

__all__ = [
    "RAG_CHOICES",
    "BlockCounts",
    "BlockExceptions",
    "ExceptionFilters",
    "ExceptionsPage",
    "Option",
    "Options",
    "OutcomeExceptions",
    "PriorityLine",
    "ReturnException",
    "RiskException",
    "TargetException",
    "exceptions_page",
    "indicator_href",
    "return_exception",
    "return_href",
    "target_reasons",
]
