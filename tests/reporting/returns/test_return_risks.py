"""The quarterly return shows the risks of its outcome and of its targets, with their
review state, each a link to the risk's page (issue 10, point 8), in one query."""

from datetime import timedelta

import pytest
from django.utils import timezone

from risks.models import Risk
from risks.rules import RiskLevel
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def qr(outcome, lead_role):
    the_round = f.ReturnRoundFactory(period=f.period("2025-26-Q2"))
    return f.QuarterlyReturnFactory(round=the_round, outcome=outcome)


def page(client, user, qr):
    client.force_login(user)
    response = client.get(f"/returns/{qr.pk}/")
    assert response.status_code == 200
    return response


def test_the_return_lists_its_outcomes_and_targets_risks_with_their_review_state(
    client, qr, outcome, other_outcome, lead
):
    today = timezone.localdate()
    target = f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=outcome))
    on_outcome = f.RiskFactory(
        outcome=outcome, title="Staff shortages", review_date=today - timedelta(days=3)
    )
    on_target = f.RiskFactory(
        level=RiskLevel.TARGET, outcome=None, target=target, title="Data late",
        current_likelihood=5, current_impact=4, review_date=today + timedelta(days=30),
    )  # fmt: skip
    f.RiskFactory(outcome=outcome, title="Closed one", status=Risk.Status.CLOSED)
    f.RiskFactory(outcome=other_outcome, title="Another outcome's")

    response = page(client, lead, qr)

    rows = response.context["page"].risks
    assert [(r.title, r.review_overdue) for r in rows] == [
        ("Data late", False),
        ("Staff shortages", True),
    ]
    html = response.content.decode()
    assert f'href="/risks/{on_outcome.pk}/">Staff shortages' in html
    assert f'href="/risks/{on_target.pk}/">Data late' in html
    assert "Review overdue</strong> since" in html
    assert "Another outcome" not in html


def test_a_return_without_risks_says_so(client, qr, lead):
    html = page(client, lead, qr).content.decode()
    assert "The outcome and its targets have no open risks." in html


@pytest.mark.parametrize("person", ["officer", "board", "psb", "scrutiny"])
def test_everyone_who_reads_the_return_reads_its_risks(request, client, qr, outcome, person):
    from reporting.models import QuarterlyReturn

    QuarterlyReturn.objects.filter(pk=qr.pk).update(state=QuarterlyReturn.State.APPROVED)
    f.RiskFactory(outcome=outcome, title="Staff shortages")
    response = page(client, request.getfixturevalue(person), qr)
    assert [r.title for r in response.context["page"].risks] == ["Staff shortages"]
