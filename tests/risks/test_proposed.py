"""Risks proposed to us (/risks/proposed/): each person sees the pending proposals they
may decide and the decisions of the last 90 days; the selectors other pages reuse; a
constant number of queries."""

# ruff: noqa: F811 - the fixtures imported from escalation_setup are used as arguments

from datetime import timedelta

import pytest
from django.utils import timezone

from partnership import access
from risks.models import EscalationProposal
from risks.rules import RiskLevel
from risks.selectors import proposals as selectors
from risks.services import escalation
from tests import factories as f
from tests.risks.escalation_setup import DECIDERS, PEOPLE, people, proposals  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/risks/proposed/"


def kinds_for(who: str) -> set[str]:
    return {kind for kind, deciders in DECIDERS.items() if who in deciders}


@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_sees_the_proposals_they_may_decide(client, people, proposals, who):
    client.force_login(people[who])
    response = client.get(URL)
    if who == "nobody":
        assert response.status_code == 403
        assert "You do not have a role yet" in response.content.decode()
        return
    assert response.status_code == 200
    shown = {line.pk for line in response.context["pending"]}
    assert shown == {proposals[kind].pk for kind in kinds_for(who)}
    page = response.content.decode()
    for kind in kinds_for(who):
        assert f'href="/risks/{proposals[kind].risk_id}/"' in page
    if not kinds_for(who):
        assert "There are no risks awaiting your decision." in page


@pytest.mark.parametrize("who", PEOPLE)
def test_the_list_agrees_with_who_may_decide(people, proposals, who):
    listed = set(selectors.pending_proposals_for(people[who]).values_list("pk", flat=True))
    allowed = {p.pk for p in proposals.values() if access.can_decide_escalation(people[who], p)}
    assert listed == allowed


def test_a_row_shows_the_risk_score_band_from_to_and_when(client, people, proposals):
    client.force_login(people["psb"])
    response = client.get(URL)
    line = next(p for p in response.context["pending"] if p.pk == proposals["up_to_psb"].pk)
    assert (line.score, line.band_label, line.from_label, line.to_label) == (
        20,
        "Very high",
        "Block (partnership board)",
        "Partnership (Public Service Board)",
    )
    page = response.content.decode()
    assert line.risk_title in page
    assert timezone.localtime(line.proposed_at).strftime("%-d %B %Y") in page


def test_decisions_of_the_last_90_days_are_listed_below(client, people, proposals):
    board = people["board"]
    escalation.decide_proposal(
        user=board,
        risk_id=proposals["up_to_block"].risk_id,
        proposal_id=proposals["up_to_block"].pk,
        confirm=False,
        reason="The outcome lead has it in hand",
    )
    old = proposals["down_from_block"]
    escalation.decide_proposal(
        user=board, risk_id=old.risk_id, proposal_id=old.pk, confirm=True, reason="Long ago"
    )
    EscalationProposal.objects.filter(pk=old.pk).update(
        decided_at=timezone.now() - timedelta(days=91)
    )
    client.force_login(board)
    response = client.get(URL)
    decided = [line.pk for line in response.context["decided"]]
    assert decided == [proposals["up_to_block"].pk]
    page = response.content.decode()
    assert "The outcome lead has it in hand" in page
    assert "Long ago" not in page
    # the PSB does not see the board's decisions
    client.force_login(people["psb"])
    assert not client.get(URL).context["decided"]


def test_the_plain_selectors_for_the_board_and_the_psb(proposals, block, other_block):
    to_block = set(selectors.proposed_to_block([block.pk]).values_list("pk", flat=True))
    assert to_block == {proposals["up_to_block"].pk, proposals["down_from_block"].pk}
    assert not selectors.proposed_to_block([other_block.pk]).exists()
    to_psb = set(selectors.proposed_to_psb().values_list("pk", flat=True))
    assert to_psb == {proposals["up_to_psb"].pk, proposals["down_from_psb"].pk}


def test_the_register_links_to_the_list_only_for_someone_with_proposals(client, people, proposals):
    client.force_login(people["board"])
    assert 'href="/risks/proposed/"' in client.get("/risks/").content.decode()
    client.force_login(people["scrutiny"])
    assert 'href="/risks/proposed/"' not in client.get("/risks/").content.decode()


def grow(n: int, outcome, block) -> None:
    """``n`` proposals up to the block's board and ``n`` decided by it, each on its own risk."""
    for _ in range(n):
        target = f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=outcome))
        f.EscalationProposalFactory(
            risk=f.RiskFactory(outcome=None, target=target, level=RiskLevel.OUTCOME)
        )
        f.EscalationProposalFactory(
            risk=f.RiskFactory(outcome=outcome),
            status=EscalationProposal.Status.DECLINED,
            reason="No",
            decided_by=f.UserFactory(),
            decided_at=timezone.now(),
        )


@pytest.mark.parametrize("who", ["board", "officer", "psb"])
def test_the_list_runs_a_constant_number_of_queries(
    client, people, outcome, block, who, django_assert_max_num_queries
):
    client.force_login(people[who])
    grow(1, outcome, block)
    with django_assert_max_num_queries(8) as small:
        client.get(URL)
    grow(15, outcome, block)
    with django_assert_max_num_queries(len(small)):
        response = client.get(URL)
    if who != "psb":
        assert len(response.context["pending"]) == 16
        assert len(response.context["decided"]) == 16
