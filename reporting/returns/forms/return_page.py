"""The form of the quarterly return page: the return itself.

The return form has a set of fields per indicator, built from the page's rows: the value
(and numerator and denominator where the unit has them), its status, a note, why a
missing value is not available and when it is expected, and a "this value is right"
box when the data quality checks flag the value. Each value is checked here with
``indicators.validation``, so that every problem shows beside its own field; the
services check again, as the safety net. A row's inputs are in :mod:`.return_rows` and
the officers' review forms in :mod:`.review`; both are importable from here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms

from indicators.enums import ValueStatus, choices
from indicators.validation import CheckedValue, ValueProblem
from partnership.pages import GovukRadios
from reporting.returns.forms.common import (
    REASON_MAX,
    STALE_PAGE,
    opened_version,
    text_field,
)
from reporting.returns.forms.return_actions import (
    ActionInputs,
    action_inputs,
    action_reports,
    add_action_fields,
    clean_actions,
    initial_actions,
)
from reporting.returns.forms.return_rows import (
    DATE_PARTS,
    VALUE_PARTS,
    RowFields,
    check_entry,
    field_name,
    live_judgement,
)
from reporting.returns.forms.review import ApproveForm, ReopenForm, SendBackForm
from reporting.returns.selectors.return_actions import ReturnAction
from reporting.returns.selectors.return_page import ReturnPage
from reporting.returns.selectors.return_rows import NOT_ASSESSED, IndicatorRow, Judgement
from reporting.returns.services import Commentary, ValueEntry
from targets.rules import Rag
from targets.services import ActionReport

__all__ = [
    "ApproveForm",
    "GovukRadios",
    "ReopenForm",
    "ReturnForm",
    "RowFields",
    "SendBackForm",
    "field_name",
    "live_judgement",
]

COMMENTARY_MAX = 10_000
NOTE_MAX = 2_000
FORECAST_CHOICES = [
    (Rag.GREEN.value, "Green"),
    (Rag.AMBER.value, "Amber"),
    (Rag.RED.value, "Red"),
    ("", "No forecast yet"),
]


class ReturnForm(forms.Form):
    """A return's values, commentary and forecast, with the version it was opened at."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    progress_summary = text_field(
        max_length=COMMENTARY_MAX,
        widget=forms.Textarea,
        label="Progress summary",
        help_text="How the outcome is doing this quarter, in a few sentences.",
    )
    going_well = text_field(
        max_length=COMMENTARY_MAX,
        widget=forms.Textarea,
        label="What is going well",
    )
    concerns_and_actions = text_field(
        max_length=COMMENTARY_MAX,
        widget=forms.Textarea,
        label="Concerns, and the actions being taken",
    )
    beyond_our_control = text_field(
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
        self,
        *args: Any,
        rows: Sequence[IndicatorRow],
        actions: Sequence[ReturnAction] = (),
        submitting: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = tuple(rows)
        self.actions = tuple(actions)
        self.submitting = submitting
        self.checked: dict[int, CheckedValue] = {}
        self.flags: dict[int, str] = {}
        self.problems: dict[int, str] = {}
        for row in self.rows:
            self._add_row_fields(row)
        add_action_fields(self, self.actions)

    def _add_row_fields(self, row: IndicatorRow) -> None:
        def add(part: str, field: forms.Field) -> None:
            self.fields[field_name(row.indicator_id, part)] = field

        add("value", text_field(strip=True))
        if row.has_parts:
            add("numerator", text_field(strip=True))
            add("denominator", text_field(strip=True))
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
        add("note", text_field(max_length=NOTE_MAX, widget=forms.Textarea))
        add("reason", text_field(max_length=REASON_MAX))
        for part in DATE_PARTS:
            add(f"expected_{part}", text_field(strip=True))
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
            **initial_actions(page.actions),
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
        if opened_version(self) is None:
            self.add_error(None, STALE_PAGE)
        for row in self.rows:
            self._clean_row(row)
        clean_actions(self, self.actions, submitting=self.submitting)
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
        return opened_version(self) or 0

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

    def action_reports(self) -> list[ActionReport]:
        """The status and progress of each of the outcome's actions (after ``is_valid``)."""
        return action_reports(self, self.actions)

    @property
    def action_inputs(self) -> list[ActionInputs]:
        return action_inputs(self, self.actions)

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
