"""One indicator's row of the return form: the names of its inputs, the value typed in
them checked against the indicator's unit, the live RAG of that value, and the bound
fields the template shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms

from indicators.validation import CheckedValue, ValueProblem, validate_entry
from reporting.returns.selectors.return_rows import NOT_ASSESSED, IndicatorRow, Judgement
from targets.rules import Rag

VALUE_PARTS = ("value", "numerator", "denominator")
DATE_PARTS = ("day", "month", "year")


def field_name(indicator_id: int, part: str) -> str:
    """The name of one input of an indicator's row: ``v12_value``, ``v12_expected_day``."""
    return f"v{indicator_id}_{part}"


def check_entry(row: IndicatorRow, data: Mapping[str, Any]) -> CheckedValue:
    """The value typed in ``row``'s inputs, checked against its unit (raises ValueProblem)."""

    def raw(part: str) -> str:
        value = data.get(field_name(row.indicator_id, part))
        return value if isinstance(value, str) else ""

    return validate_entry(
        value=raw("value"),
        numerator=raw("numerator") if row.has_parts else "",
        denominator=raw("denominator") if row.has_parts else "",
        unit=row.unit,
        decimal_places=row.decimal_places,
        rate_per=row.rate_per,
    )


def live_judgement(row: IndicatorRow, data: Mapping[str, Any], *, editable: bool) -> Judgement:
    """What the live RAG shows for the value being typed: its judgement, or why it cannot
    be read. Whatever the text, this returns."""
    try:
        checked = check_entry(row, data)
    except ValueProblem as problem:
        return Judgement(rag=Rag.GREY, travel=NOT_ASSESSED, problem=problem.message, entered=True)
    return row.judge(checked.value, editable=editable)


@dataclass(frozen=True)
class RowFields:
    """The bound fields of one indicator's row, for the template."""

    row: IndicatorRow
    value: forms.BoundField
    numerator: forms.BoundField | None
    denominator: forms.BoundField | None
    status: forms.BoundField
    note: forms.BoundField
    reason: forms.BoundField
    expected_day: forms.BoundField
    expected_month: forms.BoundField
    expected_year: forms.BoundField
    confirm: forms.BoundField
    judgement: Judgement
    quality: str  # why the value must be confirmed: the "this value is right" box shows

    @property
    def expected_errors(self) -> list[str]:
        return [*self.expected_day.errors, *self.expected_month.errors, *self.expected_year.errors]

    @property
    def value_errors(self) -> list[str]:
        parts = (self.value, self.numerator, self.denominator)
        return [error for bound in parts if bound is not None for error in bound.errors]

    @property
    def missing_open(self) -> bool:
        """Open "no value?" when a reason or date is given, or asked for."""
        given = (self.reason, self.expected_day, self.expected_month, self.expected_year)
        return any(bound.value() or bound.errors for bound in given)
