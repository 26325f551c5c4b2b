"""The board view's Resources: the block's funding streams (its own and its outcomes')
with this financial year's amounts, aligned against pooled, and a link to /funding/."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reporting.dashboards.selectors.board import board_page
from reporting.funding.selectors import block_resources
from tests import factories as f
from tests.reporting.funding.conftest import make_stream, this_year
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(block, outcome, other_outcome, council):
    this, last = this_year().code, this_year().previous().code
    make_stream("Area Based Grant", kind="pooled", block=block, provider=council,
                amounts={last: 900_000, this: 1_000_000})  # fmt: skip
    make_stream("Early Years Grant", outcome=outcome, amounts={this: 250_000})
    make_stream("Next year only", outcome=outcome, amounts={this_year().next().code: 5})
    make_stream("Elsewhere", outcome=other_outcome, amounts={this: 75_000})


@pytest.mark.parametrize("person", ["board", "scrutiny", "psb", "lead_role", "officer"])
def test_the_board_view_shows_its_blocks_resources_this_year(
    request, client, block, funded, person
):
    a_round()
    someone = request.getfixturevalue(person)
    client.force_login(getattr(someone, "user", someone))
    html = client.get(f"/blocks/{block.slug}/?period={Q2}").content.decode()
    resources = html.split('id="resources"')[1].split("</section>")[0]
    year = this_year().code
    assert f"In {year} the block and its outcomes have £1,250,000" in resources
    assert "£250,000 aligned and £1,000,000 pooled" in resources
    assert resources.index("Area Based Grant") < resources.index("Early Years Grant")
    assert "Next year only" in resources  # a stream of the block with nothing this year
    assert "None recorded" in resources
    assert "Elsewhere" not in resources
    assert f'href="/funding/#block-{block.slug}"' in resources


def test_a_block_with_no_funding_says_so(client, board, block):
    a_round()
    client.force_login(board)
    html = client.get(f"/blocks/{block.slug}/?period={Q2}").content.decode()
    assert "No funding stream is recorded for the block or its outcomes." in html


def test_the_year_is_the_one_that_holds_today(block, outcome, admin_user):
    make_stream("Grant", block=block, amounts={"2025-26": 10, "2026-27": 20})
    resources = board_page(user=admin_user, block=block, period=a_round().period, today=TODAY)
    assert resources.resources.year == "2025-26"
    assert resources.resources.totals.aligned == Decimal(10)


@pytest.mark.parametrize("n", [1, 15])
def test_resources_read_in_two_queries_whatever_the_number_of_streams(
    block, outcome, n, django_assert_num_queries
):
    for i in range(n):
        make_stream(f"Grant {i}", outcome=outcome if i % 2 else None,
                    block=None if i % 2 else block, provider=f.OrganisationFactory(),
                    amounts={"2025-26": i, "2024-25": 1})  # fmt: skip
    with django_assert_num_queries(2):
        resources = block_resources(block, today=TODAY)
    assert len(resources.streams) == n
    assert resources.totals.total == sum(range(n))
