"""The register's filters, from the address (``/risks/?band=high&block=...``).

A value that is not one of the options is shown as an error and filters nothing: the
page still answers, never with a 500.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.http import QueryDict

from partnership.models import Block, Organisation, Outcome
from partnership.people import display_name
from risks.models import Risk
from risks.rules import RiskBand, RiskLevel
from risks.selectors.register import Position, RegisterFilters

LEVEL_CHOICES = [(level.value, level.label) for level in RiskLevel]
BAND_CHOICES = [(band.value, band.label) for band in reversed(RiskBand)]
RATING_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


def _choice(label: str, choices: Any, empty: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", empty), *choices],
        error_messages={"invalid_choice": message},
    )


def _model(label: str, queryset: Any, empty: str, message: str, **kwargs: Any) -> Any:
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        empty_label=empty,
        error_messages={"invalid_choice": message},
        **kwargs,
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


class RegisterFiltersForm(forms.Form):
    level = _choice("Level", LEVEL_CHOICES, "All levels", "Select a level from the list")
    block = _model(
        "Block",
        Block.objects.all(),
        "All blocks",
        "Select a block from the list",
        to_field_name="slug",
    )
    outcome = _model(
        "Outcome", Outcome.objects.all(), "All outcomes", "Select an outcome from the list"
    )
    organisation = _model(
        "Owner's organisation",
        Organisation.objects.filter(risks__isnull=False).distinct(),
        "All organisations",
        "Select an organisation from the list",
    )
    owner = OwnerChoiceField(
        label="Owner",
        queryset=get_user_model()
        .objects.filter(risks_owned__isnull=False)
        .distinct()
        .order_by("first_name", "last_name", "username"),
        required=False,
        empty_label="All owners",
        error_messages={"invalid_choice": "Select an owner from the list"},
    )
    band = _choice("Band", BAND_CHOICES, "All bands", "Select a band from the list")
    status = _choice("Status", Risk.Status.choices, "Open, treated or tolerated", "Select a status")
    overdue = forms.BooleanField(label="Review overdue", required=False)
    closed = forms.BooleanField(label="Include closed risks", required=False)
    position = forms.ChoiceField(
        label="Heat map position",
        required=False,
        choices=Position.CHOICES,
        error_messages={"invalid_choice": "Select current, inherent or target"},
    )
    likelihood = _choice("Likelihood", RATING_CHOICES, "Any", "Likelihood is 1 to 5")
    impact = _choice("Impact", RATING_CHOICES, "Any", "Impact is 1 to 5")

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.is_valid()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("position") == Position.TARGET:
            for name in ("likelihood", "impact"):
                if data.get(name):
                    self.add_error(
                        name,
                        "A target position is a score, with no likelihood or impact: "
                        "choose the current or inherent position",
                    )
        return data

    @property
    def filters(self) -> RegisterFilters:
        """What was valid; what was not filters nothing (its error is shown)."""
        data = self.cleaned_data

        def rating(name: str) -> int | None:
            return int(data[name]) if data.get(name) else None

        return RegisterFilters(
            level=data.get("level") or "",
            block=data.get("block"),
            outcome=data.get("outcome"),
            organisation=data.get("organisation"),
            owner=data.get("owner"),
            band=data.get("band") or "",
            status=data.get("status") or "",
            overdue=bool(data.get("overdue")),
            closed=bool(data.get("closed")),
            position=data.get("position") or Position.CURRENT,
            likelihood=rating("likelihood"),
            impact=rating("impact"),
        )
