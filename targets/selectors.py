"""Reads of targets and their trajectories, for every page that judges a value.

:func:`target_context` reads the targets of many indicators for one area, with their
milestones, in a constant number of queries, and works out the milestone expected at
each period asked for with :func:`targets.rules.trajectory`. What it returns is plain
data: RAG and direction are then the pure rules of :mod:`targets.rules`, the same
functions wherever a value is judged (the return page, dashboards, packs, the API).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings

from indicators.enums import ADDITIVE_UNITS, Accumulation, Polarity
from partnership.periods import Period as PeriodRef
from targets import rules
from targets.models import Milestone, Target
from targets.spc import MIN_POINTS
from targets.spc_series import ProcessOptions, process_options


def default_tolerance_pct() -> Decimal:
    """The partnership's amber tolerance, for targets that do not set their own."""
    return Decimal(str(settings.RAG_TOLERANCE_PCT))


@dataclass(frozen=True)
class TargetContext:
    """An indicator's target for an area, and the milestone at each period asked for.

    ``milestones`` holds a value only for the periods that have one: a period before
    the baseline has none, and neither does any period when the target's trajectory
    cannot be worked out (``problem`` then says why, for the performance team).
    """

    indicator_id: int
    polarity: Polarity
    accumulation: Accumulation
    kind: str
    kind_label: str
    baseline_value: Decimal
    baseline_period: PeriodRef
    target_value: Decimal
    target_period: PeriodRef
    standard_target_value: Decimal | None
    tolerance_pct: Decimal
    milestones: Mapping[PeriodRef, Decimal] = field(default_factory=dict)
    problem: str = ""

    @property
    def is_stretch(self) -> bool:
        return self.kind == Target.Kind.STRETCH

    def milestone(self, period: PeriodRef) -> Decimal | None:
        """The value expected at ``period``, or None when there is none to judge against."""
        return self.milestones.get(period)

    def rag(self, *, actual: Decimal | None, period: PeriodRef) -> rules.Rag:
        """The RAG rating of ``actual`` for ``period`` (:func:`targets.rules.rag`)."""
        return rules.rag(
            actual=actual,
            milestone=self.milestone(period),
            polarity=self.polarity,
            tolerance_pct=self.tolerance_pct,
        )


def _ref(period: Any) -> PeriodRef:
    """A plain period from a stored ``partnership.models.Period`` or a plain one."""
    return period if isinstance(period, PeriodRef) else period.ref


def target_context(
    *, indicator_ids: Iterable[int], area: Any, periods: Iterable[Any]
) -> dict[int, TargetContext]:
    """The target of each indicator for ``area``, with its milestone at each of ``periods``.

    ``area`` is an ``Area`` or its id; ``periods`` are stored or plain periods. Indicators
    without a target for the area are left out: their values are "data only" (grey).

    Milestones follow :func:`targets.rules.trajectory`, with the indicator's accumulation
    (a year-to-date indicator gets its year-to-date milestone for a quarter). The amber
    tolerance is the target's own, else the partnership's (``RAG_TOLERANCE_PCT``).

    Two queries of plain rows (no model instances), whatever the number of indicators
    and periods.
    """
    ids = list(dict.fromkeys(indicator_ids))
    if not ids:
        return {}
    area_id = getattr(area, "pk", area)
    wanted = list(dict.fromkeys(_ref(p) for p in periods))
    targets = list(
        Target.objects.filter(indicator_id__in=ids, area_id=area_id).values(*_TARGET_FIELDS)
    )
    milestones: dict[int, dict[PeriodRef, Decimal]] = {}
    for target_id, code, value in Milestone.objects.filter(
        target_id__in=[t["id"] for t in targets]
    ).values_list("target_id", "period__code", "value"):
        milestones.setdefault(target_id, {})[PeriodRef.parse(code)] = value
    default = default_tolerance_pct()
    return {
        t["indicator_id"]: _context(t, milestones.get(t["id"], {}), wanted, default)
        for t in targets
    }


_TARGET_FIELDS = (
    "id",
    "indicator_id",
    "kind",
    "baseline_value",
    "baseline_period__code",
    "target_value",
    "target_period__code",
    "standard_target_value",
    "tolerance_pct",
    "indicator__polarity",
    "indicator__accumulation",
    "indicator__unit",
)


def _context(
    target: dict[str, Any],
    milestones: Mapping[PeriodRef, Decimal],
    wanted: list[PeriodRef],
    default_tolerance: Decimal,
) -> TargetContext:
    """One target's context (a row of :data:`_TARGET_FIELDS`), with its milestones at the
    ``wanted`` periods."""
    accumulation = Accumulation(target["indicator__accumulation"])
    baseline_period = PeriodRef.parse(target["baseline_period__code"])
    target_period = PeriodRef.parse(target["target_period__code"])
    try:
        expected = rules.trajectory(
            baseline_period=baseline_period,
            baseline_value=target["baseline_value"],
            target_period=target_period,
            target_value=target["target_value"],
            milestones=milestones,
            periods=wanted,
            accumulation=accumulation,
            additive=target["indicator__unit"] in ADDITIVE_UNITS,
        )
        problem = ""
    except ValueError as error:
        # A target set up wrongly must not stop a page: its values are judged grey.
        expected, problem = {}, str(error)
    tolerance = target["tolerance_pct"]
    return TargetContext(
        indicator_id=target["indicator_id"],
        polarity=Polarity(target["indicator__polarity"]),
        accumulation=accumulation,
        kind=target["kind"],
        kind_label=Target.Kind(target["kind"]).label,
        baseline_value=target["baseline_value"],
        baseline_period=baseline_period,
        target_value=target["target_value"],
        target_period=target_period,
        standard_target_value=target["standard_target_value"],
        tolerance_pct=tolerance if tolerance is not None else default_tolerance,
        milestones=expected,
        problem=problem,
    )


def spc_process(indicator: Any, periods: Sequence[PeriodRef]) -> ProcessOptions:
    """How the indicator's recorded change of process applies to a series of ``periods``
    (its ``spc_rebased_from`` and ``spc_baseline_points``; no query)."""
    code = indicator.spc_rebased_from
    return process_options(
        periods,
        rebased_from=PeriodRef.parse(code) if code else None,
        baseline_points=indicator.spc_baseline_points,
        min_points=MIN_POINTS,
    )
