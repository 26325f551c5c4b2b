"""Ready-made people, one per role, over a small framework: two partners, two blocks.

``lead`` leads ``outcome`` (block ``block``, led by ``council``); ``other_lead`` leads
``other_outcome`` (block ``other_block``, led by ``police``). ``council_officer`` is a
performance officer for the council only; ``officer`` is on the partnership's performance
team.
"""

import os

import pytest
from django.core.cache import cache

from partnership.models import Role
from tests import factories as f

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip on a user's machine that lacks a service; fail in CI, where everything must run."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1: every test must run)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _nothing_kept_from_another_test():
    """Each test's database is its own, so nothing read from another test's (a kept
    scorecard, a public page) may be served to it."""
    cache.clear()


@pytest.fixture
def council(db):
    return f.OrganisationFactory(name="Anycity Council", short_name="Council")


@pytest.fixture
def police(db):
    return f.OrganisationFactory(name="Anyshire Police", short_name="Police", kind="police")


@pytest.fixture
def block(db):
    return f.BlockFactory(name="Children and Young People", slug="children-and-young-people")


@pytest.fixture
def other_block(db):
    return f.BlockFactory(name="Safer and Stronger Communities", slug="safer-and-stronger")


@pytest.fixture
def outcome(block, council, lead):
    return f.OutcomeFactory(block=block, lead_organisation=council, lead_person=lead)


@pytest.fixture
def other_outcome(other_block, police, other_lead):
    return f.OutcomeFactory(block=other_block, lead_organisation=police, lead_person=other_lead)


@pytest.fixture
def lead(db, council):
    return f.UserFactory(username="lead", organisation=council)


@pytest.fixture
def lead_role(lead, outcome):
    return f.assign(lead, Role.OUTCOME_LEAD, outcome=outcome)


@pytest.fixture
def other_lead(db, police):
    return f.UserFactory(username="other_lead", organisation=police)


@pytest.fixture
def other_lead_role(other_lead, other_outcome):
    return f.assign(other_lead, Role.OUTCOME_LEAD, outcome=other_outcome)


@pytest.fixture
def colleague(db, council):
    """Someone else at the lead's organisation who works on figures (an indicator lead
    elsewhere): they see the council's drafts but enter no one else's return."""
    user = f.UserFactory(username="colleague", organisation=council)
    f.assign(user, Role.INDICATOR_LEAD, indicator=f.IndicatorFactory())
    return user


@pytest.fixture
def council_scrutiny(db, council):
    """An elected member who works at the council: a reader, who sees no drafts."""
    user = f.UserFactory(username="council_scrutiny", organisation=council)
    f.assign(user, Role.SCRUTINY)
    return user


@pytest.fixture
def officer(db, council):
    user = f.UserFactory(username="officer", organisation=council)
    f.assign(user, Role.PERFORMANCE_OFFICER)
    return user


@pytest.fixture
def council_officer(db, council):
    user = f.UserFactory(username="council_officer", organisation=council)
    f.assign(user, Role.PERFORMANCE_OFFICER, organisation=council)
    return user


@pytest.fixture
def board(db, block, police):
    user = f.UserFactory(username="board", organisation=police)
    f.assign(user, Role.BOARD_MEMBER, block=block)
    return user


@pytest.fixture
def psb(db, police):
    user = f.UserFactory(username="psb", organisation=police)
    f.assign(user, Role.PSB_MEMBER)
    return user


@pytest.fixture
def scrutiny(db):
    user = f.UserFactory(username="scrutiny")
    f.assign(user, Role.SCRUTINY)
    return user


@pytest.fixture
def admin_user(db):
    user = f.UserFactory(username="admin", is_staff=True, is_superuser=True)
    f.assign(user, Role.ADMINISTRATOR)
    return user


@pytest.fixture
def nobody(db):
    """Signed in, but with no role at all."""
    return f.UserFactory(username="nobody")
