import pytest

from partnership.models import Role
from reporting.cycle.services import cycle_run
from tests import factories as f


@pytest.fixture
def people(outcome, other_outcome, lead_role, other_lead_role, council_officer, officer, board):
    """Two outcomes with a quarterly indicator each, and everyone the cycle may tell."""
    f.IndicatorFactory(primary_outcome=outcome)
    f.IndicatorFactory(primary_outcome=other_outcome)
    other_board = f.UserFactory(username="other_board")
    f.assign(other_board, Role.BOARD_MEMBER, block=other_outcome.block)
    psb_members = []
    for name in ("psb", "psb_two"):
        member = f.UserFactory(username=name)
        f.assign(member, Role.PSB_MEMBER)
        psb_members.append(member)
    return {"other_board": other_board, "psb": psb_members}


@pytest.fixture
def tick(django_capture_on_commit_callbacks):
    """``tick(day)``: one run of the cycle, with the emails it queues sent (Celery is eager
    in the tests)."""

    def run(day, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return cycle_run(today=day, **kwargs)

    return run
