"""Reads for the quarterly return page: one return, its indicators, values and history.

:func:`return_for` finds the return a person may see; :func:`return_page` reads all the
rest in a fixed number of queries, whatever the number of indicators; :func:`return_row`
reads one indicator's row, for the live RAG as the lead types. A value is judged by
:meth:`IndicatorRow.judge` with the rules of :mod:`targets.rules` and the milestone from
:func:`targets.selectors.target_context`, the same as every other page. Nothing here
reads the clock: the view passes ``today`` in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.urls import reverse

from indicators.enums import Polarity, Unit, ValueStatus
from indicators.models import Indicator, IndicatorValue
from indicators.validation import comparable_periods, quality_flag
from partnership import access
from partnership.errors import ApplicationError
from partnership.models import Area
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from partnership.selectors import partnership_area
from reporting.returns.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.common import indicators_collected
from reporting.rules.due import due_frequencies
from reporting.rules.timeliness import Timeliness, return_timeliness
from targets import rules
from targets.selectors import TargetContext, target_context

State = QuarterlyReturn.State
DASH = "–"
PAST_QUARTERS = 4
POLARITY_LABELS = {
    Polarity.HIGHER: "Higher is better",
    Polarity.LOWER: "Lower is better",
    Polarity.NEITHER: "Neither higher nor lower is better",
}
STATUS_LABELS = {s.value: s.value.capitalize() for s in ValueStatus}


# --- Showing numbers ----------------------------------------------------------------------


def format_value(value: Decimal | None, *, unit: str, decimal_places: int) -> str:
    """A value as people read it: ``42.5%``, ``£1,250``, ``1,234``, ``Yes``; ``–`` for none."""
    if value is None:
        return DASH
    if unit == Unit.YES_NO:
        return "Yes" if value else "No"
    text = f"{value:,.{decimal_places}f}"
    if unit == Unit.PERCENTAGE:
        return f"{text}%"
    if unit == Unit.MONEY:
        return f"-£{text[1:]}" if text.startswith("-") else f"£{text}"
    return text


def input_text(value: Decimal | None, *, unit: str, decimal_places: int) -> str:
    """A stored value as it goes back into an input: ``42.5``, ``yes``; blank for none."""
    if value is None:
        return ""
    if unit == Unit.YES_NO:
        return "yes" if value else "no"
    return f"{value:.{decimal_places}f}"


def part_text(value: Decimal | None) -> str:
    """A numerator or denominator for an input, without trailing zeros: ``120``, ``12.5``."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- What the page shows -------------------------------------------------------------------


@dataclass(frozen=True)
class ShownValue:
    """A value in the row's recent history."""

    period_label: str
    value: Decimal | None
    text: str
    estimated: bool = False


@dataclass(frozen=True)
class CurrentValue:
    """The value stored for the return's quarter, as the person may see it."""

    value: Decimal
    text: str
    input: str
    numerator: str
    denominator: str
    status: str
    status_label: str
    note: str
    is_approved: bool


@dataclass(frozen=True)
class Judgement:
    """A value judged: its RAG and direction of travel, or why it cannot be read."""

    rag: rules.Rag
    travel: rules.Travel
    problem: str = ""  # the value cannot be read: the validation message
    quality: str = ""  # the data quality checks ask for the value to be confirmed
    entered: bool = False  # a value was given (a blank is grey, without a message)


