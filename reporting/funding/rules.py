"""Pure rules of funding: money in words, and totals aligned against pooled.

No Django, no database: plain ``Decimal`` amounts and the kinds' values ("aligned",
"pooled").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ALIGNED = "aligned"
POOLED = "pooled"
WHOLE_POUND = Decimal("1")


def pounds(amount: Decimal | None) -> str:
    """Money as UK readers write it: £1,234,567, with pence only when there are some
    (£1,234.50); "" for no amount."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole = amount.quantize(WHOLE_POUND, rounding=ROUND_HALF_UP)
    if amount == whole:
        return f"{sign}£{whole:,}"
    return f"{sign}£{amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


@dataclass(frozen=True)
class KindTotals:
    """Money aligned and pooled, and both together."""

    aligned: Decimal = Decimal(0)
    pooled: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.aligned + self.pooled

    @property
    def pooled_share(self) -> int | None:
        """The pooled part as a whole percentage of the total, None with no money."""
        if not self.total:
            return None
        share = self.pooled * 100 / self.total
        return int(share.quantize(WHOLE_POUND, rounding=ROUND_HALF_UP))


def kind_totals(amounts: Iterable[tuple[str, Decimal]]) -> KindTotals:
    """The totals of ``(kind, amount)`` pairs; a kind neither aligned nor pooled is an error."""
    aligned, pooled = Decimal(0), Decimal(0)
    for kind, amount in amounts:
        if kind == ALIGNED:
            aligned += amount
        elif kind == POOLED:
            pooled += amount
        else:
            raise ValueError(f"A funding stream is aligned or pooled, not {kind!r}.")
    return KindTotals(aligned=aligned, pooled=pooled)


def duplicate_years(codes: Iterable[str]) -> list[str]:
    """The years given more than once, in the order first repeated."""
    seen: set[str] = set()
    repeated: list[str] = []
    for code in codes:
        if code in seen and code not in repeated:
            repeated.append(code)
        seen.add(code)
    return repeated
