"""The forms that add and edit a risk (GOV.UK style: every error in the person's words).

What the risk hangs on (its level and its target, outcome or block) is chosen when it is
added; an edit changes what it says and its scores, and carries the version the person
opened so that a save over someone else's is refused.
"""

from __future__ import annotations

from typing import Any

from django import forms

from partnership.models import Block, Organisation, Outcome
from partnership.pages import GovukRadios
from risks.models import Risk
from risks.rules import RiskLevel
from targets.models import Target

RATINGS = [(n, str(n)) for n in range(1, 6)]
SCORES = ("inherent_likelihood", "inherent_impact", "current_likelihood", "current_impact")
SCORE_LABELS = {
    "inherent_likelihood": "Inherent likelihood",
    "inherent_impact": "Inherent impact",
    "current_likelihood": "Current likelihood",
    "current_impact": "Current impact",
}


def _rating(name: str) -> forms.TypedChoiceField:
    label = SCORE_LABELS[name]
    message = f"Choose the {label.lower()}, from 1 to 5"
    return forms.TypedChoiceField(
        label=label,
        choices=RATINGS,
        coerce=int,
        widget=GovukRadios,  # the error summary links to the first radio
        error_messages={"required": message, "invalid_choice": message},
    )


class RiskForm(forms.ModelForm):
    """What a risk says and its scores: for an edit, and the second half of a new risk."""

    inherent_likelihood = _rating("inherent_likelihood")
    inherent_impact = _rating("inherent_impact")
    current_likelihood = _rating("current_likelihood")
    current_impact = _rating("current_impact")
    target_score = forms.IntegerField(
        label="Target score (optional)",
        help_text="The score, likelihood times impact, from 1 to 25, the risk should come down to.",
        required=False,
        min_value=1,
        max_value=25,
        error_messages={
            "invalid": "Enter the target score as a whole number from 1 to 25",
            "min_value": "Enter the target score as a whole number from 1 to 25",
            "max_value": "Enter the target score as a whole number from 1 to 25",
        },
    )
    review_date = forms.DateField(
        label="Review by (optional)",
        help_text="For example, 31/3/2027.",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter the review date as a real date, for example 31/3/2027"},
    )
    owner_organisation = forms.ModelChoiceField(
        label="Owner's organisation (optional)",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Not recorded",
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )

    class Meta:
        model = Risk
        fields = [
            "title",
            "description",
            "cause",
            "consequence",
            "controls",
            "owner_organisation",
            *SCORES,
            "target_score",
            "status",
            "review_date",
        ]
        labels = {
            "title": "Title",
            "description": "Description (optional)",
            "cause": "Cause (optional)",
            "consequence": "Consequence (optional)",
            "controls": "Controls in place (optional)",
            "status": "Status",
        }
        help_texts = {
            "title": "A short name for the risk, for example “Foster carers leave”.",
            "cause": "What could make it happen.",
            "consequence": "What would happen to the outcome or target if it did.",
        }
        error_messages = {
            "title": {"required": "Enter a title for the risk"},
            "status": {
                "required": "Choose the risk's status",
                "invalid_choice": "Choose the risk's status",
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].widget = forms.TextInput()
        self.fields["status"].widget = forms.Select(choices=Risk.Status.choices)

    @property
    def text_fields(self) -> list[Any]:
        return [self[n] for n in ("description", "cause", "consequence", "controls")]

    @property
    def rating_fields(self) -> list[Any]:
        return [self[n] for n in SCORES]

    def validate_constraints(self, exclude: Any = None) -> None:
        """The form's own checks say it in words; the database keeps the constraints."""


class EditRiskForm(RiskForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value"),
            "This form could not be checked against the saved risk: open the risk again",
        ),
    )

    class Meta(RiskForm.Meta):
        pass


LEVEL_CHOICES = [(level.value, level.label) for level in RiskLevel]


class NewRiskForm(RiskForm):
    """A new risk: its level and what it hangs on, then what it says and its scores."""

    level = forms.ChoiceField(
        label="Level",
        choices=[("", "Choose a level"), *LEVEL_CHOICES],
        error_messages={
            "required": "Choose the level the risk is held at",
            "invalid_choice": "Choose the level the risk is held at",
        },
    )
    target = forms.ModelChoiceField(
        label="Target (for a target risk)",
        queryset=Target.objects.select_related("indicator").order_by("indicator__code", "pk"),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a target from the list"},
    )
    outcome = forms.ModelChoiceField(
        label="Outcome (for an outcome risk)",
        queryset=Outcome.objects.order_by("code"),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose an outcome from the list"},
    )
    block = forms.ModelChoiceField(
        label="Block (for a block risk)",
        queryset=Block.objects.order_by("name"),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a block from the list"},
    )

    class Meta(RiskForm.Meta):
        fields = ["level", "target", "outcome", "block", *RiskForm.Meta.fields]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].label_from_instance = lambda t: (
            f"{t.indicator.code} {t.get_kind_display().lower()} target {t.target_period}"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        level = data.get("level")
        wanted = {"target": "target", "outcome": "outcome", "block": "block"}.get(level or "")
        for name in ("target", "outcome", "block"):
            if name == wanted and not data.get(name):
                self.add_error(name, f"Choose the {name} this {name} risk hangs on")
            elif name != wanted and data.get(name) and level:
                self.add_error(
                    name, f"Leave the {name} empty: a risk at this level hangs on no {name}"
                )
        return data
