"""The public pages and files read a constant number of queries, whatever their size."""

from __future__ import annotations

from decimal import Decimal

import pytest

from partnership.models import Area
from tests import factories as f
from tests.public.conftest import value

QUARTERS = ("2025-26-Q1", "2025-26-Q2", "2025-26-Q3")
# On a cold cache (a warm one reads none): the same at both sizes.
HOME_QUERIES = 14
INDICATOR_QUERIES = 9
FILE_QUERIES = 2


def grow(outcome, area, n: int) -> None:
    """n more published indicators, each with a target, three comparators' values and a
    priority covering its outcome."""
    priority = f.PriorityFactory()
    outcome.priorities.add(priority)
    for i in range(n):
        indicator = f.IndicatorFactory(primary_outcome=outcome, published=True)
        f.TargetFactory(indicator=indicator, area=area)
        for code in QUARTERS:
            value(indicator, area, code, Decimal(40 + i))
    for j in range(n):
        comparator = f.AreaFactory(kind=Area.Kind.COMPARATOR, name=f"Town {j}")
        for code in QUARTERS:
            value(world_indicator(), comparator, code, Decimal(30 + j))


def world_indicator():
    from indicators.models import Indicator

    return Indicator.objects.get(code="CYP 01")


@pytest.mark.parametrize("n", [1, 8])
@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/public/", HOME_QUERIES),
        ("/public/indicators/cyp-01/", INDICATOR_QUERIES),
        ("/public/data.csv", FILE_QUERIES),
        ("/public/data.json", FILE_QUERIES),
        ("/public/feed.atom", FILE_QUERIES),
    ],
)
def test_queries_do_not_grow_with_the_data(
    client, world, outcome, area, n, url, most, django_assert_max_num_queries
):
    grow(outcome, area, n)
    with django_assert_max_num_queries(most):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get(url).status_code == 200  # from the cache
