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
