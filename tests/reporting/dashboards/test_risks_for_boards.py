"""Where the levels read the escalation route (issue 10, point 8): the board view lists its
block's risks with their review state and the risks proposed to the board; the PSB's
exception dashboard and report list the risks proposed to the PSB awaiting a decision."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from reporting.dashboards.selectors.board import board_page
from reporting.dashboards.selectors.exceptions import exceptions_page
from reporting.dashboards.selectors.exceptions.filters import ExceptionFilters
from risks.models import EscalationProposal
from risks.rules import RiskLevel
from risks.services.escalation import refresh_proposal
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round

pytestmark = pytest.mark.django_db


def scored(likelihood, impact, **kwargs):
    risk = f.RiskFactory(current_likelihood=likelihood, current_impact=impact, **kwargs)
    refresh_proposal(risk)
    return risk


@pytest.fixture
def proposals(block, other_block, outcome, other_outcome):
    a_round()
    return {
        # 16 on an outcome of the block: proposed up to the board.
        "up_to_board": scored(4, 4, outcome=outcome, title="Refuge places lost"),
        # 20 held by the block: proposed up to the PSB.
        "up_to_psb": scored(
            5, 4, level=RiskLevel.BLOCK, outcome=None, block=block, title="Funding ends"
        ),
        # Held by the board, fallen to 6: proposed back down to its outcome.
        "down": scored(
            2, 3, level=RiskLevel.BLOCK, home_level=RiskLevel.OUTCOME, outcome=outcome,
            title="Staff shortages",
        ),
        # Another block's, proposed to its own board.
        "elsewhere": scored(4, 4, outcome=other_outcome, title="Other block's risk"),
    }  # fmt: skip


def noon():
    return timezone.make_aware(datetime.combine(TODAY, time(12)))


def board_view(user, block):
    return board_page(user=user, block=block, period=f.period(Q2), today=TODAY)


def test_the_board_view_lists_what_is_proposed_to_its_board(board, block, proposals):
    page = board_view(board, block)
    assert {(p.risk_title, p.direction) for p in page.proposed} == {
        ("Refuge places lost", "up"),
        ("Staff shortages", "down"),
    }
    line = next(p for p in page.proposed if p.risk_title == "Refuge places lost")
    assert line.explanation.startswith("Proposed for escalation to the partnership board")


def test_a_decided_or_withdrawn_proposal_is_no_longer_listed(board, block, proposals):
    EscalationProposal.objects.filter(risk=proposals["up_to_board"]).update(
        status=EscalationProposal.Status.DECLINED, reason="The outcome holds it"
    )
    assert [p.risk_title for p in board_view(board, block).proposed] == ["Staff shortages"]


def test_the_board_view_shows_the_proposals_with_links_to_decide(client, board, block, proposals):
    client.force_login(board)
    html = client.get(f"/blocks/{block.slug}/").content.decode()
    risk = proposals["up_to_board"]
    assert "Risks proposed to this board" in html
    assert f'href="/risks/{risk.pk}/#decision-form">Decide' in html
    assert "Other block&#x27;s risk" not in html.split("Risks proposed to this board")[1]


def test_a_board_with_nothing_proposed_says_so(client, board, other_block):
    a_round()
    client.force_login(board)
    html = client.get(f"/blocks/{other_block.slug}/").content.decode()
    assert "No risk is proposed to the board." in html


def test_the_board_view_flags_overdue_reviews_in_words(client, board, block, outcome):
    a_round()
    f.RiskFactory(outcome=outcome, title="Overdue", review_date=TODAY - timedelta(days=1))
    f.RiskFactory(outcome=outcome, title="In time", review_date=TODAY + timedelta(days=10))
    page = board_view(board, block)
    assert {r.title: r.review_overdue for r in page.risks} == {"Overdue": True, "In time": False}


def test_the_psb_dashboard_lists_the_risks_proposed_to_the_psb(psb, proposals):
    page = exceptions_page(user=psb, period=f.period(Q2), today=TODAY)
    assert [p.risk_title for p in page.proposed] == ["Funding ends"]


def test_the_psb_dashboard_page_shows_them_and_counts_them(client, psb, proposals):
    client.force_login(psb)
    html = client.get(f"/exceptions/?period={Q2}").content.decode()
    assert "Risks proposed to the Public Service Board" in html
    assert '1</span><span class="app-summary-figures__label">risk proposed to the PSB' in html
    assert f'href="/risks/{proposals["up_to_psb"].pk}/#decision-form"' in html


def test_filters_on_targets_leave_the_proposals_out_as_they_do_risks(psb, proposals):
    page = exceptions_page(
        user=psb, period=f.period(Q2), today=TODAY, filters=ExceptionFilters(rag="red")
    )
    assert page.proposed == ()


def test_the_exception_report_keeps_and_shows_the_risks_proposed_to_the_psb(
    client, psb, proposals, mailoutbox
):
    from reporting.exception_reports.selectors import exception_report_page
    from reporting.exception_reports.services import exception_report_content

    content = exception_report_content(period=f.period(Q2), today=TODAY, reader=psb)
    (stored,) = content["proposed_to_psb"]
    assert stored["title"] == "Funding ends"
    assert stored["score"] == 20
    assert (
        stored["move"]
        == "Escalation: Block (partnership board) to Partnership (Public Service Board)"
    )

    from reporting.models import ExceptionReport

    ExceptionReport.objects.create(period=f.period(Q2), content=content, sent_at=noon())
    page = exception_report_page(code=Q2)
    assert [p.title for p in page.proposed] == ["Funding ends"]


def test_a_report_stored_before_proposals_were_kept_still_opens(psb):
    from reporting.exception_reports.selectors import exception_report_page
    from reporting.models import ExceptionReport

    ExceptionReport.objects.create(
        period=f.period(Q2), content={"blocks": [], "period": Q2}, sent_at=noon()
    )
    assert exception_report_page(code=Q2).proposed == ()


@pytest.mark.parametrize("size", [1, 15])
def test_the_proposals_add_one_query_whatever_their_number(
    client, board, block, outcome, size, django_assert_max_num_queries
):
    from tests.reporting.dashboards.test_board import MAX_QUERIES

    a_round()
    for n in range(size):
        scored(4, 4, outcome=outcome, title=f"Risk {n}")
    client.force_login(board)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(f"/blocks/{block.slug}/")
    assert len(response.context["page"].proposed) == size
