"""Funding streams for the funding tests: made here, with their amounts per year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from partnership.models import FundingAmount, FundingStream
from partnership.periods import Period as PeriodRef
from targets.models import Action
from tests import factories as f


def this_year() -> PeriodRef:
    return PeriodRef.year_of(timezone.localdate())


def years(count: int = 3) -> list[str]:
    """The financial years up to this one, ``count`` of them, oldest first."""
    this = this_year()
    return [this.shift(n).code for n in range(1 - count, 1)]


def make_stream(
    name: str, *, kind: str = "aligned", block=None, outcome=None, provider=None, amounts=None
) -> FundingStream:
    stream = FundingStream.objects.create(
        name=name, kind=kind, block=block, outcome=outcome, provider=provider
    )
    for code, amount in (amounts or {}).items():
        FundingAmount.objects.create(stream=stream, year=f.period(code), amount=Decimal(amount))
    return stream


def make_action(stream, *, outcome, amount=None, description="Peer supporters", **extra) -> Action:
    return Action.objects.create(
        outcome=outcome,
        description=description,
        lead_organisation=outcome.lead_organisation,
        funding_stream=stream,
        funding_amount=Decimal(amount) if amount is not None else None,
        due_date=extra.pop("due_date", date(2026, 3, 31)),
        **extra,
    )


@pytest.fixture
def streams(block, outcome, other_outcome, council, police):
    """A pooled stream on the block, an aligned one on its outcome, one on the other block's."""
    y = years()
    return {
        "pooled": make_stream(
            "Area Based Grant", kind="pooled", block=block, provider=council,
            amounts={y[0]: 1_000_000, y[1]: 1_100_000, y[2]: 1_200_000},
        ),
        "aligned": make_stream(
            "Early Years Grant", outcome=outcome, provider=council,
            amounts={y[1]: 250_000, y[2]: 300_000.50},
        ),
        "other": make_stream(
            "Safer Communities Fund", kind="pooled", outcome=other_outcome, provider=police,
            amounts={y[2]: 75_000},
        ),
    }  # fmt: skip