NOT_ASSESSED = rules.Travel(rules.Direction.NOT_ASSESSED, rules.Direction.NOT_ASSESSED)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator the return collects, with everything its row shows."""

    indicator_id: int
    code: str
    title: str
    unit: str
    unit_label: str
    rate_per: int | None
    decimal_places: int
    has_parts: bool
    polarity: Polarity
    polarity_label: str
    period: PeriodRef
    past: tuple[ShownValue, ...]  # the four quarters before this one, oldest first
    previous_quarter: ShownValue
    same_quarter_last_year: ShownValue
    target: TargetContext | None
    milestone: Decimal | None
    milestone_text: str
    target_text: str
    current: CurrentValue | None
    missing_reason: str
    expected_on: date | None
    # For the data quality checks (only read for people who may edit the return): the
    # value stored now, the previous comparable value and the history, whoever may see them.
    stored_value: Decimal | None = None
    previous_comparable: Decimal | None = None
    history: tuple[Decimal, ...] = ()

    @property
    def is_yes_no(self) -> bool:
        return self.unit == Unit.YES_NO

    def quality_reason(self, value: Decimal | None) -> str | None:
        """Why ``value`` must be confirmed with a note, as the service will ask, or None."""
        return quality_flag(
            value=value,
            unit=self.unit,
            saved=self.stored_value,
            previous_comparable=self.previous_comparable,
            history=self.history,
        )

    def judge(self, value: Decimal | None, *, editable: bool = False) -> Judgement:
        """The RAG and direction of travel of ``value`` for the return's quarter."""
        rag = rules.rag(
            actual=value,
            milestone=self.milestone,
            polarity=self.polarity,
            tolerance_pct=self.target.tolerance_pct if self.target else rules.DEFAULT_TOLERANCE_PCT,
        )
        travel = rules.direction_of_travel(
            current=value,
            previous_period=self.previous_quarter.value,
            same_period_last_year=self.same_quarter_last_year.value,
            polarity=self.polarity,
        )
        quality = (self.quality_reason(value) or "") if editable else ""
        return Judgement(rag=rag, travel=travel, quality=quality, entered=value is not None)

    @property
    def judgement(self) -> Judgement:
        """The stored value judged, for the page as it loads."""
        return self.judge(self.current.value if self.current else None)


@dataclass(frozen=True)
class ContributingRow:
    """An indicator collected by another outcome's return that also counts towards this one."""

    code: str
    title: str
    unit_label: str
    value_text: str
    estimated: bool
    collected_by: str  # the outcome that collects it
    collected_href: str | None  # its return for this quarter, if the person may open it


