"""A pack's scope: its name in words, the names it refers to, and what it takes in."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from partnership.models import Area, Block, Organisation, Period
from reporting.scorecard.selectors import Scope
from targets.models import Target


def scope_label(*, block_name: str = "", organisation_name: str = "", stretch_only: bool) -> str:
    """The scope in words: "Whole partnership", "Block: ...", "Stretch targets only"."""
    if block_name:
        return f"Block: {block_name}"
    if organisation_name:
        return f"Partner organisation: {organisation_name}"
    if stretch_only:
        return "Stretch targets only"
    return "Whole partnership"


def scope_names(scope: Scope) -> tuple[str, str]:
    """The names of the scope's block and partner organisation ("" for none)."""
    block = Block.objects.filter(slug=scope.block).first() if scope.block else None
    organisation = (
        Organisation.objects.filter(pk=scope.organisation).first()
        if scope.organisation is not None
        else None
    )
    return (block.name if block else "", organisation.name if organisation else "")


def pack_target_count(*, period: Period, scope: Scope) -> int:
    """About how many targets a pack holds, to tell a small pack from a large one (1 query).

    The partner organisation is the target's own lead organisation, else its indicator's.
    """
    targets = Target.objects.filter(area__kind=Area.Kind.PARTNERSHIP, indicator__is_active=True)
    if scope.block:
        targets = targets.filter(indicator__primary_outcome__block__slug=scope.block)
    if scope.organisation is not None:
        targets = targets.filter(
            Q(lead_organisation_id=scope.organisation)
            | Q(lead_organisation__isnull=True, indicator__lead_organisation_id=scope.organisation)
        )
    if scope.stretch_only:
        targets = targets.filter(kind=Target.Kind.STRETCH)
    return targets.count()


def is_whole_partnership(scope: Scope) -> bool:
    return not (scope.block or scope.organisation is not None or scope.stretch_only)


def outcome_ids_in_scope(scope: Scope, outcomes: Any) -> list[int]:
    """The outcomes in scope: none when the pack is of stretch targets only."""
    return [] if scope.stretch_only else [line.outcome_id for line in outcomes]
