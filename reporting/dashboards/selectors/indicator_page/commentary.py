"""The returns of the outcome that collects the indicator, and the commentary history:
what each return said and the notes on the partnership area's values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from indicators.models import Indicator
from partnership import access
from partnership.periods import Period as PeriodRef
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.return_page import format_value


@dataclass(frozen=True)
class CommentaryEntry:
    """What was said about a period: the outcome's return commentary and the value's note."""

    period_label: str
    return_href: str | None
    return_state: str  # "" when there is no return for the period the person may see
    return_state_label: str
    progress_summary: str
    concerns_and_actions: str
    forecast_rag: str
    value_text: str  # the partnership value for the period, "" when none seen
    value_status: str
    value_note: str


@dataclass(frozen=True)
class OutcomeReturns:
    current: QuarterlyReturn | None  # the latest round's return, whoever may see it
    visible: tuple[QuarterlyReturn, ...]  # those the person may see, newest first


def outcome_returns(user: Any, indicator: Indicator) -> OutcomeReturns:
    """The returns of the outcome that collects the indicator (two queries)."""
    returns = QuarterlyReturn.objects.filter(outcome_id=indicator.primary_outcome_id)
    newest_first = ("-round__period__end_date", "round__period__start_date")
    current = returns.select_related("round__period", "outcome").order_by(*newest_first).first()
    visible = tuple(
        access.visible_returns(user, returns)
        .select_related("round__period")
        .order_by(*newest_first)
    )
    return OutcomeReturns(current=current, visible=visible)


def commentary_entries(
    indicator: Indicator,
    returns: Iterable[QuarterlyReturn],
    own: dict[PeriodRef, dict[str, Any]],
) -> tuple[CommentaryEntry, ...]:
    """For each period, newest first: the outcome's return commentary and forecast, and
    the note on the partnership area's value, as far as the person may see them."""
    by_period: dict[PeriodRef, dict[str, Any]] = {}
    for qr in returns:
        if any((qr.progress_summary, qr.concerns_and_actions, qr.forecast_rag)):
            by_period[qr.round.period.ref] = _return_said(qr)
    for row in own.values():
        if row["note"].strip():
            by_period.setdefault(row["period"], {}).update(_value_noted(indicator, row))
    return tuple(
        CommentaryEntry(
            period_label=period.label,
            return_href=parts.get("return_href"),
            return_state=parts.get("return_state", ""),
            return_state_label=parts.get("return_state_label", ""),
            progress_summary=parts.get("progress_summary", ""),
            concerns_and_actions=parts.get("concerns_and_actions", ""),
            forecast_rag=parts.get("forecast_rag", ""),
            value_text=parts.get("value_text", ""),
            value_status=parts.get("value_status", ""),
            value_note=parts.get("value_note", ""),
        )
        for period, parts in sorted(by_period.items(), reverse=True)
    )


def _return_said(qr: QuarterlyReturn) -> dict[str, Any]:
    """What a return said about its quarter, with a link to it."""
    return {
        "return_href": reverse("return_detail", args=[qr.pk]),
        "return_state": qr.state,
        "return_state_label": qr.get_state_display(),
        "progress_summary": qr.progress_summary,
        "concerns_and_actions": qr.concerns_and_actions,
        "forecast_rag": qr.forecast_rag,
    }


def _value_noted(indicator: Indicator, row: dict[str, Any]) -> dict[str, Any]:
    """The partnership area's value for a period and the note on it."""
    return {
        "value_text": format_value(
            row["value"], unit=indicator.unit, decimal_places=indicator.decimal_places
        ),
        "value_status": str(row["status"]).capitalize(),
        "value_note": row["note"],
    }
