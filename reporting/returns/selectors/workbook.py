"""Reads for the return's spreadsheet: the rows to pre-fill and the upload page's heading.

Everything the workbook shows is read here, in a fixed number of queries whatever the
number of indicators, and handed to ``reporting.returns.workbook`` as plain
frozen dataclasses. The values shown are those the person downloading may see
(``access.visible_values``). Nothing here reads the clock: the view passes the time in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from indicators.enums import Polarity
from indicators.models import Indicator, IndicatorValue
from partnership import access
from partnership.errors import ApplicationError
from partnership.people import display_name
from partnership.periods import Period as PeriodRef
from partnership.periods import last_quarters
from partnership.selectors import partnership_area
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.common import indicators_collected

HISTORY_QUARTERS = 4
# A stored value by (indicator id, period code): value, numerator, denominator, status, note.
_Stored = dict[tuple[int, str], tuple[Any, ...]]

POLARITY_LABELS = {
    Polarity.HIGHER: "Higher is better",
    Polarity.LOWER: "Lower is better",
    Polarity.NEITHER: "No direction is better",
}


@dataclass(frozen=True)
class WorkbookRow:
    """One indicator of the return, as its row of the spreadsheet shows it."""

    indicator_id: int
    code: str
    title: str
    unit: str  # an indicators.enums.Unit value
    unit_label: str
    rate_per: int | None
    decimal_places: int
    has_parts: bool  # whether it takes a numerator and a denominator
    polarity: str
    polarity_label: str
    history: tuple[Decimal | None, ...]  # the last four quarters, oldest first
    same_quarter_last_year: Decimal | None
    value: Decimal | None  # this quarter's value, as it stands
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    note: str
    missing_reason: str
    expected_on: date | None


@dataclass(frozen=True)
class ReturnWorkbook:
    """Everything the spreadsheet of one return holds."""

    return_id: int
    version: int
    outcome_code: str
    outcome_title: str
    lead_organisation: str
    period_code: str
    period_label: str
    state: str
    state_label: str
    due_on: date
    editable: bool  # whether the person downloading may upload it now
    generated_at: datetime
    generated_by: str
    history_labels: tuple[str, ...]  # the last four quarters, oldest first
    last_year_label: str
    rows: tuple[WorkbookRow, ...]

    @property
    def file_name(self) -> str:
        """``OC 1-2025-26-Q2.xlsx``: the outcome code and the quarter code."""
        safe = "".join(c if c.isalnum() or c in " .-_" else "-" for c in self.outcome_code)
        return f"{safe.strip() or 'return'}-{self.period_code}.xlsx"


@dataclass(frozen=True)
class UploadPage:
    """The heading and links of the upload page."""

    return_id: int
    outcome_code: str
    outcome_title: str
    period_label: str
    state_label: str
    return_url: str | None  # the return page, once it exists


def workbook_return(pk: int) -> QuarterlyReturn | None:
    """The return with what the permission rules and the workbook read of it, or None."""
    return (
        QuarterlyReturn.objects.select_related(
            "round__period", "outcome__lead_organisation", "outcome__lead_person"
        )
        .filter(pk=pk)
        .first()
    )


def upload_page(quarterly_return: QuarterlyReturn) -> UploadPage:
    return UploadPage(
        return_id=quarterly_return.pk,
        outcome_code=quarterly_return.outcome.code,
        outcome_title=quarterly_return.outcome.title,
        period_label=quarterly_return.round.period.label,
        state_label=quarterly_return.get_state_display(),
        return_url=return_page_url(quarterly_return.pk),
    )


def return_page_url(pk: int) -> str | None:
    """The return's own page, or None while it is not there yet."""
    try:
        return reverse("return_detail", args=[pk])
    except NoReverseMatch:
        return None


def _plain(number: Decimal | None, places: int | None = None) -> Decimal | None:
    """A stored decimal as written in the sheet: to the indicator's places, no exponent."""
    if number is None:
        return None
    if places is not None:
        return number.quantize(Decimal(1).scaleb(-places))
    return Decimal(format(number.normalize(), "f"))