@dataclass(frozen=True)
class Change:
    what: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: tuple[Change, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class ReturnHeader:
    pk: int
    outcome_code: str
    outcome_title: str
    block: str
    quarter: str
    state: str
    state_label: str
    due_on: date
    timeliness: Timeliness
    round_state_label: str
    lead_person: str
    lead_organisation: str
    version: int
    returned_reason: str  # when sent back and not yet submitted again
    reopened_reason: str  # when an approved return was reopened
    submitted_by: str  # "" when not submitted
    submitted_at: datetime | None
    approved_by: str
    approved_at: datetime | None
    progress_summary: str
    going_well: str
    concerns_and_actions: str
    beyond_our_control: str
    forecast_rag: str


@dataclass(frozen=True)
class ReturnPage:
    header: ReturnHeader
    rows: tuple[IndicatorRow, ...]
    contributing: tuple[ContributingRow, ...]
    history: tuple[HistoryEntry, ...]
    history_complete: bool  # False: only the changes of state are shown to this person
    can_edit: bool
    can_submit: bool
    can_review: bool
    can_reopen: bool


# --- Reading -------------------------------------------------------------------------------


def return_for(*, pk: int, user: Any) -> QuarterlyReturn | None:
    """The return with this id, or None if there is none or ``user`` may not see it."""
    found = (
        QuarterlyReturn.objects.select_related(
            "round__period",
            "outcome__block",
            "outcome__lead_organisation",
            "outcome__lead_person",
            "submitted_by",
            "approved_by",
        )
        .filter(pk=pk)
        .first()
    )
    if found is None or not access.can_view_return(user, found):
        return None
    return found


def return_page(*, quarterly_return: QuarterlyReturn, user: Any, today: date) -> ReturnPage:
    """Everything the return page shows to ``user`` (who may view the return)."""
    qr = quarterly_return
    period = qr.round.period
    can_edit = access.can_edit_return(user, qr)
    collected = indicators_collected(outcome_id=qr.outcome_id, period=period)
    contributing = list(
        Indicator.objects.filter(
            contributes_to=qr.outcome_id,
            is_active=True,
            frequency__in=due_frequencies(period.ref.quarter or 4),
        )
        .exclude(primary_outcome_id=qr.outcome_id)
        .select_related("primary_outcome")
        .order_by("code")
    )
    area = _partnership_area()
    values = _Values.read(
        user=user, area=area, period=period.ref, indicators=[*collected, *contributing]
    )
    rows = _rows(qr, collected, values, area=area, with_quality=can_edit)
    records = _return_history(qr)
    history_complete = access.can_view_unapproved(
        user, lead_organisation_id=qr.outcome.lead_organisation_id
    )
    return ReturnPage(
        header=_header(qr, records, today),
        rows=rows,
        contributing=_contributing(user, qr, contributing, values),
        history=_history(qr, records, collected, area, complete=history_complete),
        history_complete=history_complete,
        can_edit=can_edit,
        can_submit=access.can_submit_return(user, qr),
        can_review=access.can_review_return(user, qr),
        can_reopen=access.can_reopen_return(user, qr),
    )


def return_row(
    *, quarterly_return: QuarterlyReturn, user: Any, indicator_id: int
) -> tuple[IndicatorRow, bool] | None:
    """One indicator's row of the return and whether ``user`` may edit it, or None when
    the return does not collect that indicator."""
    qr = quarterly_return
    period = qr.round.period
    indicator = next(
        (
            i
            for i in indicators_collected(outcome_id=qr.outcome_id, period=period)
            if i.pk == indicator_id
        ),
        None,
    )
    if indicator is None:
        return None
    can_edit = access.can_edit_return(user, qr)
    area = _partnership_area()
    values = _Values.read(user=user, area=area, period=period.ref, indicators=[indicator])
    (row,) = _rows(qr, [indicator], values, area=area, with_quality=can_edit)
    return row, can_edit


def _partnership_area() -> Area | None:
    try:
        return partnership_area()
    except ApplicationError:
        return None  # not set up yet: there are no values to show


@dataclass(frozen=True)
class _Values:
    """The stored values a page needs: all of them (for the data quality checks), and
    the ids of those the person may see."""

    by_key: dict[tuple[int, PeriodRef], dict[str, Any]]
    visible: frozenset[int]

    @classmethod
    def read(
        cls, *, user: Any, area: Area | None, period: PeriodRef, indicators: Sequence[Indicator]
    ) -> _Values:
        if area is None or not indicators:
            return cls({}, frozenset())
        wanted = {period.shift(-n) for n in range(PAST_QUARTERS + 1)}
        for indicator in indicators:
            plan = _comparison(indicator, period)
            wanted.update((plan.previous, *plan.history))
        rows = IndicatorValue.objects.filter(
            indicator_id__in=[i.pk for i in indicators],
            area=area,
            period__code__in=sorted(p.code for p in wanted),
        )
        by_key = {
            (v["indicator_id"], PeriodRef.parse(v["period__code"])): v
            for v in rows.values(
                "pk",
                "indicator_id",
                "period__code",
                "value",
                "numerator",
                "denominator",
                "status",
                "note",
                "is_approved",
            )
        }
        visible = frozenset(access.visible_values(user, rows).values_list("pk", flat=True))
        return cls(by_key, visible)

    def stored(self, indicator_id: int, period: PeriodRef) -> dict[str, Any] | None:
        return self.by_key.get((indicator_id, period))

    def seen(self, indicator_id: int, period: PeriodRef) -> dict[str, Any] | None:
        found = self.by_key.get((indicator_id, period))
        return found if found is not None and found["pk"] in self.visible else None


def _comparison(indicator: Indicator, period: PeriodRef) -> Any:
    return comparable_periods(
        period=period, frequency=indicator.frequency, accumulation=indicator.accumulation
    )


def _rows(
    qr: QuarterlyReturn,
    indicators: Sequence[Indicator],
    values: _Values,
    *,
    area: Area | None,
    with_quality: bool,
) -> tuple[IndicatorRow, ...]:
    period = qr.round.period.ref
    targets = (
        target_context(indicator_ids=[i.pk for i in indicators], area=area, periods=[period])
        if area is not None
        else {}
    )
    return tuple(
        _row(qr, indicator, values, targets.get(indicator.pk), period, with_quality)
        for indicator in indicators
    )


def _row(
    qr: QuarterlyReturn,
    indicator: Indicator,
    values: _Values,
    target: TargetContext | None,
    period: PeriodRef,
    with_quality: bool,
) -> IndicatorRow:
    unit, places = indicator.unit, indicator.decimal_places

    def shown(at: PeriodRef) -> ShownValue:
        found = values.seen(indicator.pk, at)
        value = found["value"] if found else None
        return ShownValue(
            period_label=at.label,
            value=value,
            text=format_value(value, unit=unit, decimal_places=places),
            estimated=bool(found and found["status"] == ValueStatus.ESTIMATED),
        )

    past = tuple(shown(period.shift(-n)) for n in range(PAST_QUARTERS, 0, -1))
    milestone = target.milestone(period) if target else None
    current = values.seen(indicator.pk, period)
    missing = qr.missing_values.get(str(indicator.pk)) or {}
    quality: dict[str, Any] = {}
    if with_quality:
        plan = _comparison(indicator, period)
        stored = values.stored(indicator.pk, period)
        previous = values.stored(indicator.pk, plan.previous)
        # normalize(): the checks' messages quote these numbers, and stored ones carry six
        # decimal places ("40.000000"); it changes no comparison.
        quality = {
            "stored_value": stored["value"] if stored else None,
            "previous_comparable": previous["value"].normalize() if previous else None,
            "history": tuple(
                found["value"].normalize()
                for p in plan.history
                if (found := values.stored(indicator.pk, p)) is not None
            ),
        }
    return IndicatorRow(
        indicator_id=indicator.pk,
        code=indicator.code,
        title=indicator.title,
        unit=unit,
        unit_label=indicator.unit_label,
        rate_per=indicator.rate_per,
        decimal_places=places,
        has_parts=indicator.has_parts,
        polarity=Polarity(indicator.polarity),
        polarity_label=POLARITY_LABELS[Polarity(indicator.polarity)],
        period=period,
        past=past,
        previous_quarter=past[-1],
        same_quarter_last_year=past[0],
        target=target,
        milestone=milestone,
        milestone_text=format_value(milestone, unit=unit, decimal_places=places),
        target_text=(
            f"{format_value(target.target_value, unit=unit, decimal_places=places)} "
            f"by {target.target_period.label}"
            if target
            else "No target (data only)"
        ),
        current=_current(current, unit=unit, places=places) if current else None,
        missing_reason=str(missing.get("reason") or ""),
        expected_on=_date_or_none(missing.get("expected_on")),
        **quality,
    )


def _current(found: dict[str, Any], *, unit: str, places: int) -> CurrentValue:
    return CurrentValue(
        value=found["value"],
        text=format_value(found["value"], unit=unit, decimal_places=places),
        input=input_text(found["value"], unit=unit, decimal_places=places),
        numerator=part_text(found["numerator"]),
        denominator=part_text(found["denominator"]),
        status=found["status"],
        status_label=STATUS_LABELS.get(found["status"], found["status"]),
        note=found["note"],
        is_approved=found["is_approved"],
    )


def _date_or_none(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def _contributing(
    user: Any, qr: QuarterlyReturn, indicators: Sequence[Indicator], values: _Values
) -> tuple[ContributingRow, ...]:
    if not indicators:
        return ()
    period = qr.round.period.ref
    returns = {
        r.outcome_id: r
        for r in QuarterlyReturn.objects.filter(
            round_id=qr.round_id, outcome_id__in={i.primary_outcome_id for i in indicators}
        ).select_related("outcome", "round")
    }
    out = []
    for indicator in indicators:
        found = values.seen(indicator.pk, period)
        collecting = returns.get(indicator.primary_outcome_id)
        href = (
            reverse("return_detail", args=[collecting.pk])
            if collecting is not None and access.can_view_return(user, collecting)
            else None
        )
        out.append(
            ContributingRow(
                code=indicator.code,
                title=indicator.title,
                unit_label=indicator.unit_label,
                value_text=format_value(
                    found["value"] if found else None,
                    unit=indicator.unit,
                    decimal_places=indicator.decimal_places,
                ),
                estimated=bool(found and found["status"] == ValueStatus.ESTIMATED),
                collected_by=str(indicator.primary_outcome),
                collected_href=href,
            )
        )
    return tuple(out)


# --- Header and history --------------------------------------------------------------------


def _return_history(qr: QuarterlyReturn) -> list[Any]:
    """Every historical record of the return, oldest first (one query)."""
    return list(
        QuarterlyReturn.history.model.objects.filter(id=qr.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )


def _last_reason_kind(records: Sequence[Any]) -> str:
    """Whether the reason on the return now was for sending it back or for reopening it."""
    for before, after in zip(reversed(records[:-1]), reversed(records[1:]), strict=True):
        if after.state == State.RETURNED and before.state != State.RETURNED:
            return "returned"
        if before.state == State.APPROVED and after.state == State.DRAFT:
            return "reopened"
    return "returned"


def _header(qr: QuarterlyReturn, records: Sequence[Any], today: date) -> ReturnHeader:
    outcome, round_ = qr.outcome, qr.round
    kind = _last_reason_kind(records) if qr.returned_reason else ""
    return ReturnHeader(
        pk=qr.pk,
        outcome_code=outcome.code,
        outcome_title=outcome.title,
        block=outcome.block.name,
        quarter=round_.period.label,
        state=qr.state,
        state_label=qr.get_state_display(),
        due_on=round_.due_on,
        timeliness=return_timeliness(state=qr.state, due_on=round_.due_on, today=today),
        round_state_label=ReturnRound.State(round_.state).label,
        lead_person=display_name(outcome.lead_person) if outcome.lead_person else "No lead named",
        lead_organisation=outcome.lead_organisation.name,
        version=qr.version,
        returned_reason=qr.returned_reason if kind == "returned" else "",
        reopened_reason=qr.returned_reason if kind == "reopened" else "",
        submitted_by=display_name(qr.submitted_by) if qr.submitted_at else "",
        submitted_at=qr.submitted_at,
        approved_by=display_name(qr.approved_by) if qr.approved_at else "",
        approved_at=qr.approved_at,
        progress_summary=qr.progress_summary,
        going_well=qr.going_well,
        concerns_and_actions=qr.concerns_and_actions,
        beyond_our_control=qr.beyond_our_control,
        forecast_rag=qr.forecast_rag,
    )


COMMENTARY_FIELDS = (
    ("progress_summary", "Progress summary"),
    ("going_well", "What is going well"),
    ("concerns_and_actions", "Concerns and the actions being taken"),
    ("beyond_our_control", "Circumstances beyond our control"),
)
RAG_WORDS = {r.value: r.label for r in rules.Rag}


def _state_action(before: Any, after: Any) -> str:
    if before is None:
        return "Return created"
    if after.state == before.state:
        return "Saved"
    if after.state == State.SUBMITTED:
        return "Submitted"
    if after.state == State.APPROVED:
        return "Approved"
    if after.state == State.RETURNED:
        return "Sent back to the lead"
    if before.state == State.APPROVED:
        return "Reopened"
    return "Saved as a draft"


def _missing_reason_changes(before: Any, after: Any, codes: dict[int, str]) -> list[Change]:
    """The reasons given for missing values, as they changed."""
    old, new = before.missing_values or {}, after.missing_values or {}
    changes = []
    for key in sorted(set(old) | set(new)):
        was, now = (old.get(key) or {}).get("reason", ""), (new.get(key) or {}).get("reason", "")
        if was != now and key.isdigit():
            code = codes.get(int(key), f"Indicator {key}")
            changes.append(Change(f"{code}: why the value is missing", was, now))
    return changes


def _return_changes(before: Any, after: Any, codes: dict[int, str]) -> tuple[Change, ...]:
    if before is None:
        return ()
    changes = [
        Change(label, getattr(before, name), getattr(after, name))
        for name, label in COMMENTARY_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
    if before.forecast_rag != after.forecast_rag:
        changes.append(
            Change(
                "Forecast year-end RAG",
                RAG_WORDS.get(before.forecast_rag, DASH),
                RAG_WORDS.get(after.forecast_rag, DASH),
            )
        )
    changes.extend(_missing_reason_changes(before, after, codes))
    return tuple(changes)


def _history(
    qr: QuarterlyReturn,
    records: Sequence[Any],
    indicators: Iterable[Indicator],
    area: Area | None,
    *,
    complete: bool,
) -> tuple[HistoryEntry, ...]:
    """Who changed what and when, newest first.

    People who may not see the return's unapproved values see its changes of state only:
    the drafts before approval are not published.
    """
    indicators = list(indicators)
    codes = {i.pk: i.code for i in indicators}
    entries: list[HistoryEntry] = []
    before = None
    for record in records:
        action = _state_action(before, record)
        changed_state = before is None or before.state != record.state
        if complete or changed_state:
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=display_name(record.history_user, nobody="the system"),
                    action=action,
                    changes=_return_changes(before, record, codes) if complete else (),
                    reason=record.history_change_reason or "" if changed_state else "",
                )
            )
        before = record
    if complete and area is not None:
        entries.extend(_value_history(qr, indicators, area))
    entries.sort(key=lambda e: e.when, reverse=True)
    return tuple(entries)


def _value_history(
    qr: QuarterlyReturn, indicators: Sequence[Indicator], area: Area
) -> list[HistoryEntry]:
    """The changes to the values this return collects for its quarter (one query)."""
    if not indicators:
        return []
    by_id = {i.pk: i for i in indicators}
    records = (
        IndicatorValue.history.model.objects.filter(
            indicator_id__in=by_id, area_id=area.pk, period_id=qr.round.period_id
        )
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    entries: list[HistoryEntry] = []
    last: dict[int, Any] = {}
    for record in records:
        indicator = by_id[record.indicator_id]
        before = last.get(record.id)
        last[record.id] = record

        def text(value: Decimal | None, indicator: Indicator = indicator) -> str:
            return format_value(value, unit=indicator.unit, decimal_places=indicator.decimal_places)

        name = f"{indicator.code} {indicator.title}"
        if record.history_type == "-":
            changes = [Change(f"{name}: value", text(record.value), "removed")]
        elif before is None:
            changes = [Change(f"{name}: value", DASH, text(record.value))]
        else:
            changes = []
            if before.value != record.value:
                changes.append(Change(f"{name}: value", text(before.value), text(record.value)))
            if before.status != record.status:
                changes.append(
                    Change(
                        f"{name}: status",
                        STATUS_LABELS.get(before.status, before.status),
                        STATUS_LABELS.get(record.status, record.status),
                    )
                )
            if before.note != record.note:
                changes.append(Change(f"{name}: note", before.note or DASH, record.note or DASH))
            if before.is_approved != record.is_approved:
                changes.append(
                    Change(
                        f"{name}: approval",
                        "Approved" if before.is_approved else "Not approved",
                        "Approved" if record.is_approved else "Not approved",
                    )
                )
        if changes:
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=display_name(record.history_user, nobody="the system"),
                    action="Value changed",
                    changes=tuple(changes),
                )
            )
    return entries
