"""The demo tells every story statistical process control can (issue 16).

Twenty quarters of history give each quarterly target enough approved values for an XmR
chart. Read through the same code a board reads (the scorecard of the exception
dashboard, and the indicator page's chart), the demo as at 21 November 2026 has an amber
target that is only common-cause variation, a green target with special cause concern,
and charts with a shift, a trend and a point outside the limits, and a target the
process will consistently fail.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from reporting.dashboards.selectors.indicator_page import indicator_page
from reporting.scorecard.selectors import default_quarter, scorecard
from targets.rules import Rag
from targets.spc import Assurance, Rule, Variation
from tests.demo.test_load_demo import TODAY, demo  # noqa: F401 (the shared load)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="class")
def rows(demo, django_db_blocker):  # noqa: F811
    with django_db_blocker.unblock():
        psb = get_user_model().objects.get(username="psb")
        return scorecard(user=psb, period=default_quarter(), today=TODAY).rows


@pytest.fixture(scope="class")
def rules_seen(rows, django_db_blocker):
    """Every rule flagged on any point of any target's chart on its indicator page."""
    with django_db_blocker.unblock():
        psb = get_user_model().objects.get(username="psb")
        seen: set[str] = set()
        for row in rows:
            chart = indicator_page(slug=row.slug, user=psb).spc
            seen.update(rule for point in chart.points for rule in point.rules)
        return seen


class TestDemoSpc:
    def test_most_targets_have_enough_data_for_spc(self, rows):
        assert default_quarter().code == "2026-27-Q1"
        judged = [row for row in rows if row.spc_enough_data]
        assert len(judged) >= len(rows) // 2

    def test_an_amber_target_is_common_cause(self, rows):
        assert any(row.rag is Rag.AMBER and row.common_cause_amber for row in rows)

    def test_a_green_target_shows_special_cause_concern(self, rows):
        found = [r for r in rows if r.rag is Rag.GREEN and r.spc_variation is Variation.CONCERN]
        assert [row.code for row in found] == ["L 09"]

    def test_a_target_will_consistently_fail(self, rows):
        assert any(row.spc_assurance is Assurance.FAIL for row in rows)

    def test_special_cause_improvement_shows_too(self, rows):
        assert any(row.spc_variation is Variation.IMPROVEMENT for row in rows)

    @pytest.mark.parametrize("rule", [Rule.SHIFT, Rule.TREND, Rule.OUTSIDE_LIMITS])
    def test_charts_show_each_kind_of_signal(self, rules_seen, rule):
        assert rule.label in rules_seen
