"""``manage.py import_values``: the same preview, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from indicators.models import IndicatorValue, ValueImport
from partnership.models import Area
from tests.indicators.imports.conftest import csv_bytes


def _run(tmp_path, content, *args, name="values.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    from io import StringIO

    out = StringIO()
    call_command("import_values", str(path), *args, stdout=out)
    return out.getvalue()


WIDE = csv_bytes("Area Code,Area Name,2025-26-Q1", "E06000001,Hartlepool,20")


def test_dry_run_prints_the_preview_and_saves_nothing(world, tmp_path):
    out = _run(tmp_path, csv_bytes("Indicator,Area,Period,Value", "NI 116,E06000001,Q2 2006,20"),
               "--dry-run")  # fmt: skip
    assert "To add: 1. To change: 0." in out
    assert "Mapped: calendar quarter Q2 2006 (April to June 2006) read as Q1 2006-07" in out
    assert "row 2: NI 116, Hartlepool (E06000001), 2006-07-Q1: 20" in out
    assert "nothing was saved" in out
    assert IndicatorValue.objects.count() == 0


def test_create_areas_creates_unknown_comparators_and_saves(world, tmp_path, officer):
    content = csv_bytes(
        "Area Code,Area Name,2025-26-Q1,2025-26-Q2",
        "E06000001,Hartlepool,20,21",
        "E06000003,Redcar and Cleveland,30,31",
    )
    out = _run(tmp_path, content, "--indicator", "NI 116", "--create-areas", "--user", "officer")
    assert "Created 1 comparator area(s)." in out
    assert "Saved import #" in out
    area = Area.objects.get(code="E06000003")
    assert (area.name, area.kind) == ("Redcar and Cleveland", Area.Kind.COMPARATOR)
    assert IndicatorValue.objects.filter(is_approved=True).count() == 4
    assert ValueImport.objects.get().created_by == officer


def test_unknown_areas_without_create_areas_save_nothing(world, tmp_path):
    content = csv_bytes("Area,2025-26-Q1", "E06000003,30", "Hartlepool,20")
    with pytest.raises(CommandError, match="Nothing was saved"):
        _run(tmp_path, content, "--indicator", "NI 116")
    assert IndicatorValue.objects.count() == 0


def test_a_bad_file_is_a_clear_error(world, tmp_path):
    with pytest.raises(CommandError, match="are not recognised"):
        _run(tmp_path, b"Name,Colour\r\nAnn,red\r\n")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(world, tmp_path, settings):
    settings.VALUE_IMPORT_MAX_BYTES = 2048
    with pytest.raises(CommandError, match="is larger than 2 KB: split it"):
        _run(tmp_path, b"Indicator,Area,Period,Value\r\n" + b"x" * 3000)
    assert ValueImport.objects.count() == 0


def test_a_saved_import_records_who_and_history_says_which_import(world, tmp_path, officer):
    content = csv_bytes("Indicator,Area,Period,Value", "NI 116,E06000001,2025-26-Q1,20")
    _run(tmp_path, content, "--user", "officer")
    record = ValueImport.objects.get()
    history = IndicatorValue.history.get()
    assert (history.history_user, history.history_change_reason) == (
        officer, f"Import #{record.pk}: values.csv"
    )  # fmt: skip
    again = _run(tmp_path, content, "--user", "officer")
    assert "0 added, 0 changed, 1 left alone" in again
    assert IndicatorValue.history.count() == 1
