"""The form that uploads a return spreadsheet: one .xlsx file, refused unopened if too large."""

from django import forms

from reporting.returns.workbook import MAX_UPLOAD_BYTES, TOO_LARGE


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label="Upload a spreadsheet",
        help_text="An .xlsx file downloaded from this return",
        error_messages={
            "required": "Select the spreadsheet to upload",
            "empty": "The selected file is empty",
            "invalid": "Select the spreadsheet to upload",
            "missing": "Select the spreadsheet to upload",
        },
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        # Before anything reads it: a large file is refused unopened.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        return upload
