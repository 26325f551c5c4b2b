"""Risks at every level for the register's and a risk's page's tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from risks.models import Risk
from risks.rules import RiskLevel
from tests import factories as f

ROLES = ["lead", "officer", "board", "psb", "scrutiny"]


def person(request, name: str):
    """The user of the role ``name``; the lead with their outcome lead's role."""
    if name == "lead":
        request.getfixturevalue("lead_role")
    return request.getfixturevalue(name)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def target_risk(db, outcome, officer, council):
    """Very high (5 x 4 = 20), on a target of the outcome's indicator; the officer owns it."""
    target = f.TargetFactory(indicator=f.IndicatorFactory(code="CYP 1", primary_outcome=outcome))
    return f.RiskFactory(
        title="Foster carers leave",
        level=RiskLevel.TARGET,
        outcome=None,
        target=target,
        owner=officer,
        owner_organisation=council,
        current_likelihood=5,
        current_impact=4,
        inherent_likelihood=5,
        inherent_impact=5,
        target_score=8,
    )


@pytest.fixture
def outcome_risk(db, outcome, lead, council, today):
    """Medium (3 x 3 = 9), the lead's, with its review overdue."""
    return f.RiskFactory(
        title="School places fall short",
        outcome=outcome,
        owner=lead,
        owner_organisation=council,
        review_date=today - timedelta(days=3),
    )


@pytest.fixture
def block_risk(db, other_block, police):
    """High (4 x 3 = 12), held by the other block's board."""
    return f.RiskFactory(
        title="Patrol cover thins",
        level=RiskLevel.BLOCK,
        outcome=None,
        block=other_block,
        owner_organisation=police,
        current_likelihood=4,
        current_impact=3,
    )


@pytest.fixture
def psb_risk(db):
    """Low (2 x 2 = 4), held by the Public Service Board."""
    return f.RiskFactory(
        title="Partners withdraw funding",
        level=RiskLevel.PARTNERSHIP,
        outcome=None,
        current_likelihood=2,
        current_impact=2,
    )


@pytest.fixture
def closed_risk(db, outcome):
    return f.RiskFactory(
        title="Old closed risk",
        outcome=outcome,
        status=Risk.Status.CLOSED,
        current_likelihood=5,
        current_impact=5,
    )


@pytest.fixture
def risks(target_risk, outcome_risk, block_risk, psb_risk, closed_risk):
    return {
        "target": target_risk,
        "outcome": outcome_risk,
        "block": block_risk,
        "psb": psb_risk,
        "closed": closed_risk,
    }
