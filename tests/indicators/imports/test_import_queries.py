"""The import reads and writes a fixed number of queries a batch, not a row."""

import math
from decimal import Decimal

import pytest
from django.db import connection

from indicators.imports.services import import_preview, import_save
from indicators.models import IndicatorValue
from partnership.periods import Period
from tests import factories as f
from tests.indicators.imports.conftest import csv_bytes


def _file(world, count):
    areas = [world["nearby"]] + [
        f.AreaFactory(code=f"E09{n:06d}", name=f"Borough {n}") for n in range(9)
    ]
    quarters = [Period(2000, 1).shift(n).code for n in range(100)]
    lines = [
        f"NI 116,{area.code},{quarter},{n % 100}"
        for n, (area, quarter) in enumerate((a, q) for q in quarters for a in areas)
    ][:count]
    return csv_bytes("Indicator,Area,Period,Value", *lines)


# Reads of the record, indicators, areas, values and periods; periods added; the record
# saved with its history; savepoints.
FIXED = 14


def _batches(count, setting):
    """Queries to write ``count`` values and their history: one each a batch of the
    setting's size, or of fewer where the database takes fewer parameters a query
    (SQLite: 999, so about 80 values or 60 history rows a query)."""
    total = 0
    for model in (IndicatorValue, IndicatorValue.history.model):
        fields = list(model._meta.concrete_fields)
        size = min(setting, connection.ops.bulk_batch_size(fields, [None] * count) or setting)
        total += math.ceil(count / size)
    return total


@pytest.mark.parametrize("count", [10, 1000])
def test_preview_and_save_take_the_same_queries_for_10_and_1000_rows(
    world, officer, count, django_assert_max_num_queries, settings
):
    settings.VALUE_IMPORT_BATCH_SIZE = 2000
    content = _file(world, count)
    with django_assert_max_num_queries(12):
        preview = import_preview(content=content, file_name="v.csv", actor=officer)
    assert len(preview.plan.added) == count
    # One query a batch for the values and one for their history, whatever the rows.
    with django_assert_max_num_queries(FIXED + _batches(count, 2000)):
        import_save(record=preview.record, sha256=preview.record.sha256, actor=officer)
    assert IndicatorValue.objects.count() == count


def test_changing_1000_values_is_a_few_queries_a_batch(
    world, officer, django_assert_max_num_queries, settings
):
    settings.VALUE_IMPORT_BATCH_SIZE = 500
    content = _file(world, 1000)
    first = import_preview(content=content, file_name="v.csv", actor=officer)
    import_save(record=first.record, sha256=first.record.sha256, actor=officer)
    IndicatorValue.objects.update(value=Decimal("99.9"))
    again = import_preview(content=content, file_name="v.csv", actor=officer)
    assert len(again.plan.changed) == 1000
    # An update and a history insert a batch, plus the fixed reads.
    with django_assert_max_num_queries(FIXED + _batches(1000, 500)):
        import_save(record=again.record, sha256=again.record.sha256, actor=officer)
    assert IndicatorValue.objects.filter(value=Decimal("99.9")).count() == 0
