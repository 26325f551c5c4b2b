"""Blocks, outcomes, the PSB's priorities and the funding behind them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BlockSpec:
    slug: str
    name: str
    description: str


BLOCKS: tuple[BlockSpec, ...] = (
    BlockSpec("children-and-young-people", "Children and Young People",
              "Every child and young person in Anycity is healthy, safe, enjoys and achieves, "
              "makes a positive contribution and achieves economic well-being."),
    BlockSpec("safer-and-stronger-communities", "Safer and Stronger Communities",
              "Less crime and fear of crime, cohesive neighbourhoods and a thriving voluntary "
              "and community sector."),
    BlockSpec("healthier-communities-and-older-people", "Healthier Communities and Older People",
              "Longer, healthier lives for everyone, narrower health inequalities and older "
              "people living independently."),
    BlockSpec("economic-development-and-enterprise", "Economic Development and Enterprise",
              "More people in work, more and better businesses, decent homes and a cleaner, "
              "greener city."),
)  # fmt: skip


@dataclass(frozen=True)
class PrioritySpec:
    title: str
    description: str
    outcomes: tuple[str, ...]


PRIORITIES: tuple[PrioritySpec, ...] = (
    PrioritySpec("Narrowing the gap for our most deprived neighbourhoods",
                 "Bring the ten most deprived neighbourhoods closer to the Anycity average on "
                 "income, crime, health and skills.",
                 ("CYP 2", "SSC 5", "EDE 1", "HCOP 1", "HCOP 7")),
    PrioritySpec("Getting people into work",
                 "Help people on out-of-work benefits, young people and offenders into "
                 "sustained employment.",
                 ("EDE 1", "EDE 2", "CYP 3", "SSC 3")),
    PrioritySpec("Reducing health inequalities",
                 "Close the gap in life expectancy between the most and least deprived wards.",
                 ("HCOP 1", "HCOP 2", "CYP 4", "HCOP 6", "SSC 4")),
    PrioritySpec("A low-carbon city",
                 "Cut carbon emissions and fuel poverty and send less waste to landfill.",
                 ("EDE 5", "HCOP 7", "EDE 7")),
)  # fmt: skip


@dataclass(frozen=True)
class OutcomeSpec:
    code: str
    block: str  # block slug
    title: str
    description: str
    lead_organisation: str  # short name
    contributors: tuple[str, ...]  # short names


_CYP, _SSC = "children-and-young-people", "safer-and-stronger-communities"
_HCOP, _EDE = "healthier-communities-and-older-people", "economic-development-and-enterprise"

OUTCOMES: tuple[OutcomeSpec, ...] = (
    OutcomeSpec("CYP 1", _CYP, "Every child has the best start in life",
                "Healthy pregnancies, breastfeeding and good early education, especially in "
                "the most deprived neighbourhoods.", "Council", ("PCT", "CVS")),
    OutcomeSpec("CYP 2", _CYP, "Fewer children grow up in poverty",
                "More families in work and claiming what they are entitled to.", "Council",
                ("JCP", "CVS", "Homes")),
    OutcomeSpec("CYP 3", _CYP, "Young people are in education, employment or training",
                "Every young person aged 16 to 18 has a place in learning or work.", "Council",
                ("College", "JCP", "Chamber")),
    OutcomeSpec("CYP 4", _CYP, "Children and young people are healthy",
                "Healthy weight, good sexual health and fewer teenage pregnancies.", "PCT",
                ("Council", "College")),
    OutcomeSpec("CYP 5", _CYP, "Young people keep out of trouble",
                "Fewer young people enter the youth justice system.", "Council",
                ("Police", "Probation", "CVS")),
    OutcomeSpec("CYP 6", _CYP, "Children are safe from harm",
                "Timely assessment and lasting plans for children in need of protection.",
                "Council", ("Police", "PCT")),
    OutcomeSpec("CYP 7", _CYP, "Children achieve well at school",
                "Good development in the early years and good attendance at school.",
                "Council", ("College",)),
    OutcomeSpec("CYP 8", _CYP, "Children travel to school safely and actively",
                "Fewer children hurt on the roads and more walking and cycling to school.",
                "Council", ("Police", "Fire")),
    OutcomeSpec("SSC 1", _SSC, "Less serious crime",
                "Reduce violent and acquisitive crime across the city.", "Police",
                ("Council", "Probation")),
    OutcomeSpec("SSC 2", _SSC, "Less domestic abuse and fewer repeat victims",
                "Victims report abuse with confidence and are protected from repeat incidents.",
                "Police", ("Council", "PCT", "CVS", "Homes")),
    OutcomeSpec("SSC 3", _SSC, "Less re-offending",
                "Prolific offenders are caught, rehabilitated and helped into work.",
                "Probation", ("Police", "JCP", "Homes")),
    OutcomeSpec("SSC 4", _SSC, "Less harm from drugs and alcohol",
                "More people recover from addiction and fewer are harmed by alcohol.", "PCT",
                ("Police", "Probation", "Council")),
    OutcomeSpec("SSC 5", _SSC, "Less anti-social behaviour and people feel safe",
                "Neighbourhoods where people feel anti-social behaviour is dealt with.",
                "Police", ("Council", "Homes", "Fire")),
    OutcomeSpec("SSC 6", _SSC, "Strong and cohesive communities",
                "People get on well together and feel they can influence local decisions.",
                "Council", ("CVS", "Police")),
    OutcomeSpec("SSC 7", _SSC, "A thriving voluntary and community sector",
                "More volunteering and a sector able to deliver public services.", "CVS",
                ("Council",)),
    OutcomeSpec("SSC 8", _SSC, "Fewer fires and safer roads",
                "Fewer accidental fires in the home and fewer people hurt on the roads.",
                "Fire", ("Police", "Council", "Homes")),
    OutcomeSpec("HCOP 1", _HCOP, "People live longer, healthier lives",
                "Fewer early deaths, especially from heart disease and stroke.", "PCT",
                ("Council",)),
    OutcomeSpec("HCOP 2", _HCOP, "Fewer people smoke",
                "More smokers quit with help and fewer people start.", "PCT",
                ("Council", "CVS")),
    OutcomeSpec("HCOP 3", _HCOP, "More people are active",
                "More adults take part in sport and active recreation.", "Council",
                ("PCT", "CVS", "College")),
    OutcomeSpec("HCOP 4", _HCOP, "Older people live independently",
                "Rehabilitation, support at home and choice and control over care.",
                "Council", ("PCT", "Homes", "CVS")),
    OutcomeSpec("HCOP 5", _HCOP, "Carers are supported",
                "Carers are known, assessed and offered a break.", "Council", ("PCT", "CVS")),
    OutcomeSpec("HCOP 6", _HCOP, "Better mental health and wellbeing",
                "Quick access to talking therapies and fewer avoidable readmissions.", "PCT",
                ("Council", "CVS")),
    OutcomeSpec("HCOP 7", _HCOP, "Warm, decent and affordable homes",
                "Decent social housing, less fuel poverty and less temporary accommodation.",
                "Homes", ("Council", "CVS")),
    OutcomeSpec("EDE 1", _EDE, "More people are in work",
                "Raise the employment rate and cut worklessness in the worst neighbourhoods.",
                "JCP", ("Council", "College", "Chamber")),
    OutcomeSpec("EDE 2", _EDE, "Adults have the skills employers need",
                "More adults qualified to Level 2 and Level 3.", "College",
                ("Council", "Chamber", "JCP")),
    OutcomeSpec("EDE 3", _EDE, "More new and growing businesses",
                "More business start-ups that survive and grow.", "Chamber",
                ("Council", "College")),
    OutcomeSpec("EDE 4", _EDE, "More and better homes",
                "Enough new homes, and more of them affordable.", "Council", ("Homes",)),
    OutcomeSpec("EDE 5", _EDE, "A cleaner, greener city",
                "Less waste, more recycling and lower carbon emissions.", "Council",
                ("Homes", "Chamber")),
    OutcomeSpec("EDE 6", _EDE, "A vibrant city centre",
                "More visitors and fewer empty shops in the city centre.", "Council",
                ("Chamber", "Police")),
    OutcomeSpec("EDE 7", _EDE, "Good transport connections",
                "Reliable buses that more people use.", "Council", ("Chamber",)),
)  # fmt: skip


@dataclass(frozen=True)
class FundingSpec:
    name: str
    kind: str  # FundingStream.Kind value
    provider: str  # short name
    amount: int  # £ in the first year; later years drift from it
    block: str | None = None  # block slug
    outcome: str | None = None  # outcome code


FUNDING: tuple[FundingSpec, ...] = (
    FundingSpec("Area Based Grant: children's services", "pooled", "Council", 2_450_000,
                block=_CYP),
    FundingSpec("Sure Start, Early Years and Childcare Grant", "aligned", "Council", 6_800_000,
                outcome="CYP 1"),
    FundingSpec("Teenage Pregnancy Local Implementation Grant", "aligned", "PCT", 310_000,
                outcome="CYP 4"),
    FundingSpec("Youth Crime Action Plan", "pooled", "Council", 420_000, outcome="CYP 5"),
    FundingSpec("Safer Stronger Communities Fund", "pooled", "Council", 1_150_000, block=_SSC),
    FundingSpec("Drug Intervention Programme", "aligned", "PCT", 1_900_000, outcome="SSC 4"),
    FundingSpec("Domestic abuse advocacy (IDVA) service", "pooled", "Police", 260_000,
                outcome="SSC 2"),
    FundingSpec("Neighbourhood Renewal Fund legacy", "pooled", "Council", 3_200_000,
                block=_HCOP),
    FundingSpec("Supporting People", "aligned", "Council", 9_400_000, outcome="HCOP 4"),
    FundingSpec("Carers Grant", "aligned", "Council", 780_000, outcome="HCOP 5"),
    FundingSpec("Working Neighbourhoods Fund", "pooled", "Council", 7_600_000, block=_EDE),
    FundingSpec("Local Enterprise Growth Initiative", "aligned", "Chamber", 1_350_000,
                outcome="EDE 3"),
    FundingSpec("Waste Performance and Efficiency Grant", "aligned", "Council", 540_000,
                outcome="EDE 5"),
)  # fmt: skip
