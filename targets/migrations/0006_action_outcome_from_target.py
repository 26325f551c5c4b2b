"""An action that belonged to a target now belongs to that target's outcome, with the
target among its ``targets``; the history of the change is kept by the next save."""

from django.db import migrations


def forwards(apps, schema_editor):
    Action = apps.get_model("targets", "Action")
    for action in Action.objects.filter(target__isnull=False).select_related(
        "target__indicator"
    ):
        action.outcome_id = action.target.indicator.primary_outcome_id
        action.save(update_fields=["outcome"])
        action.targets.add(action.target)


def backwards(apps, schema_editor):
    Action = apps.get_model("targets", "Action")
    for action in Action.objects.prefetch_related("targets"):
        chosen = list(action.targets.all())
        if len(chosen) == 1:  # one target: it belonged to that target, as before
            action.target = chosen[0]
            action.outcome = None
            action.save(update_fields=["target", "outcome"])


class Migration(migrations.Migration):
    dependencies = [("targets", "0005_delivery_plans")]

    operations = [migrations.RunPython(forwards, backwards)]
