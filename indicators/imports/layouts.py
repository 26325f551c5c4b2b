"""The three layouts of a file of values, found from its header, read into plain rows.

- **long**: one row per value: indicator code, area, period, value, and optionally
  numerator, denominator, status, note and source.
- **wide**: one row per area and one column per period, as a "Where are we now?" table;
  the indicator is chosen on the page (or ``--indicator``), or named in an "Indicator"
  column.
- **fingertips**: the CSV that OHID Fingertips downloads ("Indicator ID", "Area Code",
  "Time period", "Value", ...). Rows of a breakdown (a "Category Type", such as
  deprivation deciles) are left out; "Count" and "Denominator" are not kept as the
  value's parts, since many Fingertips values are standardised rates, not their quotient.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.import_periods import PeriodError, read_period
from indicators.imports.read import ImportRefused, Problem, Table

LONG, WIDE, FINGERTIPS = "long", "wide", "fingertips"
LAYOUTS = (LONG, WIDE, FINGERTIPS)
FINGERTIPS_SOURCE = "OHID Fingertips"


def _key(header: str) -> str:
    return " ".join(header.replace("_", " ").split()).casefold()


# Our name for each column of the long layout, and the headers that mean it.
LONG_COLUMNS = {
    "indicator": ("indicator", "indicator code", "code"),
    "area": ("area code", "gss code", "area", "area name"),
    "area_name": ("area name",),
    "period": ("period", "time period"),
    "value": ("value",),
    "numerator": ("numerator",),
    "denominator": ("denominator",),
    "status": ("status",),
    "note": ("note", "notes"),
    "source": ("source",),
}
FINGERTIPS_COLUMNS = {
    "indicator": ("indicator id",),
    "area": ("area code",),
    "area_name": ("area name",),
    "period": ("time period",),
    "value": ("value",),
    "note": ("value note",),
    "category": ("category type",),
}
_AREA_HEADERS = LONG_COLUMNS["area"]
_SHOWN = {"indicator": "Indicator", "area": "Area", "period": "Period", "value": "Value"}


@dataclass(frozen=True)
class SourceRow:
    """One value as the file gives it, all text, with where it came from."""

    row: int
    indicator: str
    area: str
    period: str
    value: str
    numerator: str = ""
    denominator: str = ""
    status: str = ""
    note: str = ""
    source: str = ""
    area_name: str = ""  # the area's name, when the file gives it beside its code
    # The column each field was read from, for problems ("row 14, column "Value"").
    columns: tuple[tuple[str, str], ...] = ()

    def column(self, field: str) -> str:
        return dict(self.columns).get(field, field.capitalize())


def _find(headers: tuple[str, ...], names: dict[str, tuple[str, ...]]) -> dict[str, int]:
    keys = [_key(h) for h in headers]
    found: dict[str, int] = {}
    for field, spellings in names.items():
        for spelling in spellings:  # in order of preference: a code before a name
            if spelling in keys:
                found[field] = keys.index(spelling)
                break
    return found


def _is_period(header: str) -> bool:
    try:
        read_period(header, monthly=True)
    except PeriodError:
        return False
    return True


def detect_layout(headers: tuple[str, ...]) -> str:
    """The layout a header belongs to; ImportRefused when it is none of them."""
    fingertips = _find(headers, FINGERTIPS_COLUMNS)
    if {"indicator", "area", "period", "value"} <= fingertips.keys():
        return FINGERTIPS
    long = _find(headers, LONG_COLUMNS)
    if {"indicator", "area", "period", "value"} <= long.keys():
        return LONG
    if headers and _key(headers[0]) in _AREA_HEADERS and any(_is_period(h) for h in headers[1:]):
        return WIDE
    raise ImportRefused(_unrecognised(headers))


def _unrecognised(headers: tuple[str, ...]) -> str:
    shown = ", ".join(f'"{h}"' for h in headers[:8] if h) or "nothing"
    return (
        f"The columns of the selected file are not recognised (the first row has {shown}). "
        'Use the long layout ("Indicator", "Area", "Period", "Value"), the wide layout '
        '("Area" then one column per period, like "2025-26-Q1") or a Fingertips download'
    )


def _cell(cells: tuple[str, ...], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def rows_of(table: Table, *, layout: str, indicator_code: str = "") -> list[SourceRow]:
    """The values of ``table`` read in ``layout``; ImportRefused if the header does not fit."""
    if layout == FINGERTIPS:
        return _fingertips_rows(table)
    if layout == LONG:
        return _long_rows(table)
    return _wide_rows(table, indicator_code=indicator_code)


def _required(table: Table, names: dict[str, tuple[str, ...]], layout: str) -> dict[str, int]:
    found = _find(table.headers, names)
    missing = [f for f in ("indicator", "area", "period", "value") if f not in found]
    if missing:
        raise ImportRefused(
            f"The selected file is not in the {layout} layout: it has no "
            + " or ".join(f'"{_SHOWN[f]}"' for f in missing)
            + " column"
        )
    return found


def _long_rows(table: Table) -> list[SourceRow]:
    found = _required(table, LONG_COLUMNS, "long")
    columns = tuple((field, table.headers[index]) for field, index in found.items())
    return [
        SourceRow(
            row=number,
            columns=columns,
            **{field: _cell(cells, found.get(field)) for field in LONG_COLUMNS},
        )
        for number, cells in table.rows
    ]


def _fingertips_rows(table: Table) -> list[SourceRow]:
    found = _required(table, FINGERTIPS_COLUMNS, "Fingertips")
    columns = tuple((field, table.headers[index]) for field, index in found.items())
    return [
        SourceRow(
            row=number,
            columns=columns,
            source=FINGERTIPS_SOURCE,
            **{
                field: _cell(cells, found.get(field))
                for field in ("indicator", "area", "area_name", "period", "value", "note")
            },
        )
        for number, cells in table.rows
        if not _cell(cells, found.get("category"))
    ]


def _wide_rows(table: Table, *, indicator_code: str) -> list[SourceRow]:
    headers = table.headers
    if not headers or _key(headers[0]) not in _AREA_HEADERS:
        raise ImportRefused(
            'The selected file is not in the wide layout: its first column should be "Area"'
        )
    named = _find(headers, {"indicator": ("indicator", "indicator code")}).get("indicator")
    if named is None and not indicator_code:
        raise ImportRefused(
            'Choose the indicator these values are for, or add an "Indicator" column'
        )
    # A name beside the code ("Area Code", "Area Name"), for areas to be created.
    name_at = _find(headers[1:], {"area_name": ("area name",)}).get("area_name")
    name_at = None if name_at is None else name_at + 1
    periods = [
        (index, header)
        for index, header in enumerate(headers)
        if index not in (0, named, name_at) and header
    ]
    bad = [
        Problem(1, h, "is not a period: write it like 2025-26-Q2 or 2025-26")
        for _, h in periods
        if not _is_period(h)
    ]
    if bad:
        raise ImportRefused("Nothing was saved: some column headers are not periods", tuple(bad))
    out = []
    for number, cells in table.rows:
        code = _cell(cells, named) or indicator_code
        for index, header in periods:
            text = _cell(cells, index)
            if not text:
                continue  # a blank cell is a value not given, as on a report's table
            out.append(
                SourceRow(
                    row=number,
                    indicator=code,
                    area=_cell(cells, 0),
                    area_name=_cell(cells, name_at),
                    period=header,
                    value=text,
                    columns=(
                        ("area", headers[0]),
                        ("period", header),
                        ("value", header),
                        ("indicator", headers[named] if named is not None else "Indicator"),
                    ),
                )
            )
    return out
