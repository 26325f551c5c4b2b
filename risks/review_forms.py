"""The forms that review a risk and add or edit its actions (GOV.UK style: every error
in the person's words).

A review confirms or changes the current likelihood and impact and sets the next review
date; it carries the version of the risk the person opened, so that a review over
someone else's save is refused. An action's form carries the last change to the action
the person saw, for the same reason.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from partnership.pages import GovukRadios
from partnership.people import display_name
from risks.edit_forms import RATINGS
from risks.models import RiskAction
from risks.rules import next_review_due

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
STALE_FORM = "This form could not be checked against the saved risk: open the risk again"


def _rating(label: str) -> forms.TypedChoiceField:
    message = f"Choose the current {label.lower()}, from 1 to 5"
    return forms.TypedChoiceField(
        label=f"Current {label.lower()}",
        choices=RATINGS,
        coerce=int,
        widget=GovukRadios,
        error_messages={"required": message, "invalid_choice": message},
    )


def _date(label: str, help_text: str, *, required: bool, what: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"Enter the {what} as a real date, for example 31/3/2027",
        },
    )


class ReviewForm(forms.Form):
    """A review of a risk, on ``today``, at a level reviewed every ``interval_days``."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages=dict.fromkeys(("required", "invalid", "min_value"), STALE_FORM),
    )
    reviewed_on = _date(
        "Date of the review", "For example, 31/3/2027.", required=True, what="date of the review"
    )
    likelihood = _rating("Likelihood")
    impact = _rating("Impact")
    note = forms.CharField(
        label="Note (optional)",
        help_text="What you found: what has changed, and why the score is what it is.",
        required=False,
        widget=forms.Textarea,
    )
    next_review_date = _date(
        "Next review by (optional)",
        "Leave empty for the usual interval for the risk's level after the date of the review.",
        required=False,
        what="next review date",
    )

    def __init__(self, *args: Any, today: date, interval_days: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.interval_days = interval_days

    def clean_reviewed_on(self) -> date:
        reviewed_on: date = self.cleaned_data["reviewed_on"]
        if reviewed_on > self.today:
            raise forms.ValidationError("The date of the review must be today or in the past")
        return reviewed_on

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        reviewed_on = data.get("reviewed_on")
        if reviewed_on is None or "next_review_date" in self.errors:
            return data
        following = data.get("next_review_date") or next_review_due(
            reviewed_on=reviewed_on, interval_days=self.interval_days
        )
        if following <= reviewed_on:
            self.add_error("next_review_date", "The next review must be after this review")
        elif following < self.today:
            self.add_error(
                "next_review_date", "The next review date must be today or in the future"
            )
        else:
            data["next_review_date"] = following
        return data


def partnership_people() -> Any:
    """The people an action can be given to: active users of the partnership."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__isnull=False)
        .order_by("first_name", "last_name", "username")
    )


class ActionForm(forms.ModelForm):
    """An action to reduce a risk; ``seen`` is the last change to it the person saw."""

    seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=partnership_people(),
        empty_label="Choose a person",
        error_messages={
            "required": "Choose who owns the action",
            "invalid_choice": "Choose who owns the action from the list",
        },
    )
    due_date = _date("Due by", "For example, 31/3/2027.", required=True, what="due date")

    class Meta:
        model = RiskAction
        fields = ["description", "owner", "due_date", "status"]
        labels = {"description": "Action", "status": "Status"}
        help_texts = {"description": "What will be done to reduce the risk."}
        error_messages = {
            "description": {"required": "Describe the action"},
            "status": {
                "required": "Choose the action's status",
                "invalid_choice": "Choose the action's status",
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = partnership_people()
        self.fields["owner"].label_from_instance = display_name
        self.fields["status"].widget = forms.Select(choices=RiskAction.Status.choices)
