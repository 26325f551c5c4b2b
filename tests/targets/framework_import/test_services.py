"""Saving a previewed framework import: all or nothing, with history naming who and which
import; a stale preview, a second save, another file or someone not in the team refused."""

from decimal import Decimal

import pytest

from indicators.models import Indicator
from partnership.errors import ApplicationError
from partnership.models import Outcome
from targets.framework_import import sheets as s
from targets.framework_import.selectors import template_workbook
from targets.framework_import.services import framework_import_preview, framework_import_save
from targets.models import FrameworkImport, Milestone, Target
from tests.targets.framework_import.conftest import (
    indicator_row,
    milestone_row,
    outcome_row,
    target_row,
    workbook,
)

NEW = {
    s.OUTCOMES: [outcome_row("CYP 2", Lead="lead@anycity.example")],
    s.INDICATORS: [indicator_row("L 900", outcome="CYP 2", Lead="lead"),
                   indicator_row("NI 116", Title="Children in low-income homes",
                                 Definition="The share of children in low-income homes.")],
    s.TARGETS: [target_row("L 900", Kind="stretch", **{"Standard target": 55}),
                target_row("NI 116", Target=58)],
    s.MILESTONES: [milestone_row("L 900", period="2025-26-Q2", value=45),
                   milestone_row("L 900", period="2025-26", value=50),
                   milestone_row("NI 116", period="2025-26", value=52)],
}  # fmt: skip


def _preview(content, actor, name="framework.xlsx"):
    return framework_import_preview(content=content, file_name=name, actor=actor)


def _save(preview, actor):
    return framework_import_save(record=preview.record, sha256=preview.record.sha256, actor=actor)


def test_saving_adds_and_changes_every_sheet_with_history(framework, officer):
    preview = _preview(workbook(NEW), officer)
    assert preview.plan.problems == []
    _save(preview, officer)
    record = FrameworkImport.objects.get()
    assert (record.status, record.added, record.changed, record.unchanged) == ("saved", 5, 3, 0)
    assert record.counts[s.MILESTONES] == {"added": 2, "changed": 1, "unchanged": 0}
    assert record.created_by == officer
    assert record.saved_at is not None
    outcome = Outcome.objects.get(code="CYP 2")
    assert outcome.lead_person == framework["lead"]
    indicator = Indicator.objects.get(code="L 900")
    assert (indicator.primary_outcome, indicator.lead_organisation) == (
        outcome, framework["council"])  # fmt: skip
    target = Target.objects.get(indicator=indicator)
    assert (target.kind, target.standard_target_value) == ("stretch", Decimal(55))
    assert target.baseline_period.code == "2024-25"
    assert sorted(m.period.code for m in target.milestones.all()) == ["2025-26", "2025-26-Q2"]
    assert Milestone.objects.get(target=framework["target"]).value == Decimal(52)
    ni116 = Indicator.objects.get(code="NI 116")
    assert ni116.title == "Children in low-income homes"
    for item in (outcome, indicator, target, ni116, framework["target"]):
        latest = item.history.latest()
        assert latest.history_user == officer
        assert latest.history_change_reason == f"Framework import #{record.pk}: framework.xlsx"


def test_one_bad_row_saves_nothing_and_lists_every_bad_row(framework, officer):
    sheets = {**NEW, s.MILESTONES: [*NEW[s.MILESTONES], milestone_row("L 900", value="half"),
                                    milestone_row("L 900", period="Q5 2025")]}  # fmt: skip
    preview = _preview(workbook(sheets), officer)
    assert [str(p) for p in preview.plan.problems] == [
        'Milestones row 5, column "Milestone": "half" is not a number',
        "Milestones row 6, column \"Period\": 'Q5 2025' is not a period: write it as 2025-26 "
        "for a financial year or 2025-26-Q2 for a quarter",
    ]
    with pytest.raises(ApplicationError, match="Nothing was saved"):
        _save(preview, officer)
    assert not Outcome.objects.filter(code="CYP 2").exists()
    assert Indicator.objects.get(code="NI 116").title == "Children in poverty"
    assert Milestone.objects.count() == 1
    record = FrameworkImport.objects.get()
    assert (record.status, record.refused) == ("previewed", 2)


def test_importing_the_same_file_again_changes_nothing(framework, officer):
    _save(_preview(workbook(NEW), officer), officer)
    history = sum(m.history.count() for m in (Outcome, Indicator, Target, Milestone))
    again = _preview(workbook(NEW), officer)
    assert (again.plan.added, again.plan.changed, again.plan.unchanged) == (0, 0, 8)
    _save(again, officer)
    assert sum(m.history.count() for m in (Outcome, Indicator, Target, Milestone)) == history


def test_the_exported_framework_saves_as_no_change(framework, officer):
    _save(_preview(workbook(NEW), officer), officer)
    preview = _preview(template_workbook(filled=True), officer, name="framework-now.xlsx")
    assert preview.plan.problems == []
    assert (preview.plan.added, preview.plan.changed) == (0, 0)
    assert preview.plan.unchanged == 2 + 2 + 2 + 3


def test_a_preview_made_stale_by_a_change_to_the_framework_is_refused(framework, officer):
    preview = _preview(workbook(NEW), officer)
    indicator = framework["indicator"]
    indicator.title = "Changed in the admin meanwhile"
    indicator.save()
    with pytest.raises(ApplicationError, match="The framework has changed since this file"):
        _save(preview, officer)
    assert not Outcome.objects.filter(code="CYP 2").exists()


def test_a_saved_import_cannot_be_saved_twice_nor_another_file(framework, officer):
    preview = _preview(workbook(NEW), officer)
    with pytest.raises(ApplicationError, match="The file previewed is not the file kept"):
        framework_import_save(record=preview.record, sha256="0" * 64, actor=officer)
    _save(preview, officer)
    with pytest.raises(ApplicationError, match="already been saved"):
        _save(preview, officer)


def test_a_refused_file_is_recorded_as_refused_with_why(framework, officer):
    preview = _preview(b"not a workbook", officer, name="notes.txt")
    record = FrameworkImport.objects.get()
    assert preview.refusal is not None
    assert record.status == "refused"
    assert record.problems[0]["text"] == "The selected file must be an .xlsx spreadsheet"


def test_only_the_performance_team_may_preview(framework, lead):
    with pytest.raises(ApplicationError, match="Only the performance team can import"):
        _preview(workbook(NEW), lead)
    assert FrameworkImport.objects.count() == 0
