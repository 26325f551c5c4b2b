"""The officers' forms on the return page: approve, send back to the lead, reopen."""

from __future__ import annotations

from typing import Any

from django import forms

from reporting.returns.forms.common import REASON_MAX, STALE_PAGE, opened_version


class _ReviewForm(forms.Form):
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if opened_version(self) is None:
            self.add_error(None, STALE_PAGE)
        return cleaned

    @property
    def version_number(self) -> int:
        return opened_version(self) or 0


class ApproveForm(_ReviewForm):
    prefix = "approve"


class SendBackForm(_ReviewForm):
    prefix = "send_back"
    reason = forms.CharField(
        max_length=REASON_MAX * 4,
        widget=forms.Textarea,
        error_messages={"required": "Say why you are sending the return back to the lead"},
    )


class ReopenForm(_ReviewForm):
    prefix = "reopen"
    reason = forms.CharField(
        max_length=REASON_MAX * 4,
        widget=forms.Textarea,
        error_messages={"required": "Say why you are reopening the return"},
    )
