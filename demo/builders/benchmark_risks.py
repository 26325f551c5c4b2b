"""The national benchmark's risk register: a few thousand risks on top of the demo's.

Risks on every target and outcome of Anycity, on each block and on the partnership, each
with four reviews over the past year (the latest is its current position), a few actions,
and the proposals the escalation route makes for it (``proposed_move``, so they agree
with the rules). Written with bulk inserts, history included, and only the risks that
are missing, so loading twice adds nothing. Every figure comes from a random stream
seeded by the risk's place, so a load is the same on every run for the same day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from simple_history.utils import bulk_create_with_history

from demo.builders.context import rng_for
from demo.builders.dates import at
from demo.content.people import OFFICER
from partnership.models import Area, Block, Outcome, Role, RoleAssignment
from risks.models import EscalationProposal, Risk, RiskAction, RiskReview
from risks.rules import RiskLevel, risk_score
from risks.services.escalation import proposed_move
from targets.models import Target

RISKS_PER_TARGET, RISKS_PER_OUTCOME, RISKS_PER_BLOCK, PARTNERSHIP_RISKS = 8, 6, 10, 12
TITLE = "Benchmark risk {}"
REVIEW_DAYS_AGO = (330, 240, 150, 60)  # quarterly, before each risk's own jitter
OFFICER_EVERY = 7  # one risk in seven is the performance officer's
BATCH_SIZE = 2000
_STATUSES = ("open",) * 17 + ("treated", "tolerated", "closed")
_ACTION_STATUSES = tuple(RiskAction.Status.values)


@dataclass(frozen=True)
class RiskSlot:
    """Where one benchmark risk hangs, and who owns it."""

    key: str
    level: str
    owner_id: int | None
    organisation_id: int | None
    target_id: int | None = None
    outcome_id: int | None = None
    block_id: int | None = None


def risk_slots(
    *,
    per_target: int = RISKS_PER_TARGET,
    per_outcome: int = RISKS_PER_OUTCOME,
    per_block: int = RISKS_PER_BLOCK,
    partnership: int = PARTNERSHIP_RISKS,
) -> list[RiskSlot]:
    """Every benchmark risk's place, in a fixed order (four queries)."""
    slots: list[RiskSlot] = []
    targets = Target.objects.filter(area__kind=Area.Kind.PARTNERSHIP).select_related(
        "indicator__primary_outcome"
    )
    for target in targets.order_by("pk"):
        outcome = target.indicator.primary_outcome
        owner = target.lead_person_id or target.indicator.lead_person_id or outcome.lead_person_id
        organisation = target.lead_organisation_id or outcome.lead_organisation_id
        slots += [
            RiskSlot(
                f"T{target.pk}/{n}", RiskLevel.TARGET, owner, organisation, target_id=target.pk
            )
            for n in range(per_target)
        ]
    for outcome in Outcome.objects.order_by("pk"):
        slots += [
            RiskSlot(
                f"O{outcome.pk}/{n}",
                RiskLevel.OUTCOME,
                outcome.lead_person_id,
                outcome.lead_organisation_id,
                outcome_id=outcome.pk,
            )
            for n in range(per_outcome)
        ]
    members = _board_members()
    for block in Block.objects.order_by("pk"):
        people = members.get(block.pk, [None])
        slots += [
            RiskSlot(
                f"B{block.pk}/{n}",
                RiskLevel.BLOCK,
                people[n % len(people)],
                None,
                block_id=block.pk,
            )
            for n in range(per_block)
        ]
    psb = members.get(None, [None])
    slots += [
        RiskSlot(f"P/{n}", RiskLevel.PARTNERSHIP, psb[n % len(psb)], None)
        for n in range(partnership)
    ]
    return slots


def _board_members() -> dict[int | None, list[int]]:
    """User ids of each block's board members, and of the PSB's (under None)."""
    members: dict[int | None, list[int]] = {}
    roles = RoleAssignment.objects.filter(role__in=[Role.BOARD_MEMBER, Role.PSB_MEMBER])
    for role, block_id, user_id in roles.order_by("pk").values_list("role", "block_id", "user_id"):
        members.setdefault(block_id if role == Role.BOARD_MEMBER else None, []).append(user_id)
    return members


def _walk(rng: random.Random) -> list[tuple[int, int]]:
    """Likelihood and impact at each review: a start, then a step of one now and then."""
    position = [rng.randint(1, 5), rng.randint(2, 5)]
    path = [(position[0], position[1])]
    for _ in REVIEW_DAYS_AGO[1:]:
        side = rng.randrange(2)
        position[side] = min(5, max(1, position[side] + rng.choice((-1, 0, 0, 1))))
        path.append((position[0], position[1]))
    return path


@dataclass
class _Planned:
    risk: Risk
    days: list[date]
    path: list[tuple[int, int]]
    rng: random.Random
    decider_id: int  # who declined an earlier proposal: the performance officer


