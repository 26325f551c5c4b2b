"""The emails of the escalation route: a confirmed move tells the level that now holds the
risk and its owner, a decline tells the owner; each person once, however often the
receiver runs; the link opens the risk."""

# ruff: noqa: F811 - the fixtures imported from escalation_setup are used as arguments

import re
from urllib.parse import urlparse

import pytest

from partnership.models import Role
from reporting.models import Notification
from reporting.notifications.risk_emails import notify_escalation_decided, on_escalation_decided
from risks.models import EscalationProposal
from risks.services.escalation import DecisionRefused, decide_proposal
from risks.signals import escalation_decided
from tests import factories as f
from tests.risks.escalation_setup import people, proposals  # noqa: F401

pytestmark = pytest.mark.django_db


def decide(proposal, user, *, confirm=True, reason="The board will hold it", capture=None):
    with capture(execute=True):
        decide_proposal(
            user=user,
            risk_id=proposal.risk_id,
            proposal_id=proposal.pk,
            confirm=confirm,
            reason=reason,
        )
    proposal.refresh_from_db()
    return proposal


def recipients(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


def test_a_confirmation_emails_each_board_member_and_the_owner_once(
    people, proposals, block, mailoutbox, django_capture_on_commit_callbacks
):
    second = f.UserFactory(username="second_board")
    f.assign(second, Role.BOARD_MEMBER, block=block)
    proposal = proposals["up_to_block"]
    decide(proposal, people["board"], capture=django_capture_on_commit_callbacks)
    expected = sorted([people["board"].email, second.email, people["owner"].email])
    assert recipients(mailoutbox) == expected
    # The receiver run again (a retry, a second signal) records and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        on_escalation_decided(sender=EscalationProposal, proposal=proposal)
        escalation_decided.send(sender=EscalationProposal, proposal=proposal)
        notify_escalation_decided(proposal.pk)
    assert recipients(mailoutbox) == expected
    assert Notification.objects.filter(kind="risk_confirmed").count() == 3
    assert people["other_board"].email not in recipients(mailoutbox)


def test_the_email_says_what_moved_and_why_and_its_link_opens_the_risk(
    client, people, proposals, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = proposals["up_to_block"]
    decide(proposal, people["board"], capture=django_capture_on_commit_callbacks)
    message = next(m for m in mailoutbox if m.to == [people["owner"].email])
    assert proposal.risk.title in message.subject
    assert "from Outcome to Block (partnership board)" in message.body
    assert "The board will hold it" in message.body
    link = re.search(r"Open the risk: (\S+)", message.body).group(1)
    assert link in message.alternatives[0][0]
    client.force_login(people["owner"])
    response = client.get(urlparse(link).path)
    assert response.status_code == 200
    assert response.context["page"].risk.pk == proposal.risk_id


def test_a_move_to_the_psb_emails_its_members_and_the_owner(
    people, proposals, mailoutbox, django_capture_on_commit_callbacks
):
    decide(proposals["up_to_psb"], people["psb"], capture=django_capture_on_commit_callbacks)
    assert recipients(mailoutbox) == sorted([people["psb"].email, people["owner"].email])


def test_a_move_back_to_the_outcome_emails_its_lead_and_the_owner(
    people, proposals, mailoutbox, django_capture_on_commit_callbacks
):
    decide(
        proposals["down_from_block"], people["board"], capture=django_capture_on_commit_callbacks
    )
    assert recipients(mailoutbox) == sorted([people["lead"].email, people["owner"].email])


def test_a_decline_emails_the_owner_only_once(
    people, proposals, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = decide(
        proposals["up_to_psb"],
        people["psb"],
        confirm=False,
        reason="The board can manage it",
        capture=django_capture_on_commit_callbacks,
    )
    notify_escalation_decided(proposal.pk)
    [message] = mailoutbox
    assert message.to == [people["owner"].email]
    assert "declined" in message.subject.lower()
    assert "The board can manage it" in message.body


def test_an_owner_who_sits_on_the_receiving_board_is_emailed_once(
    people, proposals, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = proposals["up_to_block"]
    proposal.risk.owner = people["board"]
    proposal.risk.save()
    decide(proposal, people["officer"], capture=django_capture_on_commit_callbacks)
    assert recipients(mailoutbox) == [people["board"].email]


def test_nothing_is_sent_when_the_decision_is_refused_or_for_a_pending_proposal(
    people, proposals, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = proposals["up_to_block"]
    with pytest.raises(DecisionRefused), django_capture_on_commit_callbacks(execute=True):
        decide_proposal(
            user=people["psb"],
            risk_id=proposal.risk_id,
            proposal_id=proposal.pk,
            confirm=True,
            reason="Not mine",
        )
    assert notify_escalation_decided(proposal.pk) == []
    assert mailoutbox == []


def test_deciding_on_the_page_sends_the_emails_through_the_signal(
    client, people, proposals, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = proposals["up_to_psb"]
    client.force_login(people["psb"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/risks/{proposal.risk_id}/proposals/{proposal.pk}/decide/",
            {"decision": "confirm", "reason": "The PSB will hold it"},
        )
    assert response.status_code == 302
    assert recipients(mailoutbox) == sorted([people["psb"].email, people["owner"].email])
