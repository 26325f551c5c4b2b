"""Who may change an outcome's delivery plan (``access.plan_edit_refusal``)."""

import pytest

from partnership import access
from partnership.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("person", "allowed"),
    [
        ("lead_role", True),  # the outcome's lead by role
        ("officer", True),  # the performance team
        ("council_officer", True),  # the lead organisation's officer
        ("admin_user", True),
        ("board", False),
        ("psb", False),
        ("scrutiny", False),
        ("council_scrutiny", False),
        ("colleague", False),  # works on figures at the council, but leads no outcome
        ("other_lead_role", False),  # leads another outcome
        ("nobody", False),
    ],
)
def test_who_may_change_a_plan(request, outcome, other_outcome, person, allowed):
    user = getattr(request.getfixturevalue(person), "user", None) or request.getfixturevalue(person)

    assert access.can_edit_plan(user, outcome) is allowed
    assert (access.plan_edit_refusal(user, outcome) is None) is allowed


def test_the_outcomes_named_lead_may_without_the_role(outcome, lead):
    assert access.can_edit_plan(lead, outcome)


def test_a_police_officer_may_not_change_the_councils_outcome(outcome, police):
    user = f.UserFactory(organisation=police)
    f.assign(user, Role.PERFORMANCE_OFFICER, organisation=police)

    assert access.plan_edit_refusal(user, outcome) == access.PLAN_EDITORS
