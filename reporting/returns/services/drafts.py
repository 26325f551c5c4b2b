"""Saving a quarterly return as a draft: what the lead entered, checked, then written.

``return_save`` checks every value entered before it writes any: against the return
(only the indicators it collects, each once), against the indicator's unit, and against
the data quality checks (``comparisons``), whose flag needs the lead's confirmation and
a note. Then it writes the values, the reasons given for missing ones, and the
commentary, and the return becomes a draft with its version one higher.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from indicators.enums import ValueStatus
from indicators.models import Indicator, IndicatorValue
from indicators.services import value_clear, value_record
from indicators.validation import (
    CheckedValue,
    ValueProblem,
    comparable_periods,
    quality_flag,
    validate_entry,
)
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area, Period
from partnership.selectors import partnership_area
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.common import indicators_collected
from reporting.returns.services.common import check_version, lock_return, refuse, save
from targets.rules import Rag
from targets.services import ActionReport, action_progress_record

State = QuarterlyReturn.State

# ------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class ValueEntry:
    """What was entered for one indicator of a return.

    A value of None with no numerator and denominator is a missing value: it needs a
    ``not_available_reason`` (and, where known, ``expected_on``) before the return is
    submitted. ``confirmed`` is the lead's confirmation that a value flagged by the
    data quality checks is right; it also needs a note saying why.
    """

    indicator_id: int
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: str = ValueStatus.PROVISIONAL
    note: str = ""
    not_available_reason: str = ""
    expected_on: date | None = None
    confirmed: bool = False


@dataclass(frozen=True)
class Commentary:
    progress_summary: str = ""
    going_well: str = ""
    concerns_and_actions: str = ""
    beyond_our_control: str = ""
    forecast_rag: str = ""  # a Rag value, or "" for no forecast


# An entry that passed every check, with its indicator and its value as checked.
Write = tuple[Indicator, ValueEntry, CheckedValue]


# ------------------------------------------------------------------ comparisons


def _plain(number: Decimal | None) -> str:
    return "" if number is None else format(number, "f")


@dataclass(frozen=True)
class Comparison:
    """What a value entered for a period is checked against (see ``quality_flag``)."""

    saved: Decimal | None
    previous: Decimal | None
    history: tuple[Decimal, ...]

    def flag(self, *, value: Decimal | None, unit: str) -> str | None:
        return quality_flag(
            value=value,
            unit=unit,
            saved=self.saved,
            previous_comparable=self.previous,
            history=self.history,
        )


def comparisons(
    *, indicators: Iterable[Indicator], area: Area, period: Period
) -> dict[int, Comparison]:
    """For each indicator: its value saved for ``period``, its previous comparable value
    and its history, in one query."""
    ref = period.ref
    plans = {
        indicator.pk: comparable_periods(
            period=ref, frequency=indicator.frequency, accumulation=indicator.accumulation
        )
        for indicator in indicators
    }
    codes = {p.code for plan in plans.values() for p in (plan.previous, *plan.history)}
    codes.add(ref.code)
    stored = {
        (indicator_id, code): value
        for indicator_id, code, value in IndicatorValue.objects.filter(
            indicator_id__in=plans, area=area, period__code__in=codes
        ).values_list("indicator_id", "period__code", "value")
    }
    return {
        pk: Comparison(
            saved=stored.get((pk, ref.code)),
            previous=stored.get((pk, plan.previous.code)),
            history=tuple(stored[(pk, p.code)] for p in plan.history if (pk, p.code) in stored),
        )
        for pk, plan in plans.items()
    }


@transaction.atomic
def return_save(
    *,
    quarterly_return: QuarterlyReturn,
    version: int,
    values: Sequence[ValueEntry],
    commentary: Commentary,
    actor: Any,
    reason: str = "",
    actions: Sequence[ActionReport] = (),
) -> QuarterlyReturn:
    """Save a return as a draft: its values, its commentary and its forecast.

    Each value is written to the one ``IndicatorValue`` row of its indicator for the
    partnership area and the round's quarter, not yet approved; a value emptied is
    removed unless it was approved. Only the indicators the return collects may be
    written. Every value is checked against its unit, and a value flagged by the data
    quality checks must be confirmed with a note. Nothing is saved when anything is
    wrong: the message lists each problem. A save that carries an older ``version`` than
    the return's is refused (``ApplicationError`` on the field "version"), so that no one
    overwrites a save they have not seen; ``reason`` is kept in the history, such as why
    a person kept their values over someone else's. ``actions`` are the status and line
    of progress of the outcome's actions for the quarter, written in the same transaction
    (``targets.services.action_progress_record``): all of it is saved, or none.
    """
    locked = lock_return(quarterly_return)
    refuse(access.return_edit_refusal(actor, locked))
    check_version(locked, version)
    _check_commentary(commentary)

    period = locked.round.period
    collected = {i.pk: i for i in indicators_collected(outcome_id=locked.outcome_id, period=period)}
    area = partnership_area()
    compared = comparisons(indicators=collected.values(), area=area, period=period)
    writes = _checked_writes(values, collected=collected, compared=compared)

    _write_values(writes, area=area, period=period, actor=actor)
    _write_missing_reasons(locked, writes)
    _write_commentary(locked, commentary)
    action_progress_record(outcome=locked.outcome, period=period, reports=actions, actor=actor)
    locked.state = State.DRAFT
    locked.version += 1
    save(locked, actor=actor, reason=reason)
    return locked


# ------------------------------------------------------------------------- checks


def _check_commentary(commentary: Commentary) -> None:
    if commentary.forecast_rag and commentary.forecast_rag not in {r.value for r in Rag}:
        raise ApplicationError(
            "Choose a forecast of green, amber, red or no data.", field="forecast_rag"
        )


def _checked_writes(
    values: Sequence[ValueEntry],
    *,
    collected: Mapping[int, Indicator],
    compared: Mapping[int, Comparison],
) -> list[Write]:
    """Every entry checked, in order; raises ApplicationError naming every problem."""
    problems: list[str] = []
    writes: list[Write] = []
    seen: set[int] = set()
    for entry in values:
        indicator = collected.get(entry.indicator_id)
        if indicator is None:
            problems.append(
                f"Indicator {entry.indicator_id} is not collected by this return: it is "
                "entered in the return of the outcome that collects it."
            )
            continue
        if entry.indicator_id in seen:
            problems.append(f"{indicator.code}: entered twice.")
            continue
        seen.add(entry.indicator_id)
        checked, problem = _checked_entry(entry, indicator, compared[indicator.pk])
        if checked is None:
            problems.append(problem)
            continue
        writes.append((indicator, entry, checked))
    if problems:
        raise ApplicationError("Nothing was saved. " + " ".join(problems))
    return writes


def _checked_entry(
    entry: ValueEntry, indicator: Indicator, comparison: Comparison
) -> tuple[CheckedValue | None, str]:
    """The entry's value checked against the indicator's unit and the data quality
    checks, or None and the problem."""
    if entry.status not in {s.value for s in ValueStatus}:
        return None, f"{indicator.code}: choose provisional, final or estimated."
    try:
        checked = validate_entry(
            value=_plain(entry.value),
            numerator=_plain(entry.numerator),
            denominator=_plain(entry.denominator),
            unit=indicator.unit,
            decimal_places=indicator.decimal_places,
            rate_per=indicator.rate_per,
        )
    except ValueProblem as problem:
        return None, f"{indicator.code}: {problem.message}."
    reason = comparison.flag(value=checked.value, unit=indicator.unit)
    if reason and not (entry.confirmed and entry.note.strip()):
        return None, f"{indicator.code}: {reason}"
    return checked, ""


# ------------------------------------------------------------------------- writes


def _write_values(writes: Sequence[Write], *, area: Area, period: Period, actor: Any) -> None:
    """Each value recorded, not yet approved; each emptied one removed."""
    for indicator, entry, checked in writes:
        if checked.value is None:
            value_clear(indicator=indicator, area=area, period=period, actor=actor)
            continue
        value_record(
            indicator=indicator,
            area=area,
            period=period,
            value=checked.value,
            numerator=checked.numerator,
            denominator=checked.denominator,
            status=entry.status,
            note=entry.note.strip(),
            actor=actor,
            approved=False,
        )


def _write_missing_reasons(locked: QuarterlyReturn, writes: Sequence[Write]) -> None:
    """Why each value left empty is missing, and when it is expected; a value given
    clears its reason."""
    for indicator, entry, checked in writes:
        locked.missing_values.pop(str(indicator.pk), None)
        if checked.value is None and entry.not_available_reason.strip():
            locked.missing_values[str(indicator.pk)] = {
                "reason": entry.not_available_reason.strip(),
                "expected_on": entry.expected_on.isoformat() if entry.expected_on else None,
            }


def _write_commentary(locked: QuarterlyReturn, commentary: Commentary) -> None:
    locked.progress_summary = commentary.progress_summary.strip()
    locked.going_well = commentary.going_well.strip()
    locked.concerns_and_actions = commentary.concerns_and_actions.strip()
    locked.beyond_our_control = commentary.beyond_our_control.strip()
    locked.forecast_rag = commentary.forecast_rag
