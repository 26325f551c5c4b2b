"""Deciding an escalation proposal, on the risk's page, and "Risks proposed to us".

Who may decide is ``access.escalation_decision_refusal`` (403 with its reason); a risk
the person may not see, or a proposal that is not the risk's, is a page that does not
exist (404); a proposal no longer pending is refused with a message, nothing saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnership import access
from partnership.downloads import table_download, wants_csv
from partnership.pages import forbidden, no_role
from risks.decision_forms import DecisionForm
from risks.downloads import proposed_tables
from risks.models import EscalationProposal
from risks.selectors import proposals as selectors
from risks.selectors.risk_page import RiskNotFound, risk_page
from risks.services import escalation
from risks.views.register import render_risk_page

DONE = {
    True: "The proposal is confirmed and the risk has moved to the {level}.",
    False: "The proposal is declined: the risk stays where it is.",
}


@login_required
@require_POST
def decide(request: HttpRequest, pk: int, proposal_pk: int) -> HttpResponse:
    """Confirm or decline proposal ``proposal_pk`` of risk ``pk``, with a reason."""
    try:
        page = risk_page(user=request.user, risk_id=pk, today=timezone.localdate())
    except RiskNotFound:
        raise Http404("There is no such risk.") from None
    proposal = EscalationProposal.objects.filter(pk=proposal_pk, risk_id=pk).first()
    if proposal is None:
        raise Http404("There is no such proposal for this risk.")
    proposal.risk = page.risk
    refusal = access.escalation_decision_refusal(request.user, proposal)
    if refusal is not None:
        return forbidden(request, title="You cannot decide on this proposal", message=refusal)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return render_risk_page(request, page, decision_form=form)
    try:
        decided = escalation.decide_proposal(
            user=request.user,
            risk_id=pk,
            proposal_id=proposal_pk,
            confirm=form.confirms,
            reason=form.cleaned_data["reason"],
        )
    except escalation.DecisionRefused as refused:
        return forbidden(request, title="You cannot decide on this proposal", message=str(refused))
    except escalation.ProposalNotCurrent as stale:
        # Shown on the risk as it stands now; what was typed is kept if there is a new
        # proposal to decide, so deciding it is a choice made knowing the new score.
        messages.error(request, str(stale))
        page = risk_page(user=request.user, risk_id=pk, today=timezone.localdate())
        return render_risk_page(request, page, decision_form=DecisionForm(request.POST), status=409)
    level = selectors.IN_WORDS[decided.to_level]
    messages.success(request, DONE[form.confirms].format(level=level))
    return redirect("risk_detail", pk=pk)


@login_required
def proposed(request: HttpRequest) -> HttpResponse:
    """The pending proposals the person may decide, and the decisions of the last 90 days."""
    if not access.can_use_site(request.user):
        return no_role(request, nothing="are no risks proposed", roles="board member")
    pending = selectors.lines(selectors.pending_proposals_for(request.user))
    decided = selectors.lines(selectors.recent_decisions_for(request.user))
    if wants_csv(request):
        return table_download(request, proposed_tables(pending, decided))
    return render(
        request,
        "risks/proposed.html",
        {"pending": pending, "decided": decided, "days": selectors.RECENT_DAYS},
    )
