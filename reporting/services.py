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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from indicators.enums import Frequency, Unit, ValueStatus
from indicators.models import Indicator, IndicatorValue
from indicators.services import value_clear, value_record, values_approve, values_unapprove
from indicators.validation import (
    ValueProblem,
    comparable_periods,
    needs_confirmation,
    validate_entry,
)
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area, Outcome, Period
from partnership.periods import Period as PeriodRef
from reporting import notifications
from reporting.models import QuarterlyReturn, ReturnRound
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


# -------------------------------------------------------------------- what is due


def due_frequencies(quarter: int) -> frozenset[Frequency]:
    """The frequencies of indicators whose value a quarter's return collects.

    Rule: "Quarterly and monthly indicators are due every quarter (a monthly one gives
    its figure for the quarter); annual and biennial ones are due in Q4 only, the
    return that closes their year." A biennial indicator is therefore asked for every
    Q4: in a year it is not collected, the lead says so as the reason it is missing.
    An annual value entered in a Q4 return is stored against that Q4, which the rules
    treat as the year's position.
    """
    if quarter == 4:
        return frozenset(Frequency)
    return frozenset({Frequency.QUARTERLY, Frequency.MONTHLY})


def indicators_collected(*, outcome_id: int, period: Period) -> list[Indicator]:
    """The active indicators that the outcome's return for ``period`` collects."""
    return list(
        Indicator.objects.filter(
            primary_outcome_id=outcome_id,
            is_active=True,
            frequency__in=due_frequencies(_ref(period).quarter or 4),
        ).order_by("code")
    )


def _partnership_area() -> Area:
    area = Area.objects.filter(kind=Area.Kind.PARTNERSHIP).first()
    if area is None:
        raise ApplicationError("The partnership's own area is not set up: ask an administrator.")
    return area


# ----------------------------------------------------------------------- helpers


def _ref(period: Period) -> PeriodRef:
    """The plain period of a stored one (parsed here rather than through ``Period.ref``,
    which does not work while the model's name hides the plain class in its module)."""
    return PeriodRef.parse(period.code)


