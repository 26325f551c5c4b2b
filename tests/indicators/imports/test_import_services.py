"""The value import service: preview, then save all or nothing, with its record."""

from decimal import Decimal

import pytest

from indicators.imports.read import ImportRefused
from indicators.imports.services import import_preview, import_save
from indicators.models import IndicatorValue, ValueImport
from tests import factories as f
from tests.indicators.imports.conftest import csv_bytes

LONG = (
    "Indicator,Area,Period,Value,Source",
    "NI 116,E06000001,2025-26-Q1,20.5,ONS",
    "NI 116,hartlepool,Q2 2025-26,21.5,ONS",
    "NI 116,E06000002,2025/26 Q1,30,ONS",
    "NI 116,E12000001,Jul-Sep 2025,25,ONS",
    "L 01,E06000001,2025,1200,ONS",
    "L 01,E06000001,2024/25,1100,ONS",
)


def _preview(officer, content, name="values.csv", **kwargs):
    return import_preview(content=content, file_name=name, actor=officer, **kwargs)


def _save(officer, preview):
    return import_save(record=preview.record, sha256=preview.record.sha256, actor=officer)


def test_long_layout_adds_each_value_approved_with_its_source(world, officer):
    preview = _preview(officer, csv_bytes(*LONG))
    plan = preview.plan
    assert preview.refusal is None
    assert plan.layout == "long"
    assert (len(plan.added), len(plan.changed), len(plan.unchanged)) == (6, 0, 0)
    assert plan.problems == []
    assert dict(plan.mapped) == {
        "calendar year 2025 read as the financial year 2025-26, which holds April to "
        "December 2025": 1
    }
    _save(officer, preview)
    values = IndicatorValue.objects.filter(area=world["nearby"], indicator=world["ni116"])
    assert sorted(v.period.code for v in values) == ["2025-26-Q1", "2025-26-Q2"]
    assert all(v.is_approved and v.source == "ONS" for v in values)
    assert IndicatorValue.objects.count() == 6
    record = ValueImport.objects.get()
    assert (record.status, record.added, record.changed, record.unchanged) == ("saved", 6, 0, 0)
    assert record.created_by == officer
    history = IndicatorValue.history.filter(history_change_reason=record.change_reason)
    assert history.count() == 6
    assert {h.history_user for h in history} == {officer}
    assert record.change_reason == f"Import #{record.pk}: values.csv"


def test_reimporting_the_same_file_changes_nothing(world, officer):
    _save(officer, _preview(officer, csv_bytes(*LONG)))
    again = _preview(officer, csv_bytes(*LONG))
    assert (len(again.plan.added), len(again.plan.changed), len(again.plan.unchanged)) == (0, 0, 6)
    before = IndicatorValue.history.count()
    _save(officer, again)
    assert IndicatorValue.history.count() == before


def test_a_changed_value_shows_old_and_new(world, officer):
    f.IndicatorValueFactory(
        indicator=world["ni116"], area=world["nearby"], period=f.period("2025-26-Q1"),
        value=Decimal("19"), source="ONS",
    )  # fmt: skip
    plan = _preview(officer, csv_bytes(*LONG)).plan
    assert [(v.row, v.old, v.value) for v in plan.changed] == [(2, Decimal("19"), Decimal("20.5"))]
    assert len(plan.added) == 5


def test_one_bad_row_saves_nothing_and_every_bad_row_is_listed(world, officer):
    content = csv_bytes(
        *LONG,
        "NI 116,E06000001,2023-24-Q1,n/a,ONS",
        "NI 116,E06000001,06/07,20,ONS",
        "NI 999,E06000001,2023-24-Q1,20,ONS",
        "NI 116,E06000001,2023-24-Q2,120,ONS",
    )
    preview = _preview(officer, content)
    assert [str(p) for p in preview.plan.problems] == [
        'row 8, column "Value": "n/a": enter a number, like 42.5',
        "row 9, column \"Period\": '06/07' could be read more than one way (a financial year, "
        "or a month): write it as 2025-26 for a financial year or 2025-26-Q2 for a quarter",
        'row 10, column "Indicator": "NI 999" is not an indicator we know',
        'row 11, column "Value": "120": a percentage is from 0 to 100',
    ]
    with pytest.raises(ImportRefused, match="Nothing was saved"):
        _save(officer, preview)
    assert IndicatorValue.objects.count() == 0
    assert ValueImport.objects.get().refused == 4


def test_duplicate_rows_are_refused(world, officer):
    content = csv_bytes(*LONG, "NI 116,Hartlepool,2025-26-Q1,20.5,ONS")
    problems = _preview(officer, content).plan.problems
    assert [str(p) for p in problems] == [
        "row 8: a second value for NI 116, Hartlepool, 2025-26-Q1 (the first is on row 2): keep one"
    ]


def test_an_approved_return_value_of_the_partnership_is_never_overwritten(world, officer):
    kept = f.IndicatorValueFactory(
        indicator=world["ni116"], area=world["home"], period=f.period("2025-26-Q1"),
        value=Decimal("40"), is_approved=True,
    )  # fmt: skip
    content = csv_bytes("Indicator,Area,Period,Value", "NI 116,E08000099,2025-26-Q1,45")
    preview = _preview(officer, content)
    assert [(v.old, v.value) for v in preview.plan.conflicts] == [(Decimal("40"), Decimal("45"))]
    assert preview.plan.changed == []
    _save(officer, preview)
    kept.refresh_from_db()
    assert kept.value == Decimal("40")
    assert preview.record.conflicts == 1