def _values(user: Any, indicator_ids: list[int], codes: list[str]) -> QuerySet:
    try:
        area = partnership_area()
    except ApplicationError:
        return IndicatorValue.objects.none()
    return access.visible_values(
        user,
        IndicatorValue.objects.filter(
            indicator_id__in=indicator_ids, area=area, period__code__in=codes
        ),
    )


def return_workbook(
    *, quarterly_return: QuarterlyReturn, user: Any, generated_at: datetime
) -> ReturnWorkbook:
    """The rows of the return's spreadsheet: every indicator the return collects.

    For each, its context (code, title, unit, decimal places, polarity, the last four
    quarters and the same quarter last year, for the partnership area, as far as
    ``user`` may see them) and this quarter's value, status, note, and the reason it is
    missing, as they stand. Four queries, whatever the number of indicators.
    """
    period = quarterly_return.round.period
    ref: PeriodRef = period.ref
    # A year's return (never made today) would compare with years; quarters are the rule.
    quarter = ref if ref.quarter is not None else PeriodRef(ref.start_year, 4)
    past = last_quarters(quarter.previous(), HISTORY_QUARTERS)
    last_year = quarter.same_quarter_last_year()
    indicators = indicators_collected(outcome_id=quarterly_return.outcome_id, period=period)
    codes = sorted({p.code for p in past} | {last_year.code, period.code})
    stored: _Stored = {
        (row[0], row[1]): row[2:]
        for row in _values(user, [i.pk for i in indicators], codes).values_list(
            "indicator_id", "period__code", "value", "numerator", "denominator", "status", "note"
        )
    }
    rows = tuple(
        _workbook_row(
            indicator,
            stored,
            quarterly_return=quarterly_return,
            past=past,
            last_year=last_year,
        )
        for indicator in indicators
    )
    generated_by = display_name(user)
    return ReturnWorkbook(
        return_id=quarterly_return.pk,
        version=quarterly_return.version,
        outcome_code=quarterly_return.outcome.code,
        outcome_title=quarterly_return.outcome.title,
        lead_organisation=quarterly_return.outcome.lead_organisation.name,
        period_code=period.code,
        period_label=period.label,
        state=quarterly_return.state,
        state_label=quarterly_return.get_state_display(),
        due_on=quarterly_return.round.due_on,
        editable=access.can_edit_return(user, quarterly_return),
        generated_at=generated_at,
        generated_by=generated_by,
        history_labels=tuple(p.label for p in past),
        last_year_label=last_year.label,
        rows=rows,
    )


def _workbook_row(
    indicator: Indicator,
    stored: _Stored,
    *,
    quarterly_return: QuarterlyReturn,
    past: Sequence[PeriodRef],
    last_year: PeriodRef,
) -> WorkbookRow:
    """One indicator's row: its context, and this quarter's value or why it is missing."""
    places = indicator.decimal_places

    def value_in(code: str) -> Decimal | None:
        found = stored.get((indicator.pk, code))
        return _plain(found[0], places) if found else None

    current = stored.get((indicator.pk, quarterly_return.round.period.code))
    expected = (quarterly_return.missing_values.get(str(indicator.pk)) or {}).get("expected_on")
    return WorkbookRow(
        indicator_id=indicator.pk,
        code=indicator.code,
        title=indicator.title,
        unit=indicator.unit,
        unit_label=indicator.unit_label,
        rate_per=indicator.rate_per,
        decimal_places=places,
        has_parts=indicator.has_parts,
        polarity=indicator.polarity,
        polarity_label=POLARITY_LABELS.get(indicator.polarity, indicator.polarity),
        history=tuple(value_in(p.code) for p in past),
        same_quarter_last_year=value_in(last_year.code),
        value=_plain(current[0], places) if current else None,
        numerator=_plain(current[1]) if current else None,
        denominator=_plain(current[2]) if current else None,
        status=current[3] if current else "",
        note=current[4] if current else "",
        missing_reason="" if current else quarterly_return.missing_reason(indicator.pk),
        expected_on=_date(expected) if not current else None,
    )


def _date(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None
