"""The framework import's upload form."""

from __future__ import annotations

from django import forms

from indicators.imports.forms import within_import_limit


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Choose a file",
        help_text="An .xlsx workbook with the sheets of the template.",
        error_messages={
            "required": "Choose an .xlsx file to import",
            "empty": "The selected file is empty",
        },
        validators=[within_import_limit],
    )
