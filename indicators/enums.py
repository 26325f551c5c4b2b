"""Plain enumerations of the framework, shared by models and the pure rule modules.

They are ``StrEnum`` so that rule modules stay free of Django; models turn them into
choices with :func:`choices`.
"""

from __future__ import annotations

from enum import StrEnum


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """Django ``choices`` from a StrEnum: the stored value and its ``label`` if it has one."""
    return [
        (member.value, getattr(member, "label", member.value.replace("_", " ").capitalize()))
        for member in enum
    ]


class Polarity(StrEnum):
    """Which way is good for an indicator."""

    HIGHER = "higher"  # higher is better
    LOWER = "lower"  # lower is better
    NEITHER = "neither"  # contextual: no direction is better


class Unit(StrEnum):
    PERCENTAGE = "percentage"
    RATE = "rate"  # rate per N (N held on the indicator)
    NUMBER = "number"
    MONEY = "money"
    RATIO = "ratio"
    YES_NO = "yes_no"


# Units whose value is built from a numerator and a denominator.
UNITS_WITH_PARTS = frozenset({Unit.PERCENTAGE, Unit.RATE, Unit.RATIO})

# Units whose year-to-date figure builds up through the year (a count, money, crimes per
# 1,000 people so far); a share (percentage, ratio) does not.
ADDITIVE_UNITS = frozenset({Unit.NUMBER, Unit.MONEY, Unit.RATE})


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    BIENNIAL = "biennial"


class Accumulation(StrEnum):
    """How an indicator's quarterly figures relate to its year."""

    DISCRETE = "discrete"  # each quarter stands alone
    CUMULATIVE = "cumulative"  # year to date: Q3 covers April to December
    ROLLING = "rolling"  # rolling four quarters
    SNAPSHOT = "snapshot"  # the position at the end of the period


class ValueStatus(StrEnum):
    PROVISIONAL = "provisional"
    FINAL = "final"
    ESTIMATED = "estimated"