def _plan(slot: RiskSlot, *, today: date, officer_id: int) -> _Planned:
    rng = rng_for("national risk", slot.key)
    path = _walk(rng)
    days = [today - timedelta(days=ago + rng.randint(0, 35)) for ago in REVIEW_DAYS_AGO]
    last = path[-1]
    raised = at(today - timedelta(days=400), 10)
    officer_owns = rng.randrange(OFFICER_EVERY) == 0
    risk = Risk(
        title=TITLE.format(slot.key),
        description="Synthetic risk of the national benchmark data set.",
        owner_id=officer_id if officer_owns else slot.owner_id or officer_id,
        owner_organisation_id=slot.organisation_id,
        level=slot.level,
        home_level=slot.level,
        target_id=slot.target_id,
        outcome_id=slot.outcome_id,
        block_id=slot.block_id,
        inherent_likelihood=max(p[0] for p in path),
        inherent_impact=max(p[1] for p in path),
        current_likelihood=last[0],
        current_impact=last[1],
        target_score=max(1, min(risk_score(likelihood=last[0], impact=last[1]) - 4, 25)),
        status=rng.choice(_STATUSES),
        review_date=days[-1] + timedelta(days=settings.RISK_REVIEW_INTERVAL_DAYS[slot.level]),
        version=1 + len(path),
    )
    risk._history_date = raised
    return _Planned(risk, days, path, rng, officer_id)


def build_national_risks(*, today: date, admin: Any, **sizes: int) -> int:
    """Add the benchmark risks that are missing; returns how many were added."""
    officer_id = get_user_model().objects.get(username=OFFICER).pk
    slots = risk_slots(**sizes)
    have = set(
        Risk.objects.filter(title__startswith=TITLE.format("")).values_list("title", flat=True)
    )
    planned = [
        _plan(slot, today=today, officer_id=officer_id)
        for slot in slots
        if TITLE.format(slot.key) not in have
    ]
    bulk_create_with_history(
        [p.risk for p in planned], Risk, batch_size=BATCH_SIZE, default_user=admin
    )
    reviews, actions, proposals = [], [], []
    for plan in planned:
        reviews += _reviews(plan)
        actions += _actions(plan, today)
        proposals += _proposals(plan)
    for rows, model in (
        (reviews, RiskReview),
        (actions, RiskAction),
        (proposals, EscalationProposal),
    ):
        bulk_create_with_history(rows, model, batch_size=BATCH_SIZE, default_user=admin)
    # proposed_at is stamped on insert; each proposal was made at its review.
    for proposal in proposals:
        proposal.proposed_at = proposal._history_date
    EscalationProposal.objects.bulk_update(proposals, ["proposed_at"], batch_size=500)
    return len(planned)


def _reviews(plan: _Planned) -> list[RiskReview]:
    interval = timedelta(days=settings.RISK_REVIEW_INTERVAL_DAYS[plan.risk.level])
    rows = []
    for day, (likelihood, impact) in zip(plan.days, plan.path, strict=True):
        row = RiskReview(
            risk=plan.risk,
            reviewed_on=day,
            reviewer_id=plan.risk.owner_id,
            likelihood=likelihood,
            impact=impact,
            note=f"Reviewed: likelihood {likelihood}, impact {impact}.",
            next_review_date=day + interval,
        )
        row._history_date = at(day, 10)
        rows.append(row)
    return rows


def _actions(plan: _Planned, today: date) -> list[RiskAction]:
    return [
        RiskAction(
            risk=plan.risk,
            description=f"Benchmark mitigating action {n + 1}",
            owner_id=plan.risk.owner_id,
            due_date=today + timedelta(days=plan.rng.randint(-60, 150)),
            status=plan.rng.choice(_ACTION_STATUSES),
        )
        for n in range(plan.rng.randint(0, 3))
    ]


def _proposals(plan: _Planned) -> list[EscalationProposal]:
    """The pending proposal the rules make now, and a declined one where the third
    review reached the threshold and the receiving level kept the risk where it was."""
    risk = plan.risk
    rows = []
    earlier = Risk(
        level=risk.level,
        home_level=risk.home_level,
        status=Risk.Status.OPEN,
        current_likelihood=plan.path[2][0],
        current_impact=plan.path[2][1],
    )
    for candidate, status, when in (
        (earlier, EscalationProposal.Status.DECLINED, at(plan.days[2], 10)),
        (risk, EscalationProposal.Status.PENDING, at(plan.days[3], 10)),
    ):
        move = proposed_move(candidate)
        if move is None:
            continue
        declined = status == EscalationProposal.Status.DECLINED
        row = EscalationProposal(
            risk=risk,
            direction=move[0],
            from_level=risk.level,
            to_level=move[1],
            score=candidate.current_score,
            status=status,
            reason="Kept at its level: the controls in place are enough." if declined else "",
            decided_by_id=plan.decider_id if declined else None,
            decided_at=at(plan.days[2] + timedelta(days=7), 11) if declined else None,
        )
        row._history_date = when
        rows.append(row)
    return rows
