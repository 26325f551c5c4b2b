"""The register, its heat map, its CSV and a risk's page run the same SQL queries with 5
risks as with 60, and with a risk that has four reviews as with one that has a long
year of reviews, actions, proposals and edits.

The risks are made by the national benchmark's own builder, on a small framework: one
target, one outcome, one block and the partnership, each with the same number of risks.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from demo.builders.benchmark_risks import TITLE, build_national_risks
from risks.models import EscalationProposal, Risk, RiskAction
from risks.rules import RiskLevel
from tests import factories as f

SMALL = {"per_target": 1, "per_outcome": 1, "per_block": 1, "partnership": 2}
LARGE = {"per_target": 15, "per_outcome": 15, "per_block": 15, "partnership": 15}
MAX_QUERIES = 20
PAGES = ["/risks/", "/risks/?position=inherent", "/risks/register.csv"]


@pytest.fixture
def framework(outcome, officer, board, psb, admin_user):
    """One target on the outcome's indicator; the block's board and the PSB own risks."""
    f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=outcome))
    return admin_user


def build(admin, sizes) -> None:
    build_national_risks(today=timezone.localdate(), admin=admin, **sizes)


def the_risk() -> Risk:
    """The first target risk: there at both sizes."""
    return Risk.objects.filter(title__startswith=TITLE.format("T"), level="target").earliest("pk")


def lengthen_its_year(risk: Risk, admin) -> None:
    """Twelve more reviews, five actions, three decided proposals and five edits."""
    today = timezone.localdate()
    for n in range(12):
        f.RiskReviewFactory(risk=risk, reviewed_on=today - timedelta(days=20 + n), reviewer=admin)
    for n in range(5):
        RiskAction.objects.create(risk=risk, description=f"Extra action {n}", owner=admin)
    for n in range(3):
        f.EscalationProposalFactory(
            risk=risk,
            from_level=RiskLevel.TARGET,
            to_level=RiskLevel.OUTCOME,
            status=EscalationProposal.Status.DECLINED,
            reason=f"Kept at the target ({n})",
            decided_by=admin,
        )
    for n in range(5):
        risk.controls = f"Controls, version {n}"
        risk._history_user = admin
        risk.save()


def csv_rows(client) -> int:
    return len(client.get("/risks/register.csv").content.decode().splitlines()) - 1


@pytest.mark.parametrize("username", ["officer", "board", "psb"])
@pytest.mark.parametrize("page", PAGES)
def test_register_pages_run_the_same_queries_with_5_risks_as_with_60(
    client, framework, django_assert_max_num_queries, request, username, page
):
    client.force_login(request.getfixturevalue(username))
    build(framework, SMALL)
    assert Risk.objects.count() == 5
    client.get(page)  # warm-up: what a first request reads once
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(page).status_code == 200
    queries = len(small)  # now: the next request clears the query log
    shown = csv_rows(client)
    build(framework, LARGE)
    assert Risk.objects.count() == 60
    assert csv_rows(client) > shown
    with django_assert_max_num_queries(queries):
        assert client.get(page).status_code == 200


@pytest.mark.parametrize("username", ["officer", "board", "psb"])
def test_a_risks_page_runs_the_same_queries_with_more_risks_and_a_longer_year(
    client, framework, django_assert_max_num_queries, request, username
):
    client.force_login(request.getfixturevalue(username))
    build(framework, SMALL)
    risk = the_risk()
    url = f"/risks/{risk.pk}/"
    client.get(url)  # warm-up
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(url).status_code == 200
    queries = len(small)
    build(framework, LARGE)
    lengthen_its_year(risk, framework)
    assert risk.reviews.count() == 16
    with django_assert_max_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert "Controls, version 4" in response.content.decode()
