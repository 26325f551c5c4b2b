"""A pack's funding: the funding streams in scope with their amounts per financial year,
the totals aligned against pooled, and what each funds (the actions drawing on it).

The whole partnership's pack holds every stream; a block's, the block's and its outcomes';
a partner's, those on its outcomes or that it provides; a pack of stretch targets only,
none. Four queries for the streams (:func:`reporting.funding.selectors.funding_lines`) and
one for the actions, whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reporting.funding.rules import pounds
from reporting.funding.selectors import FundingPage, funding_lines
from reporting.packs.selectors.scope import is_whole_partnership, outcome_ids_in_scope
from reporting.scorecard.selectors import Scope
from targets.models import Action


@dataclass(frozen=True)
class PackFunding:
    page: FundingPage
    # What each stream funds, in words: "Peer supporters (£85,000); Outreach".
    funds: dict[int, str] = field(default_factory=dict)

    @property
    def streams(self) -> int:
        return self.page.stream_count


NO_FUNDING = PackFunding(page=FundingPage(years=(), blocks=(), totals=()))


def pack_funding(scope: Scope, outcomes: Any) -> PackFunding:
    """The funding streams in the pack's ``scope`` (``outcomes``: the scorecard's)."""
    if scope.stretch_only:
        return NO_FUNDING
    if is_whole_partnership(scope):
        page = funding_lines()
    elif scope.block:
        page = funding_lines(block_slug=scope.block)
    else:
        page = funding_lines(
            outcome_ids=outcome_ids_in_scope(scope, outcomes), provider_id=scope.organisation
        )
    ids = [line.pk for block in page.blocks for line in block.streams]
    funds: dict[int, list[str]] = {}
    actions = Action.objects.filter(funding_stream_id__in=ids).order_by("due_date", "pk")
    for stream_id, description, amount in actions.values_list(
        "funding_stream_id", "description", "funding_amount"
    ):
        drawn = f" ({pounds(amount)})" if amount is not None else ""
        funds.setdefault(stream_id, []).append(f"{description}{drawn}")
    return PackFunding(page=page, funds={pk: "; ".join(words) for pk, words in funds.items()})
