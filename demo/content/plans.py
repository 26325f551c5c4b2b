"""Action plans and risks of the demo partnership.

Dates are relative to the day the demo is loaded ("today"), so that whatever day that is
an action due last year reads as complete or delayed and a review date can be overdue.
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
               progress="Take-up rising each term; 220 new places created so far."),
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
               progress="Completed: restorative approaches now in all secondary schools."),
    ActionSpec("Recruit and keep experienced social workers", "Council", "delayed", -16, -2,
               outcome="CYP 6",
               aim="Cut reliance on agency staff and caseloads above 20.",
               progress="Vacancy rate still 18%; market supplement agreed in principle."),
    ActionSpec("Integrated offender management for prolific offenders", "Probation",
               "on_track", -24, 6, target="NI 30", partners=("Police", "Homes", "JCP"),
               monitoring="Monthly IOM panel performance report.",
               progress="Cohort of 120 offenders; re-offending down for three quarters."),
    ActionSpec("Alarm and lock fitting for burglary victims and their neighbours", "Police",
               "complete", -28, -10, target="NI 16", partners=("Council", "Fire"),
               progress="Completed: 1,900 homes target-hardened."),
    ActionSpec("Independent domestic violence advisers at the hospital emergency department",
               "Police", "on_track", -12, 12, target="NI 32", partners=("PCT", "CVS"),
               progress="Two advisers in post; referrals up by a third."),
    ActionSpec("Stop smoking services in pharmacies and GP practices", "PCT", "on_track", -18, 6,
               target="NI 123", partners=("Council",),
               progress="58 pharmacies and 31 practices offering the service."),
    ActionSpec("Reablement service for people leaving hospital", "Council", "at_risk", -9, 9,
               outcome="HCOP 4", partners=("PCT",),
               progress="Recruitment to the reablement team is behind plan."),
    ActionSpec("Carers' breaks and emergency card scheme", "Council", "not_started", 1, 13,
               outcome="HCOP 5", partners=("CVS", "PCT")),
    ActionSpec("Work clubs in the worst-performing neighbourhoods", "JCP", "on_track", -15, 9,
               target="NI 153", partners=("Council", "CVS", "College"),
               progress="Nine work clubs open; 410 people into work so far."),
    ActionSpec("Alternate weekly collection and food waste service", "Council", "complete", -26,
               -8, target="NI 192", partners=("Homes",),
               progress="Completed: rolled out to every household."),
    ActionSpec("Empty shops into pop-up enterprise units", "Chamber", "on_track", -6, 12,
               outcome="EDE 6", partners=("Council",),
               progress="Eleven units let on short leases."),
    ActionSpec("Warm Homes insulation programme", "Homes", "delayed", -20, -1,
               outcome="HCOP 7", partners=("Council", "CVS"),
               progress="Contractor delays; 1,350 of 2,000 homes insulated."),
)  # fmt: skip


@dataclass(frozen=True)
class RiskActionSpec:
    description: str
    owner: str  # username
    due_days: int  # from today
    status: str  # RiskAction.Status value


@dataclass(frozen=True)
class EscalationSpec:
    from_level: str
    to_level: str
    reason: str
    score: int
    days_ago: int
    decided_by: str  # username


@dataclass(frozen=True)
class RiskSpec:
    title: str
    level: str  # RiskLevel value: where the risk is held now
    owner: str  # username
    owner_organisation: str  # short name
    inherent: tuple[int, int]  # likelihood, impact
    current: tuple[int, int]
    target_score: int
    review_days: int  # from today; negative is overdue
    description: str = ""
    cause: str = ""
    consequence: str = ""
    controls: str = ""
    status: str = "open"
    target: str | None = None  # indicator code of the Anycity target
    outcome: str | None = None
    block: str | None = None  # block slug
    actions: tuple[RiskActionSpec, ...] = ()
    escalations: tuple[EscalationSpec, ...] = ()


_SSC, _HCOP = "safer-and-stronger-communities", "healthier-communities-and-older-people"
_CYP, _EDE = "children-and-young-people", "economic-development-and-enterprise"

RISKS: tuple[RiskSpec, ...] = (
    # Target level.
    RiskSpec("Fewer Entry to Employment places from the new contract", "outcome", "lead",
             "Council", (4, 4), (3, 4), 6, 30, target="NI 117",
             cause="The new learning provider contract funds 120 fewer places.",
             consequence="More 16 and 17 year olds not in education, employment or training.",
             controls="Bid to the Working Neighbourhoods Fund; College to extend its offer.",
             actions=(RiskActionSpec("Agree extra College places for January starters",
                                     "ian.fletcher", 45, "in_progress"),),
             escalations=(EscalationSpec("target", "outcome", "Score reached 12; the "
                          "outcome lead takes it on across all the NEET actions.", 12, 120,
                          "lead"),)),
    RiskSpec("Change of breastfeeding data collection at 6 to 8 weeks", "target", "hannah.lee",
             "PCT", (3, 3), (2, 3), 3, 60, target="NI 53",
             cause="Health visiting moves to a new records system.",
             consequence="Gaps in coverage data for two quarters.",
             controls="Manual count by health visitors until the system is live.",
             actions=(RiskActionSpec("Check coverage returns against birth notifications",
                                     "hannah.lee", 20, "in_progress"),)),
    RiskSpec("Burglary rises in the student area at the start of term", "target", "karen.lloyd",
             "Police", (4, 3), (3, 3), 4, 15, target="NI 16",
             controls="Autumn student safety campaign with the universities.",
             actions=(RiskActionSpec("Run the autumn student safety campaign",
                                     "dan.okoro", -20, "done"),)),
    RiskSpec("Stop smoking quitters fall as national campaigns end", "target", "nadia.hussain",
             "PCT", (3, 4), (3, 3), 6, 40, target="NI 123",
             controls="Local campaign in January and February.",
             actions=(RiskActionSpec("Commission a local New Year quit campaign",
                                     "nadia.hussain", 50, "not_started"),)),
    RiskSpec("Recycling falls if the food waste contract is not renewed", "target",
             "ruth.bailey", "Council", (3, 4), (2, 4), 4, 90, target="NI 192",
             controls="Contract extension option for two years."),
    RiskSpec("Affordable housing schemes stall with the housing market", "target", "simon.hart",
             "Council", (4, 4), (4, 3), 8, -10, target="NI 155",
             cause="Developers delay starts on sites with planning permission.",
             controls="Homes and Communities Agency funding switched to rented homes.",
             actions=(RiskActionSpec("Buy unsold new-build homes for rent",
                                     "rob.turner", 70, "in_progress"),)),
    # Outcome level.
    RiskSpec("Social worker vacancies delay assessments", "outcome", "joanne.whitfield",
             "Council", (5, 4), (3, 4), 8, 20, outcome="CYP 6",
             cause="Shortage of experienced social workers across the region.",
             consequence="Assessments out of time; children left at risk.",
             controls="Agency cover; market supplement; newly qualified programme.",
             actions=(RiskActionSpec("Run the newly qualified social worker programme",
                                     "joanne.whitfield", 120, "in_progress"),
                      RiskActionSpec("Agree the market supplement with HR",
                                     "joanne.whitfield", -15, "done")),
             escalations=(EscalationSpec("outcome", "block", "Score reached 16: vacancy rate "
                          "over 25% and assessments out of time.", 16, 300,
                          "joanne.whitfield"),
                          EscalationSpec("block", "outcome", "Score down to 12 after the "
                          "market supplement; the board returns it to the outcome lead.", 12,
                          60, "joanne.whitfield"))),
    RiskSpec("Rising demand for adult social care outstrips the budget", "block",
             "michael.owen", "Council", (5, 4), (4, 4), 9, 10, outcome="HCOP 4",
             cause="More older people with complex needs; hospital discharges earlier.",
             consequence="Waiting lists for care packages; delayed transfers of care.",
             controls="Reablement first; joint commissioning with the PCT.",
             actions=(RiskActionSpec("Joint review of continuing care with the PCT",
                                     "michael.owen", 30, "in_progress"),),
             escalations=(EscalationSpec("outcome", "block", "Score reached 16; the Healthier "
                          "Communities board to oversee the joint budget response.", 16, 75,
                          "fiona.campbell"),)),
    RiskSpec("Treatment places for drug users funded only until March", "outcome",
             "nadia.hussain", "PCT", (4, 4), (3, 3), 6, 35, outcome="SSC 4",
             controls="Pooled treatment budget agreed for one more year."),
    RiskSpec("Volunteer Centre funding ends", "outcome", "lucy.ward", "CVS", (3, 3), (3, 2), 4,
             100, outcome="SSC 7", controls="Lottery bid submitted."),
    RiskSpec("Bus operator withdraws evening services", "outcome", "oliver.grant", "Council",
             (3, 4), (3, 3), 6, 25, outcome="EDE 7",
             controls="Tendered evening services for the two busiest routes."),
    RiskSpec("Delay in the new leisure centre opening", "outcome", "emma.foster", "Council",
             (3, 3), (2, 3), 4, 55, outcome="HCOP 3", status="treated"),
    # Block level.
    RiskSpec("Reduction in neighbourhood policing numbers", "partnership", "board", "Police",
             (4, 5), (4, 5), 10, 14, block=_SSC,
             cause="Police grant settlement below inflation for three years.",
             consequence="Less visible policing; anti-social behaviour and crime rise.",
             controls="Police community support officers part-funded by the Council.",
             actions=(RiskActionSpec("Joint options paper on neighbourhood teams to the PSB",
                                     "karen.lloyd", 21, "in_progress"),),
             escalations=(EscalationSpec("block", "partnership", "Score reached 20: the Safer "
                          "and Stronger board asks the PSB to lead a joint response with the "
                          "police authority.", 20, 40, "psb"),)),
    RiskSpec("Children's centres lose their funding", "block", "joanne.whitfield", "Council",
             (4, 4), (3, 4), 8, 45, block=_CYP,
             controls="Early intervention grant protected for two years."),
    RiskSpec("Primary care trust reorganisation disrupts commissioning", "block",
             "fiona.campbell", "PCT", (4, 3), (3, 3), 6, 60, block=_HCOP,
             actions=(RiskActionSpec("Map every commissioned service to its new commissioner",
                                     "hannah.lee", 30, "in_progress"),)),
    RiskSpec("Major employer closes its Anycity plant", "block", "janet.mills", "JCP", (3, 5),
             (3, 4), 9, 30, block=_EDE,
             controls="Rapid response service ready with the College and Jobcentre Plus."),
    # Partnership level (the Public Service Board).
    RiskSpec("Public sector funding reductions", "partnership", "richard.hale", "Council",
             (5, 5), (4, 5), 12, 30,
             cause="Spending review settlements for every partner fall in real terms.",
             consequence="Services and targets cut; partners withdraw from pooled budgets.",
             controls="Medium-term financial plans shared across partners; pooled budgets "
             "reviewed each year.",
             actions=(RiskActionSpec("Shared budget scenario planning across the partners",
                                     "officer", 60, "in_progress"),
                      RiskActionSpec("Review pooled budgets against PSB priorities",
                                     "richard.hale", 120, "not_started"))),
    RiskSpec("Data sharing between partners breaks down", "partnership", "officer", "Council",
             (3, 4), (2, 4), 4, -5, controls="Information sharing protocol signed by all "
             "partners; annual review."),
    RiskSpec("Pandemic flu affects staffing across the partnership", "partnership", "psb",
             "PCT", (3, 5), (2, 5), 5, 90, status="tolerated",
             controls="Business continuity plans tested each year."),
)  # fmt: skip
