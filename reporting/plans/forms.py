"""The forms of a delivery plan: its written steps, and an action (GOV.UK style: every
error in the person's words, what was typed kept). Each carries the version the person
opened, so that a save over someone else's is refused."""

from __future__ import annotations

from typing import Any

from django import forms

from partnership.models import FundingStream, Organisation, Outcome
from targets import plan_rules
from targets.models import Action, Target
from targets.services import ActionFields

TEXT_MAX = 4000
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
STALE_FORM = "This page is out of date. Open it again and make your changes."


def _text(label: str, *, help_text: str = "", required: bool = False) -> forms.CharField:
    messages = {"max_length": f"{label} must be {TEXT_MAX} characters or fewer"}
    if required:
        messages["required"] = f"Enter the {label.lower()}"
    return forms.CharField(
        label=label if required else f"{label} (optional)",
        help_text=help_text,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        error_messages=messages,
    )


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=f"{label} (optional)",
        help_text="For example, 31/3/2027.",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": f"Enter the {label.lower()} as a real date, like 31/3/2027"},
    )


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_version(self) -> int:
        version = self.cleaned_data.get("version")
        if version is None:
            raise forms.ValidationError(STALE_FORM)
        return int(version)

    def full_clean(self) -> None:
        super().full_clean()
        if "version" in self.errors:  # a hidden field's error belongs to the whole form
            self.errors.pop("version")
            self.add_error(None, STALE_FORM)


class PlanForm(VersionedForm):
    """Step 2 (the evidence) and step 4 (the options and what works), with links."""

    evidence = _text("Evidence", help_text="What evidence is there that this is a priority?")
    options = _text(
        "Options and what works",
        help_text="The options considered, and what the evidence says works.",
    )
    links = _text(
        "Links",
        help_text="One on each line: a description, then the address starting https://. "
        "For example: Needs assessment https://example.org/jsna",
    )


class ActionForm(VersionedForm):
    """An action of the outcome's plan: what, who, when, with what, measured how."""

    description = _text("Action", help_text="What will be done.", required=True)
    aim = _text("Aim")
    baseline = _text("Baseline", help_text="Where things stand before the action.")
    outputs = _text("Outputs")
    expected_outcomes = _text("Expected outcomes")
    start_date = _date("Start date")
    due_date = _date("Due date")
    lead_organisation = forms.ModelChoiceField(
        label="Lead partner",
        queryset=Organisation.objects.order_by("name"),
        error_messages={
            "required": "Choose the partner that leads the action",
            "invalid_choice": "Choose the partner that leads the action from the list",
        },
    )
    other_partners = forms.ModelMultipleChoiceField(
        label="Other partners (optional)",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the partners from the list"},
    )
    targets = forms.ModelMultipleChoiceField(
        label="Targets (optional)",
        help_text="The targets of this outcome the action is for. None: the outcome as a whole.",
        queryset=Target.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "An action can only be linked to its own outcome's targets",
            "invalid_pk_value": "An action can only be linked to its own outcome's targets",
        },
    )
    funding_stream = forms.ModelChoiceField(
        label="Funding stream (optional)",
        queryset=FundingStream.objects.order_by("name"),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a funding stream from the list"},
    )
    funding_amount = forms.DecimalField(
        label="Money from the funding stream, £ (optional)",
        required=False,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the money as a number of pounds, like 12500 or 12500.50",
            "max_digits": "Enter the money as a number of pounds, like 12500 or 12500.50",
            "max_decimal_places": "Enter the money in pounds and pence, like 12500.50",
            "max_whole_digits": "Enter the money as a number of pounds, like 12500 or 12500.50",
        },
    )
    resources = _text("Other resources", help_text="Staff, buildings, time.")
    monitoring = _text(
        "How it is monitored", help_text="What is measured, reported when and to whom."
    )
    status = forms.ChoiceField(
        label="Status",
        choices=Action.Status.choices,
        initial=Action.Status.NOT_STARTED,
        error_messages={"required": "Choose the status", "invalid_choice": "Choose the status"},
    )
    progress = _text("Progress")

    TEXTS = ("aim", "baseline", "outputs", "expected_outcomes")

    def __init__(self, *args: Any, outcome: Outcome, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome = outcome
        self.fields["targets"].queryset = Target.objects.filter(
            indicator__primary_outcome=outcome
        ).select_related("indicator", "target_period")
        self.fields["targets"].label_from_instance = lambda t: (
            f"{t.indicator.code} {t.indicator.title}"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        problems = plan_rules.action_problems(
            start_date=cleaned.get("start_date"),
            due_date=cleaned.get("due_date"),
            funding_amount=cleaned.get("funding_amount"),
            has_funding_stream=cleaned.get("funding_stream") is not None,
        )
        for name, message in problems.items():
            if name not in self.errors:
                self.add_error(name, message.rstrip("."))
        return cleaned

    @property
    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.TEXTS]

    def fields_given(self) -> ActionFields:
        data = self.cleaned_data
        stream = data.get("funding_stream")
        return ActionFields(
            description=data["description"],
            lead_organisation_id=data["lead_organisation"].pk,
            aim=data.get("aim", ""),
            baseline=data.get("baseline", ""),
            outputs=data.get("outputs", ""),
            expected_outcomes=data.get("expected_outcomes", ""),
            start_date=data.get("start_date"),
            due_date=data.get("due_date"),
            partner_ids=tuple(o.pk for o in data.get("other_partners", [])),
            target_ids=tuple(t.pk for t in data.get("targets", [])),
            funding_stream_id=stream.pk if stream else None,
            funding_amount=data.get("funding_amount"),
            resources=data.get("resources", ""),
            monitoring=data.get("monitoring", ""),
            status=data["status"],
            progress=data.get("progress", ""),
        )

    @staticmethod
    def initial_for(action: Action) -> dict[str, Any]:
        return {
            "version": action.version,
            "description": action.description,
            "aim": action.aim,
            "baseline": action.baseline,
            "outputs": action.outputs,
            "expected_outcomes": action.expected_outcomes,
            "start_date": action.start_date,
            "due_date": action.due_date,
            "lead_organisation": action.lead_organisation_id,
            "other_partners": [o.pk for o in action.other_partners.all()],
            "targets": [t.pk for t in action.targets.all()],
            "funding_stream": action.funding_stream_id,
            "funding_amount": action.funding_amount,
            "resources": action.resources,
            "monitoring": action.monitoring,
            "status": action.status,
            "progress": action.progress,
        }