def test_a_draft_value_of_the_partnership_is_changed_and_stays_unapproved(world, officer):
    f.IndicatorValueFactory(
        indicator=world["ni116"], area=world["home"], period=f.period("2025-26-Q1"),
        value=Decimal("40"), is_approved=False,
    )  # fmt: skip
    content = csv_bytes("Indicator,Area,Period,Value", "NI 116,Anycity,2025-26-Q1,45")
    _save(officer, _preview(officer, content))
    value = IndicatorValue.objects.get()
    assert (value.value, value.is_approved) == (Decimal("45"), False)


def test_wide_layout_with_the_indicator_chosen(world, officer):
    content = csv_bytes(
        "Area,2024-25-Q4,Q1 2025-26,Jul-Sep 2025",
        "Hartlepool,20,21,",
        "E06000002,30,31,32",
    )
    preview = _preview(officer, content, layout="", indicator_code="ni 116")
    assert preview.plan.layout == "wide"
    assert len(preview.plan.added) == 5
    _save(officer, preview)
    assert IndicatorValue.objects.filter(indicator=world["ni116"]).count() == 5


def test_wide_layout_without_an_indicator_is_refused(world, officer):
    preview = _preview(officer, csv_bytes("Area,2025-26-Q1", "Hartlepool,20"))
    assert "Choose the indicator" in preview.refusal.message
    assert preview.record.status == "refused"


def test_fingertips_download_maps_by_its_indicator_id(world, officer):
    content = csv_bytes(
        "Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,"
        "Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator",
        "90630,Things,E06000001,Hartlepool,UA,Persons,All ages,,,2023/24,1234,1200,1260,1234,",
        "90630,Things,E06000001,Hartlepool,UA,Persons,All ages,Deprivation,Most,2023/24,9,,,,",
        "90630,Things,E12000001,North East,Region,Persons,All ages,,,2023,999,,,,",
        "12345,Other,E06000001,Hartlepool,UA,Persons,All ages,,,2023/24,5,,,,",
    )
    plan = _preview(officer, content).plan
    assert plan.layout == "fingertips"
    assert len(plan.added) == 2
    assert {v.source for v in plan.added} == {"OHID Fingertips"}
    assert [str(p) for p in plan.problems] == [
        'row 5, column "Indicator ID": Fingertips indicator 12345 is not linked to any of our '
        "indicators: give the indicator its Fingertips id first"
    ]


@pytest.mark.parametrize(
    ("text", "code", "mapped"),
    [
        ("2025-26-Q2", "2025-26-Q2", False),
        ("Q2 2025-26", "2025-26-Q2", False),
        ("2025/26 Q2", "2025-26-Q2", False),
        ("2025/26", "2025-26", False),
        ("2025", "2025-26", True),
        ("Q2 2006", "2006-07-Q1", True),
        ("Jul-Sep 2025", "2025-26-Q2", False),
    ],
)
def test_each_period_form_is_imported(world, officer, text, code, mapped):
    content = csv_bytes("Indicator,Area,Period,Value", f"NI 116,E06000001,{text},20")
    plan = _preview(officer, content).plan
    assert [v.period_code for v in plan.added] == [code]
    assert bool(plan.mapped) is mapped


def test_a_month_is_read_for_a_monthly_indicator_only(world, officer):
    content = csv_bytes(
        "Indicator,Area,Period,Value", "L 02,E06000001,Sep 2025,20", "NI 116,E06000001,Sep 2025,20"
    )
    plan = _preview(officer, content).plan
    assert [v.period_code for v in plan.added] == ["2025-26-Q2"]
    assert [p.row for p in plan.problems] == [3]


def test_unknown_areas_are_listed_not_saved(world, officer):
    content = csv_bytes(
        "Indicator,Area Code,Area Name,Period,Value",
        "NI 116,E06000003,Redcar and Cleveland,2025-26-Q1,20",
        "NI 116,E06000003,Redcar and Cleveland,2025-26-Q2,21",
    )
    preview = _preview(officer, content)
    unknown = preview.plan.unknown_areas["e06000003"]
    assert (unknown.code, unknown.name, unknown.rows, unknown.creatable) == (
        "E06000003", "Redcar and Cleveland", [2, 3], True
    )  # fmt: skip
    assert not preview.plan.can_save
    with pytest.raises(ImportRefused):
        _save(officer, preview)


def test_someone_outside_the_performance_team_cannot_import(world, lead_role, lead):
    from partnership.errors import ApplicationError

    with pytest.raises(ApplicationError, match="Only the performance team"):
        _preview(lead, csv_bytes(*LONG))
    assert ValueImport.objects.count() == 0


def test_the_checksum_must_match_the_previewed_file(world, officer):
    preview = _preview(officer, csv_bytes(*LONG))
    from partnership.errors import ApplicationError

    with pytest.raises(ApplicationError, match="not the file kept"):
        import_save(record=preview.record, sha256="0" * 64, actor=officer)
    assert IndicatorValue.objects.count() == 0
