"""Action plans of the demo partnership (its risks are in ``demo.content.risks``).

Dates are relative to the day the demo is loaded ("today"), so that whatever day that is
an action due last year reads as complete or delayed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSpec:
    description: str
    lead_organisation: str
    status: str  # Action.Status value
    start_months: int  # months from today; negative is in the past
    due_months: int
    outcome: str | None = None  # outcome code
    target: str | None = None  # indicator code of the Anycity target
    aim: str = ""
    baseline: str = ""
    outputs: str = ""
    expected_outcomes: str = ""
    partners: tuple[str, ...] = ()
    resources: str = ""
    monitoring: str = ""
    progress: str = ""
    funding: str = ""  # the name of the funding stream it draws on (demo.content.framework)
    funding_amount: int | None = None  # £ it draws


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("Breastfeeding peer supporters in every children's centre", "PCT", "on_track",
               -20, 4, target="NI 53",
               aim="Raise breastfeeding at 6 to 8 weeks in the most deprived areas.",
               baseline="Peer support in 4 of 16 children's centres.",
               outputs="40 trained peer supporters; weekly drop-in sessions.",
               expected_outcomes="Prevalence at 6 to 8 weeks up by 5 points in target areas.",
               partners=("Council", "CVS"), resources="£85,000 a year from the PCT.",
               monitoring="Monthly health visitor returns to the CYP board.",
               progress="34 peer supporters trained; sessions running in 13 centres."),
    ActionSpec("Targeted offer of free early education to eligible two-year-olds", "Council",
               "on_track", -14, 8, outcome="CYP 1",
               aim="Every eligible family knows about and takes up its place.",
               outputs="Door-knocking in the ten most deprived neighbourhoods; 300 new places.",
               partners=("CVS",), monitoring="Termly take-up report.",
               progress="Take-up rising each term; 220 new places created so far.",
               funding="Sure Start, Early Years and Childcare Grant", funding_amount=1_200_000),
    ActionSpec("September Guarantee and tracking of 16 and 17 year olds", "Council", "at_risk",
               -10, 2, target="NI 117",
               aim="Every school leaver has an offer of learning by the end of September.",
               baseline="88% of Year 11 leavers had an offer last year.",
               outputs="Destination tracking with schools and the College; follow-up calls.",
               partners=("College", "JCP"), resources="Two Connexions advisers.",
               monitoring="Monthly NEET and not-known report to the CYP board.",
               progress="Not-known figure has risen after the change of tracking system."),
    ActionSpec("Apprenticeship brokerage with the Chamber's members", "Chamber", "on_track", -8,
               10, outcome="CYP 3", partners=("College", "Council"),
               progress="62 employers signed up; 48 vacancies filled this year."),
    ActionSpec("Youth inclusion and restorative justice in schools", "Council", "complete", -30,
               -6, target="NI 111", partners=("Police", "Probation"),
               progress="Completed: restorative approaches now in all secondary schools.",
               funding="Youth Crime Action Plan", funding_amount=150_000),
    ActionSpec("Recruit and keep experienced social workers", "Council", "delayed", -16, -2,
               outcome="CYP 6",
               aim="Cut reliance on agency staff and caseloads above 20.",
               progress="Vacancy rate still 18%; market supplement agreed in principle.",
               funding="Area Based Grant: children's services", funding_amount=400_000),
    ActionSpec("Integrated offender management for prolific offenders", "Probation",
               "on_track", -24, 6, target="NI 30", partners=("Police", "Homes", "JCP"),
               monitoring="Monthly IOM panel performance report.",
               progress="Cohort of 120 offenders; re-offending down for three quarters.",
               funding="Safer Stronger Communities Fund", funding_amount=350_000),
    ActionSpec("Alarm and lock fitting for burglary victims and their neighbours", "Police",
               "complete", -28, -10, target="NI 16", partners=("Council", "Fire"),
               progress="Completed: 1,900 homes target-hardened."),
    ActionSpec("Independent domestic violence advisers at the hospital emergency department",
               "Police", "on_track", -12, 12, target="NI 32", partners=("PCT", "CVS"),
               progress="Two advisers in post; referrals up by a third.",
               funding="Domestic abuse advocacy (IDVA) service", funding_amount=96_000),
    ActionSpec("Stop smoking services in pharmacies and GP practices", "PCT", "on_track", -18, 6,
               target="NI 123", partners=("Council",),
               progress="58 pharmacies and 31 practices offering the service."),
    ActionSpec("Reablement service for people leaving hospital", "Council", "at_risk", -9, 9,
               outcome="HCOP 4", partners=("PCT",),
               progress="Recruitment to the reablement team is behind plan.",
               funding="Supporting People", funding_amount=650_000),
    ActionSpec("Carers' breaks and emergency card scheme", "Council", "not_started", 1, 13,
               outcome="HCOP 5", partners=("CVS", "PCT"),
               funding="Carers Grant", funding_amount=180_000),
    ActionSpec("Work clubs in the worst-performing neighbourhoods", "JCP", "on_track", -15, 9,
               target="NI 153", partners=("Council", "CVS", "College"),
               progress="Nine work clubs open; 410 people into work so far.",
               funding="Working Neighbourhoods Fund", funding_amount=900_000),
    ActionSpec("Alternate weekly collection and food waste service", "Council", "complete", -26,
               -8, target="NI 192", partners=("Homes",),
               progress="Completed: rolled out to every household."),
    ActionSpec("Empty shops into pop-up enterprise units", "Chamber", "on_track", -6, 12,
               outcome="EDE 6", partners=("Council",),
               progress="Eleven units let on short leases.",
               funding="Local Enterprise Growth Initiative", funding_amount=120_000),
    ActionSpec("Warm Homes insulation programme", "Homes", "delayed", -20, -1,
               outcome="HCOP 7", partners=("Council", "CVS"),
               progress="Contractor delays; 1,350 of 2,000 homes insulated.",
               funding="Neighbourhood Renewal Fund legacy", funding_amount=500_000),
)  # fmt: skip


# --- The written steps of every outcome's delivery plan ------------------------------------


@dataclass(frozen=True)
class PlanSpec:
    evidence: str
    options: str
    links: str = ""


PLANS: dict[str, PlanSpec] = {
    "CYP 1": PlanSpec(
        "The joint strategic needs assessment shows breastfeeding and take-up of early "
        "education lowest in the five most deprived wards, where school readiness is 15 "
        "points below the city average.",
        "Peer support for breastfeeding (NICE PH11) and a targeted offer of early "
        "education; door-knocking reaches families leaflets do not.",
        "Joint strategic needs assessment https://example.org/anycity/jsna\n"
        "NICE guidance PH11 https://www.nice.org.uk/guidance/ph11",
    ),
    "CYP 3": PlanSpec(
        "One young person in nine is not in education, employment or training at 18; the "
        "not-known figure doubled after the tracking system changed.",
        "Tracking every 16 and 17 year old with the schools and the College; the September "
        "Guarantee; apprenticeships brokered with employers.",
        "Participation of young people: statutory guidance https://www.gov.uk/government/publications/participation-of-young-people-education-employment-and-training",
    ),
    "CYP 6": PlanSpec(
        "Caseloads above 20 and an 18% vacancy rate among social workers; re-referrals up "
        "for three quarters.",
        "Grow our own social workers, a market supplement, and smaller caseloads for newly "
        "qualified staff, as in the authorities rated outstanding.",
    ),
    "SSC 1": PlanSpec(
        "Serious acquisitive crime is concentrated on 600 homes burgled more than once.",
        "Target hardening for victims and their neighbours, and integrated offender "
        "management for the prolific offenders behind most burglaries.",
        "What works: crime reduction toolkit https://www.college.police.uk/research/crime-reduction-toolkit",
    ),
    "HCOP 4": PlanSpec(
        "Too many older people are still at home 91 days after leaving hospital only with "
        "long-term care; reablement reaches a third of those who could benefit.",
        "A reablement service for everyone leaving hospital who could benefit, with the "
        "PCT's community teams.",
    ),
}


def plan_for(code: str, title: str) -> PlanSpec:
    """The written steps of an outcome's plan: its own, or words from its title."""
    if code in PLANS:
        return PLANS[code]
    aim = title[0].lower() + title[1:]
    return PlanSpec(
        f"The partnership's needs assessment and the indicators of {code} show the gap "
        f"to close so that {aim}, widest in the most deprived wards.",
        f"Options appraised by the partners; the evidence favours joint work that targets "
        f"the wards and groups furthest behind, so that {aim}.",
        "Joint strategic needs assessment https://example.org/anycity/jsna",
    )


@dataclass(frozen=True)
class GenericAction:
    """An action every outcome without its own gets: the words take the outcome's title."""

    description: str
    status: str
    start_months: int
    due_months: int
    progress: str


def generic_actions(index: int, title: str) -> tuple[GenericAction, ...]:
    """Two actions for the outcome at ``index``: a review of what works (complete), and a
    delivery programme whose state turns with the index: on track, overdue, at risk."""
    aim = title[0].lower() + title[1:]
    states = (
        ("on_track", 9, "Delivery on plan; the partners meet monthly."),
        ("delayed", -2, "Behind plan: the lead partner is recruiting to two posts."),
        ("at_risk", 4, "Funding for the second year is not yet agreed."),
    )
    status, due, progress = states[index % len(states)]
    return (
        GenericAction(
            f"Review of what works so that {aim}", "complete", -24, -12,
            "Completed: the review's recommendations went to the board.",
        ),
        GenericAction(f"Joint delivery programme so that {aim}", status, -12, due, progress),
    )  # fmt: skip
