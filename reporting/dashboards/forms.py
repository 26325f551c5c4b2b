"""The filters of the exception dashboard and the quarter of the board view, from the address.

They parse the query string, nothing more: which quarters, blocks, partners and leads
exist is for the selector to say. A value that is not valid is shown as an error and
filters nothing. The quarter is not checked here: a malformed or unknown quarter is a
page that does not exist (404), which the view answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.http import QueryDict

from partnership.periods import Period as PeriodRef
from reporting.dashboards.selectors.exceptions import RAG_CHOICES, ExceptionFilters
from targets.spc import Assurance, Variation

# The message for a value that is not among a select's options, by field.
MAX_ID = 2**63 - 1  # the largest id a database holds: past it SQLite fails the query
NOT_AN_OPTION = {
    "block": "Select a block from the list",
    "organisation": "Select a partner from the list",
    "lead": "Select a lead from the list",
    "rag": "Select a RAG rating from the list",
}


class QuarterForm(forms.Form):
    """The quarter asked for (``?period=2026-27-Q2``); blank for the default one."""

    period = forms.CharField(required=False)

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.is_valid()

    @property
    def period_code(self) -> str:
        return (self.cleaned_data.get("period") or "").strip()


class ExceptionFiltersForm(QuarterForm):
    block = forms.SlugField(
        label="Block", required=False, error_messages={"invalid": NOT_AN_OPTION["block"]}
    )
    organisation = forms.IntegerField(
        label="Lead partner",
        required=False,
        min_value=1,
        max_value=MAX_ID,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"), NOT_AN_OPTION["organisation"]
        ),
    )
    lead = forms.IntegerField(
        label="Lead",
        required=False,
        min_value=1,
        max_value=MAX_ID,
        error_messages=dict.fromkeys(("invalid", "min_value", "max_value"), NOT_AN_OPTION["lead"]),
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        required=False,
        choices=[("", "Any rating"), *RAG_CHOICES],
        error_messages={"invalid_choice": NOT_AN_OPTION["rag"]},
    )
    stretch = forms.BooleanField(label="Stretch targets only", required=False)
    signals = forms.BooleanField(
        label="Signals only",
        help_text="Targets showing special cause concern or consistently failing the target",
        required=False,
    )

    @property
    def filters(self) -> ExceptionFilters:
        data = self.cleaned_data
        return ExceptionFilters(
            block=data.get("block") or "",
            organisation=data.get("organisation"),
            lead=data.get("lead"),
            rag=data.get("rag") or "",
            stretch_only=bool(data.get("stretch")),
            signals_only=bool(data.get("signals")),
        )

    def not_options(self, names: Iterable[str]) -> None:
        """Mark the filters whose value is not one of the options (the selector ignored them)."""
        for name in names:
            if name in self.fields and name not in self.errors:
                self.add_error(name, NOT_AN_OPTION.get(name, "Select an option from the list"))

    def typed(self, name: str) -> str:
        """What was sent for a field, valid or not, to keep it in the form."""
        value = self.data.get(name, "")
        return value.strip() if isinstance(value, str) else ""


class IndicatorSearchForm(forms.Form):
    """The search and the SPC filters of the list of indicators. A value that is not valid
    is shown as an error and filters nothing; the others still apply."""

    q = forms.CharField(
        label="Search indicators",
        help_text="Part of a code or title, for example NI 111 or re-offending.",
        max_length=100,
        required=False,
    )
    variation = forms.ChoiceField(
        label="Variation",
        help_text="What statistical process control says of the latest approved value.",
        required=False,
        choices=[("", "Any variation"), *((v.value, v.label) for v in Variation)],
        error_messages={"invalid_choice": "Select a variation from the list"},
    )
    assurance = forms.ChoiceField(
        label="Assurance",
        help_text="Whether the process as it runs will meet the target.",
        required=False,
        choices=[("", "Any assurance"), *((a.value, a.label) for a in Assurance)],
        error_messages={"invalid_choice": "Select an assurance from the list"},
    )

    def query(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("q", "")

    def chosen_variation(self) -> Variation | None:
        self.is_valid()
        value = self.cleaned_data.get("variation")
        return Variation(value) if value else None

    def chosen_assurance(self) -> Assurance | None:
        self.is_valid()
        value = self.cleaned_data.get("assurance")
        return Assurance(value) if value else None


class ProcessChangeForm(forms.Form):
    """A change of process on an indicator's SPC chart: ``quarters`` are the quarters of
    its charted series (a rebase starts at one of them)."""

    rebased_from = forms.ChoiceField(
        label="New process limits from",
        required=False,
        help_text="The first quarter of the changed process. Choose none for one process.",
    )
    baseline_points = forms.IntegerField(
        label="Fix the limits from the first points (optional)",
        required=False,
        min_value=2,
        max_value=200,
        help_text="Leave empty for limits from every point of each part.",
        error_messages={
            "min_value": "Fix the limits from 2 points or more",
            "max_value": "Fix the limits from 200 points or fewer",
            "invalid": "Enter a whole number of points, like 12",
        },
    )
    reason = forms.CharField(
        label="Why the process changed",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: a new referral pathway started in April 2026.",
    )

    def __init__(self, *args: Any, quarters: Sequence[PeriodRef], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.points = len(quarters)
        self.fields["rebased_from"].choices = [("", "None: one process")] + [
            (q.code, q.label) for q in quarters
        ]
        self.fields["rebased_from"].error_messages["invalid_choice"] = (
            "Choose a quarter of the chart from the list"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        changed = data.get("rebased_from") or data.get("baseline_points")
        if changed and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why the process changed")
        points = data.get("baseline_points")
        if points and points > self.points:
            self.add_error("baseline_points", f"The chart has {self.points} points: fix from fewer")
        return data
