"""Bad and awkward files: each refused with a clear message, nothing saved."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from indicators.imports.services import import_preview, import_save
from indicators.models import IndicatorValue, ValueImport
from tests.indicators.imports.conftest import csv_bytes


def _preview(officer, content, name="values.csv", **kwargs):
    return import_preview(content=content, file_name=name, actor=officer, **kwargs)


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_utf8_with_a_bom_and_windows_1252_with_a_pound_sign_are_read(world, officer, encoding):
    content = csv_bytes(
        "Indicator,Area,Period,Value,Note",
        "NI 116,E06000001,2025-26-Q1,20,cost £12 a head",
        encoding=encoding,
    )
    preview = _preview(officer, content)
    assert [v.note for v in preview.plan.added] == ["cost £12 a head"]


def test_an_xlsx_in_the_long_layout_is_read(world, officer):
    content = _xlsx(
        [["Indicator", "Area", "Period", "Value"], ["NI 116", "E06000001", "2025-26-Q1", 20.5],
         ["NI 116", "E06000002", "2025-26-Q1", 30]]
    )  # fmt: skip
    preview = _preview(officer, content, name="values.xlsx")
    assert [str(v.value) for v in preview.plan.added] == ["20.500000", "30.000000"]
    import_save(record=preview.record, sha256=preview.record.sha256, actor=officer)
    assert IndicatorValue.objects.count() == 2


def test_a_formula_is_refused_as_a_bad_cell_never_worked_out(world, officer):
    content = _xlsx(
        [["Indicator", "Area", "Period", "Value"], ["NI 116", "E06000001", "2025-26-Q1", "=10+10"]]
    )
    preview = _preview(officer, content, name="values.xlsx")
    assert preview.refusal.message.startswith("Nothing was saved: the selected file has formulas")
    assert [str(p) for p in preview.refusal.problems] == [
        'row 2, column "Value": is a formula: paste the values instead (Paste Special, Values)'
    ]
    assert IndicatorValue.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "values.csv", "The selected file is empty"),
        (b"   \r\n", "values.csv", "The selected file is empty"),
        (b"%PDF-1.4 stuff", "values.pdf", "must be a CSV or an .xlsx spreadsheet"),
        (b"PK\x03\x04broken", "values.xlsx", "is not an .xlsx spreadsheet that can be read"),
        (b"PK\x03\x04broken", "values.docx", "must be a CSV or an .xlsx spreadsheet"),
        (b"Name,Colour\r\nAnn,red\r\n", "values.csv", "are not recognised"),
        (b"Indicator,Area,Period,Value\r\n", "values.csv", "has no values in it"),
        (b"\r\nNI 116,E06000001,2025-26-Q1,20\r\n", "values.csv", "The first row"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(world, officer, content, name, message):
    preview = _preview(officer, content, name=name)
    assert message in preview.refusal.message
    assert preview.record.status == ValueImport.Status.REFUSED
    assert IndicatorValue.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(world, officer, settings):
    settings.VALUE_IMPORT_MAX_BYTES = 1024
    content = b"Indicator,Area,Period,Value\r\n" + b"x" * 2000
    preview = _preview(officer, content)
    assert "larger than" in preview.refusal.message
    assert preview.record.content == b""  # never kept


def test_a_file_over_the_row_limit_is_refused(world, officer, settings):
    settings.VALUE_IMPORT_MAX_ROWS = 5
    rows = [f"NI 116,E06000001,2025-26-Q{q},20" for q in (1, 2, 3, 4)] * 2
    preview = _preview(officer, csv_bytes("Indicator,Area,Period,Value", *rows))
    assert "more than 5 rows" in preview.refusal.message


def test_a_zip_bomb_is_refused_by_its_unpacked_size(world, officer, settings):
    settings.VALUE_IMPORT_MAX_BYTES = 100_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * 5_000_000)
    preview = _preview(officer, out.getvalue(), name="values.xlsx")
    assert "larger than" in preview.refusal.message


def test_a_wide_header_that_is_not_a_period_names_its_column(world, officer):
    content = csv_bytes("Area,2025-26-Q1,Next year", "Hartlepool,20,21")
    preview = _preview(officer, content, indicator_code="NI 116")
    assert [str(p) for p in preview.refusal.problems] == [
        'row 1, column "Next year": is not a period: write it like 2025-26-Q2 or 2025-26'
    ]


def test_a_file_of_200000_rows_is_refused_by_the_default_row_limit(world, officer):
    line = b"NI 116,E06000001,2025-26-Q1,20\r\n"
    content = b"Indicator,Area,Period,Value\r\n" + line * 200_000
    preview = _preview(officer, content)
    assert preview.refusal.message == (
        "The selected file is larger than 20 MB or has more than 150,000 rows: split it into "
        "smaller files and import each"
    )
    assert IndicatorValue.objects.count() == 0


def test_a_wide_table_may_name_each_rows_indicator(world, officer):
    content = csv_bytes(
        "Area,Indicator,Q2 2006,2006/07", "Hartlepool,NI 116,20,", "Hartlepool,L 01,,1200"
    )
    plan = _preview(officer, content).plan
    assert sorted((v.indicator.code, v.period_code) for v in plan.added) == [
        ("L 01", "2006-07"), ("NI 116", "2006-07-Q1")
    ]  # fmt: skip
    assert list(plan.mapped) == ["calendar quarter Q2 2006 (April to June 2006) read as Q1 2006-07"]
