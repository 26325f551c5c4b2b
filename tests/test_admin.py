"""The Django admin: every registered model's pages open for a superuser, stay shut to
everyone else, cost a constant number of queries, and refuse what the models refuse."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from simple_history.admin import SimpleHistoryAdmin

from accounts.tokens import make_token
from indicators.enums import Unit
from indicators.models import Indicator, IndicatorValue, ValueImport
from partnership.models import Area, FundingAmount, FundingStream, Period, Role, RoleAssignment
from partnership.periods import Period as PeriodRef
from reporting.models import (
    Notification,
    PartnershipCalendar,
    PerformancePack,
    QuarterlyReturn,
    ReturnRound,
)
from risks.rules import RiskLevel
from targets.models import ActionUpdate, DeliveryPlan, FrameworkImport, Target
from tests import factories as f
from tests.partnership.test_models import (
    FundingAmountFactory,
    FundingStreamFactory,
)
from tests.reporting.returns.test_models import ExceptionReportFactory, NotificationFactory
from tests.risks.test_models import EscalationFactory, RiskActionFactory
from tests.targets.test_models import ActionFactory

# ---------------------------------------------------------------------------------------
# Helpers


def admin_url(model: type[Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def admin_form_data(response: Any) -> dict[str, Any]:
    """The POST data of an admin add or change page as it stands: the form and every inline.

    Tests change a field or two of what this returns and post it back, as a person would.
    """
    data: dict[str, Any] = {}
    page_forms: list[forms.BaseForm] = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        page_forms.append(inline.formset.management_form)
        page_forms.extend(inline.formset.forms)
    for form in page_forms:
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            widget = field.widget
            if isinstance(widget, RelatedFieldWidgetWrapper):
                widget = widget.widget
            if isinstance(widget, forms.MultiWidget):
                parts = value if isinstance(value, list) else widget.decompress(value)
                for index, part in enumerate(parts):
                    data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                data[bound.html_name] = [str(item) for item in value or []]
            else:
                data[bound.html_name] = "" if value is None else str(value)
    return data


def form_errors(response: Any) -> str:
    """Every error an admin page shows (form and inlines), as one string."""
    assert response.status_code == 200, "expected the form again, with errors"
    messages = [str(response.context["adminform"].form.errors)]
    for inline in response.context["inline_admin_formsets"]:
        messages += [str(errors) for errors in inline.formset.errors]
        messages.append(str(inline.formset.non_form_errors()))
    return " ".join(messages)


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


# ---------------------------------------------------------------------------------------
# One object of every registered model


def _role_assignment() -> Model:
    return f.assign(f.UserFactory(), Role.OUTCOME_LEAD, outcome=f.OutcomeFactory())


MAKERS: dict[str, Callable[[], Model]] = {
    "axes.accessattempt": lambda: AccessAttempt.objects.create(
        username="someone", ip_address="10.0.0.1", failures_since_start=3
    ),
    "axes.accesslog": lambda: AccessLog.objects.create(username="someone", ip_address="10.0.0.1"),
    "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(
        username="someone", ip_address="10.0.0.1"
    ),
    "auth.group": lambda: Group.objects.create(name="Performance team"),
    "auth.user": lambda: f.UserFactory(organisation=f.OrganisationFactory()),
    "accounts.apitoken": lambda: make_token(user=f.UserFactory(), name="Import")[0],
    "django_celery_beat.clockedschedule": lambda: ClockedSchedule.objects.create(
        clocked_time=timezone.now()
    ),
    "django_celery_beat.crontabschedule": lambda: CrontabSchedule.objects.create(
        minute="0", hour="7"
    ),
    "django_celery_beat.intervalschedule": lambda: IntervalSchedule.objects.create(
        every=1, period=IntervalSchedule.DAYS
    ),
    "django_celery_beat.periodictask": lambda: PeriodicTask.objects.create(
        name="Run the quarterly cycle",
        task="reporting.tasks.run_cycle",
        interval=IntervalSchedule.objects.create(every=1, period=IntervalSchedule.DAYS),
    ),
    "django_celery_beat.solarschedule": lambda: SolarSchedule.objects.create(
        event="sunrise", latitude=Decimal("52.48"), longitude=Decimal("-1.89")
    ),
    "partnership.area": lambda: f.AreaFactory(parent=f.AreaFactory(kind=Area.Kind.REGION)),
    "partnership.block": f.BlockFactory,
    "partnership.fundingamount": FundingAmountFactory,
    "partnership.fundingstream": lambda: FundingAmountFactory().stream,
    "partnership.organisation": f.OrganisationFactory,
    "partnership.outcome": lambda: f.OutcomeFactory(lead_person=f.UserFactory()),
    "partnership.period": lambda: f.period("2025-26-Q2"),
    "partnership.priority": f.PriorityFactory,
    "partnership.profile": lambda: f.UserFactory(organisation=f.OrganisationFactory()).profile,
    "partnership.roleassignment": _role_assignment,
    "indicators.indicator": f.IndicatorFactory,
    "indicators.indicatorvalue": f.IndicatorValueFactory,
    "indicators.valueimport": lambda: ValueImport.objects.create(
        file_name="values.csv", size=3, sha256="0" * 64, content=b"a,b", layout="long"
    ),
    "targets.frameworkimport": lambda: FrameworkImport.objects.create(
        file_name="framework.xlsx", size=3, sha256="0" * 64, content=b"abc"
    ),
    "targets.target": lambda: f.MilestoneFactory().target,
    "targets.milestone": f.MilestoneFactory,
    "targets.action": ActionFactory,
    "targets.actionupdate": lambda: ActionUpdate.objects.create(
        action=ActionFactory(), period=f.period("2025-26-Q2"), status="on_track"
    ),
    "targets.deliveryplan": lambda: DeliveryPlan.objects.create(
        outcome=f.OutcomeFactory(), evidence="Needs assessment"
    ),
    "risks.risk": lambda: EscalationFactory(risk=RiskActionFactory().risk).risk,
    "risks.riskaction": RiskActionFactory,
    "risks.escalation": EscalationFactory,
    "risks.riskreview": f.RiskReviewFactory,
    "risks.escalationproposal": f.EscalationProposalFactory,
    "reporting.returnround": f.ReturnRoundFactory,
    "reporting.partnershipcalendar": lambda: PartnershipCalendar.objects.get_or_create(pk=1)[0],
    "reporting.performancepack": lambda: PerformancePack.objects.create(
        period=f.period("2025-26-Q2")
    ),
    "reporting.quarterlyreturn": f.QuarterlyReturnFactory,
    "reporting.exceptionreport": ExceptionReportFactory,
    "reporting.notification": NotificationFactory,
}

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label_lower)
WITH_HISTORY = [m for m in REGISTERED if isinstance(admin.site._registry[m], SimpleHistoryAdmin)]
OURS = [
    m
    for m in REGISTERED
    if m._meta.app_label in {"partnership", "indicators", "targets", "risks", "reporting"}
]


def label(model: type[Model]) -> str:
    return model._meta.label_lower


def make(model: type[Model]) -> Model:
    return MAKERS[label(model)]()


# ---------------------------------------------------------------------------------------
# Every page opens


def test_every_registered_model_has_a_maker_here():
    assert sorted(set(map(label, REGISTERED)) - set(MAKERS)) == []


def test_every_model_of_ours_has_an_admin():
    from django.apps import apps

    ours = {
        model
        for app in ("partnership", "indicators", "targets", "risks", "reporting")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }
    assert sorted(map(label, ours - set(REGISTERED))) == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_changelist_lists_the_object(admin_client, model):
    make(model)

    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_changelist_search_opens(admin_client, model):
    obj = make(model)

    response = admin_client.get(admin_url(model, "changelist"), {"q": str(obj).split()[0]})

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_add_page_opens_where_adding_is_allowed(admin_client, admin_user, rf, model):
    request = rf.get("/")
    request.user = admin_user
    if not admin.site._registry[model].has_add_permission(request):
        response = admin_client.get(admin_url(model, "add"))
        assert response.status_code == 403
        return

    response = admin_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_change_page_opens(admin_client, model):
    obj = make(model)

    response = admin_client.get(admin_url(model, "change", obj.pk))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", WITH_HISTORY, ids=label)
def test_history_page_opens(admin_client, model):
    obj = make(model)

    response = admin_client.get(admin_url(model, "history", obj.pk))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_non_staff_user_is_sent_to_the_admin_login(client, lead, model):
    client.force_login(lead)
    url = admin_url(model, "changelist")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={url}"


@pytest.mark.django_db
def test_signed_out_visitor_is_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_admin_carries_the_partnership_performance_name(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "Partnership Performance administration" in response.text
    assert admin.site.site_title
    assert admin.site.index_title


def test_models_with_history_use_the_history_admin():
    for model in OURS:
        if hasattr(model, "history"):
            assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), label(model)


# ---------------------------------------------------------------------------------------
# Changelists cost the same number of queries for 3 rows as for 30


def _indicator(i: int) -> None:
    f.IndicatorFactory(lead_person=f.UserFactory())


QUARTERS = ("2024-25-Q4", "2025-26-Q1", "2025-26-Q2", "2025-26-Q3")


def _value(i: int) -> None:
    f.IndicatorValueFactory(
        area=f.AreaFactory(), period=f.period(QUARTERS[i % 4]), entered_by=f.UserFactory()
    )


def _target(i: int) -> None:
    f.MilestoneFactory(
        target=f.TargetFactory(area=f.AreaFactory(), lead_organisation=f.OrganisationFactory())
    )


def _milestone(i: int) -> None:
    f.MilestoneFactory()


def _action(i: int) -> None:
    action = ActionFactory()
    if i % 2:
        action.targets.add(f.TargetFactory(indicator__primary_outcome=action.outcome))


def _risk(i: int) -> None:
    hangs_on = [
        {"level": RiskLevel.TARGET, "outcome": None, "target": f.TargetFactory()},
        {"level": RiskLevel.OUTCOME},
        {"level": RiskLevel.BLOCK, "outcome": None, "block": f.BlockFactory()},
        {"level": RiskLevel.PARTNERSHIP, "outcome": None},
    ][i % 4]
    f.RiskFactory(owner=f.UserFactory(), **hangs_on)


def _role(i: int) -> None:
    scope = [
        {"role": Role.OUTCOME_LEAD, "outcome": f.OutcomeFactory()},
        {"role": Role.INDICATOR_LEAD, "indicator": f.IndicatorFactory()},
        {"role": Role.BOARD_MEMBER, "block": f.BlockFactory()},
        {"role": Role.PERFORMANCE_OFFICER, "organisation": f.OrganisationFactory()},
    ][i % 4]
    role = scope.pop("role")
    f.assign(f.UserFactory(), role, **scope)


def _quarterly_return(i: int) -> None:
    f.QuarterlyReturnFactory(
        round=f.ReturnRoundFactory(period=f.period(QUARTERS[i % 4])),
        submitted_by=f.UserFactory(),
        approved_by=f.UserFactory(),
    )


ROWS: dict[str, Callable[[int], Any]] = {
    "indicators.indicator": _indicator,
    "indicators.indicatorvalue": _value,
    "targets.target": _target,
    "targets.milestone": _milestone,
    "targets.action": _action,
    "targets.actionupdate": lambda i: ActionUpdate.objects.create(
        action=ActionFactory(),
        period=f.period("2025-26-Q2"),
        status="on_track",
        reported_by=f.UserFactory(),
    ),
    "targets.deliveryplan": lambda i: DeliveryPlan.objects.create(outcome=f.OutcomeFactory()),
    "risks.risk": _risk,
    "risks.riskaction": lambda i: RiskActionFactory(owner=f.UserFactory()),
    "risks.escalation": lambda i: EscalationFactory(decided_by=f.UserFactory()),
    "risks.riskreview": lambda i: f.RiskReviewFactory(reviewer=f.UserFactory()),
    "risks.escalationproposal": lambda i: f.EscalationProposalFactory(),
    "partnership.area": lambda i: f.AreaFactory(parent=f.AreaFactory(kind=Area.Kind.REGION)),
    "partnership.outcome": lambda i: f.OutcomeFactory(lead_person=f.UserFactory()),
    "partnership.fundingstream": lambda i: FundingStreamFactory(provider=f.OrganisationFactory()),
    "partnership.fundingamount": lambda i: FundingAmountFactory(),
    "partnership.profile": lambda i: f.UserFactory(organisation=f.OrganisationFactory()),
    "partnership.roleassignment": _role,
    "auth.user": lambda i: f.UserFactory(organisation=f.OrganisationFactory()),
    "reporting.returnround": lambda i: f.ReturnRoundFactory(
        period=f.period(PeriodRef(2020 + i // 4, i % 4 + 1).code)
    ),
    "reporting.quarterlyreturn": _quarterly_return,
    "reporting.exceptionreport": lambda i: ExceptionReportFactory(created_by=f.UserFactory()),
    "reporting.notification": lambda i: NotificationFactory(recipient=f.UserFactory()),
}


@pytest.mark.django_db
@pytest.mark.parametrize("model_label", sorted(ROWS))
def test_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, model_label
):
    model = next(m for m in REGISTERED if label(m) == model_label)
    url = admin_url(model, "changelist")
    for i in range(3):
        ROWS[model_label](i)
    admin_client.get(url)  # warm caches (content types, session) once
    with CaptureQueriesContext(connection) as few_rows:
        response = admin_client.get(url)
    few = response.context["cl"].result_count
    for i in range(3, 30):
        ROWS[model_label](i)

    with django_assert_num_queries(len(few_rows)):
        response = admin_client.get(url)

    assert response.context["cl"].result_count >= few + 27


@pytest.mark.django_db
def test_indicator_and_value_changelists_stay_within_a_fixed_query_budget(
    admin_client, django_assert_max_num_queries
):
    for i in range(30):
        _value(i)

    with django_assert_max_num_queries(10):
        assert admin_client.get(admin_url(Indicator, "changelist")).status_code == 200
    with django_assert_max_num_queries(10):
        assert admin_client.get(admin_url(IndicatorValue, "changelist")).status_code == 200


# ---------------------------------------------------------------------------------------
# Period choices


@pytest.fixture
def periods_out_of_order(db):
    for code in ("2026-27", "2025-26-Q3", "2025-26", "2025-26-Q1", "2025-26-Q4", "2025-26-Q2"):
        f.period(code)
    return ["2025-26-Q1", "2025-26-Q2", "2025-26-Q3", "2025-26-Q4", "2025-26", "2026-27"]


def _choices(field: forms.Field) -> list[str]:
    return [period.code for period in field.queryset]


def test_period_choices_are_ordered_by_end_date(admin_client, periods_out_of_order):
    value_form = admin_client.get(admin_url(IndicatorValue, "add")).context["adminform"].form
    target_page = admin_client.get(admin_url(Target, "add"))
    target_form = target_page.context["adminform"].form
    milestone_form = target_page.context["inline_admin_formsets"][0].formset.forms[0]

    assert _choices(value_form.fields["period"]) == periods_out_of_order
    assert _choices(target_form.fields["baseline_period"]) == periods_out_of_order
    assert _choices(target_form.fields["target_period"]) == periods_out_of_order
    assert _choices(milestone_form.fields["period"]) == periods_out_of_order


def test_funding_is_offered_financial_years_only(admin_client, periods_out_of_order):
    form = admin_client.get(admin_url(FundingAmount, "add")).context["adminform"].form

    assert _choices(form.fields["year"]) == ["2025-26", "2026-27"]


def test_return_round_is_offered_quarters_only(admin_client, periods_out_of_order):
    form = admin_client.get(admin_url(ReturnRound, "add")).context["adminform"].form

    assert _choices(form.fields["period"]) == periods_out_of_order[:4]


# ---------------------------------------------------------------------------------------
# Admin forms refuse what the models' clean() and constraints refuse


def _post_add(client: Any, model: type[Model], **changes: Any) -> Any:
    data = admin_form_data(client.get(admin_url(model, "add")))
    data.update({key: "" if value is None else value for key, value in changes.items()})
    return client.post(admin_url(model, "add"), data)


def _post_change(client: Any, obj: Model, **changes: Any) -> Any:
    url = admin_url(type(obj), "change", obj.pk)
    data = admin_form_data(client.get(url))
    data.update({key: "" if value is None else value for key, value in changes.items()})
    return client.post(url, data)


def test_admin_refuses_a_period_that_is_not_a_financial_year(admin_client):
    response = _post_add(
        admin_client, Period, code="2025-27", start_date="2025-04-01", end_date="2027-03-31"
    )

    assert "is not a financial year" in form_errors(response)
    assert not Period.objects.filter(code="2025-27").exists()


def test_admin_refuses_a_period_with_the_wrong_dates(admin_client):
    response = _post_add(
        admin_client, Period, code="2025-26-Q2", start_date="2025-04-01", end_date="2025-06-30"
    )

    assert "2025-26-Q2 runs from 2025-07-01 to 2025-09-30." in form_errors(response)


def test_admin_accepts_a_well_formed_period(admin_client):
    response = _post_add(
        admin_client, Period, code="2025-26-Q2", start_date="2025-07-01", end_date="2025-09-30"
    )

    assert response.status_code == 302
    assert Period.objects.filter(code="2025-26-Q2").exists()


def test_admin_refuses_a_board_member_scoped_to_an_outcome(admin_client, outcome, lead):
    response = _post_add(
        admin_client, RoleAssignment, user=lead.pk, role=Role.BOARD_MEMBER, outcome=outcome.pk
    )

    assert "A partnership board member is scoped to: block." in form_errors(response)
    assert not RoleAssignment.objects.filter(user=lead).exists()


def test_admin_refuses_a_role_with_two_scopes(admin_client, outcome, block, lead):
    response = _post_add(
        admin_client,
        RoleAssignment,
        user=lead.pk,
        role=Role.OUTCOME_LEAD,
        outcome=outcome.pk,
        block=block.pk,
    )

    assert "A role is scoped to one block, outcome, indicator or partner" in form_errors(response)


def test_admin_refuses_an_indicator_code_differing_only_in_case(admin_client):
    existing = f.IndicatorFactory(code="NI 116")

    response = _post_add(
        admin_client,
        Indicator,
        code="ni 116",
        title="Children in poverty (copy)",
        kind="national",
        unit="percentage",
        decimal_places="1",
        polarity="lower",
        frequency="annual",
        accumulation="snapshot",
        lead_organisation=existing.lead_organisation_id,
        primary_outcome=existing.primary_outcome_id,
    )

    assert "code" in form_errors(response)
    assert Indicator.objects.count() == 1


def test_admin_refuses_a_target_period_not_after_the_baseline(admin_client):
    target = f.TargetFactory()

    response = _post_change(admin_client, target, target_period=f.period("2024-25-Q2").pk)

    assert "The target period comes after the baseline." in form_errors(response)
    target.refresh_from_db()
    assert target.target_period.code == "2026-27"


def test_admin_refuses_a_stretch_target_without_its_standard_target(admin_client):
    target = f.TargetFactory()

    response = _post_change(admin_client, target, kind="stretch")

    assert "A stretch target needs the standard target" in form_errors(response)


def test_admin_refuses_a_numerator_without_a_denominator(admin_client):
    value = f.IndicatorValueFactory()

    response = _post_change(admin_client, value, numerator="12")

    assert "Give both the numerator and the denominator, or neither." in form_errors(response)


def test_admin_refuses_a_yes_no_value_of_two(admin_client):
    value = f.IndicatorValueFactory(indicator=f.IndicatorFactory(unit=Unit.YES_NO), value=1)

    response = _post_change(admin_client, value, value="2")

    assert "A yes/no indicator takes 1 (yes) or 0 (no)." in form_errors(response)


def test_admin_refuses_a_second_value_for_the_same_indicator_area_and_period(admin_client):
    value = f.IndicatorValueFactory()

    response = _post_add(
        admin_client,
        IndicatorValue,
        indicator=value.indicator_id,
        area=value.area_id,
        period=value.period_id,
        value="51",
        status="final",
    )

    assert "already" in form_errors(response)
    assert IndicatorValue.objects.count() == 1


def test_admin_sets_who_entered_a_value_typed_in(admin_client, admin_user):
    indicator = f.IndicatorFactory()
    area = f.PartnershipAreaFactory()

    response = _post_add(
        admin_client,
        IndicatorValue,
        indicator=indicator.pk,
        area=area.pk,
        period=f.period("2025-26-Q1").pk,
        value="48.5",
        status="provisional",
    )

    assert response.status_code == 302
    assert IndicatorValue.objects.get().entered_by == admin_user


def test_admin_refuses_funding_for_a_quarter(admin_client):
    stream = FundingStreamFactory()

    response = _post_add(
        admin_client,
        FundingAmount,
        stream=stream.pk,
        year=f.period("2025-26-Q2").pk,
        amount="1000",
    )

    assert "year" in response.context["adminform"].form.errors


def test_admin_refuses_a_second_partnership_area(admin_client):
    f.PartnershipAreaFactory()

    response = _post_add(admin_client, Area, code="E08000100", name="Othercity", kind="partnership")

    assert "There is already a partnership area." in form_errors(response)


def test_admin_refuses_a_returned_return_without_a_reason(admin_client):
    quarterly_return = f.QuarterlyReturnFactory(state=QuarterlyReturn.State.SUBMITTED)

    response = _post_change(admin_client, quarterly_return, state="returned", returned_reason="")

    assert "Say why the return is sent back." in form_errors(response)


def test_admin_change_to_a_return_moves_its_version_on(admin_client):
    quarterly_return = f.QuarterlyReturnFactory()

    response = _post_change(admin_client, quarterly_return, going_well="New youth club open.")

    assert response.status_code == 302
    quarterly_return.refresh_from_db()
    assert quarterly_return.version == 2
    assert quarterly_return.going_well == "New youth club open."


def test_admin_adds_a_target_with_its_trajectory(admin_client):
    indicator = f.IndicatorFactory()
    area = f.PartnershipAreaFactory()

    response = _post_add(
        admin_client,
        Target,
        indicator=indicator.pk,
        area=area.pk,
        kind="standard",
        baseline_value="40",
        baseline_period=f.period("2024-25").pk,
        target_value="60",
        target_period=f.period("2026-27").pk,
        **{"milestones-0-period": f.period("2025-26").pk, "milestones-0-value": "50"},
    )

    assert response.status_code == 302
    target = Target.objects.get()
    assert [(m.period.code, m.value) for m in target.milestones.all()] == [
        ("2025-26", Decimal("50"))
    ]


def test_admin_adds_funding_with_its_amounts(admin_client, block):
    response = _post_add(
        admin_client,
        FundingStream,
        name="Area Based Grant",
        kind="pooled",
        block=block.pk,
        **{"amounts-0-year": f.period("2025-26").pk, "amounts-0-amount": "250000"},
    )

    assert response.status_code == 302
    stream = FundingStream.objects.get()
    assert [str(amount) for amount in stream.amounts.all()] == [
        "Area Based Grant 2025-26: £250,000.00"
    ]


# ---------------------------------------------------------------------------------------
# The user screens carry the profile and the roles


def test_user_change_page_shows_profile_and_roles(admin_client, lead_role):
    response = admin_client.get(admin_url(lead_role.user.__class__, "change", lead_role.user_id))

    inlines = {i.formset.model.__name__ for i in response.context["inline_admin_formsets"]}
    assert inlines == {"Profile", "RoleAssignment"}


def test_user_admin_gives_a_role_on_the_user_page(admin_client, lead, block):
    response = _post_change(
        admin_client,
        lead,
        **{
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-0-role": Role.BOARD_MEMBER,
            "role_assignments-0-block": block.pk,
        },
    )

    assert response.status_code == 302
    assert [(a.role, a.block) for a in lead.role_assignments.all()] == [(Role.BOARD_MEMBER, block)]


def test_user_admin_refuses_a_role_outside_its_scope_on_the_user_page(admin_client, lead, block):
    response = _post_change(
        admin_client,
        lead,
        **{
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-0-role": Role.OUTCOME_LEAD,
            "role_assignments-0-block": block.pk,
        },
    )

    # The model writes "A outcome lead"; the rule is what matters here.
    assert "outcome lead is scoped to: outcome." in form_errors(response)


def test_user_add_page_asks_for_username_and_password_only(admin_client):
    response = admin_client.get(reverse("admin:auth_user_add"))

    assert response.context["inline_admin_formsets"] == []


# ---------------------------------------------------------------------------------------
# Records of what happened are read-only


@pytest.mark.django_db
@pytest.mark.parametrize(
    "maker",
    [
        ExceptionReportFactory,
        NotificationFactory,
        EscalationFactory,
        f.RiskReviewFactory,
        f.EscalationProposalFactory,
    ],
    ids=lambda maker: maker._meta.model.__name__,
)
def test_records_cannot_be_added_changed_or_deleted(admin_client, maker):
    obj = maker()
    model = type(obj)

    assert admin_client.get(admin_url(model, "add")).status_code == 403
    assert admin_client.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert admin_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_failed_notifications_can_be_filtered_by_state_and_kind(admin_client):
    failed = NotificationFactory(state=Notification.State.FAILED, last_error="SMTP refused")
    NotificationFactory(state=Notification.State.SENT)
    NotificationFactory(state=Notification.State.FAILED, kind="chase")

    response = admin_client.get(
        admin_url(Notification, "changelist"), {"state__exact": "failed", "kind": failed.kind}
    )

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [failed]


def test_risk_page_shows_its_actions_and_escalations_read_only(admin_client):
    escalation = EscalationFactory(risk=RiskActionFactory().risk)

    response = admin_client.get(admin_url(type(escalation.risk), "change", escalation.risk_id))

    inlines = {i.formset.model.__name__: i for i in response.context["inline_admin_formsets"]}
    assert set(inlines) == {"RiskAction", "Escalation"}
    assert inlines["Escalation"].has_add_permission is False
    assert inlines["Escalation"].has_change_permission is False
    assert escape(escalation.reason) in response.text


def test_return_round_with_a_due_date_before_it_opens_is_refused(admin_client):
    response = _post_add(
        admin_client,
        ReturnRound,
        period=f.period("2025-26-Q3").pk,
        opens_on=date(2026, 1, 5),
        due_on=date(2026, 1, 5) - timedelta(days=1),
        closes_on=date(2026, 2, 1),
        state="scheduled",
    )

    assert "A round opens, then is due, then closes." in form_errors(response)
