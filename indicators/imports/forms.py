"""The forms of the import pages: the upload, and an unknown area to create."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from indicators.imports.read import size_text
from indicators.models import Indicator
from partnership.models import Area
from partnership.pages import GovukRadios

LAYOUT_CHOICES = [
    ("", "Find it from the columns"),
    ("long", "Long: one row per value (Indicator, Area, Period, Value)"),
    ("wide", "Wide: one row per area, one column per period"),
    ("fingertips", "An OHID Fingertips download"),
]
AREA_KINDS = [
    (Area.Kind.COMPARATOR, "Comparator area"),
    (Area.Kind.SUB_AREA, "Sub-area of the partnership (area committee, neighbourhood, ward)"),
    (Area.Kind.REGION, "Region"),
    (Area.Kind.ENGLAND, "England"),
]

# What an area created from the preview may be part of: a comparator a region or England,
# a sub-area the partnership area or another sub-area (a ward of an area committee).
PARENT_KINDS = [Area.Kind.REGION, Area.Kind.ENGLAND, Area.Kind.PARTNERSHIP, Area.Kind.SUB_AREA]


def within_import_limit(upload: Any) -> None:
    """Refuse a file over ``VALUE_IMPORT_MAX_BYTES`` before it is read (every upload of an
    import: values, the framework)."""
    if upload.size > settings.VALUE_IMPORT_MAX_BYTES:
        limit = size_text(settings.VALUE_IMPORT_MAX_BYTES)
        raise forms.ValidationError(f"The selected file is larger than {limit}: split it")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Choose a file",
        help_text="A CSV or an .xlsx spreadsheet.",
        error_messages={"required": "Choose a CSV or .xlsx file to import"},
        validators=[within_import_limit],
    )
    layout = forms.ChoiceField(
        label="Layout", choices=LAYOUT_CHOICES, required=False, widget=GovukRadios
    )
    indicator = forms.ModelChoiceField(
        label="Indicator (for the wide layout)",
        queryset=Indicator.objects.filter(is_active=True).order_by("code"),
        to_field_name="code",
        required=False,
        empty_label="The file names the indicator",
        help_text="A wide table gives one indicator's values: choose which.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["layout"].initial = ""


class AreaForm(forms.Form):
    code = forms.CharField(label="Code", max_length=20)
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(label="Kind of area", choices=AREA_KINDS, initial=Area.Kind.COMPARATOR)
    parent = forms.ModelChoiceField(
        label="Part of (optional)",
        queryset=Area.objects.filter(kind__in=PARENT_KINDS).order_by("name"),
        required=False,
        empty_label="None",
    )
