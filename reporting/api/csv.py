"""The values endpoint as CSV (``/api/values/?format=csv``): the same fields as its JSON,
one row per value, every value the filters and the person's roles give (no pages),
streamed; and a CSV body posted to it read as the bytes of a file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from rest_framework import parsers, renderers

from partnership.downloads import BOM, csv_cell, csv_streaming_response

CHUNK_SIZE = 2000


def _text(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return csv_cell(value)


class CsvRenderer(renderers.BaseRenderer):
    """One value (or an error) as a header and a row; a list as a header and its rows."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code < 400:
            response["Content-Disposition"] = 'attachment; filename="value.csv"'
        rows = data if isinstance(data, list) else [data] if data else []
        out = io.StringIO()
        out.write(BOM)
        if rows:
            writer = csv.writer(out)
            writer.writerow(rows[0].keys())
            for row in rows:
                writer.writerow(_text(cell) for cell in row.values())
        return out.getvalue().encode("utf-8")


class CsvBodyParser(parsers.BaseParser):
    """A CSV body (``Content-Type: text/csv``), kept as the bytes of a file to import."""

    media_type = "text/csv"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> bytes:
        return stream.read() if stream is not None else b""


def _rows(values: QuerySet, serializer_class: Any, fields: list[str]) -> Iterator[list[Any]]:
    serializer = serializer_class()
    for value in values.iterator(chunk_size=CHUNK_SIZE):
        shown = serializer.to_representation(value)
        yield [shown[name] for name in fields]


def values_csv(values: QuerySet, serializer_class: Any) -> StreamingHttpResponse:
    """Every value of ``values`` as a CSV file, written as it is read."""
    fields = list(serializer_class.Meta.fields)
    return csv_streaming_response("values.csv", fields, _rows(values, serializer_class, fields))
