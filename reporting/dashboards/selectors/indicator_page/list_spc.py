"""What statistical process control says of each indicator on the list of indicators:
the variation of its latest value and its assurance against the target, for the
partnership area, as its own page says (:mod:`.spc`).

Only approved values count, whoever is looking (a draft is not yet part of the process),
and the assurance judges the partnership area's target value. Three queries, whatever
the number of indicators or values: the partnership area, its approved values and its
targets. Being of approved values, the judgements are the same for everyone who may use
the site, and kept with the scorecards (:mod:`reporting.scorecard.cache`, read afresh
when values are approved or an indicator or target is saved).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from indicators.enums import Polarity
from indicators.models import Indicator, IndicatorValue
from partnership import access
from partnership.cache import shape
from partnership.periods import Period as PeriodRef
from reporting.dashboards.selectors.indicator_page.values import partnership_area_or_none
from reporting.scorecard.cache import SCORECARDS
from targets.models import Target
from targets.selectors import spc_process
from targets.spc import Assurance, Variation, spc
from targets.spc_series import chart_series


@dataclass(frozen=True)
class SpcJudgement:
    variation: Variation
    assurance: Assurance

    @property
    def variation_label(self) -> str:
        return self.variation.label

    @property
    def assurance_label(self) -> str:
        return self.assurance.label


NO_JUDGEMENT = SpcJudgement(Variation.NOT_ENOUGH_DATA, Assurance.NOT_ASSESSED)
JUDGEMENT_SHAPE = shape(SpcJudgement)  # what a kept judgement holds: part of its key


def spc_judgements(*, user: Any, indicators: Iterable[Indicator]) -> dict[int, SpcJudgement]:
    """Each indicator's variation and assurance, by id, from the partnership area's
    approved values in time order; not enough data without a partnership area."""
    indicators = list(indicators)
    area = partnership_area_or_none()
    if area is None or not indicators:
        return {}
    if not access.can_use_site(user):
        return {indicator.pk: NO_JUDGEMENT for indicator in indicators}
    ids = sorted(indicator.pk for indicator in indicators)
    which = hashlib.sha1(",".join(map(str, ids)).encode()).hexdigest()
    return SCORECARDS.kept(
        ("spc", JUDGEMENT_SHAPE, area.pk, which), partial(_judged, indicators, area, user)
    )


def _judged(indicators: list[Indicator], area: Any, user: Any) -> dict[int, SpcJudgement]:
    ids = [indicator.pk for indicator in indicators]
    values = access.visible_values(
        user, IndicatorValue.objects.filter(indicator_id__in=ids, area=area, is_approved=True)
    ).values_list("indicator_id", "period__code", "value")
    series: dict[int, list[tuple[PeriodRef, Decimal]]] = {}
    for indicator_id, code, value in values:
        series.setdefault(indicator_id, []).append((PeriodRef.parse(code), value))
    targets = dict(
        Target.objects.filter(indicator_id__in=ids, area=area).values_list(
            "indicator_id", "target_value"
        )
    )
    judged = {}
    for indicator in indicators:
        # As the indicator page charts it: a year-to-date count on its quarterly increments,
        # with the change of process the performance team recorded.
        charted = chart_series(
            series.get(indicator.pk, ()),
            accumulation=indicator.accumulation,
            unit=indicator.unit,
            target=targets.get(indicator.pk),
        )
        process = spc_process(indicator, [period for period, _ in charted.points])
        chart = spc(
            [value for _, value in charted.points],
            polarity=Polarity(indicator.polarity),
            target=charted.target,
            baseline_points=process.baseline_points,
            rebase_at=process.rebase_at,
        )
        judged[indicator.pk] = SpcJudgement(chart.variation, chart.assurance)
    return judged
