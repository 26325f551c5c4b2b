"""The data migration: an action that belonged to a target now belongs to that target's
outcome, with the target among its targets; an outcome's action is left as it was."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("targets", "0005_delivery_plans")]
AFTER = [("targets", "0007_action_outcome_required")]


@pytest.mark.django_db(transaction=True)
def test_actions_on_targets_move_to_their_outcome():
    executor = MigrationExecutor(connection)
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "targets"]
    executor.migrate(BEFORE)
    old = executor.loader.project_state([*BEFORE, *others]).apps
    Organisation = old.get_model("partnership", "Organisation")
    Block = old.get_model("partnership", "Block")
    Outcome = old.get_model("partnership", "Outcome")
    Indicator = old.get_model("indicators", "Indicator")
    Area = old.get_model("partnership", "Area")
    Period = old.get_model("partnership", "Period")
    Target = old.get_model("targets", "Target")
    Action = old.get_model("targets", "Action")
    council = Organisation.objects.create(name="Anycity Council", short_name="Council")
    block = Block.objects.create(name="Children", slug="children")
    outcome = Outcome.objects.create(
        block=block, code="CYP 1", title="Best start", lead_organisation=council
    )
    indicator = Indicator.objects.create(
        code="NI 53",
        title="Breastfeeding",
        slug="ni-53",
        kind="national",
        unit="percentage",
        polarity="higher",
        frequency="quarterly",
        accumulation="snapshot",
        primary_outcome=outcome,
        lead_organisation=council,
    )
    year = Period.objects.create(code="2024-25", start_date="2024-04-01", end_date="2025-03-31")
    later = Period.objects.create(code="2026-27", start_date="2026-04-01", end_date="2027-03-31")
    area = Area.objects.create(code="E06000001", name="Anycity", kind="partnership")
    target = Target.objects.create(
        indicator=indicator,
        area=area,
        baseline_value=40,
        baseline_period=year,
        target_value=60,
        target_period=later,
    )
    on_target = Action.objects.create(
        target=target, description="Peer support", lead_organisation=council
    )
    on_outcome = Action.objects.create(
        outcome=outcome, description="Early education", lead_organisation=council
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("targets", "Action")

    moved = new.objects.get(pk=on_target.pk)
    assert moved.outcome_id == outcome.pk
    assert list(moved.targets.values_list("pk", flat=True)) == [target.pk]
    kept = new.objects.get(pk=on_outcome.pk)
    assert (kept.outcome_id, kept.targets.count()) == (outcome.pk, 0)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
