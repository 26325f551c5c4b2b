"""Checking each row of an uploaded Return sheet by the rules of the return form
(``indicators.validation``): a value entry for each right row, or the problems of its
cells, each named by its cell.

As with the form's "Save draft", a value left blank is no problem: the draft is saved
without it, and the return page lists the indicators still without a value or a reason
(a reason is needed only to submit). A date expected with no reason is a problem, as
on the form."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from indicators.enums import Unit, ValueStatus
from indicators.validation import CheckedValue, ValueProblem, validate_entry
from reporting.returns.services.drafts import ValueEntry
from reporting.returns.workbook.layout import RETURN_SHEET, STATUSES, Column, letters
from reporting.returns.workbook.raw import RawCell, RawWorkbook, SheetProblem, cell_text


@dataclass(frozen=True)
class SheetIndicator:
    """What checking a row needs to know of an indicator the return collects."""

    indicator_id: int
    code: str
    title: str
    unit: str
    decimal_places: int
    rate_per: int | None


@dataclass(frozen=True)
class SheetEntry:
    row: int
    code: str
    entry: ValueEntry


def code_key(code: Any) -> str:
    """An indicator code as compared: ``ni 116``, `` NI  116 `` and ``NI 116`` are one."""
    return " ".join(cell_text(code).split()).casefold()


def _expected_date(value: Any) -> date | None:
    """A date from a cell; raises ValueError for anything that is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


@dataclass
class _Reading:
    entries: list[SheetEntry] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)


def read_entries(
    raw: RawWorkbook,
    *,
    cols: Sequence[Column],
    indicators: Sequence[SheetIndicator],
    elsewhere: Mapping[str, str],
) -> tuple[list[SheetEntry], list[SheetProblem]]:
    """Each row of the Return sheet checked: its entry, or the problems of its cells.

    ``indicators`` are those the return collects; ``elsewhere`` says, by code key, why
    another code is not collected here. Every row is checked, and every indicator the
    return collects must have its row.
    """
    at = letters(cols)
    place = {c.key: n for n, c in enumerate(cols)}
    collected = {code_key(i.code): i for i in indicators}
    seen: dict[str, int] = {}
    reading = _Reading()

    def problem(key: str, row: int, message: str, code: str = "") -> None:
        reading.problems.append(SheetProblem(f"{RETURN_SHEET}!{at[key]}{row}", message, code))

    for row, cells in raw.rows:
        raw_code = cells[place["code"]].value
        key = code_key(raw_code)
        if not key:
            problem("code", row, "Enter the indicator's code, or clear this row")
            continue
        indicator = collected.get(key)
        if indicator is None:
            problem(
                "code",
                row,
                elsewhere.get(key, f"There is no indicator with the code '{cell_text(raw_code)}'"),
            )
            continue
        if key in seen:
            problem(
                "code",
                row,
                f"{indicator.code} is in the sheet twice (also in row {seen[key]}): keep one row",
            )
            continue
        seen[key] = row
        _read_row(reading, row, cells, place, indicator, problem)

    for key, indicator in collected.items():
        if key not in seen:
            reading.problems.append(
                SheetProblem(
                    RETURN_SHEET,
                    f"There is no row for {indicator.code} {indicator.title}: download the "
                    "spreadsheet again, or add its row back with its code",
                )
            )
    return reading.entries, reading.problems


def _read_row(
    reading: _Reading,
    row: int,
    cells: tuple[RawCell, ...],
    place: Mapping[str, int],
    indicator: SheetIndicator,
    problem: Any,
) -> None:
    """One row's cells checked: its entry added to ``reading``, or each of its problems."""
    code = indicator.code

    def cell(key: str) -> RawCell:
        return cells[place[key]]

    problems_before = len(reading.problems)
    checked = _checked_value(row, cell, place, indicator, problem)

    status = cell_text(cell("status").value).lower()
    has_value = checked is not None and checked.value is not None
    if (status and status not in STATUSES) or (has_value and not status):
        problem("status", row, "Choose provisional, final or estimated", code)

    reason = cell_text(cell("reason").value)
    expected_on = None
    try:
        expected_on = _expected_date(cell("expected_on").value)
    except ValueError:
        problem("expected_on", row, "Enter the expected date as a date, like 31/01/2026", code)
    if checked is not None and checked.value is None and expected_on and not reason:
        problem(
            "reason",
            row,
            "Say why the value is not available in 'Reason if not available', or clear "
            "the date expected",
            code,
        )
    if checked is None or len(reading.problems) > problems_before:
        return
    note = cell_text(cell("note").value)
    reading.entries.append(
        SheetEntry(
            row=row,
            code=code,
            entry=ValueEntry(
                indicator_id=indicator.indicator_id,
                value=checked.value,
                numerator=checked.numerator,
                denominator=checked.denominator,
                status=status or ValueStatus.PROVISIONAL.value,
                note=note,
                not_available_reason=reason if checked.value is None else "",
                expected_on=expected_on if checked.value is None else None,
                # A filled-in note is the lead's confirmation of a value flagged by the data
                # quality checks (the form has a tick box; a spreadsheet has the note).
                confirmed=bool(note.strip()),
            ),
        )
    )


def _checked_value(
    row: int,
    cell: Callable[[str], RawCell],
    place: Mapping[str, int],
    indicator: SheetIndicator,
    problem: Any,
) -> CheckedValue | None:
    """The row's value, numerator and denominator checked against the indicator's unit,
    or None when they cannot be read (the problem is added)."""
    value_text = _value_text(cell("value"), indicator)
    try:
        return validate_entry(
            value=value_text,
            numerator=cell_text(cell("numerator").value),
            denominator=cell_text(cell("denominator").value),
            unit=Unit(indicator.unit),
            decimal_places=indicator.decimal_places,
            rate_per=indicator.rate_per,
        )
    except ValueProblem as refusal:
        field_key = refusal.field if refusal.field in place else "value"
        problem(field_key, row, refusal.message, indicator.code)
    except (ValueError, ArithmeticError):
        problem("value", row, "Enter a number, like 42.5", indicator.code)
    return None


def _value_text(value_cell: RawCell, indicator: SheetIndicator) -> str:
    """The value cell as typed; "45%" typed into Excel is stored as 0.45 in a percent
    format, and means 45."""
    if (
        indicator.unit == Unit.PERCENTAGE
        and "%" in (value_cell.number_format or "")
        and isinstance(value_cell.value, int | float | Decimal)
        and not isinstance(value_cell.value, bool)
    ):
        return cell_text(Decimal(cell_text(value_cell.value)) * 100)
    return cell_text(value_cell.value)
