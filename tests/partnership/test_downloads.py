"""The one way every table is written as CSV: safe cells, the file's headers, the link."""

import csv
import io
from decimal import Decimal

import pytest
from django.http import Http404
from django.template import Context, Template
from django.test import RequestFactory

from partnership.downloads import (
    CsvTable,
    csv_cell,
    csv_response,
    csv_streaming_response,
    table_download,
    wants_csv,
)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 1234", "'+44 1234"),
        ("-1+2", "'-1+2"),
        ("@cmd", "'@cmd"),
        ("\tlead", "'\tlead"),
        ("\rlead", "'\rlead"),
        ("Child poverty", "Child poverty"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (True, "Yes"),
        (False, "No"),
        (-3, -3),
        (Decimal("-1.5"), Decimal("-1.5")),
    ],
)
def test_a_cell_never_reads_as_a_formula(value, written):
    assert csv_cell(value) == written


def rows_of(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def test_a_response_is_a_download_with_its_header_and_safe_rows():
    response = csv_response("x.csv", ("Name", "Score"), [("=cmd", 3), ("Ann £", None)])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert rows_of(response.content.decode()) == [["Name", "Score"], ["'=cmd", "3"], ["Ann £", ""]]


def test_a_streamed_response_gives_the_same_file():
    response = csv_streaming_response("x.csv", ("Name", "Score"), iter([("=cmd", 3), ("Ann", 4)]))

    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    text = b"".join(response.streaming_content).decode()
    assert rows_of(text) == [["Name", "Score"], ["'=cmd", "3"], ["Ann", "4"]]


TABLES = {
    "first": CsvTable("first.csv", ("A",), lambda: [("1",)]),
    "second": CsvTable("second.csv", ("B",), lambda: [("2",)]),
}


def test_the_address_names_the_table_or_gets_the_first():
    factory = RequestFactory()

    assert wants_csv(factory.get("/x/?format=csv"))
    assert not wants_csv(factory.get("/x/?format=json"))
    first = table_download(factory.get("/x/?format=csv"), TABLES)
    second = table_download(factory.get("/x/?format=csv&table=second"), TABLES)
    assert first["Content-Disposition"] == 'attachment; filename="first.csv"'
    assert rows_of(second.content.decode()) == [["B"], ["2"]]


def test_a_table_the_page_does_not_have_is_not_found():
    with pytest.raises(Http404):
        table_download(RequestFactory().get("/x/?format=csv&table=nope"), TABLES)


def test_the_link_keeps_the_filters_and_drops_the_page_number():
    request = RequestFactory().get("/returns/?state=draft&page=3&format=csv")
    template = Template(
        '{% load downloads %}{% download_csv %}{% download_csv "risks" "these risks" %}'
    )

    html = template.render(Context({"request": request}))

    assert 'href="/returns/?state=draft&amp;format=csv" download>Download this table (CSV)' in html
    assert 'href="/returns/?state=draft&amp;format=csv&amp;table=risks"' in html
    assert "Download these risks (CSV)" in html
