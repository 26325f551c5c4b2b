"""History: every model people edit keeps a row per change, with who made it."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import HistoryManager
from simple_history.models import registered_models

from indicators.models import Indicator, IndicatorValue, ValueImport
from partnership.models import (
    Area,
    Block,
    FundingAmount,
    FundingStream,
    Organisation,
    Outcome,
    Priority,
    Profile,
    RoleAssignment,
)
from reporting.models import PartnershipCalendar, QuarterlyReturn, ReturnRound
from risks.models import Escalation, EscalationProposal, Risk, RiskAction, RiskReview
from targets.models import Action, ActionUpdate, DeliveryPlan, FrameworkImport, Milestone, Target
from tests import factories as f
from tests.test_admin import admin_form_data, admin_url

# The models people edit, each of which keeps its history.
EDITED_MODELS = [
    Organisation,
    Area,
    Block,
    Priority,
    Outcome,
    FundingStream,
    FundingAmount,
    Profile,
    RoleAssignment,
    Indicator,
    IndicatorValue,
    ValueImport,
    FrameworkImport,
    Target,
    Milestone,
    Action,
    ActionUpdate,
    DeliveryPlan,
    Risk,
    RiskAction,
    RiskReview,
    EscalationProposal,
    Escalation,
    ReturnRound,
    PartnershipCalendar,
    QuarterlyReturn,
]
OUR_APPS = ("partnership", "indicators", "targets", "risks", "reporting")


@pytest.mark.parametrize("model", EDITED_MODELS, ids=lambda m: m._meta.label)
def test_model_people_edit_is_registered_with_simple_history(model):
    assert isinstance(model.history, HistoryManager)
    assert registered_models.get(model._meta.db_table) is model
    assert model.history.model.__name__ == f"Historical{model.__name__}"
    assert isinstance(admin.site._registry[model], SimpleHistoryAdmin)


def test_every_model_with_history_is_in_the_table_above():
    with_history = {
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if isinstance(getattr(model, "history", None), HistoryManager)
    }

    assert sorted(m._meta.label for m in with_history - set(EDITED_MODELS)) == []


# ---------------------------------------------------------------------------------------
# A change leaves a row with the change


def _latest_change(obj):
    """The newest history row of ``obj`` and the names of the fields it changed."""
    newest, previous = obj.history.all()[:2]
    return newest, {change.field for change in newest.diff_against(previous).changes}


@pytest.mark.django_db
def test_changing_a_value_records_the_old_and_new_value():
    value = f.IndicatorValueFactory(value=Decimal(50))

    value.value = Decimal("52.5")
    value.status = "estimated"
    value.save()

    newest, changed = _latest_change(value)
    assert value.history.count() == 2
    assert changed == {"value", "status"}
    assert newest.value == Decimal("52.5")
    assert value.history.earliest().value == Decimal(50)
    assert newest.history_type == "~"


@pytest.mark.django_db
def test_changing_a_target_records_the_change():
    target = f.TargetFactory(target_value=Decimal(60))

    target.target_value = Decimal(65)
    target.save()

    newest, changed = _latest_change(target)
    assert changed == {"target_value"}
    assert newest.target_value == Decimal(65)


@pytest.mark.django_db
def test_changing_a_risk_records_the_change():
    risk = f.RiskFactory(current_likelihood=3)

    risk.current_likelihood = 5
    risk.save()

    newest, changed = _latest_change(risk)
    assert "current_likelihood" in changed
    assert newest.current_likelihood == 5


@pytest.mark.django_db
def test_changing_a_return_records_the_change():
    quarterly_return = f.QuarterlyReturnFactory()

    quarterly_return.state = QuarterlyReturn.State.DRAFT
    quarterly_return.going_well = "Attendance is up."
    quarterly_return.save()

    newest, changed = _latest_change(quarterly_return)
    assert changed == {"state", "going_well"}
    assert newest.state == "draft"


@pytest.mark.django_db
def test_changing_an_outcome_records_the_change():
    outcome = f.OutcomeFactory(title="Fewer children in poverty")

    outcome.title = "Fewer children living in poverty"
    outcome.save()

    newest, changed = _latest_change(outcome)
    assert changed == {"title"}
    assert newest.title == "Fewer children living in poverty"


@pytest.mark.django_db
def test_adding_a_contributing_organisation_records_the_outcome_with_its_partners(police):
    outcome = f.OutcomeFactory()
    before = outcome.history.count()

    outcome.contributing_organisations.add(police)

    newest = outcome.history.latest()
    assert outcome.history.count() == before + 1
    assert list(newest.contributing_organisations.values_list("organisation_id", flat=True)) == [
        police.pk
    ]
    assert not outcome.history.earliest().contributing_organisations.exists()


@pytest.mark.django_db
def test_removing_a_contributing_organisation_is_recorded_too(police):
    outcome = f.OutcomeFactory()
    outcome.contributing_organisations.add(police)

    outcome.contributing_organisations.remove(police)

    assert not outcome.history.latest().contributing_organisations.exists()
    newest, previous = outcome.history.all()[:2]
    changes = newest.diff_against(previous).changes
    assert [change.field for change in changes] == ["contributing_organisations"]


# ---------------------------------------------------------------------------------------
# A change made by a signed-in person records that person


def _post_change(client, obj, **changes):
    url = admin_url(type(obj), "change", obj.pk)
    data = admin_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj


@pytest.fixture
def signed_in_admin(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_value_changed_in_the_admin_records_who_changed_it(signed_in_admin, admin_user):
    value = f.IndicatorValueFactory()

    _post_change(signed_in_admin, value, value="47.25")

    newest = value.history.latest()
    assert newest.value == Decimal("47.25")
    assert newest.history_user == admin_user


@pytest.mark.django_db
def test_target_changed_in_the_admin_records_who_changed_it(signed_in_admin, admin_user):
    target = f.MilestoneFactory().target

    _post_change(signed_in_admin, target, target_value="70", **{"milestones-0-value": "55"})

    assert target.history.latest().target_value == Decimal(70)
    assert target.history.latest().history_user == admin_user
    milestone = target.milestones.get()
    assert milestone.value == Decimal(55)
    assert milestone.history.latest().history_user == admin_user


@pytest.mark.django_db
def test_risk_changed_in_the_admin_records_who_changed_it(signed_in_admin, admin_user):
    risk = f.RiskFactory(current_impact=3)

    _post_change(signed_in_admin, risk, current_impact="4")

    newest = risk.history.latest()
    assert newest.current_impact == 4
    assert newest.history_user == admin_user


@pytest.mark.django_db
def test_return_changed_in_the_admin_records_who_changed_it(signed_in_admin, admin_user):
    quarterly_return = f.QuarterlyReturnFactory()

    _post_change(
        signed_in_admin, quarterly_return, state="draft", concerns_and_actions="Staffing gaps."
    )

    newest = quarterly_return.history.latest()
    assert (newest.state, newest.concerns_and_actions) == ("draft", "Staffing gaps.")
    assert newest.history_user == admin_user


@pytest.mark.django_db
def test_outcome_and_partners_changed_in_the_admin_record_who_changed_them(
    signed_in_admin, admin_user, council, police
):
    outcome = f.OutcomeFactory(lead_organisation=council)

    _post_change(
        signed_in_admin,
        outcome,
        title="Every child ready for school",
        contributing_organisations=[str(police.pk), str(council.pk)],
    )

    newest = outcome.history.latest()
    assert newest.title == "Every child ready for school"
    assert newest.history_user == admin_user
    assert set(newest.contributing_organisations.values_list("organisation_id", flat=True)) == {
        police.pk,
        council.pk,
    }
    assert {row.history_user for row in outcome.history.filter(history_type="~")} == {admin_user}


@pytest.mark.django_db
def test_role_given_on_the_user_page_records_who_gave_it(signed_in_admin, admin_user, lead):
    block = f.BlockFactory()

    _post_change(
        signed_in_admin,
        lead,
        **{
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-0-role": "board_member",
            "role_assignments-0-block": str(block.pk),
            "profile-0-job_title": "Head of Early Years",
        },
    )

    assignment = RoleAssignment.objects.get(user=lead)
    assert assignment.history.get().history_user == admin_user
    assert lead.profile.history.latest().job_title == "Head of Early Years"
    assert lead.profile.history.latest().history_user == admin_user
