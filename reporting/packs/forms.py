"""The form of the packs page: a quarter and what the pack covers."""

from __future__ import annotations

from typing import Any

from django import forms

from partnership.models import Period
from partnership.pages import GovukRadios
from reporting.packs.selectors.data import PacksPage
from reporting.scorecard.selectors import PeriodNotFound, Scope, quarter_named

SCOPES = [
    ("whole", "The whole partnership"),
    ("block", "One block"),
    ("organisation", "One partner organisation"),
    ("stretch", "Stretch targets only"),
]


class PackForm(forms.Form):
    period = forms.ChoiceField(
        label="Quarter", error_messages={"required": "Select a quarter"}, choices=()
    )
    scope = forms.ChoiceField(
        label="What should the pack cover?",
        choices=SCOPES,
        widget=GovukRadios,
        error_messages={
            "required": "Select what the pack should cover",
            "invalid_choice": "Select what the pack should cover",
        },
    )
    block = forms.ChoiceField(
        label="Block",
        required=False,
        choices=(),
        error_messages={"invalid_choice": "Select a block from the list"},
    )
    organisation = forms.ChoiceField(
        label="Partner organisation",
        required=False,
        choices=(),
        error_messages={"invalid_choice": "Select a partner organisation from the list"},
    )

    def __init__(self, *args: Any, page: PacksPage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(q.value, q.label) for q in page.quarters]
        self.fields["period"].error_messages["invalid_choice"] = "Select a quarter from the list"
        self.fields["block"].choices = [
            ("", "Choose a block"),
            *((b.value, b.label) for b in page.blocks),
        ]
        self.fields["organisation"].choices = [
            ("", "Choose a partner"),
            *((o.value, o.label) for o in page.organisations),
        ]

    def clean_period(self) -> Period:
        try:
            return quarter_named(self.cleaned_data["period"])
        except PeriodNotFound:
            raise forms.ValidationError("Select a quarter from the list") from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("scope") == "block" and not data.get("block"):
            self.add_error("block", "Select a block")
        if data.get("scope") == "organisation" and not data.get("organisation"):
            self.add_error("organisation", "Select a partner organisation")
        return data

    @property
    def scope_chosen(self) -> Scope:
        data = self.cleaned_data
        scope = data["scope"]
        return Scope(
            block=data["block"] if scope == "block" else "",
            organisation=int(data["organisation"]) if scope == "organisation" else None,
            stretch_only=scope == "stretch",
        )