def _save(obj: Any, *, actor: Any, reason: str = "") -> None:
    """Save with history naming ``actor`` and, for a state change with one, the reason."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.save()


def _lock_return(quarterly_return: QuarterlyReturn) -> QuarterlyReturn:
    """The return as stored now, locked until the transaction ends."""
    return (
        QuarterlyReturn.objects.select_for_update(of=("self",))
        .select_related("round__period", "outcome__lead_organisation")
        .get(pk=quarterly_return.pk)
    )


def _check_version(locked: QuarterlyReturn, version: int) -> None:
    if version != locked.version:
        raise ApplicationError(
            "Someone else saved this return since you opened it, so your changes were not "
            "saved. Open the return again to see their changes, then make yours.",
            field="version",
        )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ApplicationError(message)


def _officers_only(locked: QuarterlyReturn) -> str:
    return (
        "Only the performance team or a performance officer for "
        f"{locked.outcome.lead_organisation} can do this."
    )


def _edit_refusal(locked: QuarterlyReturn) -> str:
    """Why a return cannot be changed (``access.can_edit_return`` said no)."""
    if locked.round.state != ReturnRound.State.OPEN:
        state = locked.round.get_state_display().lower()
        return (
            f"The round for {_ref(locked.round.period).label} is {state}, so its returns "
            "cannot be changed."
        )
    if locked.state == State.SUBMITTED:
        return "This return is submitted and waiting for review, so it cannot be changed."
    if locked.state == State.APPROVED:
        return "This return is approved, so it cannot be changed unless an officer reopens it."
    return "Only the outcome's lead or a performance officer can change this return."


def _review_refusal(locked: QuarterlyReturn) -> str:
    if locked.state != State.SUBMITTED:
        return (
            "Only a submitted return can be approved or sent back; this one is "
            f"{locked.get_state_display().lower()}."
        )
    return _officers_only(locked)


def _notify_on_commit(notify: Any, locked: QuarterlyReturn) -> None:
    # robust: a failure to email is logged, and never undoes the committed change.
    transaction.on_commit(partial(notify, locked.pk, version=locked.version), robust=True)


def _reason(reason: str, *, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(f"Say why the return is {what}.", field="reason")
    return reason


# ------------------------------------------------------------------------ rounds

ROUNDS_REFUSED = "Only the performance team can open, extend or close rounds."


def _check_dates(opens_on: date, due_on: date, closes_on: date) -> None:
    if not opens_on <= due_on <= closes_on:
        raise ApplicationError("A round opens, then is due, then closes: check the dates.")


@transaction.atomic
def round_open(
    *, period: Period, opens_on: date, due_on: date, closes_on: date, actor: Any
) -> ReturnRound:
    """Open the round for a quarter, with a return for each outcome that has a value due.

    An outcome gets a return (not started) when at least one of its active indicators
    is collected through it and due that quarter (see :func:`due_frequencies`). Running
    it for a scheduled round opens that round; outcomes that already have a return keep
    it. A year, a round already open and a closed round (extend it instead) are refused.
    """
    _require(access.can_manage_rounds(actor), ROUNDS_REFUSED)
    if period.is_year:
        raise ApplicationError(
            f"Returns are made for a quarter, not a year ({_ref(period).label})."
        )
    _check_dates(opens_on, due_on, closes_on)
    round_ = ReturnRound.objects.select_for_update().filter(period=period).first()
    if round_ is None:
        round_ = ReturnRound(period=period)
    elif round_.state == ReturnRound.State.OPEN:
        raise ApplicationError(f"The round for {_ref(period).label} is already open.")
    elif round_.state == ReturnRound.State.CLOSED:
        raise ApplicationError(
            f"The round for {_ref(period).label} is closed: extend it to take returns again."
        )
    round_.opens_on, round_.due_on, round_.closes_on = opens_on, due_on, closes_on
    round_.state = ReturnRound.State.OPEN
    _save(round_, actor=actor)

    outcomes = (
        Outcome.objects.filter(
            primary_indicators__is_active=True,
            primary_indicators__frequency__in=due_frequencies(_ref(period).quarter or 4),
        )
        .exclude(returns__round=round_)
        .distinct()
        .order_by("pk")
    )
    bulk_create_with_history(
        [QuarterlyReturn(round=round_, outcome=outcome) for outcome in outcomes],
        QuarterlyReturn,
        default_user=actor,
        default_change_reason="Round opened",
    )
    return round_


def _lock_round(round: ReturnRound) -> ReturnRound:
    return (
        ReturnRound.objects.select_for_update(of=("self",))
        .select_related("period")
        .get(pk=round.pk)
    )


@transaction.atomic
def round_extend(*, round: ReturnRound, due_on: date, closes_on: date, actor: Any) -> ReturnRound:
    """Move a round's due and closing dates. A closed round is opened again by this, so
    that a late return can still be taken."""
    _require(access.can_manage_rounds(actor), ROUNDS_REFUSED)
    locked = _lock_round(round)
    _check_dates(locked.opens_on, due_on, closes_on)
    locked.due_on, locked.closes_on = due_on, closes_on
    if locked.state == ReturnRound.State.CLOSED:
        locked.state = ReturnRound.State.OPEN
    _save(locked, actor=actor)
    return locked


@transaction.atomic
def round_close(*, round: ReturnRound, actor: Any) -> ReturnRound:
    """Close an open round: its returns can no longer be changed (``can_edit_return``).
    Returns already submitted can still be reviewed."""
    _require(access.can_manage_rounds(actor), ROUNDS_REFUSED)
    locked = _lock_round(round)
    if locked.state != ReturnRound.State.OPEN:
        raise ApplicationError(
            f"The round for {_ref(locked.period).label} is {locked.get_state_display().lower()}, "
            "not open, so it cannot be closed."
        )
    locked.state = ReturnRound.State.CLOSED
    _save(locked, actor=actor)
    return locked


# ----------------------------------------------------------------------- returns


def _plain(number: Decimal | None) -> str:
    return "" if number is None else format(number, "f")


def _history_values(
    *, indicators: Iterable[Indicator], area: Area, period: Period
) -> tuple[dict[int, Decimal | None], dict[int, list[Decimal]]]:
    """For each indicator, its previous comparable value and its history, in one query."""
    ref = _ref(period)
    plans = {
        indicator.pk: comparable_periods(
            period=ref, frequency=indicator.frequency, accumulation=indicator.accumulation
        )
        for indicator in indicators
    }
    codes = {p.code for plan in plans.values() for p in (plan.previous, *plan.history)}
    stored = {
        (indicator_id, code): value
        for indicator_id, code, value in IndicatorValue.objects.filter(
            indicator_id__in=plans, area=area, period__code__in=codes
        ).values_list("indicator_id", "period__code", "value")
    }
    previous = {pk: stored.get((pk, plan.previous.code)) for pk, plan in plans.items()}
    history = {
        pk: [stored[(pk, p.code)] for p in plan.history if (pk, p.code) in stored]
        for pk, plan in plans.items()
    }
    return previous, history


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
    locked = _lock_return(quarterly_return)
    _require(access.can_edit_return(actor, locked), _edit_refusal(locked))
    _check_version(locked, version)
    _check_commentary(commentary)

    period = locked.round.period
    collected = {i.pk: i for i in indicators_collected(outcome_id=locked.outcome_id, period=period)}
    area = _partnership_area()
    previous, history = _history_values(indicators=collected.values(), area=area, period=period)
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
        # A yes/no answer has no size to change by: its data quality is not judged.
        reason = indicator.unit != Unit.YES_NO and needs_confirmation(
            value=checked.value,
            previous_comparable=previous.get(indicator.pk),
            history=history.get(indicator.pk, []),
        )
        if reason and not (entry.confirmed and entry.note.strip()):
            problems.append(f"{indicator.code}: {reason}")
            continue
        writes.append((indicator, entry, checked))
    if problems:
        raise ApplicationError("Nothing was saved. " + " ".join(problems))

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

    locked.progress_summary = commentary.progress_summary.strip()
    locked.going_well = commentary.going_well.strip()
    locked.concerns_and_actions = commentary.concerns_and_actions.strip()
    locked.beyond_our_control = commentary.beyond_our_control.strip()
    locked.forecast_rag = commentary.forecast_rag
    locked.state = State.DRAFT
    locked.version += 1
    _save(locked, actor=actor)
    return locked


@transaction.atomic
def return_submit(
    *,
    quarterly_return: QuarterlyReturn,
    version: int,
    actor: Any,
    missing_reasons: Mapping[int, str] | None = None,
) -> QuarterlyReturn:
    """Submit a return for review by the performance officers.

    Every indicator the return collects needs a value, or a reason it is missing in
    ``missing_reasons`` (indicator id to the reason, from the form's entries). A
    not-started return may be submitted when that holds, for example when its values
    were all entered elsewhere. Any earlier reason for sending it back is cleared; its
    history keeps it. The officers are emailed once the submission has committed.
    """
    locked = _lock_return(quarterly_return)
    _require(access.can_submit_return(actor, locked), _edit_refusal(locked))
    _check_version(locked, version)

    period = locked.round.period
    collected = indicators_collected(outcome_id=locked.outcome_id, period=period)
    with_value = set(
        IndicatorValue.objects.filter(
            indicator__in=collected, area=_partnership_area(), period=period
        ).values_list("indicator_id", flat=True)
    )
    reasons = missing_reasons or {}
    missing = [
        indicator
        for indicator in collected
        if indicator.pk not in with_value and not (reasons.get(indicator.pk) or "").strip()
    ]
    if missing:
        names = "; ".join(f"{i.code} {i.title}" for i in missing)
        raise ApplicationError(f"Give a value, or say why it is missing, for: {names}.")

    locked.state = State.SUBMITTED
    locked.submitted_by = actor
    locked.submitted_at = timezone.now()
    locked.returned_reason = ""
    locked.version += 1
    _save(locked, actor=actor)
    _notify_on_commit(notifications.notify_return_submitted, locked)
    return locked


def _approve(locked: QuarterlyReturn, *, actor: Any) -> QuarterlyReturn:
    _require(access.can_review_return(actor, locked), _review_refusal(locked))
    period = locked.round.period
    values_approve(
        indicator_ids=[
            i.pk for i in indicators_collected(outcome_id=locked.outcome_id, period=period)
        ],
        area=_partnership_area(),
        period=period,
        actor=actor,
    )
    locked.state = State.APPROVED
    locked.approved_by = actor
    locked.approved_at = timezone.now()
    locked.version += 1
    _save(locked, actor=actor)
    _notify_on_commit(notifications.notify_return_approved, locked)
    return locked


@transaction.atomic
def return_approve(
    *, quarterly_return: QuarterlyReturn, version: int, actor: Any
) -> QuarterlyReturn:
    """Approve a submitted return: its values become approved, so boards, the PSB,
    scrutiny, packs and the API's readers see them, and the return is locked against
    edits. The outcome's leads are emailed."""
    locked = _lock_return(quarterly_return)
    _require(access.can_review_return(actor, locked), _review_refusal(locked))
    _check_version(locked, version)
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
                approved.append(_approve(_lock_return(quarterly_return), actor=actor))
        except ApplicationError as error:
            refused.append((quarterly_return, error.message))
    return approved, refused


@transaction.atomic
def return_send_back(
    *, quarterly_return: QuarterlyReturn, version: int, reason: str, actor: Any
) -> QuarterlyReturn:
    """Send a submitted return back to its lead with a reason, for them to correct and
    submit again. The outcome's leads are emailed the reason."""
    reason = _reason(reason, what="sent back")
    locked = _lock_return(quarterly_return)
    _require(access.can_review_return(actor, locked), _review_refusal(locked))
    _check_version(locked, version)
    locked.state = State.RETURNED
    locked.returned_reason = reason
    locked.version += 1
    _save(locked, actor=actor, reason=reason)
    _notify_on_commit(notifications.notify_return_sent_back, locked)
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
    reason = _reason(reason, what="reopened")
    locked = _lock_return(quarterly_return)
    if locked.state != State.APPROVED:
        raise ApplicationError(
            "Only an approved return can be reopened; this one is "
            f"{locked.get_state_display().lower()}."
        )
    _require(access.can_reopen_return(actor, locked), _officers_only(locked))
    _check_version(locked, version)
    if locked.round.state != ReturnRound.State.OPEN:
        raise ApplicationError(
            f"The round for {_ref(locked.round.period).label} is not open: extend it first, so "
            "that the return can be corrected."
        )
    period = locked.round.period
    values_unapprove(
        indicator_ids=[
            i.pk for i in indicators_collected(outcome_id=locked.outcome_id, period=period)
        ],
        area=_partnership_area(),
        period=period,
        actor=actor,
    )
    locked.state = State.DRAFT
    locked.returned_reason = reason
    locked.approved_by = None
    locked.approved_at = None
    locked.version += 1
    _save(locked, actor=actor, reason=reason)
    return locked


__all__ = [
    "Commentary",
    "ValueEntry",
    "due_frequencies",
    "indicators_collected",
    "return_approve",
    "return_reopen",
    "return_save",
    "return_send_back",
    "return_submit",
    "returns_approve",
    "round_close",
    "round_extend",
    "round_open",
]
