"""The demo's indicators: National Indicators from the CSV and local ones, with their levels.

``level`` is Anycity's figure at the baseline: a quarter's figure for quarterly
discrete, rolling and snapshot indicators, the year-end total for year-to-date ones,
and the year's figure for annual and biennial ones. ``improve`` is the share by which
the target improves on the baseline (in the indicator's good direction).
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.enums import Accumulation, Frequency, Polarity, Unit

Q, A, B = Frequency.QUARTERLY, Frequency.ANNUAL, Frequency.BIENNIAL
DISCRETE, CUMULATIVE = Accumulation.DISCRETE, Accumulation.CUMULATIVE
ROLLING, SNAPSHOT = Accumulation.ROLLING, Accumulation.SNAPSHOT
HIGHER, LOWER, NEITHER = Polarity.HIGHER, Polarity.LOWER, Polarity.NEITHER
PCT, NUMBER, RATE = Unit.PERCENTAGE, Unit.NUMBER, Unit.RATE

STANDARD, STRETCH, STATUTORY, LOCAL = "standard", "stretch", "statutory", "local"
DATA_ONLY = ""  # no target: the indicator is reported as data only


@dataclass(frozen=True)
class NationalUse:
    """How the demo uses a National Indicator of the CSV."""

    code: str
    outcome: str
    level: str
    improve: str = "0.08"
    target: str = STANDARD
    decimal_places: int | None = None
    lead: str | None = None  # username; the outcome's lead when None
    tolerance: str | None = None
    definition: str = ""


@dataclass(frozen=True)
class LocalIndicator:
    code: str
    outcome: str
    title: str
    unit: Unit
    polarity: Polarity
    frequency: Frequency
    accumulation: Accumulation
    source: str
    level: str
    improve: str = "0.08"
    target: str = LOCAL
    rate_per: int | None = None
    decimal_places: int | None = None
    lead: str | None = None
    tolerance: str | None = None
    definition: str = ""


NATIONAL: tuple[NationalUse, ...] = (
    NationalUse("NI 53", "CYP 1", "38.0", "0.12", STRETCH, lead="hannah.lee"),
    NationalUse("NI 116", "CYP 2", "27.4", "0.06"),
    NationalUse("NI 117", "CYP 3", "7.9", "0.15", STRETCH),
    NationalUse("NI 56", "CYP 4", "21.3", "0.04"),
    NationalUse("NI 112", "CYP 4", "48.2", "0.18", STRETCH),
    NationalUse("NI 111", "CYP 5", "1450", "0.12", STRETCH, decimal_places=0),
    NationalUse("NI 198", "CYP 8", "27.0", "0.07",
                definition="Share of pupils aged 5 to 16 usually travelling to school by car."),
    NationalUse("NI 15", "SSC 1", "1.10", "0.10", decimal_places=2, lead="dan.okoro"),
    NationalUse("NI 16", "SSC 1", "19.50", "0.12", STRETCH, decimal_places=2, lead="dan.okoro"),
    NationalUse("NI 20", "SSC 1", "8.40", "0.10", STRETCH, decimal_places=2),
    NationalUse("NI 32", "SSC 2", "27.0", "0.10"),
    NationalUse("NI 30", "SSC 3", "38.0", "0.12"),
    NationalUse("NI 40", "SSC 4", "520", "0.12", STRETCH, decimal_places=0),
    NationalUse("NI 39", "SSC 4", "2150", "0.05", decimal_places=0),
    NationalUse("NI 17", "SSC 5", "24.0", "0.12"),
    NationalUse("NI 21", "SSC 5", "26.0", "0.12"),
    NationalUse("NI 1", "SSC 6", "72.0", "0.05"),
    NationalUse("NI 4", "SSC 6", "27.0", "0.10"),
    NationalUse("NI 5", "SSC 6", "74.0", "0.04"),
    NationalUse("NI 6", "SSC 7", "21.0", "0.10"),
    NationalUse("NI 7", "SSC 7", "16.0", target=DATA_ONLY),
    NationalUse("NI 47", "SSC 8", "115", "0.10", STATUTORY, decimal_places=0),
    NationalUse("NI 120", "HCOP 1", "720.0", "0.04"),
    NationalUse("NI 123", "HCOP 2", "1100", "0.10", STRETCH, decimal_places=0),
    NationalUse("NI 8", "HCOP 3", "19.5", "0.08"),
    NationalUse("NI 125", "HCOP 4", "82.0", "0.04"),
    NationalUse("NI 141", "HCOP 4", "68.0", "0.06"),
    NationalUse("NI 187", "HCOP 7", "14.0", "0.10"),
    NationalUse("NI 151", "EDE 1", "68.5", "0.03", STRETCH),
    NationalUse("NI 152", "EDE 1", "16.2", "0.08"),
    NationalUse("NI 153", "EDE 1", "31.5", "0.08"),
    NationalUse("NI 163", "EDE 2", "66.0", "0.05"),
    NationalUse("NI 171", "EDE 3", "44.0", "0.08"),
    NationalUse("NI 154", "EDE 4", "950", "0.10", STATUTORY, decimal_places=0),
    NationalUse("NI 155", "EDE 4", "260", "0.15", decimal_places=0),
    NationalUse("NI 186", "EDE 5", "8.0", "0.35",
                definition="Per capita CO2 emissions in the area, percentage reduction on "
                "2005."),
    NationalUse("NI 191", "EDE 5", "640", "0.06", decimal_places=0, tolerance="2.50",
                definition="Kilograms of residual household waste per household, year to "
                "date."),
    NationalUse("NI 192", "EDE 5", "38.0", "0.12", STRETCH),
)  # fmt: skip

LOCAL_INDICATORS: tuple[LocalIndicator, ...] = (
    LocalIndicator("L 01", "CYP 1", "Take-up of free early education by eligible two-year-olds",
                   PCT, HIGHER, Q, SNAPSHOT, "Early years census", "68.0", "0.10"),
    LocalIndicator("L 02", "CYP 1",
                   "Children under five in the most deprived areas registered with a "
                   "children's centre", PCT, HIGHER, Q, SNAPSHOT, "Children's centre records",
                   "81.0", "0.06"),
    LocalIndicator("L 03", "CYP 1", "Mothers smoking at the time of delivery", PCT, LOWER, Q,
                   DISCRETE, "Maternity returns", "17.5", "0.12"),
    LocalIndicator("L 04", "CYP 2", "Families with children helped to claim benefits",
                   NUMBER, HIGHER, Q, CUMULATIVE, "Welfare rights service", "1450", "0.10"),
    LocalIndicator("L 05", "CYP 3", "Young people aged 16 to 18 whose activity is not known",
                   PCT, LOWER, Q, SNAPSHOT, "Connexions client records", "6.5", "0.25"),
    LocalIndicator("L 06", "CYP 3", "Care leavers in education, employment or training", PCT,
                   HIGHER, Q, SNAPSHOT, "Leaving care team", "54.0", "0.12"),
    LocalIndicator("L 07", "CYP 3", "Apprenticeship starts by young people aged 16 to 18",
                   NUMBER, HIGHER, Q, CUMULATIVE, "Apprenticeship data service", "620",
                   "0.12"),
    LocalIndicator("L 08", "CYP 4", "Chlamydia screening coverage of 15 to 24 year olds", PCT,
                   HIGHER, Q, ROLLING, "Chlamydia screening programme", "24.0", "0.20"),
    LocalIndicator("L 09", "CYP 5",
                   "Young offenders in suitable accommodation at the end of their order", PCT,
                   HIGHER, Q, SNAPSHOT, "Youth Offending Service", "89.0", "0.04"),
    LocalIndicator("L 10", "CYP 6", "Child protection plans lasting two years or more", PCT,
                   LOWER, Q, SNAPSHOT, "Children's social care records", "6.0", "0.15"),
    LocalIndicator("L 11", "CYP 6", "Initial assessments completed within 7 working days",
                   PCT, HIGHER, Q, DISCRETE, "Children's social care records", "72.0",
                   "0.10"),
    LocalIndicator("L 12", "CYP 6", "Re-referrals to children's social care within 12 months",
                   PCT, LOWER, Q, ROLLING, "Children's social care records", "24.0", "0.12"),
    LocalIndicator("L 13", "CYP 7", "Children achieving a good level of development at age 5",
                   PCT, HIGHER, A, SNAPSHOT, "Early Years Foundation Stage Profile", "48.0",
                   "0.10", STATUTORY),
    LocalIndicator("L 14", "CYP 7", "Secondary school pupils who are persistently absent", PCT,
                   LOWER, Q, ROLLING, "School census", "6.8", "0.12", STATUTORY),
    LocalIndicator("L 15", "CYP 8", "Children killed or seriously injured on the roads",
                   NUMBER, LOWER, A, SNAPSHOT, "STATS19", "22", "0.18"),
    LocalIndicator("L 16", "SSC 2", "Domestic abuse incidents reported to the police",
                   NUMBER, NEITHER, Q, CUMULATIVE, "Police incident records", "6900",
                   target=DATA_ONLY,
                   definition="More reports can mean more confidence to report, so neither "
                   "direction is better."),
    LocalIndicator("L 17", "SSC 3",
                   "Offenders on community orders in employment at the end of their order",
                   PCT, HIGHER, Q, DISCRETE, "Probation case records", "41.0", "0.10"),
    LocalIndicator("L 18", "SSC 4", "Alcohol-related violent crime in the night-time economy",
                   NUMBER, LOWER, Q, CUMULATIVE, "Police recorded crime", "480", "0.10"),
    LocalIndicator("L 19", "SSC 5", "Anti-social behaviour incidents reported to the police",
                   NUMBER, LOWER, Q, CUMULATIVE, "Police incident records", "16800", "0.08"),
    LocalIndicator("L 20", "SSC 7", "Volunteer placements made by the Volunteer Centre",
                   NUMBER, HIGHER, Q, CUMULATIVE, "Volunteer Centre records", "900",
                   target=DATA_ONLY),
    LocalIndicator("L 21", "SSC 8", "Accidental dwelling fires", NUMBER, LOWER, Q, CUMULATIVE,
                   "Incident recording system", "260", "0.10"),
    LocalIndicator("L 22", "SSC 8", "Home fire safety checks for vulnerable households",
                   NUMBER, HIGHER, Q, CUMULATIVE, "Fire service records", "4200", "0.12"),
    LocalIndicator("L 23", "HCOP 1",
                   "Deaths from heart disease and stroke under 75, per 100,000 population",
                   RATE, LOWER, A, SNAPSHOT, "ONS mortality statistics", "98.0", "0.08",
                   rate_per=100_000),
    LocalIndicator("L 24", "HCOP 2", "Adults who smoke", PCT, LOWER, A, SNAPSHOT,
                   "Integrated Household Survey", "24.5", "0.10"),
    LocalIndicator("L 25", "HCOP 3", "Visits to council leisure centres", NUMBER, HIGHER, Q,
                   CUMULATIVE, "Leisure management system", "1250000", target=DATA_ONLY),
    LocalIndicator("L 26", "HCOP 4",
                   "Delayed transfers of care from hospital, per 100,000 adults", RATE, LOWER,
                   Q, SNAPSHOT, "Delayed transfers of care return", "11.5", "0.15",
                   rate_per=100_000),
    LocalIndicator("L 27", "HCOP 4", "Social care clients receiving self-directed support",
                   PCT, HIGHER, Q, SNAPSHOT, "Adult social care records", "34.0", "0.30"),
    LocalIndicator("L 28", "HCOP 5",
                   "Carers receiving a needs assessment or review and a carer's service", PCT,
                   HIGHER, Q, SNAPSHOT, "Adult social care records", "22.0", "0.15"),
    LocalIndicator("L 29", "HCOP 5", "Carers registered with their GP practice", NUMBER,
                   HIGHER, Q, SNAPSHOT, "GP practice registers", "5400", "0.12"),
    LocalIndicator("L 30", "HCOP 6", "People entering psychological therapies", NUMBER,
                   HIGHER, Q, CUMULATIVE, "IAPT minimum data set", "3100", "0.15"),
    LocalIndicator("L 31", "HCOP 6", "Emergency readmissions within 28 days of discharge",
                   PCT, LOWER, Q, ROLLING, "Hospital Episode Statistics", "11.2", "0.06"),
    LocalIndicator("L 32", "HCOP 7", "Social rented homes meeting the Decent Homes Standard",
                   PCT, HIGHER, A, SNAPSHOT, "Landlord stock returns", "86.0", "0.08"),
    LocalIndicator("L 33", "HCOP 7", "Households living in temporary accommodation", NUMBER,
                   LOWER, Q, SNAPSHOT, "Housing options service", "310", "0.20",
                   tolerance="10.00"),
    LocalIndicator("L 34", "EDE 2", "Adults achieving a full Level 3 qualification", NUMBER,
                   HIGHER, A, SNAPSHOT, "Individualised Learner Record", "1150", "0.10"),
    LocalIndicator("L 35", "EDE 3", "Business start-ups supported by the enterprise service",
                   NUMBER, HIGHER, Q, CUMULATIVE, "Enterprise service records", "240", "0.15"),
    LocalIndicator("L 36", "EDE 3", "Supported businesses still trading after 12 months", PCT,
                   HIGHER, Q, ROLLING, "Enterprise service records", "78.0", target=DATA_ONLY),
    LocalIndicator("L 37", "EDE 6", "City centre footfall", NUMBER, HIGHER, Q, DISCRETE,
                   "Footfall counters", "4100000", target=DATA_ONLY),
    LocalIndicator("L 38", "EDE 6", "Vacant city centre shop units", PCT, LOWER, Q, SNAPSHOT,
                   "City centre management survey", "13.5", "0.15"),
    LocalIndicator("L 39", "EDE 7", "Local bus services running on time", PCT, HIGHER, Q,
                   DISCRETE, "Bus punctuality monitoring", "82.0", "0.06"),
    LocalIndicator("L 40", "EDE 7", "Bus passenger journeys", NUMBER, HIGHER, Q, CUMULATIVE,
                   "Bus operators' returns", "28000000", target=DATA_ONLY),
)  # fmt: skip

# Indicators that also contribute to outcomes other than the one collecting them.
CONTRIBUTES_TO: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("NI 116", ("EDE 1",)),
    ("NI 117", ("EDE 2",)),
    ("NI 111", ("SSC 3",)),
    ("NI 40", ("SSC 1", "SSC 3")),
    ("NI 39", ("SSC 1", "HCOP 1")),
    ("NI 56", ("HCOP 3",)),
    ("NI 32", ("CYP 6",)),
    ("NI 153", ("CYP 2",)),
    ("NI 187", ("HCOP 4", "EDE 5")),
    ("NI 8", ("CYP 4",)),
    ("L 18", ("EDE 6",)),
    ("NI 47", ("CYP 8",)),
    ("L 15", ("SSC 8",)),
)

# Indicators whose targets influence one another (the relation is symmetrical).
RELATED: tuple[tuple[str, str], ...] = (
    ("NI 117", "L 05"), ("NI 117", "L 06"), ("NI 117", "L 07"),
    ("NI 15", "NI 20"), ("NI 16", "NI 30"), ("NI 30", "L 17"),
    ("NI 151", "NI 152"), ("NI 152", "NI 153"), ("NI 116", "NI 152"),
    ("NI 123", "L 24"), ("NI 191", "NI 192"), ("NI 53", "L 03"),
    ("NI 17", "L 19"), ("NI 154", "NI 155"), ("NI 112", "L 08"),
    ("NI 40", "L 18"), ("NI 125", "L 26"),
)  # fmt: skip

# Indicators the performance team has not published: the public pages
# (``/public/``) show every other one, so the difference shows.
UNPUBLISHED = frozenset({"NI 112", "NI 20", "L 12", "L 26", "L 38"})
