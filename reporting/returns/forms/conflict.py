"""A save refused because someone else saved the return first: what the person typed,
beside what is saved now, and what "Keep my values" posts again.

What was typed is read as the service would write it (``ReturnForm.entries`` and
``commentary``: a note or a reason that would not be kept is not listed), what is saved
from the return page as it is now, and both are put in the same words, so that only
real differences are listed. ``Conflict.carried`` is every input as it was typed, and
``Conflict.version`` the version saved now: "Keep my values" carries both, so that it
replaces only the save the person has seen; if yet another save comes first, it is
refused in turn, and the person is shown that one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reporting.returns.forms.return_page import FORECAST_CHOICES, ReturnForm
from reporting.returns.selectors.return_page import ReturnPage
from reporting.returns.selectors.return_rows import IndicatorRow
from reporting.returns.selectors.value_text import STATUS_LABELS, format_value

NO_VALUE = "No value"
NONE_GIVEN = "None given"
FORECASTS = dict(FORECAST_CHOICES)
# Kept in the return's history when a person keeps their values over another's save.
KEPT_OVER = "Kept their values over a save made since they opened the return (version {version})"


@dataclass(frozen=True)
class Difference:
    what: str
    yours: str
    saved: str


@dataclass(frozen=True)
class Conflict:
    saved_by: str
    saved_by_you: bool  # saved by the same person, in another tab or window
    saved_at: datetime | None
    version: int  # the version saved now: the one "Keep my values" replaces
    differences: tuple[Difference, ...]
    carried: tuple[tuple[str, str], ...]  # (input name, what was typed), to post again

    @property
    def message(self) -> str:
        """The error summary's words."""
        if self.saved_by_you:
            who = "You saved this return in another tab or window"
        else:
            who = f"{self.saved_by or 'Someone else'} saved this return"
        return (
            f"{who} since you opened it, so your changes are not saved yet. Compare them "
            "with the saved ones, then keep yours or use the saved ones."
        )


def return_conflict(form: ReturnForm, page: ReturnPage, *, user: Any) -> Conflict:
    """The conflict between ``form`` (valid, refused for its version) and ``page`` (the
    return as saved now)."""
    header = page.header
    return Conflict(
        saved_by=header.last_saved_by,
        saved_by_you=header.last_saved_by_id is not None and header.last_saved_by_id == user.pk,
        saved_at=header.last_saved_at,
        version=header.version,
        differences=differences(_typed(form), _saved(page)),
        carried=carried(form),
    )


# A reading: what each part of a return says, in words; None where that part is not
# compared (the status of a value that one side does not give).
Reading = Mapping[str, str | None]


def differences(yours: Reading, saved: Reading) -> tuple[Difference, ...]:
    """What differs between two readings of a return, in the order of ``yours``; a blank
    is shown as "None given"."""
    out = []
    for what, mine in yours.items():
        theirs = saved.get(what, "")
        if mine is None or theirs is None or mine == theirs:
            continue
        out.append(Difference(what, mine or NONE_GIVEN, theirs or NONE_GIVEN))
    return tuple(out)


def carried(form: ReturnForm) -> tuple[tuple[str, str], ...]:
    """Every input of the form as it was typed (blank ones left out: they read the same),
    except the version, which "Keep my values" replaces with the version saved now."""
    out = []
    for field in form.fields:
        if field == "version":
            continue
        typed = form.data.get(form.add_prefix(field))
        if isinstance(typed, str) and typed:
            out.append((field, typed))
    return tuple(out)


# --- The two readings, in the same words ----------------------------------------------------


def _typed(form: ReturnForm) -> dict[str, str | None]:
    reading: dict[str, str | None] = {}
    for row, entry in zip(form.rows, form.entries(), strict=True):
        reading.update(
            _row_reading(
                row,
                value=entry.value,
                status=entry.status,
                note=entry.note,
                reason=entry.not_available_reason,
                expected_on=entry.expected_on,
            )
        )
    commentary = form.commentary()
    texts = (
        commentary.progress_summary,
        commentary.going_well,
        commentary.concerns_and_actions,
        commentary.beyond_our_control,
    )
    reading.update(_commentary_reading(texts, commentary.forecast_rag))
    return reading


def _saved(page: ReturnPage) -> dict[str, str | None]:
    reading: dict[str, str | None] = {}
    for row in page.rows:
        current = row.current
        reading.update(
            _row_reading(
                row,
                value=current.value if current else None,
                status=current.status if current else "",
                note=current.note if current else "",
                reason=row.missing_reason,
                expected_on=row.expected_on,
            )
        )
    header = page.header
    texts = (
        header.progress_summary,
        header.going_well,
        header.concerns_and_actions,
        header.beyond_our_control,
    )
    reading.update(_commentary_reading(texts, header.forecast_rag))
    return reading


def _row_reading(
    row: IndicatorRow,
    *,
    value: Decimal | None,
    status: str,
    note: str,
    reason: str,
    expected_on: date | None,
) -> dict[str, str | None]:
    """One indicator as it is (or would be) saved: a note only with a value, a reason and
    its date only without one. A status is compared only where both have a value."""
    given = value is not None
    reason = "" if given else reason.strip()
    expected = expected_on if reason and expected_on else None
    shown = format_value(value, unit=row.unit, decimal_places=row.decimal_places)
    return {
        f"{row.code} value": shown if given else NO_VALUE,
        f"{row.code} status": STATUS_LABELS.get(status, status) if given else None,
        f"{row.code} note": note.strip() if given else "",
        f"{row.code}: why the value is not available": reason,
        f"{row.code}: date expected": f"{expected.day} {expected:%B %Y}" if expected else "",
    }


def _commentary_reading(texts: Iterable[str], forecast: str) -> dict[str, str | None]:
    labels = [str(ReturnForm.base_fields[name].label) for name in ReturnForm.COMMENTARY]
    reading: dict[str, str | None] = {
        label: text.strip() for label, text in zip(labels, texts, strict=True)
    }
    reading["Forecast of year-end RAG"] = FORECASTS.get(forecast, forecast)
    return reading
