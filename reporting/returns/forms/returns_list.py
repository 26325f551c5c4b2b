"""Forms of the list of returns and the rounds page: they parse input, nothing more.

Dates are GOV.UK date inputs (day, month and year boxes); an error names what is wrong
in the words GOV.UK uses ("Due date must be a real date").
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict

from partnership.periods import Period as PeriodRef
from partnership.periods import PeriodError
from reporting.calendar.selectors import calendar_current
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.returns_list_data import Filters
from reporting.returns.selectors.rounds import default_round_dates

DATE_PARTS = ("day", "month", "year")


class DateInputWidget(forms.MultiWidget):
    """Three boxes, ``<name>_day``, ``<name>_month`` and ``<name>_year``."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(dict.fromkeys(DATE_PARTS, forms.TextInput), attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        # The error summary links to the day box.
        return f"{id_}_0" if id_ else ""


class DateInputField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK's error messages."""

    widget = DateInputWidget

    def __init__(self, *, name: str, **kwargs: Any) -> None:
        self.name = name  # "Opening date": the label, and how errors name the date
        kwargs.setdefault("label", name)
        kwargs.setdefault("error_messages", {"required": f"Enter the {name.lower()}"})
        super().__init__(
            fields=tuple(forms.CharField(required=False) for _ in DATE_PARTS),
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> date | None:
        parts = [(value or "").strip() for value in data_list] if data_list else []
        if not any(parts):
            return None
        missing = [part for part, value in zip(DATE_PARTS, parts, strict=True) if not value]
        if missing:
            raise forms.ValidationError(f"{self.name} must include a {' and a '.join(missing)}")
        if not all(v.isascii() and v.isdigit() for v in parts) or len(parts[2]) != 4:
            raise forms.ValidationError(f"{self.name} must be a real date")
        day, month, year = (int(value) for value in parts)
        try:
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"{self.name} must be a real date") from None


def add_application_error(form: forms.Form, error: Any) -> None:
    """Show a service's refusal as a form error, on its field when the form has it."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


# --- Rounds ---------------------------------------------------------------------------------


class RoundOpenForm(forms.Form):
    """Open the round for a quarter; dates left blank take the usual ones."""

    period = forms.CharField(
        label="Quarter", error_messages={"required": "Select the quarter to open the round for"}
    )
    opens_on = DateInputField(name="Opening date", required=False)
    due_on = DateInputField(name="Due date", required=False)
    closes_on = DateInputField(name="Closing date", required=False)

    def clean_period(self) -> PeriodRef:
        try:
            return PeriodRef.parse(self.cleaned_data["period"])
        except PeriodError:
            raise forms.ValidationError("Select the quarter to open the round for") from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        period = cleaned.get("period")
        if isinstance(period, PeriodRef) and period.quarter is not None:
            usual = default_round_dates(period, calendar=calendar_current())
            for name in ("opens_on", "due_on", "closes_on"):
                if name not in self.errors and cleaned.get(name) is None:
                    cleaned[name] = getattr(usual, name)
        return cleaned


class RoundExtendForm(forms.Form):
    due_on = DateInputField(name="Due date")
    closes_on = DateInputField(name="Closing date")


class RoundCloseForm(forms.Form):
    """No fields: it carries the service's refusal to the error summary."""


# --- The list of returns --------------------------------------------------------------------


MAX_ID = 2**63 - 1  # the largest id a database holds: past it SQLite fails the query


class ReturnsFilterForm(forms.Form):
    """The round and the filters, from the query string. A value that is not valid is
    shown as an error and filters nothing."""

    round = forms.CharField(required=False)
    state = forms.ChoiceField(
        label="State",
        required=False,
        choices=[("", "All states"), *QuarterlyReturn.State.choices],
        error_messages={"invalid_choice": "Select a state from the list"},
    )
    partner = forms.IntegerField(
        label="Partner",
        required=False,
        min_value=1,
        max_value=MAX_ID,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"), "Select a partner from the list"
        ),
    )
    block = forms.SlugField(
        label="Block",
        required=False,
        error_messages={"invalid": "Select a block from the list"},
    )
    late = forms.BooleanField(label="Late returns only", required=False)

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.is_valid()

    @property
    def round_code(self) -> str | None:
        return self.cleaned_data.get("round") or None

    @property
    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            state=data.get("state") or "",
            partner=data.get("partner"),
            block=data.get("block") or "",
            late=bool(data.get("late")),
        )


class BulkApproveForm(forms.Form):
    """The returns ticked on the list, and the list's query string to go back to."""

    returns = forms.TypedMultipleChoiceField(coerce=int, required=False)
    query = forms.CharField(required=False)

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        # Any whole number an id can be may be sent; which returns exist and may be
        # approved is for the view (visible_returns) and the service to say.
        self.fields["returns"].choices = [
            (value, value)
            for value in data.getlist("returns")
            if re.fullmatch(r"\s*[0-9]+\s*", value) and int(value) <= MAX_ID
        ]

    @property
    def return_ids(self) -> list[int]:
        return sorted(set(self.cleaned_data.get("returns") or []))

    @property
    def back_query(self) -> str:
        """The list's filters, re-encoded so that nothing but a query string comes back."""
        return QueryDict(self.cleaned_data.get("query") or "").urlencode()
