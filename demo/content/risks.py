"""The demo partnership's risk register: risks at every level, a year of their reviews,
their actions and the decisions taken on their escalation.

Days are counted back from the day the demo is loaded ("today"), so whatever day that is
some reviews are overdue and the latest review of each risk is its current position. A
risk's score at each review follows the escalation route's rules: when a review takes it
to its level's threshold, it is proposed a level up and the receiving level decides
(``escalations`` and ``declined``); when the latest review does, the proposal awaits a
decision (``awaiting``). ``demo.builders.risks.check_risk_content`` holds them to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RiskActionSpec:
    description: str
    owner: str  # username
    due_days: int  # from today
    status: str  # RiskAction.Status value


@dataclass(frozen=True)
class ReviewSpec:
    days_ago: int
    likelihood: int
    impact: int
    note: str
    by: str | None = None  # username; the risk's owner when None


@dataclass(frozen=True)
class EscalationSpec:
    """A proposal the receiving level confirmed: the risk moved."""

    from_level: str
    to_level: str
    reason: str
    score: int
    days_ago: int
    decided_by: str  # username


@dataclass(frozen=True)
class DeclinedSpec:
    """A proposal the receiving level declined: the risk stayed where it was."""

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
    target_score: int
    reviews: tuple[ReviewSpec, ...]  # oldest first; the last is the current position
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
    declined: tuple[DeclinedSpec, ...] = ()
    awaiting: str | None = None  # the level the risk is proposed to, awaiting a decision

    @property
    def current(self) -> tuple[int, int]:
        last = self.reviews[-1]
        return last.likelihood, last.impact

    @property
    def home_level(self) -> str:
        """Where the risk was raised: where its first move took it from."""
        return self.escalations[0].from_level if self.escalations else self.level


_SSC, _HCOP = "safer-and-stronger-communities", "healthier-communities-and-older-people"
_CYP, _EDE = "children-and-young-people", "economic-development-and-enterprise"
R = ReviewSpec

TARGET_RISKS: tuple[RiskSpec, ...] = (
    RiskSpec("Fewer Entry to Employment places from the new contract", "outcome", "lead",
             "Council", (4, 4), 6, target="NI 117",
             cause="The new learning provider contract funds 120 fewer places.",
             consequence="More 16 and 17 year olds not in education, employment or training.",
             controls="Bid to the Working Neighbourhoods Fund; College to extend its offer.",
             reviews=(R(330, 3, 3, "New contract announced with fewer places than this year. "
                        "The College is looking at what it can add."),
                      R(240, 3, 3, "No change: the College has offered 30 places from "
                        "September."),
                      R(130, 3, 4, "Contract confirmed at 120 fewer places; the September "
                        "Guarantee offer falls short for the first time. Score now 12."),
                      R(40, 3, 4, "Now managed with the other NEET actions. College bid for "
                        "January starters is in; decision due next month.")),
             actions=(RiskActionSpec("Agree extra College places for January starters",
                                     "ian.fletcher", 45, "in_progress"),),
             escalations=(EscalationSpec("target", "outcome", "Score reached 12; the "
                          "outcome lead takes it on across all the NEET actions.", 12, 120,
                          "lead"),)),
    RiskSpec("Change of breastfeeding data collection at 6 to 8 weeks", "target", "hannah.lee",
             "PCT", (3, 3), 3, target="NI 53",
             cause="Health visiting moves to a new records system.",
             consequence="Gaps in coverage data for two quarters.",
             controls="Manual count by health visitors until the system is live.",
             reviews=(R(320, 3, 3, "New records system planned for the spring. Health "
                        "visitors agreed to count by hand until it is live."),
                      R(230, 3, 3, "Go-live moved back to the summer."),
                      R(140, 2, 3, "Manual counts match birth notifications to within 2%.",
                        by="lead"),
                      R(50, 2, 3, "System live in 10 of 16 teams; the manual count carries "
                        "on for the rest.")),
             actions=(RiskActionSpec("Check coverage returns against birth notifications",
                                     "hannah.lee", 20, "in_progress"),)),
    RiskSpec("Burglary rises in the student area at the start of term", "target", "karen.lloyd",
             "Police", (4, 3), 4, target="NI 16",
             controls="Autumn student safety campaign with the universities.",
             reviews=(R(345, 3, 3, "Burglary in the student area up by a third in the first "
                        "weeks of term; extra patrols in place."),
                      R(255, 3, 3, "Student houses fitted with alarms; burglary back to its "
                        "usual level for the time of year."),
                      R(165, 3, 3, "Quiet over the summer. Autumn campaign agreed with both "
                        "universities."),
                      R(75, 3, 3, "Campaign ran through September; no rise so far this "
                        "term.")),
             actions=(RiskActionSpec("Run the autumn student safety campaign",
                                     "dan.okoro", -20, "done"),)),
    RiskSpec("Stop smoking quitters fall as national campaigns end", "target", "nadia.hussain",
             "PCT", (3, 4), 6, target="NI 123",
             controls="Local campaign in January and February.",
             reviews=(R(335, 3, 3, "National campaign funding ends in March."),
                      R(245, 3, 3, "Quitters down 8% on last year in the first quarter."),
                      R(150, 2, 3, "Pharmacies now bringing in more quitters; the gap is "
                        "closing."),
                      R(55, 2, 3, "On track for the year if the local New Year campaign "
                        "goes ahead.")),
             actions=(RiskActionSpec("Commission a local New Year quit campaign",
                                     "nadia.hussain", 50, "not_started"),)),
    RiskSpec("Recycling falls if the food waste contract is not renewed", "target",
             "ruth.bailey", "Council", (3, 4), 4, target="NI 192",
             controls="Contract extension option for two years.",
             reviews=(R(300, 3, 3, "Food waste contract ends next year and the market has "
                        "few bidders."),
                      R(210, 2, 3, "Two-year extension option confirmed in the contract."),
                      R(120, 2, 3, "No change."),
                      R(30, 2, 3, "Contractor performing well; extension to be signed by "
                        "March."))),
    RiskSpec("Affordable housing schemes stall with the housing market", "target", "simon.hart",
             "Council", (4, 4), 8, target="NI 155",
             cause="Developers delay starts on sites with planning permission.",
             controls="Homes and Communities Agency funding switched to rented homes.",
             reviews=(R(360, 3, 3, "Two schemes delayed by their developer."),
                      R(280, 3, 3, "Agency funding moved to homes for rent; starts expected "
                        "in the autumn."),
                      R(190, 3, 3, "One scheme started; two still waiting for buyers."),
                      R(101, 3, 3, "Three sites still not started. Buying unsold new-build "
                        "homes for rent to make up the numbers.")),
             actions=(RiskActionSpec("Buy unsold new-build homes for rent",
                                     "rob.turner", 70, "in_progress"),)),
    RiskSpec("Initial assessment figures unreliable after the case system change", "target",
             "officer", "Council", (3, 4), 4, target="L 11",
             cause="Children's social care moves to a new case management system in June.",
             consequence="No trustworthy timeliness figure for a quarter or more.",
             controls="Report rebuilt and tested on last year's cases before go-live.",
             reviews=(R(300, 3, 3, "New case system goes live in June; the timeliness report "
                        "has to be rebuilt."),
                      R(210, 3, 3, "Go-live date confirmed. Report rebuilt and tested on last "
                        "year's cases."),
                      R(120, 2, 3, "First quarter's figures checked against the old system: "
                        "one assessment out.", by="joanne.whitfield"),
                      R(30, 2, 3, "Figures for the second quarter agreed with the service.")),
             actions=(RiskActionSpec("Reconcile the second quarter's assessments by hand",
                                     "officer", -10, "done"),)),
)  # fmt: skip

OUTCOME_RISKS: tuple[RiskSpec, ...] = (
    RiskSpec("Social worker vacancies delay assessments", "outcome", "joanne.whitfield",
             "Council", (5, 4), 8, outcome="CYP 6",
             cause="Shortage of experienced social workers across the region.",
             consequence="Assessments out of time; children left at risk.",
             controls="Agency cover; market supplement; newly qualified programme.",
             reviews=(R(310, 4, 4, "Vacancy rate 27%; assessments out of time in two teams. "
                        "Score now 16."),
                      R(240, 4, 4, "Agency cover in place but costly. Market supplement "
                        "proposed to HR."),
                      R(180, 4, 4, "No improvement yet; newly qualified programme starts in "
                        "September."),
                      R(70, 3, 4, "Market supplement paid since April; vacancy rate down to "
                        "18%. Score down to 12."),
                      R(20, 3, 4, "Back with the outcome lead. Caseloads now under 20 in "
                        "every team.")),
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
             "michael.owen", "Council", (5, 4), 9, outcome="HCOP 4",
             cause="More older people with complex needs; hospital discharges earlier.",
             consequence="Waiting lists for care packages; delayed transfers of care.",
             controls="Reablement first; joint commissioning with the PCT.",
             reviews=(R(350, 4, 3, "Winter pressures: 140 people waiting for a care "
                        "package."),
                      R(260, 4, 3, "Reablement is taking some demand off home care."),
                      R(170, 4, 3, "Waiting list steady at about 100."),
                      R(80, 4, 4, "Overspend forecast at £2.1m and delayed transfers rising. "
                        "Score now 16."),
                      R(15, 4, 4, "The board agreed a joint review of continuing care with "
                        "the PCT. Overspend forecast unchanged.")),
             actions=(RiskActionSpec("Joint review of continuing care with the PCT",
                                     "michael.owen", 30, "in_progress"),),
             escalations=(EscalationSpec("outcome", "block", "Score reached 16; the Healthier "
                          "Communities board to oversee the joint budget response.", 16, 75,
                          "fiona.campbell"),)),
    RiskSpec("Treatment places for drug users funded only until March", "outcome",
             "nadia.hussain", "PCT", (4, 4), 6, outcome="SSC 4",
             controls="Pooled treatment budget agreed for one more year.",
             reviews=(R(330, 3, 4, "Treatment budget confirmed only to March."),
                      R(240, 3, 3, "Partners agreed to pool the treatment budget for one "
                        "more year."),
                      R(150, 3, 3, "No change."),
                      R(60, 3, 3, "Commissioning for next year has started."))),
    RiskSpec("Refuge places lost when the Supporting People contract ends", "outcome",
             "angela.price", "Police", (4, 4), 6, outcome="SSC 2",
             cause="The refuge's contract ends in March and the retender has no provider.",
             consequence="Up to 18 refuge places close; women and children placed out of "
             "the city or left at home.",
             controls="Interim extension with the current provider; joint commissioning bid.",
             reviews=(R(320, 3, 3, "The refuge's Supporting People contract runs to March "
                        "next year."),
                      R(230, 3, 3, "Retender planned. Providers say the price is too low."),
                      R(140, 3, 4, "Only one bid received; 12 of the 18 places at risk."),
                      R(25, 4, 4, "The only bidder has withdrawn. Without a provider from "
                        "April all 18 places close. Score now 16.")),
             actions=(RiskActionSpec("Agree an interim extension with the current provider",
                                     "angela.price", 30, "in_progress"),
                      RiskActionSpec("Joint commissioning bid with the PCT and Probation",
                                     "karen.lloyd", 75, "not_started")),
             awaiting="block"),
    RiskSpec("Volunteer Centre funding ends", "outcome", "lucy.ward", "CVS", (3, 3), 4,
             outcome="SSC 7", controls="Lottery bid submitted.",
             reviews=(R(360, 3, 3, "Council grant to the Volunteer Centre ends next March."),
                      R(280, 3, 3, "Lottery bid being written."),
                      R(190, 3, 2, "Lottery bid submitted. The council has bridged three "
                        "months."),
                      R(100, 3, 2, "No decision yet from the Lottery."))),
    RiskSpec("Bus operator withdraws evening services", "outcome", "oliver.grant", "Council",
             (3, 4), 6, outcome="EDE 7",
             controls="Tendered evening services for the two busiest routes.",
             reviews=(R(320, 3, 4, "Operator consulting on ending evening buses on four "
                        "routes."),
                      R(230, 3, 3, "Council to tender evening services on the two busiest "
                        "routes."),
                      R(140, 3, 3, "Tendered services running."),
                      R(50, 3, 3, "Operator has confirmed its timetable to next "
                        "September."))),
    RiskSpec("Delay in the new leisure centre opening", "outcome", "emma.foster", "Council",
             (3, 3), 4, outcome="HCOP 3", status="treated",
             reviews=(R(330, 3, 3, "Contractor six weeks behind."),
                      R(240, 3, 3, "Still behind; penalty clause invoked."),
                      R(150, 2, 3, "Contractor back on programme; opening in the spring."),
                      R(60, 2, 3, "Handover date agreed.")),),
)  # fmt: skip

BLOCK_RISKS: tuple[RiskSpec, ...] = (
    RiskSpec("Reduction in neighbourhood policing numbers", "partnership", "board", "Police",
             (4, 5), 10, block=_SSC,
             cause="Police grant settlement below inflation for three years.",
             consequence="Less visible policing; anti-social behaviour and crime rise.",
             controls="Police community support officers part-funded by the Council.",
             reviews=(R(335, 4, 4, "Police grant below inflation again; 20 community support "
                        "officer posts at risk."),
                      R(270, 4, 4, "Council part-funding 10 of the posts for one more year."),
                      R(205, 4, 4, "No change."),
                      R(140, 4, 4, "Police authority consulting on its budget."),
                      R(50, 4, 5, "The police authority's budget takes 45 neighbourhood "
                        "officers out from April. Score now 20."),
                      R(12, 4, 5, "The PSB asked for a joint options paper on neighbourhood "
                        "teams for its next meeting.")),
             actions=(RiskActionSpec("Joint options paper on neighbourhood teams to the PSB",
                                     "karen.lloyd", 21, "in_progress"),),
             escalations=(EscalationSpec("block", "partnership", "Score reached 20: the Safer "
                          "and Stronger board asks the PSB to lead a joint response with the "
                          "police authority.", 20, 40, "psb"),)),
    RiskSpec("Children's centres lose their funding", "block", "joanne.whitfield", "Council",
             (4, 5), 8, block=_CYP,
             cause="The early intervention grant is cut and no longer ring-fenced.",
             consequence="Centres close; health visiting and midwifery clinics lose their "
             "venues in the most deprived areas.",
             controls="Early intervention grant protected for two years.",
             reviews=(R(330, 3, 4, "Early intervention grant protected for two years."),
                      R(270, 3, 4, "No change."),
                      R(210, 3, 4, "Government consulting on folding the grant into the "
                        "general grant."),
                      R(150, 4, 4, "The grant is cut by a quarter from April; four centres' "
                        "funding not secured."),
                      R(90, 4, 4, "Council budget proposals close four centres unless "
                        "partners contribute."),
                      R(28, 4, 5, "The council's budget consultation proposes closing six "
                        "of the sixteen centres. Score now 20.")),
             actions=(RiskActionSpec("Ask each partner what it could fund in the centres",
                                     "joanne.whitfield", 20, "in_progress"),
                      RiskActionSpec("Map the health services run from each centre",
                                     "hannah.lee", 40, "not_started")),
             awaiting="partnership"),
    RiskSpec("Primary care trust reorganisation disrupts commissioning", "block",
             "fiona.campbell", "PCT", (4, 3), 6, block=_HCOP,
             reviews=(R(310, 4, 3, "New commissioning structure announced; several "
                        "contracts have no named commissioner."),
                      R(250, 3, 3, "Commissioners named for most services."),
                      R(190, 3, 3, "No change."),
                      R(130, 3, 3, "Mental health and carers' services still to be "
                        "placed."),
                      R(70, 3, 3, "Carers' services placed; mental health still waiting.")),
             actions=(RiskActionSpec("Map every commissioned service to its new commissioner",
                                     "hannah.lee", 30, "in_progress"),)),
    RiskSpec("Major employer closes its Anycity plant", "block", "janet.mills", "JCP", (3, 5),
             9, block=_EDE,
             controls="Rapid response service ready with the College and Jobcentre Plus.",
             reviews=(R(340, 3, 4, "The parent company is reviewing its plants in the UK."),
                      R(280, 3, 4, "No news from the review."),
                      R(220, 4, 5, "The parent company is consulting on closing the plant: "
                        "650 jobs. Score now 20."),
                      R(160, 4, 4, "Consultation extended while the company looks for a "
                        "buyer."),
                      R(100, 3, 4, "A buyer is in talks that would keep 400 jobs."),
                      R(40, 3, 4, "Sale agreed in principle. Rapid response ready for the "
                        "250 jobs that go.")),
             declined=(DeclinedSpec("partnership", "The Economic Development board has the "
                       "rapid response plan in hand with Jobcentre Plus and the College. The "
                       "PSB will not take the risk on, but asks the board to report on it at "
                       "each meeting.", 20, 212, "psb"),)),
)  # fmt: skip

PARTNERSHIP_RISKS: tuple[RiskSpec, ...] = (
    RiskSpec("Public sector funding reductions", "partnership", "richard.hale", "Council",
             (5, 5), 12,
             cause="Spending review settlements for every partner fall in real terms.",
             consequence="Services and targets cut; partners withdraw from pooled budgets.",
             controls="Medium-term financial plans shared across partners; pooled budgets "
             "reviewed each year.",
             reviews=(R(330, 4, 5, "Every partner expects a real-terms cut next year."),
                      R(240, 4, 5, "Finance directors to share their medium-term plans."),
                      R(150, 4, 5, "Plans shared; pooled budgets to be reviewed in the "
                        "autumn."),
                      R(60, 4, 5, "Spending review date announced."),
                      R(20, 4, 5, "Settlement figures due next month. Scenario planning "
                        "under way across the partners.")),
             actions=(RiskActionSpec("Shared budget scenario planning across the partners",
                                     "officer", 60, "in_progress"),
                      RiskActionSpec("Review pooled budgets against PSB priorities",
                                     "richard.hale", 120, "not_started"))),
    RiskSpec("Data sharing between partners breaks down", "partnership", "officer", "Council",
             (3, 4), 4, controls="Information sharing protocol signed by all partners; "
             "annual review.",
             reviews=(R(320, 3, 4, "Two partners have not signed the information sharing "
                        "protocol."),
                      R(230, 2, 4, "Protocol signed by all ten partners."),
                      R(140, 2, 4, "No change."),
                      R(35, 2, 4, "Annual review of the protocol due; the Police and PCT "
                        "data leads are to meet."))),
    RiskSpec("Quarterly returns late or incomplete", "partnership", "officer", "Council",
             (3, 3), 4,
             consequence="The PSB and the boards see an out-of-date picture of performance.",
             controls="Reminders and chasing from the system; late returns reported to the "
             "PSB.",
             reviews=(R(300, 3, 3, "Two partners missed the deadline for the first "
                        "quarter's return."),
                      R(210, 3, 3, "Reminders now sent by the system; one return late."),
                      R(120, 2, 3, "Every return in on time."),
                      R(15, 3, 3, "Three returns late this round after changes in the "
                        "Police performance team. Chased daily."))),
    RiskSpec("Pandemic flu affects staffing across the partnership", "partnership", "psb",
             "PCT", (3, 5), 5, status="tolerated",
             controls="Business continuity plans tested each year.",
             reviews=(R(300, 3, 5, "National planning assumptions updated."),
                      R(210, 2, 5, "Business continuity plans tested by every partner."),
                      R(120, 2, 5, "No change."),
                      R(25, 2, 5, "Joint exercise planned for February."))),
)  # fmt: skip

RISKS: tuple[RiskSpec, ...] = TARGET_RISKS + OUTCOME_RISKS + BLOCK_RISKS + PARTNERSHIP_RISKS
