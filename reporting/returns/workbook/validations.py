"""The data validation of the Return sheet's input cells: a rule per unit for the value,
and one each for the numerator and denominator, the status and the expected date.

Excel checks them as the cells are typed in; the upload is checked again all the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from openpyxl.worksheet.datavalidation import DataValidation

from indicators.enums import Unit
from reporting.returns.workbook.layout import STATUSES

if TYPE_CHECKING:
    from reporting.returns.selectors.workbook import WorkbookRow

# Excel's serial numbers for 1 January 2000 and 31 December 2099: any sensible date.
_FIRST_DATE, _LAST_DATE = "36526", "73050"


def _places(decimal_places: int) -> str:
    return "a whole number" if decimal_places == 0 else f"up to {decimal_places} decimal places"


def value_rule(row: WorkbookRow) -> dict[str, Any]:
    """The data validation of a row's value cell, by the indicator's unit."""
    if row.unit == Unit.YES_NO:
        return {
            "type": "list",
            "formula1": '"yes,no"',
            "error": "Choose yes or no",
            "prompt": "yes or no",
        }
    kind = "whole" if row.decimal_places == 0 else "decimal"
    prompt = f"{row.unit_label.capitalize()}: {_places(row.decimal_places)}"
    if row.unit == Unit.PERCENTAGE:
        return {
            "type": kind,
            "operator": "between",
            "formula1": "0",
            "formula2": "100",
            "error": "A percentage is from 0 to 100"
            + (", as a whole number" if kind == "whole" else ""),
            "prompt": f"{prompt}, from 0 to 100",
        }
    if row.unit in (Unit.RATE, Unit.RATIO):
        return {
            "type": kind,
            "operator": "greaterThanOrEqual",
            "formula1": "0",
            "error": f"A {row.unit} cannot be negative"
            + (", and is a whole number" if kind == "whole" else ""),
            "prompt": prompt,
        }
    error = "A count is a whole number" if kind == "whole" else "Enter a number, like 42.5"
    return {
        "type": kind,
        "operator": "between",
        "formula1": "-99999999999999",
        "formula2": "99999999999999",
        "error": error,
        "prompt": prompt,
    }


PART_RULE = {
    "type": "decimal",
    "operator": "greaterThanOrEqual",
    "formula1": "0",
    "error": "The numerator and denominator cannot be negative",
    "prompt": "Give both the numerator and the denominator, or neither",
}
STATUS_RULE = {
    "type": "list",
    "formula1": '"' + ",".join(STATUSES) + '"',
    "error": "Choose provisional, final or estimated",
    "prompt": "provisional, final or estimated",
}
DATE_RULE = {
    "type": "date",
    "operator": "between",
    "formula1": _FIRST_DATE,
    "formula2": _LAST_DATE,
    "error": "Enter a date, like 31/01/2026",
    "prompt": "Only if there is no value: when you expect it, like 31/01/2026",
}


class Validations:
    """One data validation per distinct rule, each covering all the cells it applies to."""

    def __init__(self) -> None:
        self.rules: dict[tuple[tuple[str, str], ...], DataValidation] = {}

    def add(self, cell: Any, rule: Mapping[str, str]) -> None:
        key = tuple(sorted(rule.items()))
        if key not in self.rules:
            self.rules[key] = DataValidation(
                type=rule["type"],
                operator=rule.get("operator"),
                formula1=rule.get("formula1"),
                formula2=rule.get("formula2"),
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                errorTitle="Check this cell",
                error=rule["error"],
                showInputMessage=True,
                promptTitle="What to enter",
                prompt=rule["prompt"],
            )
        self.rules[key].add(cell.coordinate)

    def attach(self, sheet: Any) -> None:
        for rule in self.rules.values():
            sheet.add_data_validation(rule)
