"""A row of a targets table is rendered once per item and kept: a changed item is new."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import pytest

from reporting.dashboards.selectors.board import BoardTarget
from reporting.scorecard.selectors import scorecard
from reporting.templatetags.app_tags import _kept_row, target_row
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, add_target

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(outcome, board):
    add_target(outcome, value=44, previous=40, last_year=38)
    (row,) = scorecard(user=board, period=f.period(Q2), today=TODAY).rows
    return BoardTarget(row=row, href="/indicators/x/")


def test_the_same_item_is_rendered_once(item):
    _kept_row.cache_clear()
    first = target_row(item, variation=True)
    assert target_row(item, variation=True) == first
    assert _kept_row.cache_info().hits == 1
    assert "44" in first
    assert 'href="/indicators/x/"' in first


def test_an_item_with_anything_changed_is_rendered_afresh(item):
    target_row(item)
    changed = replace(item, row=replace(item.row, value=Decimal("47"), value_text="47"))
    html = target_row(changed)
    assert "47" in html
    assert ">44<" not in html.replace(" ", "").replace("\n", "")


def test_the_tables_options_are_part_of_the_row(item):
    assert 'id="target-' not in target_row(item)
    assert f'id="target-{item.row.slug}"' in target_row(item, anchors=True)
    assert "app-dashboard-variation" in target_row(item, variation=True)


def test_an_item_that_cannot_be_kept_is_still_rendered(item):
    @dataclass  # not frozen: no hash
    class Loose:
        row: object
        href: str

    assert 'href="/y/"' in target_row(Loose(row=item.row, href="/y/"))
