"""Reads for the rounds page (``/returns/rounds/``): every round with its returns
counted, and the quarters a round can be opened for, with their usual dates.

One query for the rounds, whatever their number, and one for the partnership's
calendar. Nothing here reads the clock: the view passes ``today`` in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from partnership.models import Outcome
from partnership.periods import Period as PeriodRef
from reporting.calendar.models import PartnershipCalendar
from reporting.calendar.selectors import calendar_current
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.rules.cycle_plan import plan_for_quarter
from reporting.rules.due import due_frequencies

State = QuarterlyReturn.State
RoundState = ReturnRound.State

# How far back the rounds page offers quarters to open a round for.
QUARTERS_OFFERED = 8


@dataclass(frozen=True)
class RoundDates:
    opens_on: date
    due_on: date
    closes_on: date


@dataclass(frozen=True)
class RoundLine:
    pk: int
    code: str
    quarter: str
    opens_on: date
    due_on: date
    closes_on: date
    state: str
    state_label: str
    returns: int
    submitted: int
    approved: int

    @property
    def can_close(self) -> bool:
        return self.state == RoundState.OPEN


@dataclass(frozen=True)
class QuarterOption:
    code: str
    label: str
    dates: RoundDates | None  # None: not a quarter a round can be opened for


@dataclass(frozen=True)
class RoundsPage:
    rounds: tuple[RoundLine, ...]
    quarters_to_open: tuple[QuarterOption, ...]


def default_round_dates(quarter: PeriodRef, *, calendar: PartnershipCalendar) -> RoundDates:
    """The usual dates of a quarter's round, as the partnership's calendar sets them
    (working days, skipping weekends and bank holidays)."""
    plan = plan_for_quarter(calendar, quarter)
    return RoundDates(plan.opens_on, plan.due_on, plan.closes_on)


def rounds_page(*, today: date) -> RoundsPage:
    """Every round with its returns counted, and the quarters a round can be opened for:
    the latest completed quarters, newest first, without an open or closed round."""
    rounds = (
        ReturnRound.objects.select_related("period")
        .annotate(
            return_count=Count("returns"),
            submitted_count=Count("returns", filter=Q(returns__state=State.SUBMITTED)),
            approved_count=Count("returns", filter=Q(returns__state=State.APPROVED)),
        )
        .order_by("-period__end_date")
    )
    lines = tuple(
        RoundLine(
            pk=r.pk,
            code=r.period.code,
            quarter=r.period.label,
            opens_on=r.opens_on,
            due_on=r.due_on,
            closes_on=r.closes_on,
            state=r.state,
            state_label=r.get_state_display(),
            returns=r.return_count,
            submitted=r.submitted_count,
            approved=r.approved_count,
        )
        for r in rounds
    )
    taken = {line.code for line in lines if line.state != RoundState.SCHEDULED}
    latest = PeriodRef.latest_completed_quarter(today)
    calendar = calendar_current()
    quarters = tuple(
        QuarterOption(q.code, q.long_label, default_round_dates(q, calendar=calendar))
        for q in (latest.shift(-n) for n in range(QUARTERS_OFFERED))
        if q.code not in taken
    )
    return RoundsPage(rounds=lines, quarters_to_open=quarters)


def outcomes_due(quarter: PeriodRef) -> QuerySet[Outcome]:
    """The outcomes that make a return for ``quarter``: those with an active indicator
    collected through them and due that quarter (see :func:`due_frequencies`). Opening a
    round gives each a return; the cycle page's preview counts them."""
    return Outcome.objects.filter(
        primary_indicators__is_active=True,
        primary_indicators__frequency__in=due_frequencies(quarter.quarter or 4),
    ).distinct()
