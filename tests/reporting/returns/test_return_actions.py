"""The quarterly return's actions: the lead reports each action's status and progress in
the same save as the values; one entry feeds the plan, the board and the exceptions."""

# ruff: noqa: F811 - the fixtures imported from test_return_page are used as arguments

import re
from datetime import date

import pytest
from django.utils.text import slugify

from indicators.models import IndicatorValue
from reporting.models import QuarterlyReturn
from targets.models import Action, ActionUpdate
from tests import factories as f
from tests.reporting.returns.test_return_page import (  # noqa: F401 - its fixtures
    area,
    as_user,
    count,
    form_data,
    pct,
    q2,
    q2_round,
    qr,
    text_of,
    url,
)

pytestmark = pytest.mark.django_db
FAR = date(2099, 3, 31)


@pytest.fixture
def action(outcome, council):
    return Action.objects.create(
        outcome=outcome,
        description="Recruit foster carers",
        lead_organisation=council,
        due_date=FAR,
        status="not_started",
    )


def field(action, part):
    return f"a{action.pk}_{part}"


def test_the_return_lists_the_outcomes_live_actions(client, qr, action, outcome, council, lead):
    Action.objects.create(
        outcome=outcome,
        description="Finished long ago",
        lead_organisation=council,
        status="complete",
    )
    as_user(client, lead)

    response = client.get(url(qr))

    html = response.content.decode()
    assert "Recruit foster carers" in html
    assert f'name="{field(action, "status")}"' in html
    assert "Finished long ago" not in html
    assert f'href="/outcomes/{slugify(outcome.code)}/"' in html


def test_status_and_progress_are_saved_with_the_values(client, qr, action, pct, lead, board):
    as_user(client, lead)

    response = client.post(
        url(qr),
        form_data(
            qr,
            {pct: "46"},
            **{field(action, "status"): "on_track", field(action, "progress"): "Ten recruited"},
        ),
    )

    assert response.status_code == 302
    update = ActionUpdate.objects.get()
    assert (update.action, update.period, update.status, update.progress) == (
        action,
        qr.round.period,
        "on_track",
        "Ten recruited",
    )
    action.refresh_from_db()
    assert (action.status, action.progress) == ("on_track", "Ten recruited")
    assert IndicatorValue.objects.get(indicator=pct).value == 46
    assert "Ten recruited" in client.get(url(qr)).content.decode()  # kept on the page
    as_user(client, board)
    plan = text_of(client.get(f"/outcomes/{slugify(qr.outcome.code)}/"))
    assert "Progress: Ten recruited" in plan


def test_an_action_left_alone_is_not_reported(client, qr, action, lead):
    as_user(client, lead)

    client.post(url(qr), form_data(qr, **{field(action, "status"): "not_started"}))

    assert not ActionUpdate.objects.exists()


def test_a_bad_status_or_too_long_progress_saves_nothing_and_keeps_what_was_typed(
    client, qr, action, pct, lead
):
    as_user(client, lead)

    response = client.post(
        url(qr),
        form_data(
            qr,
            {pct: "46"},
            **{field(action, "status"): "finished", field(action, "progress"): "Typed line"},
        ),
    )

    assert response.status_code == 200
    assert "Choose the status of “Recruit foster carers”" in text_of(response)
    assert "Typed line" in response.content.decode()
    assert not ActionUpdate.objects.exists()
    assert not IndicatorValue.objects.exists()
    qr.refresh_from_db()
    assert qr.version == 1


def test_submitting_needs_a_line_of_progress_for_each_action(client, qr, action, pct, count, lead):
    as_user(client, lead)

    response = client.post(
        url(qr),
        form_data(
            qr, {pct: "46", count: "7"}, action="submit", **{field(action, "status"): "on_track"}
        ),
    )

    assert response.status_code == 200
    assert "Say what progress there has been on “Recruit foster carers”" in text_of(response)
    qr.refresh_from_db()
    assert qr.state == QuarterlyReturn.State.NOT_STARTED


def test_a_stale_save_writes_no_progress(client, qr, action, lead):
    as_user(client, lead)
    QuarterlyReturn.objects.filter(pk=qr.pk).update(version=5)

    client.post(url(qr), form_data(qr, **{field(action, "progress"): "Ten recruited"}))

    assert not ActionUpdate.objects.exists()


def test_readers_see_the_reported_progress_read_only(client, qr, action, lead, officer):
    ActionUpdate.objects.create(
        action=action, period=qr.round.period, status="delayed", progress="Waiting on vetting"
    )
    QuarterlyReturn.objects.filter(pk=qr.pk).update(state=QuarterlyReturn.State.APPROVED)
    as_user(client, lead)

    text = text_of(client.get(url(qr)))

    assert "Waiting on vetting" in text
    assert f'name="{field(action, "status")}"' not in client.get(url(qr)).content.decode()


@pytest.mark.parametrize("n", [2, 12])
def test_the_return_reads_its_actions_in_a_constant_number_of_queries(
    client, qr, outcome, council, lead, n, django_assert_max_num_queries
):
    for i in range(n):
        added = Action.objects.create(
            outcome=outcome, description=f"Action {i}", lead_organisation=council
        )
        added.other_partners.add(f.OrganisationFactory())
        added.updates.create(period=qr.round.period, status="on_track", progress="Fine")
    as_user(client, lead)

    with django_assert_max_num_queries(20):  # 17, and the actions' partners, targets, updates
        response = client.get(url(qr))

    assert len(re.findall(r'name="a\d+_', response.content.decode())) == 2 * n
