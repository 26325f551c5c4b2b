"""Writes of the partnership app."""

from partnership.models import Period
from partnership.periods import Period as PeriodRef


def period_get_or_create(ref: PeriodRef | str) -> Period:
    """The stored period for a year or quarter, created with its dates the first time."""
    ref = PeriodRef.parse(ref) if isinstance(ref, str) else ref
    period, _ = Period.objects.get_or_create(
        code=ref.code, defaults={"start_date": ref.start_date, "end_date": ref.end_date}
    )
    return period
