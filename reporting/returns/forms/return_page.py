"""The forms of the quarterly return page: the return itself, and the officers' review.

The return form has a set of fields per indicator, built from the page's rows: the value
(and numerator and denominator where the unit has them), its status, a note, why a
missing value is not available and when it is expected, and a "this value is right"
box when the data quality checks flag the value. Each value is checked here with
``indicators.validation``, so that every problem shows beside its own field; the
services check again, as the safety net.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from indicators.enums import ValueStatus, choices
from indicators.validation import CheckedValue, ValueProblem, validate_entry
from reporting.returns.selectors.return_page import (
    NOT_ASSESSED,
    IndicatorRow,
    Judgement,
    ReturnPage,
)
from reporting.returns.services import Commentary, ValueEntry
from targets.rules import Rag

COMMENTARY_MAX = 10_000
NOTE_MAX = 2_000
REASON_MAX = 500
STALE_PAGE = "This page is out of date: open the return again."
FORECAST_CHOICES = [
    (Rag.GREEN.value, "Green"),
    (Rag.AMBER.value, "Amber"),
    (Rag.RED.value, "Red"),
    ("", "No forecast yet"),
]
VALUE_PARTS = ("value", "numerator", "denominator")
DATE_PARTS = ("day", "month", "year")


def field_name(indicator_id: int, part: str) -> str:
    """The name of one input of an indicator's row: ``v12_value``, ``v12_expected_day``."""
    return f"v{indicator_id}_{part}"


class GovukRadios(forms.RadioSelect):
    """Radios whose label (for the error summary's link) is the first radio."""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index)


def _text(required: bool = False, max_length: int | None = None, **kwargs: Any) -> forms.Field:
    return forms.CharField(required=required, max_length=max_length, **kwargs)


def check_entry(row: IndicatorRow, data: Mapping[str, Any]) -> CheckedValue:
    """The value typed in ``row``'s inputs, checked against its unit (raises ValueProblem)."""

    def raw(part: str) -> str:
        value = data.get(field_name(row.indicator_id, part))
        return value if isinstance(value, str) else ""

    return validate_entry(
        value=raw("value"),
        numerator=raw("numerator") if row.has_parts else "",
        denominator=raw("denominator") if row.has_parts else "",
        unit=row.unit,
        decimal_places=row.decimal_places,
        rate_per=row.rate_per,
    )


def live_judgement(row: IndicatorRow, data: Mapping[str, Any], *, editable: bool) -> Judgement:
    """What the live RAG shows for the value being typed: its judgement, or why it cannot
    be read. Whatever the text, this returns."""
    try:
        checked = check_entry(row, data)
    except ValueProblem as problem:
        return Judgement(rag=Rag.GREY, travel=NOT_ASSESSED, problem=problem.message, entered=True)
    return row.judge(checked.value, editable=editable)


