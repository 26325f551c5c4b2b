"""An outcome with two targets (one red, one green) for the quarter, and its plan's URLs."""

from datetime import date

import pytest
from django.utils.text import slugify

from targets.models import Action
from tests.reporting.scorecard.test_scorecard import a_round, add_target


@pytest.fixture
def the_round(db):
    return a_round()


@pytest.fixture
def red(outcome, the_round):
    return add_target(outcome, value=30)  # the milestone is 50: red


@pytest.fixture
def green(outcome, the_round):
    return add_target(outcome, value=60)


@pytest.fixture
def plan_url(outcome):
    return f"/outcomes/{slugify(outcome.code)}/"


@pytest.fixture
def make_action(outcome, council):
    def make(**fields):
        targets = fields.pop("targets", [])
        action = Action.objects.create(
            outcome=fields.pop("outcome", outcome),
            description=fields.pop("description", "Recruit foster carers"),
            lead_organisation=fields.pop("lead_organisation", council),
            **fields,
        )
        action.targets.set(targets)
        return action

    return make


FAR = date(2099, 3, 31)  # a due date that never passes
