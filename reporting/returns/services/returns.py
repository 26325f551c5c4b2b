"""Writes for quarterly returns and their rounds: every state change, in one place.

Pages, the API and jobs call these functions and nothing else to change a round or a
return. Each one runs in a transaction, takes keyword arguments, asks
``partnership.access`` whether the actor may act, refuses with an ``ApplicationError``
whose message is for the user, and leaves history naming the actor (and the reason,
where there is one). Emails go out only once the change has committed.

The life of a return::

    not started -> draft (saved) -> submitted -> approved
                                        |            |
                        returned <------+            +--> draft (reopened, with a reason)
                        (sent back with a reason; saving it makes it a draft again)

Every change adds one to the return's version. A change made from an older version
than the stored one is refused, so a stale edit never silently overwrites another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from indicators.enums import ValueStatus
from indicators.models import Indicator, IndicatorValue
from indicators.services import value_clear, value_record, values_approve, values_unapprove
from indicators.validation import (
    ValueProblem,
    comparable_periods,
    quality_flag,
    validate_entry,
)
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area, Period
from partnership.selectors import partnership_area
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.common import indicators_collected
from reporting.returns.services import emails
from reporting.returns.services.common import (
    check_version,
    lock_return,
    notify_on_commit,
    reason_given,
    refuse,
    save,
)
from targets.rules import Rag

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


# ----------------------------------------------------------------------- returns


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


def _check_commentary(commentary: Commentary) -> None:
    if commentary.forecast_rag and commentary.forecast_rag not in {r.value for r in Rag}:
        raise ApplicationError(
            "Choose a forecast of green, amber, red or no data.", field="forecast_rag"
        )


@transaction.atomic
def return_save(
    *,
    quarterly_return: QuarterlyReturn,
    version: int,
    values: Sequence[ValueEntry],
    commentary: Commentary,
    actor: Any,
) -> QuarterlyReturn:
    """Save a return as a draft: its values, its commentary and its forecast.

    Each value is written to the one ``IndicatorValue`` row of its indicator for the
    partnership area and the round's quarter, not yet approved; a value emptied is
    removed unless it was approved. Only the indicators the return collects may be
    written. Every value is checked against its unit, and a value flagged by the data
    quality checks must be confirmed with a note. Nothing is saved when anything is
    wrong: the message lists each problem.
    """
    locked = lock_return(quarterly_return)
    refuse(access.return_edit_refusal(actor, locked))
    check_version(locked, version)
    _check_commentary(commentary)

    period = locked.round.period
    collected = {i.pk: i for i in indicators_collected(outcome_id=locked.outcome_id, period=period)}
    area = partnership_area()
    compared = comparisons(indicators=collected.values(), area=area, period=period)
    problems: list[str] = []
    writes: list[tuple[Indicator, ValueEntry, Any]] = []
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
        if entry.status not in {s.value for s in ValueStatus}:
            problems.append(f"{indicator.code}: choose provisional, final or estimated.")
            continue
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
            problems.append(f"{indicator.code}: {problem.message}.")
            continue
        reason = compared[indicator.pk].flag(value=checked.value, unit=indicator.unit)
        if reason and not (entry.confirmed and entry.note.strip()):
            problems.append(f"{indicator.code}: {reason}")
            continue
        writes.append((indicator, entry, checked))
    if problems:
        raise ApplicationError("Nothing was saved. " + " ".join(problems))

    for indicator, entry, checked in writes:
        locked.missing_values.pop(str(indicator.pk), None)
        if checked.value is None:
            value_clear(indicator=indicator, area=area, period=period, actor=actor)
            if entry.not_available_reason.strip():
                locked.missing_values[str(indicator.pk)] = {
                    "reason": entry.not_available_reason.strip(),
                    "expected_on": entry.expected_on.isoformat() if entry.expected_on else None,
                }
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

    locked.progress_summary = commentary.progress_summary.strip()
    locked.going_well = commentary.going_well.strip()
    locked.concerns_and_actions = commentary.concerns_and_actions.strip()
    locked.beyond_our_control = commentary.beyond_our_control.strip()
    locked.forecast_rag = commentary.forecast_rag
    locked.state = State.DRAFT
    locked.version += 1
    save(locked, actor=actor)
    return locked


@transaction.atomic
def return_submit(
    *,
    quarterly_return: QuarterlyReturn,
    version: int,
    actor: Any,
) -> QuarterlyReturn:
    """Submit a return for review by the performance officers.

    Every indicator the return collects needs a value, or a reason it is missing (saved
    with the draft in ``missing_values``). A
    not-started return may be submitted when that holds, for example when its values
    were all entered elsewhere. Any earlier reason for sending it back is cleared; its
    history keeps it. The officers are emailed once the submission has committed.
    """
    locked = lock_return(quarterly_return)
    refuse(access.return_edit_refusal(actor, locked))
    check_version(locked, version)

    period = locked.round.period
    collected = indicators_collected(outcome_id=locked.outcome_id, period=period)
    with_value = set(
        IndicatorValue.objects.filter(
            indicator__in=collected, area=partnership_area(), period=period
        ).values_list("indicator_id", flat=True)
    )
    missing = [
        indicator
        for indicator in collected
        if indicator.pk not in with_value and not locked.missing_reason(indicator.pk)
    ]
    if missing:
        names = "; ".join(f"{i.code} {i.title}" for i in missing)
        raise ApplicationError(f"Give a value, or say why it is missing, for: {names}.")

    locked.state = State.SUBMITTED
    locked.submitted_by = actor
    locked.submitted_at = timezone.now()
    locked.returned_reason = ""
    locked.version += 1
    save(locked, actor=actor)
    notify_on_commit(emails.notify_return_submitted, locked)
    return locked


def _approve(locked: QuarterlyReturn, *, actor: Any) -> QuarterlyReturn:
    refuse(access.return_review_refusal(actor, locked))
    period = locked.round.period
    values_approve(
        indicator_ids=[
            i.pk for i in indicators_collected(outcome_id=locked.outcome_id, period=period)
        ],
        area=partnership_area(),
        period=period,
        actor=actor,
    )
    locked.state = State.APPROVED
    locked.approved_by = actor
    locked.approved_at = timezone.now()
    locked.version += 1
    save(locked, actor=actor)
    notify_on_commit(emails.notify_return_approved, locked)
    return locked


@transaction.atomic
def return_approve(
    *, quarterly_return: QuarterlyReturn, version: int, actor: Any
) -> QuarterlyReturn:
    """Approve a submitted return: its values become approved, so boards, the PSB,
    scrutiny, packs and the API's readers see them, and the return is locked against
    edits. The outcome's leads are emailed."""
    locked = lock_return(quarterly_return)
    refuse(access.return_review_refusal(actor, locked))
    check_version(locked, version)
    return _approve(locked, actor=actor)


