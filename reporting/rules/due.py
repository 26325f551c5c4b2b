"""Which indicators a quarter's return collects, by their frequency."""

from __future__ import annotations

from indicators.enums import Frequency


def due_frequencies(quarter: int) -> frozenset[Frequency]:
    """The frequencies of indicators whose value a quarter's return collects.

    Rule: "Quarterly and monthly indicators are due every quarter (a monthly one gives
    its figure for the quarter); annual and biennial ones are due in Q4 only, the
    return that closes their year." A biennial indicator is therefore asked for every
    Q4: in a year it is not collected, the lead says so as the reason it is missing.
    An annual value entered in a Q4 return is stored against that Q4, which the rules
    treat as the year's position.
    """
    if quarter == 4:
        return frozenset(Frequency)
    return frozenset({Frequency.QUARTERLY, Frequency.MONTHLY})
