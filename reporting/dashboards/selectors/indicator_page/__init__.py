"""Reads for the indicator pages: the list of indicators and one indicator's page.

:func:`indicator_list` reads every active indicator, grouped by block and outcome, in one
query. :func:`indicator_page` reads everything an indicator's page shows, in a fixed
number of queries whatever the number of areas, periods, values or returns: the
definition, the outcomes that use it, related indicators, the partnership area's target
(from :func:`targets.selectors.target_context`), the trend of the values the person may
see for the partnership area, the comparator areas, the region and England, the latest
RAG and direction of travel, the projection to the target period, and the commentary
history of the outcome whose return collects it.

Only values the person may see are read (:func:`partnership.access.visible_values`:
approved values only for boards, the PSB and scrutiny), and only the returns they may
see (:func:`partnership.access.visible_returns`). RAG, direction of travel and the
projection are the pure rules of :mod:`targets.rules`. Nothing here reads the clock.

Each module reads one part of the page: ``listing`` the list of indicators,
``definition`` the indicator and the outcomes and indicators it links to, ``values`` the
values seen and the trend's columns, ``target`` the partnership area's target, ``trend``
the trend and its comparators, ``latest`` the latest value judged, ``projection`` where
the trend leads, ``spc`` the statistical process control chart of the approved values
(:mod:`targets.spc`), ``sub_areas`` the latest values by sub-area, ``commentary`` the
outcome's returns and what was said, and ``page`` the whole page.
"""

from reporting.dashboards.selectors.indicator_page.commentary import CommentaryEntry
from reporting.dashboards.selectors.indicator_page.definition import (
    ACCUMULATION_LABELS,
    FREQUENCY_LABELS,
    IndicatorNotFound,
    OutcomeLink,
    RelatedLink,
)
from reporting.dashboards.selectors.indicator_page.latest import Latest
from reporting.dashboards.selectors.indicator_page.listing import (
    BlockGroup,
    IndicatorLine,
    IndicatorList,
    OutcomeGroup,
    indicator_list,
)
from reporting.dashboards.selectors.indicator_page.page import IndicatorPage, indicator_page
from reporting.dashboards.selectors.indicator_page.projection import ProjectionSummary
from reporting.dashboards.selectors.indicator_page.spc import SpcPoint, SpcSummary
from reporting.dashboards.selectors.indicator_page.target import TargetSummary
from reporting.dashboards.selectors.indicator_page.trend import (
    Trend,
    TrendMark,
    TrendPoint,
    TrendSeries,
)
from reporting.dashboards.selectors.indicator_page.values import (
    DASH,
    TREND_AREA_KINDS,
    TREND_QUARTERS,
    TREND_YEARS,
    YEARLY_FREQUENCIES,
    value_text,
)

__all__ = [
    "ACCUMULATION_LABELS",
    "DASH",
    "FREQUENCY_LABELS",
    "TREND_AREA_KINDS",
    "TREND_QUARTERS",
    "TREND_YEARS",
    "YEARLY_FREQUENCIES",
    "BlockGroup",
    "CommentaryEntry",
    "IndicatorLine",
    "IndicatorList",
    "IndicatorNotFound",
    "IndicatorPage",
    "Latest",
    "OutcomeGroup",
    "OutcomeLink",
    "ProjectionSummary",
    "RelatedLink",
    "SpcPoint",
    "SpcSummary",
    "TargetSummary",
    "Trend",
    "TrendMark",
    "TrendPoint",
    "TrendSeries",
    "indicator_list",
    "indicator_page",
    "value_text",
]
