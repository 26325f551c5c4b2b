"""The scorecard judged on approved values is kept and shared; each person's returns are not.

Kept: the rows of a quarter (every target judged on approved values), the same for
everyone who may use the site. Read afresh for each person: the outcomes' returns, whose
drafts only some may read. Read afresh for everyone once anything a row reads changes.
"""

from __future__ import annotations

from dataclasses import make_dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnership.cache import shape
from reporting.models import QuarterlyReturn
from reporting.returns.services.returns import return_approve
from reporting.scorecard.cache import SCORECARDS
from reporting.scorecard.selectors import Scope, scorecard
from reporting.scorecard.selectors.card import ROWS_SHAPE
from reporting.scorecard.selectors.rows import OutcomeReturn, ScorecardRow
from targets.models import Action, Milestone
from targets.rules import Rag, Travel
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round, add_target

pytestmark = pytest.mark.django_db
State = QuarterlyReturn.State


@pytest.fixture
def quarter():
    return f.period(Q2)


@pytest.fixture
def target(outcome):
    # Amber on its approved value (44 against a milestone of 45); a draft of 60 would be green.
    return add_target(outcome, value=44, previous=40, last_year=38)


def read(user, quarter, **options):
    return scorecard(user=user, period=quarter, today=TODAY, **options)


def test_a_second_reader_gets_the_kept_rows_with_fewer_queries(target, quarter, psb, board):
    first = read(psb, quarter)
    with CaptureQueriesContext(connection) as fresh:
        read(psb, quarter, scope=Scope(block=target.indicator.primary_outcome.block.slug))
    with CaptureQueriesContext(connection) as kept:
        second = read(board, quarter)
    assert second.rows == first.rows
    assert len(kept) < len(fresh)


def test_kept_rows_never_hold_a_draft(outcome, quarter, lead, lead_role, board):
    """The lead's own view with drafts is read afresh and never kept for anyone else."""
    draft_target = add_target(outcome, value=60, approved=False)
    (with_draft,) = read(lead, quarter, approved_only=False).rows
    assert with_draft.value == Decimal("60")
    (seen_by_board,) = read(board, quarter).rows
    assert seen_by_board.target_id == draft_target.pk
    assert seen_by_board.value is None
    (lead_on_dashboard,) = read(lead, quarter).rows
    assert lead_on_dashboard.value is None


def test_each_person_sees_their_own_returns_on_the_kept_rows(
    target, outcome, quarter, lead, lead_role, board
):
    f.QuarterlyReturnFactory(
        round=a_round(), outcome=outcome, state=State.DRAFT, progress_summary="Not yet seen"
    )
    (for_board,) = read(board, quarter).rows
    (for_lead,) = read(lead, quarter).rows
    assert for_board.outcome_return.viewable is False
    assert for_lead.outcome_return.viewable is True
    assert for_lead.outcome_return.progress_summary == ""  # not approved yet


def test_a_return_approved_shows_its_values_at_once(
    outcome, quarter, officer, board, django_capture_on_commit_callbacks
):
    target = add_target(outcome, value=60, approved=False)
    assert read(board, quarter).rows[0].value is None
    submitted = f.QuarterlyReturnFactory(round=a_round(), outcome=outcome, state=State.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        return_approve(quarterly_return=submitted, version=submitted.version, actor=officer)
    (row,) = read(board, quarter).rows
    assert (row.target_id, row.value, row.rag) == (target.pk, Decimal("60"), Rag.GREEN)


def test_a_target_edited_is_judged_afresh(target, quarter, board):
    assert read(board, quarter).rows[0].rag == Rag.AMBER
    target.tolerance_pct = Decimal("0")
    target.save()
    assert read(board, quarter).rows[0].rag == Rag.RED


def test_a_milestone_added_is_judged_afresh(target, quarter, board):
    assert read(board, quarter).rows[0].milestone == Decimal("45")
    Milestone.objects.create(target=target, period=quarter, value=Decimal("44"))
    (row,) = read(board, quarter).rows
    assert (row.milestone, row.rag) == (Decimal("44"), Rag.GREEN)


def test_an_action_added_or_linked_counts_at_once(target, outcome, council, quarter, board):
    assert read(board, quarter).rows[0].live_actions == 0
    action = Action.objects.create(
        outcome=f.OutcomeFactory(), description="Elsewhere", lead_organisation=council
    )
    assert read(board, quarter).rows[0].live_actions == 0
    action.outcome = outcome
    action.save()
    assert read(board, quarter).rows[0].live_actions == 1
    other = Action.objects.create(
        outcome=f.OutcomeFactory(), description="Linked", lead_organisation=council
    )
    other.targets.add(target)
    assert read(board, quarter).rows[0].live_actions == 2


def test_a_lead_renamed_shows_at_once_and_a_sign_in_keeps_the_rows(
    target, quarter, lead, board, client
):
    lead.first_name, lead.last_name = "Ada", "Renamed"
    lead.save()
    assert read(board, quarter).rows[0].lead_person == "Ada Renamed"
    version = SCORECARDS.version()
    client.force_login(board)
    assert SCORECARDS.version() == version


def test_an_approved_value_saved_one_by_one_is_judged_afresh(target, quarter, board):
    assert read(board, quarter).rows[0].value == Decimal("44")
    value = target.indicator.values.get(period=quarter, area=target.area)
    value.value = Decimal("30")
    value.save()
    assert read(board, quarter).rows[0].value == Decimal("30")


def test_a_draft_saved_keeps_the_rows(target, outcome, quarter, board):
    version = SCORECARDS.version()
    f.IndicatorValueFactory(
        indicator=target.indicator,
        area=target.area,
        period=f.period("2025-26-Q3"),
        value=Decimal("70"),
        is_approved=False,
    )
    assert SCORECARDS.version() == version


def test_a_change_bumps_again_once_it_commits(target, django_capture_on_commit_callbacks):
    """Another process may have read the rows without the change before it committed."""
    version = SCORECARDS.version()
    with django_capture_on_commit_callbacks(execute=True):
        target.save()
        assert SCORECARDS.version() == version + 1
    assert SCORECARDS.version() == version + 2


def test_someone_without_a_role_gets_nothing_kept(target, quarter, nobody, board):
    read(board, quarter)
    assert [row.value for row in read(nobody, quarter).rows] == [None]


def test_a_row_kept_by_an_earlier_release_is_not_read_back(target, quarter, board):
    """The key carries the fields a row holds: a release that changes them reads afresh."""
    assert shape(ScorecardRow, OutcomeReturn, Travel) == ROWS_SHAPE
    grown = make_dataclass("ScorecardRow", [("target_id", int), ("new_field", int)])
    assert shape(grown, OutcomeReturn, Travel) != ROWS_SHAPE
