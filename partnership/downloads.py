"""Every table's "Download this table (CSV)": one way to write a CSV file, safe to open.

A page offers its table as CSV at its own address with ``?format=csv`` (and
``&table=<name>`` when it shows more than one table), so the download reads the same
selector with the same filters and the same permission check as the page: what leaves
is what the person was shown. Text a spreadsheet would read as a formula is kept as text.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from partnership.charts import Chart

BOM = "\ufeff"  # so that Excel reads the file as UTF-8
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, a tab
    or a return first) gets a leading apostrophe, so that it stays text. Numbers are
    numbers (a negative number is not text), None is blank, True and False are Yes, No."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return f"'{value}"
    return value


def _disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    """A CSV file to download: the header, then each row with every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    response.write(BOM)
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(csv_cell(cell) for cell in row)
    return response


class _Echo:
    """A file that gives back what is written to it, for a streamed CSV."""

    def write(self, text: str) -> str:
        return text


def csv_lines(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The lines of a CSV file, one at a time, the first with the byte order mark."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header)
    for row in rows:
        yield writer.writerow([csv_cell(cell) for cell in row])


def csv_streaming_response(
    filename: str, header: Sequence[str], rows: Iterable[Iterable[Any]]
) -> StreamingHttpResponse:
    """A CSV file written as it is read, for a download too large to hold at once."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = _disposition(filename)
    return response


@dataclass(frozen=True)
class CsvTable:
    """One table of a page as a file: its name, its columns and a way to give its rows."""

    filename: str
    header: tuple[str, ...]
    rows: Callable[[], Iterable[Iterable[Any]]]


def wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("format") == "csv"


def table_download(request: HttpRequest, tables: dict[str, CsvTable]) -> HttpResponse:
    """The table the address names (``?table=``; the first one when it names none) as a
    CSV file; a name the page does not have is a page that does not exist."""
    name = request.GET.get("table") or next(iter(tables), "")
    table = tables.get(name)
    if table is None:
        raise Http404("This page has no such table.")
    return csv_response(table.filename, table.header, table.rows())


def chart_table(chart: Chart | None) -> dict[str, CsvTable]:
    """A chart's data table (the one shown under it), named by the chart's id."""
    if chart is None:
        return {}
    table = chart.table
    return {chart.id: CsvTable(f"{chart.id}.csv", table.columns, lambda: table.rows)}
