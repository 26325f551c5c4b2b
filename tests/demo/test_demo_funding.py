"""The demo's funding: streams aligned and pooled, on blocks and on outcomes, each with an
amount for three financial years ending with this one; some actions draw on them; and the
funding pages, the board's Resources and the pack read them.

The demo is loaded once (as at 21 November 2026) for the module and rolled back after it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from openpyxl import load_workbook

from demo.content.framework import FUNDING
from demo.content.plans import ACTIONS
from partnership.models import FundingAmount, FundingStream
from reporting.funding.selectors import block_resources, funding_page
from reporting.packs.selectors.data import pack_data
from reporting.packs.workbook.build import build_pack_workbook
from reporting.scorecard.selectors import quarter_named
from targets.models import Action

TODAY = date(2026, 11, 21)
YEARS = ["2024-25", "2025-26", "2026-27"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO(), today=TODAY.isoformat())
        yield
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_streams_are_aligned_and_pooled_on_blocks_and_outcomes_for_three_years():
    streams = FundingStream.objects.all()
    assert streams.count() == len(FUNDING)
    assert set(streams.values_list("kind", flat=True)) == {"aligned", "pooled"}
    assert streams.filter(block__isnull=False).exists()
    assert streams.filter(outcome__isnull=False).exists()
    for stream in streams:
        years = sorted(stream.amounts.values_list("year__code", flat=True))
        assert years == YEARS, stream.name
    assert not FundingAmount.objects.filter(amount__lt=0).exists()
    assert {r.history_user.username for r in FundingAmount.history.all()} == {"admin"}


def test_some_actions_draw_on_a_stream_of_their_own_block():
    funded = Action.objects.filter(funding_stream__isnull=False).select_related(
        "funding_stream__block", "funding_stream__outcome__block", "outcome__block"
    )  # fmt: skip
    assert funded.count() == sum(1 for spec in ACTIONS if spec.funding) >= 8
    assert Action.objects.filter(funding_stream__isnull=True).exists()
    for action in funded:
        stream = action.funding_stream
        stream_block = stream.block or stream.outcome.block
        assert stream_block == action.outcome.block, action.description
        assert action.funding_amount > 0


def test_the_funding_page_and_the_boards_resources_read_the_demo():
    page = funding_page()
    assert page.years == tuple(YEARS)
    assert all(totals.aligned and totals.pooled for totals in page.totals)
    assert sum(line.action_count for block in page.blocks for line in block.streams) >= 8
    board = get_user_model().objects.get(username="board")
    block = board.role_assignments.get().block
    resources = block_resources(block, today=TODAY)
    assert resources.year == "2026-27"
    assert resources.totals.pooled > 0
    assert resources.totals.aligned > 0
    assert all(line.amount is not None for line in resources.streams)


def test_the_pack_has_a_funding_sheet():
    officer = get_user_model().objects.get(username="officer")
    data = pack_data(
        user=officer,
        period=quarter_named("2026-27-Q2"),
        today=TODAY,
        generated_at=datetime(2026, 11, 21, 9, 0, tzinfo=UTC),
        partnership_name="Anycity Partnership",
    )
    out = BytesIO()
    build_pack_workbook(data, out)
    out.seek(0)
    sheet = load_workbook(out)["Funding"]
    header = [c.value for c in sheet[1]]
    assert header[5:8] == YEARS
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sum(1 for row in rows if row[2] in {spec.name for spec in FUNDING}) == len(FUNDING)
    (total,) = [row for row in rows if row[:2] == ("All streams in the pack", "Total")]
    this_year = FundingAmount.objects.filter(year__code="2026-27").values_list("amount", flat=True)
    assert Decimal(total[7]) == sum(this_year)
