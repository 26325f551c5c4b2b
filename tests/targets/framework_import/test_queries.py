"""The preview, the save, the page and the export take the same queries whatever the
size of the framework or the file (the save: the same per batch)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def _sheets(rows: int, *, prefix: str = "N", change: bool = True):
    quarters = ["2025-26-Q1", "2025-26-Q2", "2025-26-Q3"]
    codes = [f"{prefix} {n}" for n in range(rows)]
    changed = [indicator_row("NI 116", Title="Changed")] if change else []
    return {
        s.OUTCOMES: [outcome_row(code) for code in codes],
        s.INDICATORS: [indicator_row(code, outcome=code, Lead="lead") for code in codes] + changed,
        s.TARGETS: [target_row(code) for code in codes],
        s.MILESTONES: [milestone_row(code, period=q) for code in codes for q in quarters],
    }


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


# 30 rows: SQLite takes at most 999 parameters a statement, so Django splits a bulk insert
# of more rows of the historical indicator's columns, whatever the batch size asked for.
@pytest.mark.parametrize("rows", [2, 30])
def test_the_save_takes_the_same_queries_per_batch(
    framework, officer, rows, settings, django_assert_max_num_queries
):
    settings.VALUE_IMPORT_BATCH_SIZE = 500  # one batch a sheet, whatever the rows
    preview = framework_import_preview(
        content=workbook(_sheets(rows)), file_name="framework.xlsx", actor=officer
    )
    with django_assert_max_num_queries(35):
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


def _save_queries(officer, rows: int, prefix: str) -> int:
    content = workbook(_sheets(rows, prefix=prefix, change=False))
    preview = framework_import_preview(content=content, file_name="framework.xlsx", actor=officer)
    with CaptureQueriesContext(connection) as queries:
        framework_import_save(record=preview.record, sha256=preview.record.sha256, actor=officer)
    return len(queries)


def test_each_batch_adds_the_same_few_queries(framework, officer, settings):
    settings.VALUE_IMPORT_BATCH_SIZE = 5
    for code in ("2024-25", "2026-27", "2025-26-Q1", "2025-26-Q2", "2025-26-Q3"):
        f.period(code)  # kept already, so that each save reads them in one query
    # 5 rows: a batch each of outcomes, indicators and targets, three of milestones (15);
    # 10 rows: twice as many batches of each.
    five, ten = _save_queries(officer, 5, "A"), _save_queries(officer, 10, "B")
    # One more batch each of outcomes, indicators and targets, three more of milestones:
    # an insert and its history's insert a batch.
    assert ten - five == 2 * (1 + 1 + 1 + 3)
