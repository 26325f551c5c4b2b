"""A red or amber target with no live action is "Off track with no action plan" on the PSB's
dashboard and in the exception report as sent; what counts as a live action."""

from __future__ import annotations

from datetime import date

import pytest

from reporting.dashboards.selectors.exceptions import ExceptionFilters, exceptions_page
from reporting.exception_reports.services import exception_report_send
from targets.models import Action
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round, add_target

pytestmark = pytest.mark.django_db
NO_PLAN = "Off track with no action plan"


def reasons(user, target):
    page = exceptions_page(user=user, period=f.period(Q2), today=TODAY, filters=ExceptionFilters())
    return next(
        item.reasons
        for group in page.groups
        for outcome in group.outcomes
        for item in outcome.targets
        if item.row.target_id == target.pk
    )


@pytest.fixture
def red(outcome):
    a_round()
    return add_target(outcome, value=30)


def act(outcome, council, *, targets=(), **fields):
    action = Action.objects.create(
        outcome=outcome, description="Act", lead_organisation=council, **fields
    )
    action.targets.set(targets)
    return action


def test_a_red_target_with_no_action_is_off_track_with_no_plan(psb, red):
    assert reasons(psb, red) == ("Red", NO_PLAN)


@pytest.mark.parametrize(
    ("fields", "for_the_target", "planned"),
    [
        ({"status": "on_track", "due_date": date(2026, 3, 31)}, True, True),
        ({"status": "delayed", "due_date": None}, True, True),  # no due date: live
        ({"status": "on_track", "due_date": TODAY}, True, True),  # due today: still live
        ({"status": "on_track", "due_date": date(2025, 11, 20)}, True, False),  # overdue
        ({"status": "complete", "due_date": date(2026, 3, 31)}, True, False),
        ({"status": "on_track", "due_date": None}, False, True),  # for the outcome as a whole
    ],
)
def test_what_counts_as_a_live_action(psb, red, outcome, council, fields, for_the_target, planned):
    act(outcome, council, targets=[red] if for_the_target else [], **fields)

    assert (NO_PLAN not in reasons(psb, red)) is planned


def test_an_action_for_another_target_of_the_outcome_is_no_plan_for_this_one(
    psb, red, outcome, council
):
    other = add_target(outcome, value=60)
    act(outcome, council, targets=[other], status="on_track")

    assert NO_PLAN in reasons(psb, red)


def test_the_exception_report_as_sent_keeps_the_reason(psb, outcome, council):
    a_round(state="closed")
    red = add_target(outcome, value=30)

    report = exception_report_send(period=f.period(Q2), today=TODAY)

    items = [item for block in report.content["blocks"] for item in block["targets"]]
    assert [item["reasons"] for item in items if item["code"] == red.indicator.code] == [
        ["Red", NO_PLAN]
    ]
