"""The demo's indicators as one list of plain records: the CSV's facts plus the demo's use."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from demo.content.indicators import LOCAL_INDICATORS, NATIONAL
from demo.national import read_national_indicators
from indicators.enums import ADDITIVE_UNITS, Accumulation, Frequency, Polarity, Unit

# Populations behind the rates and percentages whose parts the demo records.
DENOMINATORS: dict[str, int] = {
    "NI 15": 312_400,  # residents
    "NI 16": 312_400,
    "NI 20": 312_400,
    "NI 111": 29_800,  # residents aged 10 to 17
    "NI 112": 5_900,  # girls aged 15 to 17
    "NI 123": 251_000,  # residents aged 16 and over
    "L 26": 243_000,  # residents aged 18 and over
    "NI 53": 1_050,  # births in the quarter
    "L 11": 900,  # initial assessments in the quarter
}


@dataclass(frozen=True)
class IndicatorPlan:
    code: str
    kind: str  # Indicator.Kind value
    title: str
    definition: str
    outcome: str  # primary outcome code
    unit: Unit
    rate_per: int | None
    decimal_places: int
    polarity: Polarity
    frequency: Frequency
    accumulation: Accumulation
    source: str
    level: Decimal
    improve: Decimal
    target_kind: str  # Target.Kind value, or "" for data only
    lead: str | None  # username of the indicator's lead, None for the outcome's lead
    tolerance: Decimal | None
    denominator: int | None

    @property
    def is_quarterly(self) -> bool:
        return self.frequency in (Frequency.QUARTERLY, Frequency.MONTHLY)

    @property
    def adds_up(self) -> bool:
        """Whether year-to-date figures add up over the year (a count or a rate per head).

        A year-to-date percentage (the share of waste recycled so far this year) does
        not: its first quarter is already a whole percentage, not a quarter of one.
        """
        return self.accumulation == Accumulation.CUMULATIVE and self.unit in ADDITIVE_UNITS


def default_decimal_places(unit: Unit, level: Decimal) -> int:
    if unit == Unit.NUMBER:
        return 0
    if unit == Unit.RATE:
        return 2 if level < 10 else 1 if level < 1000 else 0
    return 1


def indicator_catalogue() -> list[IndicatorPlan]:
    """Every indicator of the demo: the National Indicators it uses, then the local ones."""
    national = read_national_indicators()
    plans: list[IndicatorPlan] = []
    for use in NATIONAL:
        row = national[use.code]
        level = Decimal(use.level)
        plans.append(
            IndicatorPlan(
                code=row.code,
                kind="national",
                title=row.title,
                definition=use.definition
                or f"{row.title}, as defined in the National Indicator Set ({row.unit_text}).",
                outcome=use.outcome,
                unit=row.unit,
                rate_per=row.rate_per,
                decimal_places=use.decimal_places
                if use.decimal_places is not None
                else default_decimal_places(row.unit, level),
                polarity=row.polarity,
                frequency=row.frequency,
                accumulation=row.accumulation,
                source=row.source,
                level=level,
                improve=Decimal(use.improve),
                target_kind=use.target,
                lead=use.lead,
                tolerance=Decimal(use.tolerance) if use.tolerance else None,
                denominator=DENOMINATORS.get(row.code),
            )
        )
    for local in LOCAL_INDICATORS:
        level = Decimal(local.level)
        plans.append(
            IndicatorPlan(
                code=local.code,
                kind="local",
                title=local.title,
                definition=local.definition or f"{local.title}, as reported by: {local.source}.",
                outcome=local.outcome,
                unit=local.unit,
                rate_per=local.rate_per,
                decimal_places=local.decimal_places
                if local.decimal_places is not None
                else default_decimal_places(local.unit, level),
                polarity=local.polarity,
                frequency=local.frequency,
                accumulation=local.accumulation,
                source=local.source,
                level=level,
                improve=Decimal(local.improve),
                target_kind=local.target,
                lead=local.lead,
                tolerance=Decimal(local.tolerance) if local.tolerance else None,
                denominator=DENOMINATORS.get(local.code),
            )
        )
    return plans