@transaction.atomic
def returns_approve(
    *, quarterly_returns: Iterable[QuarterlyReturn], actor: Any
) -> tuple[list[QuarterlyReturn], list[tuple[QuarterlyReturn, str]]]:
    """Approve many returns at once, from the round's list.

    Each return the actor may approve now is approved; each other one is listed with
    the reason it was not, and left as it is. There is no version check: the state
    check (only submitted returns) is what matters for a list.
    """
    approved: list[QuarterlyReturn] = []
    refused: list[tuple[QuarterlyReturn, str]] = []
    for quarterly_return in quarterly_returns:
        try:
            with transaction.atomic():
                approved.append(_approve(lock_return(quarterly_return), actor=actor))
        except ApplicationError as error:
            refused.append((quarterly_return, error.message))
    return approved, refused


@transaction.atomic
def return_send_back(
    *, quarterly_return: QuarterlyReturn, version: int, reason: str, actor: Any
) -> QuarterlyReturn:
    """Send a submitted return back to its lead with a reason, for them to correct and
    submit again. The outcome's leads are emailed the reason."""
    reason = reason_given(reason, what="sent back")
    locked = lock_return(quarterly_return)
    refuse(access.return_review_refusal(actor, locked))
    check_version(locked, version)
    locked.state = State.RETURNED
    locked.returned_reason = reason
    locked.version += 1
    save(locked, actor=actor, reason=reason)
    notify_on_commit(emails.notify_return_sent_back, locked)
    return locked


@transaction.atomic
def return_reopen(
    *, quarterly_return: QuarterlyReturn, version: int, reason: str, actor: Any
) -> QuarterlyReturn:
    """Reopen an approved return, with a reason, so that it can be corrected.

    It becomes a draft again, the reason kept in ``returned_reason`` for the lead to
    read (and in its history); its values are no longer approved, so only the lead's
    organisation and the performance team see them until it is approved again. The
    round must be open (extend a closed one first), else nobody could correct it.
    """
    reason = reason_given(reason, what="reopened")
    locked = lock_return(quarterly_return)
    refuse(access.return_reopen_refusal(actor, locked))
    check_version(locked, version)
    if locked.round.state != ReturnRound.State.OPEN:
        raise ApplicationError(
            f"The round for {locked.round.period.label} is not open: extend it first, so "
            "that the return can be corrected."
        )
    period = locked.round.period
    values_unapprove(
        indicator_ids=[
            i.pk for i in indicators_collected(outcome_id=locked.outcome_id, period=period)
        ],
        area=partnership_area(),
        period=period,
        actor=actor,
    )
    locked.state = State.DRAFT
    locked.returned_reason = reason
    locked.approved_by = None
    locked.approved_at = None
    locked.version += 1
    save(locked, actor=actor, reason=reason)
    return locked
