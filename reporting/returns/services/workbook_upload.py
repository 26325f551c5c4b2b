"""Uploading a return spreadsheet: check every row, then save a draft or nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from indicators.models import Indicator
from partnership import access
from partnership.selectors import partnership_area
from reporting.returns.models import QuarterlyReturn
from reporting.returns.selectors.common import indicators_collected
from reporting.returns.services.common import check_version, refuse
from reporting.returns.services.drafts import Commentary, comparisons, return_save
from reporting.returns.workbook.layout import RETURN_SHEET, columns, letters
from reporting.returns.workbook.read import (
    SheetEntry,
    SheetIndicator,
    SheetProblem,
    WorkbookRefused,
    check_headers,
    check_identity,
    code_key,
    read_entries,
    read_workbook,
)


def _elsewhere(
    keys: set[str], *, collected_keys: set[str], outcome_id: int, period_label: str
) -> dict[str, str]:
    """Why each code not collected by this return is refused, in one query."""
    unknown = keys - collected_keys
    if not unknown:
        return {}
    slugs = {key.replace(" ", "-") for key in unknown}
    found = Indicator.objects.filter(slug__in=slugs).select_related("primary_outcome")
    reasons = {}
    for indicator in found:
        key = code_key(indicator.code)
        if key not in unknown:
            continue
        if indicator.primary_outcome_id == outcome_id:
            reasons[key] = (
                f"{indicator.code} is not collected by this return for {period_label}: it is "
                "no longer used, or is collected in another quarter"
            )
        else:
            outcome = indicator.primary_outcome
            reasons[key] = (
                f"{indicator.code} is not collected by this return for {period_label}: "
                f"its value is entered in the return for {outcome.code} {outcome.title}"
            )
    return reasons


def _unconfirmed(
    entries: Sequence[SheetEntry],
    *,
    indicators: Mapping[int, Indicator],
    quarterly_return: QuarterlyReturn,
    note_column: str,
) -> list[SheetProblem]:
    """Values the data quality checks flag that have no note to confirm them.

    The same checks as ``return_save`` (which makes them again, under lock), made here
    to name the cell to fill in.
    """
    candidates = [e for e in entries if e.entry.value is not None and not e.entry.note.strip()]
    if not candidates:
        return []
    period = quarterly_return.round.period
    area = partnership_area()
    flagged_indicators = [indicators[e.entry.indicator_id] for e in candidates]
    compared = comparisons(indicators=flagged_indicators, area=area, period=period)
    problems = []
    for sheet_entry in candidates:
        entry = sheet_entry.entry
        indicator = indicators[entry.indicator_id]
        reason = compared[indicator.pk].flag(value=entry.value, unit=indicator.unit)
        if reason:
            problems.append(
                SheetProblem(
                    f"{RETURN_SHEET}!{note_column}{sheet_entry.row}", reason, sheet_entry.code
                )
            )
    return problems


def _commentary(quarterly_return: QuarterlyReturn) -> Commentary:
    """The commentary as it stands: the spreadsheet carries values only."""
    return Commentary(
        progress_summary=quarterly_return.progress_summary,
        going_well=quarterly_return.going_well,
        concerns_and_actions=quarterly_return.concerns_and_actions,
        beyond_our_control=quarterly_return.beyond_our_control,
        forecast_rag=quarterly_return.forecast_rag,
    )


def return_workbook_upload(
    *, quarterly_return: QuarterlyReturn, content: bytes, actor: Any
) -> QuarterlyReturn:
    """Save the values of an uploaded spreadsheet to its return, as a draft.

    Refused, with nothing saved, when the file is not a workbook or is too large, is for
    another return or quarter, was downloaded before the return was last saved, has had
    its columns changed, or has any row that is wrong: then ``WorkbookRefused.problems``
    names each bad cell. The commentary and forecast are kept as they are.
    """
    refuse(access.return_edit_refusal(actor, quarterly_return))
    period = quarterly_return.round.period
    cols = columns(period_code=period.code)
    raw = read_workbook(content, width=len(cols))
    identity = check_identity(raw, quarterly_return=quarterly_return)
    # return_save checks the version again under lock; checking it first spares the lead
    # correcting rows of a spreadsheet that could never be saved.
    check_version(quarterly_return, identity.version)
    check_headers(raw, cols=cols)

    collected = {
        i.pk: i for i in indicators_collected(outcome_id=quarterly_return.outcome_id, period=period)
    }
    code_at = [n for n, c in enumerate(cols) if c.key == "code"][0]
    keys = {code_key(cells[code_at].value) for _, cells in raw.rows} - {""}
    entries, problems = read_entries(
        raw,
        cols=cols,
        indicators=[
            SheetIndicator(i.pk, i.code, i.title, i.unit, i.decimal_places, i.rate_per)
            for i in collected.values()
        ],
        elsewhere=_elsewhere(
            keys,
            collected_keys={code_key(i.code) for i in collected.values()},
            outcome_id=quarterly_return.outcome_id,
            period_label=period.label,
        ),
    )
    if not problems:
        problems = _unconfirmed(
            entries,
            indicators=collected,
            quarterly_return=quarterly_return,
            note_column=letters(cols)["note"],
        )
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise WorkbookRefused(
            f"Nothing was saved: the spreadsheet has {count}. Correct "
            f"{'them' if len(problems) != 1 else 'it'} and upload it again",
            problems,
        )
    return return_save(
        quarterly_return=quarterly_return,
        version=identity.version,
        values=[e.entry for e in entries],
        commentary=_commentary(quarterly_return),
        actor=actor,
    )
