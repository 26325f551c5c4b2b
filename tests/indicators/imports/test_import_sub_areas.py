"""Values by sub-area (area committees, neighbourhoods, wards) import as the partnership
area's do: long and wide layouts, found by code or name, not approved on import (they are
the partnership's own figures, approved with the quarter's return), an approved one never
overwritten; an unknown sub-area is added from the preview as part of the partnership area.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.imports.services import area_create, import_preview, import_save
from indicators.models import IndicatorValue, ValueImport
from partnership.errors import ApplicationError
from partnership.models import Area
from tests import factories as f
from tests.indicators.imports.conftest import csv_bytes


@pytest.fixture
def committees(world):
    home = world["home"]
    return {
        "north": f.SubAreaFactory(code="AC01", name="Anycity North", parent=home),
        "south": f.SubAreaFactory(code="AC02", name="Anycity South", parent=home),
    }


def _preview(officer, content, **kwargs):
    return import_preview(content=content, file_name="wards.csv", actor=officer, **kwargs)


def _save(officer, preview):
    return import_save(record=preview.record, sha256=preview.record.sha256, actor=officer)


def test_long_layout_imports_sub_area_values_not_approved(world, committees, officer):
    content = csv_bytes(
        "Indicator,Area,Period,Value",
        "NI 116,AC01,2025-26-Q1,20.5",
        "NI 116,anycity south,2025-26-Q1,31",
        "NI 116,E08000099,2025-26-Q1,25",
    )
    preview = _preview(officer, content)
    assert preview.plan.problems == []
    assert len(preview.plan.added) == 3
    _save(officer, preview)
    kept = {v.area.code: v for v in IndicatorValue.objects.all()}
    assert kept["AC01"].value == Decimal("20.5")
    assert kept["AC02"].value == Decimal("31")
    assert not any(v.is_approved for v in kept.values())
    assert {v.status for v in kept.values()} == {"final"}


def test_a_sub_area_value_is_held_to_the_indicators_places(world, committees, officer):
    """As the partnership's own figures are (a comparator's is kept as published)."""
    content = csv_bytes("Indicator,Area,Period,Value", "NI 116,AC01,2025-26-Q1,20.54")
    problems = _preview(officer, content).plan.problems
    assert [str(p) for p in problems] == [
        'row 2, column "Value": "20.54": give at most 1 decimal place'
    ]


def test_wide_layout_imports_a_row_per_sub_area(world, committees, officer):
    content = csv_bytes(
        "Area,Area Name,2025-26-Q1,2025-26-Q2",
        "AC01,Anycity North,20,21",
        "AC02,Anycity South,30,",
    )
    preview = _preview(officer, content, indicator_code="NI 116")
    assert preview.plan.layout == "wide"
    _save(officer, preview)
    values = IndicatorValue.objects.filter(area__kind=Area.Kind.SUB_AREA).order_by(
        "area__code", "period__end_date"
    )
    assert [(v.area.code, v.period.code, v.value) for v in values] == [
        ("AC01", "2025-26-Q1", Decimal("20")),
        ("AC01", "2025-26-Q2", Decimal("21")),
        ("AC02", "2025-26-Q1", Decimal("30")),
    ]
    assert not values.filter(is_approved=True).exists()


def test_an_approved_sub_area_value_is_never_overwritten(world, committees, officer):
    kept = f.IndicatorValueFactory(
        indicator=world["ni116"], area=committees["north"], period=f.period("2025-26-Q1"),
        value=Decimal("40"), is_approved=True,
    )  # fmt: skip
    content = csv_bytes("Indicator,Area,Period,Value", "NI 116,AC01,2025-26-Q1,45")
    preview = _preview(officer, content)
    assert [(v.old, v.value) for v in preview.plan.conflicts] == [(Decimal("40"), Decimal("45"))]
    _save(officer, preview)
    kept.refresh_from_db()
    assert (kept.value, kept.is_approved) == (Decimal("40"), True)


def test_a_draft_sub_area_value_is_changed_and_stays_unapproved(world, committees, officer):
    f.IndicatorValueFactory(
        indicator=world["ni116"], area=committees["south"], period=f.period("2025-26-Q1"),
        value=Decimal("40"), is_approved=False,
    )  # fmt: skip
    content = csv_bytes("Indicator,Area,Period,Value", "NI 116,AC02,2025-26-Q1,45")
    _save(officer, _preview(officer, content))
    value = IndicatorValue.objects.get()
    assert (value.value, value.is_approved) == (Decimal("45"), False)


def test_an_unknown_sub_area_is_added_from_the_preview_then_saved(client, world, officer):
    client.force_login(officer)
    content = csv_bytes("Area,Area Name,2025-26-Q1", "AC09,Anycity East,20")
    client.post(
        reverse("value_import"),
        {"file": SimpleUploadedFile("wards.csv", content), "layout": "", "indicator": "NI 116"},
    )
    record = ValueImport.objects.get()
    page = client.get(reverse("value_import_detail", args=[record.pk])).content.decode()
    assert '<option value="sub_area">Sub-area of the partnership</option>' in page
    assert f'<option value="{world["home"].pk}">Anycity (partnership area)</option>' in page
    response = client.post(
        reverse("value_import_area", args=[record.pk]),
        {"code": "AC09", "name": "Anycity East", "kind": "sub_area", "parent": world["home"].pk},
    )
    assert response.status_code == 302
    area = Area.objects.get(code="AC09")
    assert (area.kind, area.parent, area.name) == (
        Area.Kind.SUB_AREA,
        world["home"],
        "Anycity East",
    )
    assert area.history.get().history_user == officer
    client.post(reverse("value_import_save", args=[record.pk]), {"sha256": record.sha256})
    value = IndicatorValue.objects.get()
    assert (value.area, value.is_approved) == (area, False)


def test_a_sub_area_without_a_parent_is_refused_with_what_was_typed_kept(client, world, officer):
    client.force_login(officer)
    content = csv_bytes("Area,2025-26-Q1", "AC09,20")
    client.post(
        reverse("value_import"),
        {"file": SimpleUploadedFile("wards.csv", content), "layout": "", "indicator": "NI 116"},
    )
    record = ValueImport.objects.get()
    response = client.post(
        reverse("value_import_area", args=[record.pk]),
        {"code": "AC09", "name": "Anycity East", "kind": "sub_area", "parent": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose what the sub-area is part of" in page
    assert not Area.objects.filter(code="AC09").exists()


@pytest.mark.parametrize(
    ("kind", "parent", "message"),
    [
        ("sub_area", None, "Choose what the sub-area is part of"),
        ("sub_area", "region", "A sub-area is part of the partnership area or of another"),
        ("comparator", "home", "A comparator area is part of a region or England"),
        ("region", "home", "A region is part of a region or England"),
        ("england", "region", "England is not part of another area"),
        ("partnership", None, "Choose comparator area, sub-area, region or England"),
    ],
)
def test_what_an_area_may_be_part_of(world, officer, kind, parent, message):
    with pytest.raises(ApplicationError, match=message):
        area_create(
            code="X1", name="X", kind=kind, parent=world[parent] if parent else None, actor=officer
        )
    assert not Area.objects.filter(code="X1").exists()


def test_a_ward_may_be_part_of_an_area_committee(world, committees, officer):
    ward = area_create(
        code="E05000001", name="Northgate", kind="sub_area", parent=committees["north"],
        actor=officer,
    )  # fmt: skip
    assert (ward.kind, ward.parent) == (Area.Kind.SUB_AREA, committees["north"])


# --- manage.py import_values --create-areas --sub-areas-of CODE -------------------------------


def _run(tmp_path, content, *args):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "committees.csv"
    path.write_bytes(content)
    out = StringIO()
    call_command("import_values", str(path), *args, stdout=out)
    return out.getvalue()


COMMITTEES = csv_bytes(
    "Area,Area Name,2025-26-Q1,2025-26-Q2",
    "AC01,Anycity North,20,21",
    "AC02,Anycity South,30,31",
)


def test_the_command_creates_unknown_areas_as_sub_areas_of_the_one_named(world, tmp_path):
    out = _run(tmp_path, COMMITTEES, "--indicator", "NI 116", "--create-areas",
               "--sub-areas-of", "e08000099")  # fmt: skip
    assert "Created 2 sub-area(s) of Anycity." in out
    made = Area.objects.filter(kind=Area.Kind.SUB_AREA).order_by("code")
    assert [(a.code, a.name, a.parent) for a in made] == [
        ("AC01", "Anycity North", world["home"]),
        ("AC02", "Anycity South", world["home"]),
    ]
    values = IndicatorValue.objects.filter(area__in=made)
    assert values.count() == 4
    assert not values.filter(is_approved=True).exists()


def test_the_command_dry_run_creates_no_sub_area(world, tmp_path):
    out = _run(tmp_path, COMMITTEES, "--indicator", "NI 116", "--create-areas",
               "--sub-areas-of", "E08000099", "--dry-run")  # fmt: skip
    assert "Would create the unknown areas as sub-area(s) of Anycity." in out
    assert not Area.objects.filter(kind=Area.Kind.SUB_AREA).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sub-areas-of", "E08000099"], "--sub-areas-of goes with --create-areas"),
        (["--create-areas", "--sub-areas-of", "X9"], "There is no area with the code X9"),
        (["--create-areas", "--sub-areas-of", "E06000001"], "A sub-area is part of the partner"),
    ],
)
def test_the_command_refuses_a_wrong_parent_and_saves_nothing(world, tmp_path, args, message):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match=message):
        _run(tmp_path, COMMITTEES, "--indicator", "NI 116", *args)
    assert not Area.objects.filter(code__in=["AC01", "AC02"]).exists()
    assert not IndicatorValue.objects.exists()
