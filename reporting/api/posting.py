"""Values posted to ``/api/values/`` by the performance team, read into the long layout.

A JSON list of values (or ``{"values": [...]}``), each an object with ``indicator``,
``area``, ``period`` and ``value`` and optionally ``numerator``, ``denominator``,
``status``, ``note`` and ``source``, is written as the CSV file a person would upload,
its header the same names, so that every check and every message is the import's own;
row 1 of a problem is the first value posted. A CSV body is that file already.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from indicators.imports.read import cell_text

FIELDS = (
    "indicator", "area", "period", "value", "numerator", "denominator", "status", "note",
    "source",
)  # fmt: skip
REQUIRED = ("indicator", "area", "period", "value")


class NotValues(ValueError):
    """The body is not a list of values: why, in the words of the API's documentation."""


def _item_cells(number: int, item: Any) -> list[str]:
    if not isinstance(item, dict):
        raise NotValues(f"Value {number} is not an object with indicator, area, period, value")
    unknown = sorted(set(item) - set(FIELDS))
    if unknown:
        raise NotValues(
            f'Value {number} has "{unknown[0]}", which is not a field: use ' + ", ".join(FIELDS)
        )
    missing = [name for name in REQUIRED if name not in item]
    if missing:
        raise NotValues(f'Value {number} has no "{missing[0]}"')
    cells = []
    for name in FIELDS:
        cell = item.get(name)
        if isinstance(cell, dict | list):
            raise NotValues(f'Value {number}\'s "{name}" is not a number or text')
        cells.append(cell_text(cell))
    return cells


def values_file(data: Any) -> bytes:
    """The long-layout CSV of the values posted as JSON; NotValues when they are not."""
    items = data.get("values") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise NotValues('Send a list of values, or an object with a "values" list')
    if not items:
        raise NotValues("Send at least one value")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for number, item in enumerate(items, start=1):
        writer.writerow(_item_cells(number, item))
    return out.getvalue().encode("utf-8")


def item_problems(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The import's problems of a JSON post, row 1 the first value (the file's row 2)."""
    shown = []
    for problem in problems:
        row = max(problem["row"] - 1, 0)
        text = problem["text"]
        if problem["row"]:
            text = text.replace(f"row {problem['row']}", f"row {row}", 1)
        shown.append({**problem, "row": row, "text": text})
    return shown
