"""The start page's "Risks to review": the person's own risks whose review is overdue or
due within five working days, each a link to the risk, in words; nobody else's."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from reporting.rules.working_days import add_working_days
from risks.models import Risk
from tests import factories as f
from tests.risks.conftest import ROLES, person

pytestmark = pytest.mark.django_db


def to_review(response) -> str:
    match = re.search(r'<section[^>]*id="risks-to-review">(.*?)</section>', response.text, re.S)
    return match.group(1) if match else ""


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_only_their_own_risks_to_review(request, client, role):
    user = person(request, role)
    today = timezone.localdate()
    late = f.RiskFactory(title="My late review", owner=user, review_date=today - timedelta(days=2))
    soon = f.RiskFactory(title="My review soon", owner=user, review_date=add_working_days(today, 5))
    f.RiskFactory(title="Not yet", owner=user, review_date=add_working_days(today, 6))
    f.RiskFactory(
        title="Closed", owner=user, review_date=today - timedelta(days=9), status=Risk.Status.CLOSED
    )
    f.RiskFactory(title="Someone else's", owner=f.UserFactory(), review_date=today)
    client.force_login(user)
    section = to_review(client.get("/"))

    assert f'href="/risks/{late.pk}/"' in section
    assert f'href="/risks/{soon.pk}/"' in section
    assert "Review overdue</strong> review overdue by 2 days" in section
    assert "review due in 5 working days" in section
    for absent in ("Not yet", "Closed", "Someone else"):
        assert absent not in section


def test_no_section_without_risks_to_review(client, officer):
    client.force_login(officer)
    assert 'id="risks-to-review"' not in client.get("/").text


def test_no_section_for_someone_with_no_role(client, nobody):
    f.RiskFactory(owner=nobody, review_date=timezone.localdate())
    client.force_login(nobody)
    assert 'id="risks-to-review"' not in client.get("/").text


def test_the_query_count_does_not_grow_with_risks(client, officer, django_assert_max_num_queries):
    today = timezone.localdate()
    client.force_login(officer)

    def add(n):
        for i in range(n):
            f.RiskFactory(owner=officer, review_date=today - timedelta(days=i))

    add(3)
    with django_assert_max_num_queries(20) as few:
        client.get("/")
    add(27)
    with django_assert_max_num_queries(len(few)):
        response = client.get("/")
    assert len(response.context["page"].risks_to_review) == 30
