"""The demo partnership loader: ``python manage.py load_demo``.

Loading takes a few seconds, so the tests that only read the demo share one load (as at
21 November 2026) inside a transaction that is rolled back when they are done.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction

from demo.builders.benchmark import plan_national
from demo.builders.catalogue import indicator_catalogue
from demo.builders.context import QUARTERS, rng_for
from demo.builders.dates import round_dates
from demo.builders.risks import check_risk_content
from demo.builders.series import plan_series
from demo.content.people import PARTNERSHIP_AREA_CODE, PASSWORD
from demo.national import read_national_indicators
from indicators.enums import Accumulation, Frequency, Unit
from indicators.models import Indicator, IndicatorValue
from partnership.access import roles_of
from partnership.models import Area, Block, Outcome
from partnership.periods import Period, last_quarters
from reporting.models import QuarterlyReturn, ReturnRound
from risks.models import Escalation, Risk
from risks.rules import RiskLevel
from targets.models import Target
from targets.rules import Rag

TODAY = date(2026, 11, 21)
LATEST = "2026-27-Q2"
EDITABLE = (QuarterlyReturn.State.NOT_STARTED, QuarterlyReturn.State.DRAFT)


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows in every table of every installed model, history tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo as at 21 November 2026, loaded once for a class and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = load(today=TODAY.isoformat())
        yield output
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestDemoAsAt21November2026:
    def test_prints_a_summary_with_the_logins(self, demo):
        assert "Loaded the Anycity demo partnership" in demo
        assert "Q2 2026-27 is open" in demo
        assert "admin, officer, lead, board, psb, scrutiny" in demo

    def test_loading_again_changes_no_table(self):
        before = row_counts()
        output = load(today=TODAY.isoformat())
        assert "already loaded" in output
        assert row_counts() == before

    def test_most_indicators_are_published_and_a_few_are_not(self, client):
        unpublished = set(Indicator.objects.filter(published=False).values_list("code", flat=True))
        assert unpublished == {"NI 112", "NI 20", "L 12", "L 26", "L 38"}
        assert Indicator.objects.filter(published=True, published_by__username="admin").count() > 60
        assert client.get("/public/indicators/ni-116/").status_code == 200
        assert client.get("/public/indicators/ni-112/").status_code == 404
        codes = {
            line.split(",")[0]
            for line in client.get("/public/data.csv").content.decode().splitlines()[1:]
        }
        assert "NI 116" in codes
        assert codes.isdisjoint(unpublished)

    def test_framework_is_the_size_the_design_asks_for(self):
        assert Area.objects.get(kind=Area.Kind.PARTNERSHIP).code == PARTNERSHIP_AREA_CODE
        assert Outcome.objects.values("block").distinct().count() == 4
        assert 25 <= Outcome.objects.count() <= 35
        assert 60 <= Indicator.objects.count() <= 90
        assert Outcome.objects.filter(lead_person__isnull=True).count() == 0
        comparators = Area.objects.filter(kind=Area.Kind.COMPARATOR).count()
        assert 6 <= comparators <= 10
        assert Area.objects.filter(kind=Area.Kind.ENGLAND, code="E92000001").exists()

    @pytest.mark.parametrize(
        ("username", "holds"),
        [
            ("admin", lambda r: r.administrator),
            ("officer", lambda r: r.performance_team),
            ("lead", lambda r: len(r.led_outcome_ids) == 2),
            ("board", lambda r: len(r.board_block_ids) == 1),
            ("psb", lambda r: r.psb_member),
            ("scrutiny", lambda r: r.scrutiny and r.read_only),
        ],
    )
    def test_demo_user_signs_in_with_the_demo_password_and_has_their_role(
        self, client, username, holds
    ):
        response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"]
        user = get_user_model().objects.get(username=username)
        assert holds(roles_of(user))
        assert user.profile.organisation is not None
        assert user.email == f"{username}@anycity.example"

    def test_lead_has_a_return_to_complete_in_the_open_round(self):
        lead = get_user_model().objects.get(username="lead")
        round_ = ReturnRound.objects.get(state=ReturnRound.State.OPEN)
        assert round_.period.code == LATEST
        to_complete = QuarterlyReturn.objects.filter(
            round=round_, outcome__in=roles_of(lead).led_outcome_ids, state__in=EDITABLE
        )
        assert to_complete.exists()
        quarterly = Indicator.objects.filter(
            primary_outcome__in=[r.outcome for r in to_complete], frequency="quarterly"
        )
        assert quarterly.count() >= 3

    def test_the_open_round_is_still_open_on_the_day_the_demo_is_loaded(self):
        round_ = ReturnRound.objects.get(state=ReturnRound.State.OPEN)
        assert round_.due_on < TODAY  # the lead's return is late, as in real life
        assert round_.closes_on > TODAY

    def test_twenty_quarters_of_values_end_with_the_latest_completed_quarter(self):
        codes = set(
            IndicatorValue.objects.filter(
                area__code=PARTNERSHIP_AREA_CODE, indicator__frequency="quarterly"
            ).values_list("period__code", flat=True)
        )
        expected = [q.code for q in last_quarters(Period.parse(LATEST), QUARTERS)]
        assert len(expected) == 20
        assert sorted(codes) == expected

    def test_values_have_some_gaps_and_some_estimates(self):
        past = [q.code for q in last_quarters(Period.parse(LATEST).previous(), QUARTERS - 1)]
        per_indicator = Counter(
            IndicatorValue.objects.filter(
                area__code=PARTNERSHIP_AREA_CODE,
                indicator__frequency="quarterly",
                period__code__in=past,
            ).values_list("indicator__code", flat=True)
        )
        assert any(n < len(past) for n in per_indicator.values())
        estimated = IndicatorValue.objects.filter(status="estimated")
        assert estimated.exists()
        assert not estimated.filter(note="").exists()

    def test_past_rounds_are_closed_with_every_return_approved(self):
        past = ReturnRound.objects.exclude(period__code=LATEST)
        assert past.count() == QUARTERS - 1
        assert set(past.values_list("state", flat=True)) == {ReturnRound.State.CLOSED}
        returns = QuarterlyReturn.objects.filter(round__in=past)
        assert set(returns.values_list("state", flat=True)) == {QuarterlyReturn.State.APPROVED}
        assert not returns.filter(approved_by__isnull=True).exists()
        assert not returns.filter(approved_at__isnull=True).exists()
        assert set(returns.values_list("version", flat=True)) == {1}
        past_values = IndicatorValue.objects.filter(
            period__code__in=[
                q.code for q in last_quarters(Period.parse(LATEST).previous(), QUARTERS - 1)
            ]
        )
        assert not past_values.filter(is_approved=False).exists()

    def test_open_round_has_returns_in_every_state(self):
        states = set(
            QuarterlyReturn.objects.filter(round__period__code=LATEST).values_list(
                "state", flat=True
            )
        )
        assert states == set(QuarterlyReturn.State.values)
        returned = QuarterlyReturn.objects.get(
            round__period__code=LATEST, state=QuarterlyReturn.State.RETURNED
        )
        assert returned.returned_reason

    def test_values_in_returns_not_yet_approved_are_not_approved(self):
        for quarterly_return in QuarterlyReturn.objects.filter(round__period__code=LATEST):
            values = IndicatorValue.objects.filter(
                area__code=PARTNERSHIP_AREA_CODE,
                period__code=LATEST,
                indicator__primary_outcome=quarterly_return.outcome,
            )
            approved = quarterly_return.state == QuarterlyReturn.State.APPROVED
            assert not values.exclude(is_approved=approved).exists(), quarterly_return.state
            if quarterly_return.state == QuarterlyReturn.State.NOT_STARTED:
                assert not values.exists()

    def test_stretch_targets_have_a_standard_target_and_a_reward_grant(self):
        stretch = Target.objects.filter(kind=Target.Kind.STRETCH)
        assert 8 <= stretch.count() <= 12
        assert not stretch.filter(standard_target_value__isnull=True).exists()
        assert not stretch.filter(reward_grant__isnull=True).exists()
        kinds = set(Target.objects.values_list("kind", flat=True))
        assert kinds == set(Target.Kind.values)

    def test_risks_exist_at_every_level_with_escalations_both_ways(self):
        assert set(Risk.objects.values_list("level", flat=True)) == set(RiskLevel)
        assert Escalation.objects.filter(to_level=RiskLevel.PARTNERSHIP).exists()
        moves = Escalation.objects.values_list("from_level", "to_level")
        assert any(RiskLevel(to).rank < RiskLevel(frm).rank for frm, to in moves)

    def test_comparator_region_and_england_values_are_approved_imports(self):
        for kind in (Area.Kind.COMPARATOR, Area.Kind.REGION, Area.Kind.ENGLAND):
            values = IndicatorValue.objects.filter(area__kind=kind)
            assert values.exists(), kind
            assert not values.exclude(is_approved=True, source="imported").exists()

    def test_area_committees_have_values_approved_with_anycitys(self):
        """Four area committees of Anycity, with values for a few indicators over the
        last eight quarters, approved exactly when Anycity's value for the quarter is."""
        committees = Area.objects.filter(kind=Area.Kind.SUB_AREA)
        assert committees.count() == 4
        assert {a.parent.code for a in committees} == {PARTNERSHIP_AREA_CODE}
        values = IndicatorValue.objects.filter(area__kind=Area.Kind.SUB_AREA)
        assert values.values("indicator").distinct().count() >= 5
        assert values.values("period").distinct().count() >= 8
        assert values.filter(is_approved=True).exists()
        own = {
            (v.indicator_id, v.period_id): v.is_approved
            for v in IndicatorValue.objects.filter(area__code=PARTNERSHIP_AREA_CODE)
        }
        assert all(own[(v.indicator_id, v.period_id)] == v.is_approved for v in values)
        assert not values.exclude(source="imported").exists()

    def test_the_board_sees_its_blocks_indicators_by_sub_area(self, client):
        client.force_login(get_user_model().objects.get(username="board"))
        slug = Block.objects.get(outcomes__primary_indicators__code="NI 53").slug
        response = client.get(f"/blocks/{slug}/sub-areas/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Anycity North Area Committee" in html
        assert "NI 53 Prevalence of breastfeeding" in html

    def test_ni_53_shows_its_values_by_sub_area(self, client):
        client.force_login(get_user_model().objects.get(username="psb"))
        html = client.get("/indicators/ni-53/").content.decode()
        assert 'id="sub-areas-chart"' in html
        assert "Anycity West and Central Area Committee" in html

    def test_framework_rows_have_their_creation_in_history(self):
        for model in (Outcome, Indicator, Target, QuarterlyReturn, IndicatorValue):
            created = model.history.filter(history_type="+").values("id").distinct().count()
            assert created == model.objects.count(), model.__name__
        admin = get_user_model().objects.get(username="admin")
        assert not Outcome.history.filter(history_type="+").exclude(history_user=admin).exists()

    def test_national_scale_run_small_adds_every_value_once(self):
        small = {"scale": "national", "areas": 5, "indicators": 6, "quarters": 4}
        load(today=TODAY.isoformat(), **small)
        synthetic = IndicatorValue.objects.filter(indicator__code__startswith="X ")
        assert synthetic.count() == 5 * 6 * 4
        assert Target.objects.filter(indicator__code__startswith="X ").count() == 6
        before = row_counts()
        assert "already loaded" in load(today=TODAY.isoformat(), **small)
        assert row_counts() == before


@pytest.mark.django_db
def test_a_spring_day_opens_the_round_for_the_last_quarter_of_the_year():
    load(today="2026-04-02")
    round_ = ReturnRound.objects.get(state=ReturnRound.State.OPEN)
    assert round_.period.code == "2025-26-Q4"
    lead = get_user_model().objects.get(username="lead")
    assert QuarterlyReturn.objects.filter(
        round=round_, outcome__lead_person=lead, state__in=EDITABLE
    ).exists()


@pytest.mark.django_db
def test_refuses_a_database_that_has_another_partnership_area():
    Area.objects.create(code="E08000001", name="Elsewhere", kind=Area.Kind.PARTNERSHIP)
    with pytest.raises(CommandError, match="already has a partnership area"):
        load(today=TODAY.isoformat())
    assert not Outcome.objects.exists()


def test_national_scale_defaults_plan_at_least_360000_values():
    plan = plan_national(today=TODAY)
    assert (plan.areas, plan.indicators, plan.quarters) == (150, 200, 12)
    assert plan.values >= 360_000
    assert plan.milestones > 0


def test_round_opens_the_first_working_day_after_the_quarter_and_is_due_15_working_days_later():
    # 30 September 2026 is a Wednesday; 31 March 2029 a Saturday.
    assert round_dates(Period.parse("2026-27-Q2")) == (
        date(2026, 10, 1),
        date(2026, 10, 22),
        date(2026, 10, 29),
    )
    assert round_dates(Period.parse("2028-29-Q4"))[0] == date(2029, 4, 2)


def test_every_escalated_risk_is_held_where_its_last_move_put_it_at_that_score():
    assert check_risk_content() == []


def test_national_indicator_file_maps_to_the_frameworks_units_and_frequencies():
    rows = read_national_indicators()
    assert (rows["NI 15"].unit, rows["NI 15"].rate_per) == (Unit.RATE, 1000)
    assert rows["NI 15"].accumulation == Accumulation.CUMULATIVE
    assert rows["NI 30"].accumulation == Accumulation.ROLLING
    assert rows["NI 1"].frequency == Frequency.BIENNIAL
    assert rows["NI 116"].title == "Proportion of children in poverty"


def test_figures_are_the_same_on_every_run_and_mostly_green():
    window = last_quarters(Period.parse(LATEST), 12)

    def plans():
        return [
            plan_series(p, window=window, rng=rng_for("series", p.code))
            for p in indicator_catalogue()
        ]

    first, second = plans(), plans()
    assert [p.points for p in first] == [p.points for p in second]
    latest = Counter(p.points[-1].rag for p in first if p.target)
    assert latest[Rag.GREEN] > latest[Rag.AMBER] + latest[Rag.RED]
    assert latest[Rag.AMBER] >= 3
    assert latest[Rag.RED] >= 2