def _version(form: forms.Form) -> int | None:
    raw = (form.data.get(form.add_prefix("version")) or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


@dataclass(frozen=True)
class RowFields:
    """The bound fields of one indicator's row, for the template."""

    row: IndicatorRow
    value: forms.BoundField
    numerator: forms.BoundField | None
    denominator: forms.BoundField | None
    status: forms.BoundField
    note: forms.BoundField
    reason: forms.BoundField
    expected_day: forms.BoundField
    expected_month: forms.BoundField
    expected_year: forms.BoundField
    confirm: forms.BoundField
    judgement: Judgement
    quality: str  # why the value must be confirmed: the "this value is right" box shows

    @property
    def expected_errors(self) -> list[str]:
        return [*self.expected_day.errors, *self.expected_month.errors, *self.expected_year.errors]

    @property
    def value_errors(self) -> list[str]:
        parts = (self.value, self.numerator, self.denominator)
        return [error for bound in parts if bound is not None for error in bound.errors]

    @property
    def missing_open(self) -> bool:
        """Open "no value?" when a reason or date is given, or asked for."""
        given = (self.reason, self.expected_day, self.expected_month, self.expected_year)
        return any(bound.value() or bound.errors for bound in given)


class ReturnForm(forms.Form):
    """A return's values, commentary and forecast, with the version it was opened at."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    progress_summary = _text(
        max_length=COMMENTARY_MAX,
        widget=forms.Textarea,
        label="Progress summary",
        help_text="How the outcome is doing this quarter, in a few sentences.",
    )
    going_well = _text(
        max_length=COMMENTARY_MAX,
        widget=forms.Textarea,
        label="What is going well",
    )
    concerns_and_actions = _text(
        max_length=COMMENTARY_MAX,
        widget=forms.Textarea,
        label="Concerns, and the actions being taken",
    )
    beyond_our_control = _text(
        max_length=COMMENTARY_MAX,
        widget=forms.Textarea,
        label="Circumstances beyond our control",
        help_text="For example, a change in national policy or in how the data is collected.",
    )
    forecast_rag = forms.ChoiceField(
        required=False,
        choices=FORECAST_CHOICES,
        widget=GovukRadios,
        error_messages={"invalid_choice": "Choose green, amber, red or no forecast yet"},
    )

    def __init__(
        self, *args: Any, rows: Sequence[IndicatorRow], submitting: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = tuple(rows)
        self.submitting = submitting
        self.checked: dict[int, CheckedValue] = {}
        self.flags: dict[int, str] = {}
        self.problems: dict[int, str] = {}
        for row in self.rows:
            self._add_row_fields(row)

    def _add_row_fields(self, row: IndicatorRow) -> None:
        def add(part: str, field: forms.Field) -> None:
            self.fields[field_name(row.indicator_id, part)] = field

        add("value", _text(strip=True))
        if row.has_parts:
            add("numerator", _text(strip=True))
            add("denominator", _text(strip=True))
        add(
            "status",
            forms.ChoiceField(
                required=False,
                choices=choices(ValueStatus),
                initial=ValueStatus.PROVISIONAL.value,
                error_messages={
                    "invalid_choice": f"{row.code}: choose provisional, final or estimated",
                },
            ),
        )
        add("note", _text(max_length=NOTE_MAX, widget=forms.Textarea))
        add("reason", _text(max_length=REASON_MAX))
        for part in DATE_PARTS:
            add(f"expected_{part}", _text(strip=True))
        add("confirm", forms.BooleanField(required=False))

    @classmethod
    def initial_for(cls, page: ReturnPage) -> dict[str, Any]:
        """What the inputs show when the page opens: what is stored."""
        header = page.header
        initial: dict[str, Any] = {
            "version": header.version,
            "progress_summary": header.progress_summary,
            "going_well": header.going_well,
            "concerns_and_actions": header.concerns_and_actions,
            "beyond_our_control": header.beyond_our_control,
            "forecast_rag": header.forecast_rag,
        }
        for row in page.rows:

            def name(part: str, row: IndicatorRow = row) -> str:
                return field_name(row.indicator_id, part)

            current = row.current
            if current is not None:
                initial[name("value")] = current.input
                initial[name("numerator")] = current.numerator
                initial[name("denominator")] = current.denominator
                initial[name("status")] = current.status
                initial[name("note")] = current.note
            initial[name("reason")] = row.missing_reason
            if row.expected_on is not None:
                initial[name("expected_day")] = str(row.expected_on.day)
                initial[name("expected_month")] = str(row.expected_on.month)
                initial[name("expected_year")] = str(row.expected_on.year)
        return initial

    # --- Checking -------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if _version(self) is None:
            self.add_error(None, STALE_PAGE)
        for row in self.rows:
            self._clean_row(row)
        return cleaned

    def _clean_row(self, row: IndicatorRow) -> None:
        def name(part: str) -> str:
            return field_name(row.indicator_id, part)

        if any(name(part) in self.errors for part in VALUE_PARTS):
            return
        try:
            checked = check_entry(row, self.cleaned_data)
        except ValueProblem as problem:
            self.problems[row.indicator_id] = problem.message
            self.add_error(name(problem.field), f"{row.code}: {problem.message}")
            return
        self.checked[row.indicator_id] = checked
        expected = self._expected_on(row)
        if checked.value is None:
            reason = self.cleaned_data.get(name("reason"), "")
            if self.submitting and not reason and name("reason") not in self.errors:
                self.add_error(
                    name("reason"),
                    f"{row.code}: enter a value, or say why it is not available yet",
                )
            elif expected is not None and not reason and name("reason") not in self.errors:
                self.add_error(name("reason"), f"{row.code}: say why the value is not available")
            return
        flag = row.quality_reason(checked.value)
        if not flag:
            return
        self.flags[row.indicator_id] = flag
        if not self.cleaned_data.get(name("confirm")):
            self.add_error(
                name("confirm"), f"{row.code}: confirm the value is right, or correct it"
            )
        elif not self.cleaned_data.get(name("note")) and name("note") not in self.errors:
            self.add_error(name("note"), f"{row.code}: say in the note why the value is right")

    def _expected_on(self, row: IndicatorRow) -> date | None:
        """The date a missing value is expected, from the day, month and year given."""
        parts = [
            self.cleaned_data.get(field_name(row.indicator_id, f"expected_{p}")) or ""
            for p in DATE_PARTS
        ]
        if not any(parts):
            return None
        day_field = field_name(row.indicator_id, "expected_day")
        for part, text in zip(DATE_PARTS, parts, strict=True):
            if not text:
                self.add_error(
                    field_name(row.indicator_id, f"expected_{part}"),
                    f"{row.code}: the date expected must include a {part}",
                )
                return None
        day, month, year = parts
        try:
            if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
                raise ValueError
            return date(int(year), int(month), int(day))
        except ValueError:
            self.add_error(
                day_field, f"{row.code}: the date expected must be a real date, like 15 11 2026"
            )
            return None

    # --- What the services are given ------------------------------------------------------

    @property
    def version_number(self) -> int:
        return _version(self) or 0

    def entries(self) -> list[ValueEntry]:
        """A value entry per indicator row (call after ``is_valid``)."""
        data = self.cleaned_data
        out = []
        for row in self.rows:
            checked = self.checked[row.indicator_id]

            def get(part: str, row: IndicatorRow = row) -> Any:
                return data.get(field_name(row.indicator_id, part))

            out.append(
                ValueEntry(
                    indicator_id=row.indicator_id,
                    value=checked.value,
                    numerator=checked.numerator,
                    denominator=checked.denominator,
                    status=get("status") or ValueStatus.PROVISIONAL.value,
                    note=get("note") or "",
                    not_available_reason=get("reason") or "",
                    expected_on=self._expected_on_quietly(row),
                    confirmed=bool(get("confirm")),
                )
            )
        return out

    def _expected_on_quietly(self, row: IndicatorRow) -> date | None:
        parts = [
            self.cleaned_data.get(field_name(row.indicator_id, f"expected_{p}")) or ""
            for p in DATE_PARTS
        ]
        try:
            day, month, year = (int(p) for p in parts)
            return date(year, month, day)
        except ValueError:
            return None

    def commentary(self) -> Commentary:
        data = self.cleaned_data
        return Commentary(
            progress_summary=data.get("progress_summary", ""),
            going_well=data.get("going_well", ""),
            concerns_and_actions=data.get("concerns_and_actions", ""),
            beyond_our_control=data.get("beyond_our_control", ""),
            forecast_rag=data.get("forecast_rag", ""),
        )

    # --- What the template reads ----------------------------------------------------------

    COMMENTARY = ("progress_summary", "going_well", "concerns_and_actions", "beyond_our_control")

    @property
    def commentary_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.COMMENTARY]

    @property
    def row_fields(self) -> list[RowFields]:
        out = []
        for row in self.rows:

            def bound(part: str, row: IndicatorRow = row) -> forms.BoundField:
                return self[field_name(row.indicator_id, part)]

            out.append(
                RowFields(
                    row=row,
                    value=bound("value"),
                    numerator=bound("numerator") if row.has_parts else None,
                    denominator=bound("denominator") if row.has_parts else None,
                    status=bound("status"),
                    note=bound("note"),
                    reason=bound("reason"),
                    expected_day=bound("expected_day"),
                    expected_month=bound("expected_month"),
                    expected_year=bound("expected_year"),
                    confirm=bound("confirm"),
                    judgement=self._judgement(row),
                    quality=self.flags.get(row.indicator_id, ""),
                )
            )
        return out

    def _judgement(self, row: IndicatorRow) -> Judgement:
        """The stored value's judgement when the page opens; the typed value's after a post."""
        if not self.is_bound:
            return row.judgement
        checked = self.checked.get(row.indicator_id)
        if checked is None:  # the value cannot be read, as the live RAG would say
            problem = self.problems.get(row.indicator_id, "Correct the value to see its RAG")
            return Judgement(rag=Rag.GREY, travel=NOT_ASSESSED, problem=problem, entered=True)
        return row.judge(checked.value)

    def first_field_id(self) -> str:
        """Where the error summary sends a problem that belongs to no field."""
        if self.rows:
            return self[field_name(self.rows[0].indicator_id, "value")].id_for_label
        return self["progress_summary"].id_for_label


# --- Review ----------------------------------------------------------------------------------


class _ReviewForm(forms.Form):
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if _version(self) is None:
            self.add_error(None, STALE_PAGE)
        return cleaned

    @property
    def version_number(self) -> int:
        return _version(self) or 0


class ApproveForm(_ReviewForm):
    prefix = "approve"


class SendBackForm(_ReviewForm):
    prefix = "send_back"
    reason = forms.CharField(
        max_length=REASON_MAX * 4,
        widget=forms.Textarea,
        error_messages={"required": "Say why you are sending the return back to the lead"},
    )


class ReopenForm(_ReviewForm):
    prefix = "reopen"
    reason = forms.CharField(
        max_length=REASON_MAX * 4,
        widget=forms.Textarea,
        error_messages={"required": "Say why you are reopening the return"},
    )
