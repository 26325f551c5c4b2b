"""The preview, the save, the page and the export take the same queries whatever the
size of the framework or the file (the save: the same per batch)."""

import pytest
from django.urls import reverse

from targets.framework_import import sheets as s
from targets.framework_import.selectors import file_plan, template_workbook
from targets.framework_import.services import framework_import_preview, framework_import_save
from targets.models import Milestone
from tests import factories as f
from tests.targets.framework_import.conftest import (
    indicator_row,
    milestone_row,
    outcome_row,
    target_row,
    workbook,
)


def _sheets(rows: int):
    quarters = ["2025-26-Q1", "2025-26-Q2", "2025-26-Q3"]
    return {
        s.OUTCOMES: [outcome_row(f"N {n}") for n in range(rows)],
        s.INDICATORS: [indicator_row(f"N {n}", outcome=f"N {n}", Lead="lead")
                       for n in range(rows)] + [indicator_row("NI 116", Title="Changed")],
        s.TARGETS: [target_row(f"N {n}") for n in range(rows)],
        s.MILESTONES: [milestone_row(f"N {n}", period=q) for n in range(rows) for q in quarters],
    }  # fmt: skip


def _kept_framework(size: int, outcome) -> None:
    area = f.PartnershipAreaFactory()
    for _ in range(size):
        target = f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=outcome), area=area)
        f.MilestoneFactory(target=target)


@pytest.mark.parametrize("rows", [2, 40])
def test_the_preview_takes_the_same_queries_whatever_the_rows(
    framework, rows, django_assert_max_num_queries
):
    _kept_framework(rows, framework["outcome"])
    content = workbook(_sheets(rows))
    with django_assert_max_num_queries(8):
        plan = file_plan(content, file_name="framework.xlsx")
    assert plan.problems == []
    assert plan.added == rows * 6


@pytest.mark.parametrize("rows", [2, 40])
def test_the_save_takes_the_same_queries_per_batch(
    framework, officer, rows, settings, django_assert_max_num_queries
):
    settings.VALUE_IMPORT_BATCH_SIZE = 500  # one batch a sheet, whatever the rows
    preview = framework_import_preview(
        content=workbook(_sheets(rows)), file_name="framework.xlsx", actor=officer
    )
    with django_assert_max_num_queries(33):
        framework_import_save(record=preview.record, sha256=preview.record.sha256, actor=officer)
    assert Milestone.objects.count() == 1 + rows * 3


@pytest.mark.parametrize("rows", [2, 40])
def test_the_preview_page_takes_the_same_queries_whatever_the_rows(
    client, framework, officer, rows, django_assert_max_num_queries
):
    preview = framework_import_preview(
        content=workbook(_sheets(rows)), file_name="framework.xlsx", actor=officer
    )
    client.force_login(officer)
    with django_assert_max_num_queries(21):
        page = client.get(reverse("framework_import_detail", args=[preview.record.pk]))
    assert f"Milestones to add ({rows * 3})" in page.content.decode()


@pytest.mark.parametrize("size", [2, 40])
def test_the_export_takes_the_same_queries_whatever_the_framework(
    framework, size, django_assert_max_num_queries
):
    _kept_framework(size, framework["outcome"])
    with django_assert_max_num_queries(8):
        template_workbook(filled=True)
