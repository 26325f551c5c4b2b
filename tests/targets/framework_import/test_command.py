"""``manage.py import_framework FILE [--dry-run]`` prints the preview and saves all or
nothing."""

import pytest
from django.core.management import CommandError, call_command

from partnership.models import Outcome
from targets.framework_import import sheets as s
from targets.models import FrameworkImport
from tests.targets.framework_import.conftest import indicator_row, outcome_row, workbook


def _file(tmp_path, content, name="framework.xlsx"):
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


GOOD = {s.OUTCOMES: [outcome_row("CYP 2")],
        s.INDICATORS: [indicator_row("NI 116", Title="Children in low-income homes")]}  # fmt: skip


def test_a_dry_run_prints_the_preview_and_saves_nothing(framework, tmp_path, capsys):
    call_command("import_framework", _file(tmp_path, workbook(GOOD)), "--dry-run")
    out = capsys.readouterr().out
    assert "To add: 1. To change: 1. Left alone (the same): 0. Problems: 0." in out
    assert "Outcomes: 1 to add, 0 to change, 0 left alone." in out
    assert (
        'Indicators row 2: NI 116, Title: "Children in poverty" to "Children in low-income '
        'homes"' in out
    )
    assert "row 2: CYP 2: Outcome CYP 2" in out
    assert "Dry run: nothing was saved." in out
    assert not Outcome.objects.filter(code="CYP 2").exists()


def test_the_command_saves_as_the_team_or_the_user_named(framework, tmp_path, officer, capsys):
    call_command("import_framework", _file(tmp_path, workbook(GOOD)), "--user", "officer")
    record = FrameworkImport.objects.get()
    assert f"Saved as framework import #{record.pk}." in capsys.readouterr().out
    assert Outcome.objects.get(code="CYP 2").history.latest().history_user == officer
    call_command("import_framework", _file(tmp_path, workbook(GOOD), name="again.xlsx"))
    assert FrameworkImport.objects.latest("pk").created_by is None


def test_bad_rows_are_printed_and_nothing_is_saved(framework, tmp_path, capsys):
    content = workbook({**GOOD, s.INDICATORS: [indicator_row(Polarity="up")]})
    with pytest.raises(CommandError, match="Nothing was saved: 1 problems"):
        call_command("import_framework", _file(tmp_path, content))
    assert 'Indicators row 2, column "Polarity": "up" is not one of' in capsys.readouterr().out
    assert not Outcome.objects.filter(code="CYP 2").exists()


def test_a_file_that_is_not_a_workbook_is_refused(framework, tmp_path):
    with pytest.raises(CommandError, match="must be an .xlsx spreadsheet. Nothing was saved"):
        call_command("import_framework", _file(tmp_path, b"a,b\r\n", name="x.csv"))
    with pytest.raises(CommandError, match="Could not read"):
        call_command("import_framework", str(tmp_path / "missing.xlsx"))
    with pytest.raises(CommandError, match="There is no one with the username ghost"):
        call_command("import_framework", _file(tmp_path, workbook(GOOD)), "--user", "ghost")
