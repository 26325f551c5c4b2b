"""The demo's delivery plans: every outcome has evidence, options and actions, in several
states (some overdue, some complete), with some progress reported this quarter and some
not; the plan pages open for the demo's people.

The demo is loaded once (as at 21 November 2026) for the class and rolled back after it.
"""

# ruff: noqa: F811 - the demo fixture imported is used as an argument

from __future__ import annotations

from collections import Counter

import pytest
from django.utils.text import slugify

from partnership.models import Outcome
from targets import plan_rules
from targets.models import Action, ActionUpdate, DeliveryPlan
from tests.demo.test_demo_risks import TODAY, demo, user  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("demo")
class TestDemoPlans:
    def test_every_outcome_has_a_plan_with_evidence_options_and_actions(self, demo):
        outcomes = Outcome.objects.count()
        assert f"{outcomes} delivery plans" in demo
        assert DeliveryPlan.objects.exclude(evidence="").exclude(options="").count() == outcomes
        assert set(Action.objects.values_list("outcome", flat=True)) == set(
            Outcome.objects.values_list("pk", flat=True)
        )

    def test_actions_are_in_several_states_some_overdue_some_complete(self):
        actions = list(Action.objects.all())
        states = Counter(a.status for a in actions)
        assert set(states) == set(Action.Status)
        overdue = [
            a
            for a in actions
            if plan_rules.is_overdue(status=a.status, due_date=a.due_date, today=TODAY)
        ]
        assert len(overdue) >= 3
        complete = [a for a in actions if a.status == Action.Status.COMPLETE]
        assert all(a.completed_on is not None and a.completed_on <= TODAY for a in complete)

    def test_some_progress_is_reported_this_quarter_and_some_is_not(self):
        quarter = plan_rules.reporting_quarter(TODAY)
        reported = set(
            ActionUpdate.objects.filter(period__code=quarter.code).values_list("action", flat=True)
        )
        live = set(
            Action.objects.exclude(status=Action.Status.COMPLETE).values_list("pk", flat=True)
        )
        assert reported
        assert reported < live

    def test_the_lead_and_the_board_open_a_plan(self, client):
        outcome = Outcome.objects.order_by("code").first()
        for username in ("lead", "board"):
            client.force_login(user(username))
            response = client.get(f"/outcomes/{slugify(outcome.code)}/")
            assert response.status_code == 200
            assert "5. What do we need to do?" in response.text
