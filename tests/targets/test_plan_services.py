"""Writes to delivery plans: who may, what is checked, and that nothing is half saved."""

from datetime import date
from decimal import Decimal

import pytest

from partnership.errors import ApplicationError
from targets import services
from targets.models import Action, ActionUpdate
from targets.services import ActionFields, ActionReport
from tests import factories as f

pytestmark = pytest.mark.django_db
Q2 = "2025-26-Q2"


def fields(council, **overrides):
    return ActionFields(
        **{"description": "Recruit carers", "lead_organisation_id": council.pk, **overrides}
    )


def test_the_lead_adds_an_action_linked_to_their_outcomes_targets(
    lead, lead_role, outcome, council
):
    target = f.TargetFactory(indicator__primary_outcome=outcome)

    action = services.action_add(
        outcome=outcome, fields=fields(council, target_ids=(target.pk,)), actor=lead
    )

    assert list(action.targets.all()) == [target]
    assert action.history.latest().history_user == lead


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"description": "  "}, "description"),
        ({"status": "finished"}, "status"),
        ({"start_date": date(2026, 1, 2), "due_date": date(2026, 1, 1)}, "due_date"),
        ({"funding_amount": Decimal("-1")}, "funding_amount"),
        ({"funding_amount": Decimal("5")}, "funding_stream"),  # money from no stream
        ({"funding_stream_id": 999999, "funding_amount": Decimal("5")}, "funding_stream"),
        ({"partner_ids": (999999,)}, "other_partners"),
        ({"lead_organisation_id": 999999}, "lead_organisation"),
    ],
)
def test_bad_fields_are_refused_and_nothing_saved(
    lead, lead_role, outcome, council, overrides, field
):
    with pytest.raises(ApplicationError) as refused:
        services.action_add(outcome=outcome, fields=fields(council, **overrides), actor=lead)

    assert refused.value.field == field
    assert not Action.objects.exists()


def test_an_action_linked_to_another_outcomes_target_is_refused(lead, lead_role, outcome, council):
    theirs = f.TargetFactory()

    with pytest.raises(ApplicationError, match="only be linked to its own outcome's targets"):
        services.action_add(
            outcome=outcome, fields=fields(council, target_ids=(theirs.pk,)), actor=lead
        )
    assert not Action.objects.exists()


def test_someone_else_may_not_add_or_edit(board, outcome, council, lead, lead_role):
    with pytest.raises(ApplicationError, match="Only the outcome's lead"):
        services.action_add(outcome=outcome, fields=fields(council), actor=board)
    action = services.action_add(outcome=outcome, fields=fields(council), actor=lead)
    with pytest.raises(ApplicationError, match="Only the outcome's lead"):
        services.action_edit(action_id=action.pk, version=1, fields=fields(council), actor=board)


def test_a_stale_edit_is_refused(lead, lead_role, outcome, council):
    action = services.action_add(outcome=outcome, fields=fields(council), actor=lead)
    services.action_edit(
        action_id=action.pk, version=1, fields=fields(council, aim="first"), actor=lead
    )

    with pytest.raises(ApplicationError) as refused:
        services.action_edit(
            action_id=action.pk, version=1, fields=fields(council, aim="second"), actor=lead
        )

    assert refused.value.field == "version"
    action.refresh_from_db()
    assert (action.aim, action.version) == ("first", 2)


def test_progress_is_recorded_once_a_quarter_and_is_the_actions_latest(
    lead, lead_role, outcome, council
):
    action = services.action_add(outcome=outcome, fields=fields(council), actor=lead)
    quarter = f.period(Q2)

    for progress in ("Ten carers recruited", "Twelve carers recruited"):
        services.action_progress_record(
            outcome=outcome,
            period=quarter,
            reports=[ActionReport(action.pk, "at_risk", progress)],
            actor=lead,
        )

    update = ActionUpdate.objects.get()
    assert (update.status, update.progress, update.reported_by) == (
        "at_risk",
        "Twelve carers recruited",
        lead,
    )
    action.refresh_from_db()
    assert (action.status, action.progress) == ("at_risk", "Twelve carers recruited")


def test_progress_of_another_outcomes_action_saves_nothing(
    lead, lead_role, outcome, other_outcome, council
):
    mine = services.action_add(outcome=outcome, fields=fields(council), actor=lead)
    theirs = Action.objects.create(
        outcome=other_outcome, description="Theirs", lead_organisation=council
    )

    with pytest.raises(ApplicationError, match="Nothing was saved"):
        services.action_progress_record(
            outcome=outcome,
            period=f.period(Q2),
            reports=[ActionReport(mine.pk, "on_track", "x"), ActionReport(theirs.pk, "delayed")],
            actor=lead,
        )
    with pytest.raises(ApplicationError, match="Choose a status"):
        services.action_progress_record(
            outcome=outcome,
            period=f.period(Q2),
            reports=[ActionReport(mine.pk, "finished")],
            actor=lead,
        )
    assert not ActionUpdate.objects.exists()
