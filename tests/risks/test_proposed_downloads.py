"""Risks proposed to you as CSV (``/risks/proposed/?format=csv&table=``): each person's
file holds the proposals their page lists (those they decide), nobody else's."""

# ruff: noqa: F811 - the fixtures imported from escalation_setup are used as arguments

import pytest

from partnership.people import display_name
from risks.services import escalation
from tests.csv_helpers import csv_column, csv_rows
from tests.risks.escalation_setup import DECIDERS, PEOPLE, people, proposals  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/risks/proposed/"
READERS = [who for who in PEOPLE if who != "nobody"]


def download(client, table):
    return client.get(URL, {"format": "csv", "table": table})


@pytest.mark.parametrize("who", READERS)
def test_each_person_downloads_the_proposals_they_may_decide(client, people, proposals, who):
    client.force_login(people[who])
    response = download(client, "pending")

    titles = {proposals[k].risk.title for k, deciders in DECIDERS.items() if who in deciders}
    assert response["Content-Disposition"] == 'attachment; filename="risks-proposed-to-you.csv"'
    assert set(csv_column(response, "Risk")) == titles
    assert len(csv_rows(response)) == len(titles) + 1


def test_a_pending_row_gives_the_move_and_why(client, people, proposals):
    client.force_login(people["psb"])
    rows = csv_rows(download(client, "pending"))
    row = next(r for r in rows if r[0] == proposals["up_to_psb"].risk.title)
    assert rows[0] == ["Risk", "Hangs on", "Block", "Score", "Band", "Move", "From", "To",
                       "Proposed", "Why"]  # fmt: skip
    assert row[3:8] == ["20", "Very high", "Escalation", "Block (partnership board)",
                        "Partnership (Public Service Board)"]  # fmt: skip
    assert row[9].startswith("Proposed for escalation to the Public Service Board")
    assert 'data-table="pending"' in client.get(URL).content.decode()


def test_the_decisions_download_holds_the_persons_levels_only(client, people, proposals):
    p = proposals["up_to_block"]
    escalation.decide_proposal(
        user=people["board"], risk_id=p.risk_id, proposal_id=p.pk, confirm=False,
        reason="The outcome lead has it in hand",
    )  # fmt: skip
    client.force_login(people["board"])
    decided = csv_rows(download(client, "decided"))
    assert [r[0] for r in decided[1:]] == [p.risk.title]
    assert decided[1][7:9] == ["Declined", display_name(people["board"])]
    assert decided[1][10] == "The outcome lead has it in hand"
    client.force_login(people["psb"])
    assert csv_rows(download(client, "decided"))[1:] == []


def test_the_download_is_refused_as_the_page_is(client, people, proposals):
    assert download(client, "pending")["Location"].startswith("/accounts/login/")
    client.force_login(people["nobody"])
    assert download(client, "pending").status_code == 403
    client.force_login(people["officer"])
    assert download(client, "everything").status_code == 404
