"""Return rounds for the twelve quarters, and every outcome's quarterly return in each.

Past rounds are closed with every return approved. The round for the latest completed
quarter is open, with returns in a mix of states; ``lead`` has one not started and one in
draft, so there is always a return to complete.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from demo.builders.commentary import Reading, write_commentary
from demo.builders.context import DemoContext, get_or_create, rng_for
from demo.builders.dates import add_working_days, at, not_after, round_dates
from demo.builders.series import SeriesPlan, collecting_quarter
from demo.content.people import OFFICER
from partnership.models import Outcome
from partnership.periods import Period
from reporting.models import QuarterlyReturn, ReturnRound

NOT_STARTED, DRAFT, SUBMITTED = "not_started", "draft", "submitted"
APPROVED, RETURNED = "approved", "returned"

# The outcomes whose returns in the open round are fixed, the rest are drawn at random.
FIXED_OPEN_STATES = {"CYP 1": NOT_STARTED, "CYP 3": DRAFT, "SSC 2": RETURNED}
RETURNED_REASON = (
    "The repeat incidents figure does not match the MARAC return for the quarter. Please "
    "check the count of repeat cases and resubmit."
)
# Officers who approve the returns of outcomes their organisation leads.
ORGANISATION_OFFICERS = {"Police": "dan.okoro", "PCT": "hannah.lee"}


@dataclass(frozen=True)
class Due:
    """A value an outcome's return collects in a round."""

    plan: SeriesPlan
    period: Period


def due_by_round(series: Iterable[SeriesPlan]) -> dict[Period, dict[str, list[Due]]]:
    """For each quarter, the outcomes with values due in its round and what they are."""
    out: dict[Period, dict[str, list[Due]]] = {}
    for plan in series:
        for point in plan.points:
            quarter = collecting_quarter(point.period)
            by_outcome = out.setdefault(quarter, {})
            by_outcome.setdefault(plan.indicator.outcome, []).append(Due(plan, point.period))
    return out


def open_round_states(outcome_codes: list[str], rng: random.Random) -> dict[str, str]:
    """The state of each return in the open round: a few approved, some submitted, one
    returned, and most not started or in draft."""
    states = {code: state for code, state in FIXED_OPEN_STATES.items() if code in outcome_codes}
    others = [code for code in sorted(outcome_codes) if code not in states]
    rng.shuffle(others)
    if RETURNED not in states.values() and others:
        states[others.pop()] = RETURNED
    share = len(others)
    counts = ((APPROVED, max(1, share // 8)), (SUBMITTED, max(1, share // 4)))
    for state, count in counts:
        for _ in range(min(count, len(others))):
            states[others.pop()] = state
    for position, code in enumerate(others):
        states[code] = DRAFT if position % 2 == 0 else NOT_STARTED
    return states


def approver_for(ctx: DemoContext, outcome: Outcome) -> Any:
    username = ORGANISATION_OFFICERS.get(outcome.lead_organisation.short_name, OFFICER)
    return ctx.users[username]


def build_rounds(
    ctx: DemoContext,
    *,
    due: dict[Period, dict[str, list[Due]]],
    open_states: dict[str, str],
    readings: dict[tuple[str, Period], list[Reading]],
) -> None:
    """A round per quarter of the window and a return per outcome with values due.

    ``readings`` holds, per outcome and quarter, the values its return reported.
    """
    officer = ctx.users[OFFICER]
    partners: dict[int, list[str]] = {}
    for outcome in ctx.outcomes.values():
        partners[outcome.pk] = [o.name for o in outcome.contributing_organisations.all()]
    for quarter in ctx.window:
        is_open = quarter == ctx.latest
        opens, due_on, closes = round_dates(quarter)
        if is_open:
            # Loaded after its natural close, the open round has been extended so that the
            # demo has returns to complete; its due date stands, so late ones show as late.
            closes = max(closes, add_working_days(ctx.today, 10))
        round_, _ = get_or_create(
            ReturnRound,
            by=officer,
            period=ctx.period(quarter),
            defaults={
                "opens_on": opens,
                "due_on": due_on,
                "closes_on": closes,
                "state": ReturnRound.State.OPEN if is_open else ReturnRound.State.CLOSED,
            },
        )
        existing = set(round_.returns.values_list("outcome__code", flat=True))
        for code in sorted(due.get(quarter, {})):
            if code in existing:
                continue
            _create_return(
                ctx,
                round_,
                outcome=ctx.outcomes[code],
                state=open_states[code] if is_open else APPROVED,
                readings=readings.get((code, quarter), []),
                partners=partners[ctx.outcomes[code].pk],
            )


def _create_return(
    ctx: DemoContext,
    round_: ReturnRound,
    *,
    outcome: Outcome,
    state: str,
    readings: list[Reading],
    partners: list[str],
) -> None:
    """One return, with the words, people and times its state implies."""
    quarter = Period.parse(round_.period.code)
    is_open = round_.state == ReturnRound.State.OPEN
    lead = ctx.lead_of(outcome.code)
    rng = rng_for("return", quarter.code, outcome.code)
    fields: dict = {"round": round_, "outcome": outcome, "state": state}
    moment = at(round_.opens_on, 9)
    if state != NOT_STARTED:
        words = write_commentary(
            outcome_title=outcome.title,
            period_label=quarter.label,
            readings=readings,
            partners=partners,
            rng=rng,
        )
        fields.update(
            progress_summary=words.progress_summary,
            going_well=words.going_well,
            concerns_and_actions=words.concerns_and_actions,
            beyond_our_control=words.beyond_our_control,
            forecast_rag=words.forecast_rag,
        )
        moment = at(add_working_days(round_.opens_on, rng.randint(2, 6)), rng.randint(9, 16))
        if state == DRAFT:
            # A draft: the lead has started on the words but not finished them.
            fields.update(concerns_and_actions="", beyond_our_control="", forecast_rag="")
    if state in (SUBMITTED, APPROVED, RETURNED):
        # Past returns came in during the week before the deadline; in the open round
        # the early ones are in already.
        day = (
            add_working_days(round_.opens_on, rng.randint(3, 10))
            if is_open
            else add_working_days(round_.due_on, -rng.randint(0, 6))
        )
        submitted = at(day, rng.randint(9, 16), rng.choice((0, 15, 30, 45)))
        moment = not_after(submitted, ctx.today) if is_open else submitted
        fields.update(submitted_by=lead, submitted_at=moment)
    if state == APPROVED:
        approved_on = add_working_days(moment.date(), rng.randint(1, 4))
        approved = at(approved_on, rng.randint(9, 16), rng.choice((0, 20, 40)))
        latest = at(round_.closes_on, 16)
        moment = min(approved, latest)
        if is_open:
            moment = not_after(moment, ctx.today)
        fields.update(approved_by=approver_for(ctx, outcome), approved_at=moment)
    if state == RETURNED:
        fields.update(returned_reason=RETURNED_REASON)
        moment = at(add_working_days(moment.date(), 1), 11)
        if is_open:
            moment = not_after(moment, ctx.today)
    by = fields.get("approved_by") or (approver_for(ctx, outcome) if state == RETURNED else lead)
    quarterly_return = QuarterlyReturn(**fields)
    quarterly_return._history_user = by
    quarterly_return._history_date = moment
    quarterly_return.save()
