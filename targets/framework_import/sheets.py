"""The framework workbook's sheets and columns, in the users' words: the one description
that the template, the export and the import all read.

A sheet's rows name each other by code: an indicator names its primary outcome's code,
a target its indicator's code and area, a milestone its target's indicator and area.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.enums import Accumulation, Frequency, Polarity, Unit

OUTCOMES, INDICATORS, TARGETS, MILESTONES = "Outcomes", "Indicators", "Targets", "Milestones"
SHEETS = (OUTCOMES, INDICATORS, TARGETS, MILESTONES)
INSTRUCTIONS = "Instructions"

# The kinds of cell: how it is read, and how a kept value is written back.
TEXT, LONG_TEXT, CODE, DECIMAL, WHOLE, CHOICE = (
    "text", "long_text", "code", "decimal", "whole", "choice",
)  # fmt: skip
BLOCK, ORGANISATION, PERSON, OUTCOME, INDICATOR, AREA, PERIOD = (
    "block", "organisation", "person", "outcome", "indicator", "area", "period",
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    key: str  # the model's field (or the reference it resolves to)
    header: str
    kind: str
    required: bool = False
    # (what people write, what is kept), the first of each the one written back
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int = 0
    hint: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for label, _ in self.choices)


def _plain(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((value, value) for value in values)


POLARITIES = (
    ("higher is better", Polarity.HIGHER.value),
    ("lower is better", Polarity.LOWER.value),
    ("neither", Polarity.NEITHER.value),
)
UNITS = (
    ("percentage", Unit.PERCENTAGE.value),
    ("rate", Unit.RATE.value),
    ("number", Unit.NUMBER.value),
    ("money", Unit.MONEY.value),
    ("ratio", Unit.RATIO.value),
    ("yes/no", Unit.YES_NO.value),
)
FREQUENCIES = _plain(tuple(f.value for f in Frequency))
ACCUMULATIONS = _plain(tuple(a.value for a in Accumulation))
INDICATOR_KINDS = _plain(("local", "national"))
TARGET_KINDS = _plain(("standard", "stretch", "statutory", "local"))
LEAD_HINT = "A person's username or email address; blank for none."
ORGANISATION_HINT = "A partner's short name or name, as in the list of partners."

COLUMNS: dict[str, tuple[Column, ...]] = {
    OUTCOMES: (
        Column("code", "Code", CODE, required=True, max_length=20, hint="For example CYP 2."),
        Column("title", "Title", TEXT, required=True, max_length=300),
        Column("description", "Description", LONG_TEXT),
        Column("block", "Block", BLOCK, required=True, hint="The block's name."),
        Column(
            "lead_organisation",
            "Lead partner",
            ORGANISATION,
            required=True,
            hint=ORGANISATION_HINT,
        ),
        Column("lead_person", "Lead", PERSON, hint=LEAD_HINT),
    ),
    INDICATORS: (
        Column(
            "code",
            "Code",
            CODE,
            required=True,
            max_length=20,
            hint="Letters, digits and spaces, for example NI 116.",
        ),
        Column("title", "Title", TEXT, required=True, max_length=300),
        Column("definition", "Definition", LONG_TEXT),
        Column("kind", "Kind", CHOICE, required=True, choices=INDICATOR_KINDS),
        Column("unit", "Unit", CHOICE, required=True, choices=UNITS),
        Column("rate_per", "Rate per", WHOLE, hint="For a rate: per how many (1000, 100000)."),
        Column("decimal_places", "Decimal places", WHOLE, hint="0 to 6; blank for 1."),
        Column("polarity", "Polarity", CHOICE, required=True, choices=POLARITIES),
        Column("frequency", "Frequency", CHOICE, required=True, choices=FREQUENCIES),
        Column("accumulation", "Accumulation", CHOICE, required=True, choices=ACCUMULATIONS),
        Column(
            "primary_outcome",
            "Primary outcome",
            OUTCOME,
            required=True,
            hint="The code of the outcome whose quarterly return collects it.",
        ),
        Column(
            "lead_organisation",
            "Lead partner",
            ORGANISATION,
            hint="Blank for the primary outcome's lead partner.",
        ),
        Column("lead_person", "Lead", PERSON, hint=LEAD_HINT),
        Column("data_source", "Data source", TEXT, max_length=200),
    ),
    TARGETS: (
        Column("indicator", "Indicator", INDICATOR, required=True, hint="The indicator's code."),
        Column("area", "Area", AREA, required=True, hint="The area's code, such as E06000001."),
        Column("kind", "Kind", CHOICE, required=True, choices=TARGET_KINDS),
        Column(
            "baseline_period",
            "Baseline period",
            PERIOD,
            required=True,
            hint="2025-26 for a financial year or 2025-26-Q2 for a quarter.",
        ),
        Column("baseline_value", "Baseline", DECIMAL, required=True),
        Column("target_period", "Target period", PERIOD, required=True),
        Column("target_value", "Target", DECIMAL, required=True),
        Column(
            "standard_target_value",
            "Standard target",
            DECIMAL,
            hint="For a stretch target: the target without the stretch.",
        ),
        Column("tolerance_pct", "Tolerance %", DECIMAL, hint="0 to 100; blank for the default."),
        Column("lead_organisation", "Lead partner", ORGANISATION, hint=ORGANISATION_HINT),
        Column("lead_person", "Lead", PERSON, hint=LEAD_HINT),
    ),
    MILESTONES: (
        Column("indicator", "Indicator", INDICATOR, required=True, hint="The target's indicator."),
        Column("area", "Area", AREA, required=True, hint="The target's area."),
        Column("period", "Period", PERIOD, required=True, hint="For example 2025-26-Q3."),
        Column("value", "Milestone", DECIMAL, required=True),
    ),
}

# What each sheet's rows are known by: one row per key.
KEYS = {
    OUTCOMES: ("code",),
    INDICATORS: ("code",),
    TARGETS: ("indicator", "area"),
    MILESTONES: ("indicator", "area", "period"),
}
ROW_NOUNS = {OUTCOMES: "outcome", INDICATORS: "indicator", TARGETS: "target",
             MILESTONES: "milestone"}  # fmt: skip


def header_key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


def column_by_header(sheet: str) -> dict[str, Column]:
    return {header_key(c.header): c for c in COLUMNS[sheet]}
