"""The form that confirms or declines an escalation proposal (GOV.UK radios and a reason)."""

from __future__ import annotations

from typing import Any

from django import forms

from partnership import access
from partnership.pages import GovukRadios

CONFIRM, DECLINE = "confirm", "decline"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[(CONFIRM, "Confirm the move"), (DECLINE, "Decline: the risk stays where it is")],
        widget=GovukRadios,
        error_messages={
            "required": "Choose whether to confirm or decline the proposal",
            "invalid_choice": "Choose whether to confirm or decline the proposal",
        },
    )
    reason = forms.CharField(
        label="Why",
        help_text="Your reason is kept with the decision and sent to the risk's owner.",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": "Say why you confirm or decline the proposal",
            "max_length": "Keep the reason to 2,000 characters or fewer",
        },
    )

    @property
    def confirms(self) -> bool:
        return self.cleaned_data["decision"] == CONFIRM


def decision_context(user: Any, page: Any, form: DecisionForm | None = None) -> dict[str, Any]:
    """What a risk's page needs to show its pending proposal and, to a person who may
    decide it (``access.escalation_decision_refusal``), the form to decide it."""
    proposal = page.pending_proposal
    if proposal is None:
        return {"pending": None, "decision_form": None}
    pending = next(line for line in page.proposals if line.pk == proposal.pk)
    may_decide = access.can_decide_escalation(user, proposal)
    return {
        "pending": pending,
        "decision_form": (form or DecisionForm()) if may_decide else None,
    }
