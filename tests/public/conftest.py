"""A small partnership with something of everything that must never be public.

CYP 01 (council) is published, with a target from 40 in 2024-25 to 60 in 2026-27. Its
approved values are 41.1, 43.3 and 45.5 for Q1 to Q3 2025-26; its value for Q4 2025-26
(88.81) is submitted, not approved; its value for Q1 2026-27 (93.21) is approved, but that
quarter's round is still open. CYP 09 is not published: its approved value is 71.17. The
council's return for Q3 2025-26 is approved with commentary; a risk sits on the outcome.
Every distinctive value below must never appear on a public page or file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from indicators.models import Indicator
from partnership.models import Area
from reporting.models import QuarterlyReturn, ReturnRound
from tests import factories as f

OPEN_QUARTER_VALUE = "93.21"
SUBMITTED_VALUE = "88.81"
UNPUBLISHED_VALUE = "71.17"
UNPUBLISHED_TITLE = "Hidden indicator Zanzibar"
COMMENTARY = "Commentary never for publication Quixote"
CONCERNS = "Concerns never for publication Marmalade"
RISK_TITLE = "Risk never public Thunderbolt"
LEAD_SURNAME = "Featherstonehaugh"
PUBLISHED_AT = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)

SECRETS = (
    OPEN_QUARTER_VALUE,
    SUBMITTED_VALUE,
    UNPUBLISHED_VALUE,
    UNPUBLISHED_TITLE,
    COMMENTARY,
    CONCERNS,
    RISK_TITLE,
    LEAD_SURNAME,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def value(indicator, area, code, amount, **extra):
    return f.IndicatorValueFactory(
        indicator=indicator, area=area, period=f.period(code), value=Decimal(amount), **extra
    )


def closed_round(code: str, **extra) -> ReturnRound:
    return f.ReturnRoundFactory(period=f.period(code), state=ReturnRound.State.CLOSED, **extra)


@pytest.fixture
def area(db):
    return f.PartnershipAreaFactory()


@pytest.fixture
def comparator(db):
    return f.AreaFactory(code="E07000777", name="Nearby Town", kind=Area.Kind.COMPARATOR)


@pytest.fixture
def world(outcome, area, comparator, lead):
    lead.last_name = LEAD_SURNAME
    lead.save()
    published = f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 01",
        title="Children in good schools",
        lead_person=lead,
        published=True,
        published_at=PUBLISHED_AT,
    )
    f.TargetFactory(indicator=published, area=area, lead_person=lead)
    for code, amount in (("2025-26-Q1", "41.1"), ("2025-26-Q2", "43.3"), ("2025-26-Q3", "45.5")):
        value(published, area, code, amount)
        value(published, comparator, code, Decimal(amount) - 1)
    value(published, area, "2025-26-Q4", SUBMITTED_VALUE, is_approved=False)
    value(published, area, "2026-27-Q1", OPEN_QUARTER_VALUE)
    hidden = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 09", title=UNPUBLISHED_TITLE, published=False
    )
    f.TargetFactory(indicator=hidden, area=area)
    value(hidden, area, "2025-26-Q3", UNPUBLISHED_VALUE)
    for code in ("2025-26-Q1", "2025-26-Q2"):
        closed_round(code)
    q3 = closed_round("2025-26-Q3")
    f.ReturnRoundFactory(period=f.period("2025-26-Q4"), state=ReturnRound.State.CLOSED)
    f.ReturnRoundFactory(period=f.period("2026-27-Q1"), state=ReturnRound.State.OPEN)
    f.QuarterlyReturnFactory(
        round=q3,
        outcome=outcome,
        state=QuarterlyReturn.State.APPROVED,
        progress_summary=COMMENTARY,
        concerns_and_actions=CONCERNS,
        forecast_rag="green",
    )
    f.RiskFactory(title=RISK_TITLE, outcome=outcome)
    return {"published": published, "hidden": hidden}


def published(indicator: Indicator) -> Indicator:
    indicator.published = True
    indicator.save()
    return indicator


PUBLIC_URLS = (
    "/public/",
    "/public/indicators/cyp-01/",
    "/public/data.csv",
    "/public/data.json",
    "/public/feed.atom",
)
