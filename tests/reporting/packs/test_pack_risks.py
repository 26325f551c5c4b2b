"""The pack's Risks sheet reads the escalation route (issue 10, point 8): each risk's next
review date and review state (overdue, or due in the quarter), and the escalations and
de-escalations confirmed in the quarter, with who and why."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from reporting.packs.selectors.risks import review_state
from reporting.packs.workbook.risks import RISK_COLUMNS
from risks.models import Escalation
from risks.rules import RiskLevel
from tests import factories as f
from tests.reporting.packs.test_pack_build import build
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round, add_target

pytestmark = pytest.mark.django_db

HEADERS = [column.header for column in RISK_COLUMNS]


def column(name: str) -> int:
    return HEADERS.index(name)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


@pytest.mark.parametrize(
    ("review_date", "today", "state"),
    [
        (None, TODAY, ""),
        (date(2025, 11, 20), TODAY, "Overdue"),  # passed before today
        (date(2025, 11, 21), TODAY, ""),  # today: not yet overdue, after the quarter
        (date(2025, 9, 30), date(2025, 9, 1), "Due this quarter"),  # the quarter's last day
        (date(2025, 7, 1), date(2025, 7, 1), "Due this quarter"),  # its first day, today
        (date(2025, 10, 1), date(2025, 9, 1), ""),  # the next quarter
    ],
)
def test_review_state_in_words(review_date, today, state):
    assert review_state(review_date, f.period(Q2), today) == state


def test_the_risks_sheet_has_the_review_state_and_the_quarters_moves(officer, outcome):
    a_round()
    add_target(outcome, value=50)
    overdue = f.RiskFactory(outcome=outcome, title="Overdue", review_date=date(2025, 11, 1))
    moved = f.RiskFactory(
        level=RiskLevel.BLOCK, outcome=outcome, title="Moved", review_date=date(2026, 1, 10)
    )
    decider = f.UserFactory(first_name="Asha", last_name="Patel")
    in_quarter = Escalation.objects.create(
        risk=moved, from_level="outcome", to_level="block", reason="Across the block",
        score=16, decided_by=decider,
    )  # fmt: skip
    Escalation.objects.filter(pk=in_quarter.pk).update(decided_at=at(date(2025, 8, 5)))
    before = Escalation.objects.create(
        risk=moved, from_level="target", to_level="outcome", reason="Long ago", score=12
    )
    Escalation.objects.filter(pk=before.pk).update(decided_at=at(date(2025, 3, 5)))

    sheet = build(officer)["Risks"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}

    assert [c.value for c in sheet[1]][: len(HEADERS)] == HEADERS
    assert rows[overdue.title][column("Review")] == "Overdue"
    assert rows[moved.title][column("Review")] in (None, "")
    assert rows[moved.title][column("Moved this quarter")] == (
        "Outcome to Block (partnership board), 5 August 2025, by Asha Patel: Across the block"
    )
    assert rows[overdue.title][column("Moved this quarter")] in (None, "")
