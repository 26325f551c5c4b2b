"""Partners, places and people of the demo partnership."""

from __future__ import annotations

from dataclasses import dataclass, field

PARTNERSHIP_AREA_CODE = "E08999001"
ENGLAND_CODE = "E92000001"
PASSWORD = "partnership"
EMAIL_DOMAIN = "anycity.example"


@dataclass(frozen=True)
class OrganisationSpec:
    short_name: str
    name: str
    kind: str  # Organisation.Kind value


ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec("Council", "Anycity City Council", "council"),
    OrganisationSpec("Police", "Anyshire Police", "police"),
    OrganisationSpec("PCT", "Anycity Primary Care Trust", "health"),
    OrganisationSpec("Fire", "Anyshire Fire and Rescue Service", "fire"),
    OrganisationSpec("Probation", "Anyshire Probation Trust", "probation"),
    OrganisationSpec("CVS", "Anycity Council for Voluntary Service", "voluntary"),
    OrganisationSpec("Chamber", "Anycity Chamber of Commerce", "business"),
    OrganisationSpec("Homes", "Anycity Homes Housing Association", "housing"),
    OrganisationSpec("College", "Anycity College", "education"),
    OrganisationSpec("JCP", "Jobcentre Plus Anycity District", "other"),
)


@dataclass(frozen=True)
class AreaSpec:
    code: str
    name: str
    kind: str  # Area.Kind value
    parent: str | None = None  # code of the parent area
    # How the area compares with Anycity on a typical indicator: 1.0 is the same level,
    # above 1 a higher figure (better or worse depending on the indicator's polarity).
    factor: float = 1.0


REGION_CODE = "E12999001"

# Parents first: a child's parent must exist when the child is created.
AREAS: tuple[AreaSpec, ...] = (
    AreaSpec(ENGLAND_CODE, "England", "england", factor=0.93),
    AreaSpec(REGION_CODE, "North Midlands", "region", ENGLAND_CODE, factor=0.98),
    AreaSpec(PARTNERSHIP_AREA_CODE, "Anycity", "partnership", REGION_CODE),
    AreaSpec("E05999101", "Anycity North Area Committee", "sub_area", PARTNERSHIP_AREA_CODE,
             factor=1.08),
    AreaSpec("E05999102", "Anycity South Area Committee", "sub_area", PARTNERSHIP_AREA_CODE,
             factor=0.88),
    AreaSpec("E05999103", "Anycity East Area Committee", "sub_area", PARTNERSHIP_AREA_CODE,
             factor=1.03),
    AreaSpec("E05999104", "Anycity West and Central Area Committee", "sub_area",
             PARTNERSHIP_AREA_CODE, factor=0.96),
    AreaSpec("E08999002", "Northbridge", "comparator", REGION_CODE, factor=1.06),
    AreaSpec("E08999003", "Eastport", "comparator", REGION_CODE, factor=0.95),
    AreaSpec("E08999004", "Westhampton", "comparator", REGION_CODE, factor=1.02),
    AreaSpec("E08999005", "Southmoor", "comparator", REGION_CODE, factor=0.9),
    AreaSpec("E08999006", "Kingsford", "comparator", REGION_CODE, factor=1.1),
    AreaSpec("E08999007", "Riverton", "comparator", REGION_CODE, factor=0.97),
    AreaSpec("E08999008", "Ashbury", "comparator", REGION_CODE, factor=0.88),
    AreaSpec("E08999009", "Millbrook", "comparator", REGION_CODE, factor=1.04),
)  # fmt: skip


@dataclass(frozen=True)
class RoleSpec:
    role: str  # Role value
    block: str | None = None  # block slug
    outcome: str | None = None  # outcome code
    indicator: str | None = None  # indicator code
    organisation: str | None = None  # organisation short name


@dataclass(frozen=True)
class PersonSpec:
    username: str
    first_name: str
    last_name: str
    organisation: str  # short name
    job_title: str
    roles: tuple[RoleSpec, ...] = ()
    is_superuser: bool = False
    # Outcome codes this person leads: they become Outcome.lead_person and get the
    # outcome lead role for each.
    leads: tuple[str, ...] = field(default=())


ADMIN = "admin"
OFFICER = "officer"
LEAD = "lead"

# The six demo logins of the design (section 4), then the other people of the partnership.
PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec("admin", "Alex", "Morgan", "Council", "Systems Administrator",
               (RoleSpec("administrator"),), is_superuser=True),
    PersonSpec("officer", "Priya", "Shah", "Council", "Partnership Performance Manager",
               (RoleSpec("performance_officer"),)),
    PersonSpec("lead", "Sam", "Hughes", "Council", "Head of Early Help and Prevention",
               leads=("CYP 1", "CYP 3")),
    PersonSpec("board", "Chris", "Evans", "Police", "Chief Superintendent, Anycity Division",
               (RoleSpec("board_member", block="safer-and-stronger-communities"),)),
    PersonSpec("psb", "Helen", "Carter", "PCT", "Chief Executive",
               (RoleSpec("psb_member"),)),
    PersonSpec("scrutiny", "Jo", "Bennett", "Council",
               "Councillor, Chair of the Overview and Scrutiny Committee",
               (RoleSpec("scrutiny"),)),
    # Outcome leads.
    PersonSpec("mark.davies", "Mark", "Davies", "Council", "Head of Welfare Rights",
               leads=("CYP 2",)),
    PersonSpec("fiona.campbell", "Fiona", "Campbell", "PCT", "Director of Public Health",
               (RoleSpec("board_member", block="healthier-communities-and-older-people"),),
               leads=("CYP 4", "HCOP 1")),
    PersonSpec("tom.barker", "Tom", "Barker", "Council", "Head of Youth Offending Service",
               leads=("CYP 5",)),
    PersonSpec("joanne.whitfield", "Joanne", "Whitfield", "Council",
               "Assistant Director, Children's Social Care",
               (RoleSpec("board_member", block="children-and-young-people"),),
               leads=("CYP 6",)),
    PersonSpec("david.okafor", "David", "Okafor", "Council", "Head of School Improvement",
               leads=("CYP 7", "CYP 8")),
    PersonSpec("karen.lloyd", "Karen", "Lloyd", "Police", "Superintendent, Community Safety",
               leads=("SSC 1", "SSC 5")),
    PersonSpec("angela.price", "Angela", "Price", "Police",
               "Detective Inspector, Public Protection", leads=("SSC 2",)),
    PersonSpec("gareth.jones", "Gareth", "Jones", "Probation", "Assistant Chief Officer",
               leads=("SSC 3",)),
    PersonSpec("nadia.hussain", "Nadia", "Hussain", "PCT",
               "Commissioning Manager, Substance Misuse and Tobacco",
               leads=("SSC 4", "HCOP 2")),
    PersonSpec("paul.reid", "Paul", "Reid", "Council",
               "Head of Communities and Neighbourhoods", leads=("SSC 6",)),
    PersonSpec("lucy.ward", "Lucy", "Ward", "CVS", "Chief Executive", leads=("SSC 7",)),
    PersonSpec("steve.collins", "Steve", "Collins", "Fire", "Group Manager, Community Safety",
               leads=("SSC 8",)),
    PersonSpec("emma.foster", "Emma", "Foster", "Council", "Head of Sport and Leisure",
               leads=("HCOP 3",)),
    PersonSpec("michael.owen", "Michael", "Owen", "Council",
               "Assistant Director, Adult Social Care", leads=("HCOP 4", "HCOP 5")),
    PersonSpec("sarah.kaur", "Sarah", "Kaur", "PCT", "Head of Mental Health Commissioning",
               leads=("HCOP 6",)),
    PersonSpec("rob.turner", "Rob", "Turner", "Homes", "Director of Housing Services",
               leads=("HCOP 7",)),
    PersonSpec("janet.mills", "Janet", "Mills", "JCP", "District Manager",
               (RoleSpec("board_member", block="economic-development-and-enterprise"),),
               leads=("EDE 1",)),
    PersonSpec("ian.fletcher", "Ian", "Fletcher", "College", "Vice Principal, Curriculum",
               leads=("EDE 2",)),
    PersonSpec("claire.dawson", "Claire", "Dawson", "Chamber", "Chief Executive",
               leads=("EDE 3",)),
    PersonSpec("simon.hart", "Simon", "Hart", "Council", "Head of Housing Strategy",
               leads=("EDE 4",)),
    PersonSpec("ruth.bailey", "Ruth", "Bailey", "Council", "Head of Environmental Services",
               leads=("EDE 5",)),
    PersonSpec("oliver.grant", "Oliver", "Grant", "Council", "City Centre Manager",
               leads=("EDE 6", "EDE 7")),
    # Performance officers of two partners, for their own organisation only.
    PersonSpec("dan.okoro", "Dan", "Okoro", "Police", "Performance Analyst",
               (RoleSpec("performance_officer", organisation="Police"),
                RoleSpec("indicator_lead", indicator="NI 15"),
                RoleSpec("indicator_lead", indicator="NI 16"))),
    PersonSpec("hannah.lee", "Hannah", "Lee", "PCT", "Information Analyst",
               (RoleSpec("performance_officer", organisation="PCT"),
                RoleSpec("indicator_lead", indicator="NI 53"))),
    # Another member of the Public Service Board.
    PersonSpec("richard.hale", "Richard", "Hale", "Council", "Chief Executive",
               (RoleSpec("psb_member"),)),
)  # fmt: skip

DEMO_LOGINS = ("admin", "officer", "lead", "board", "psb", "scrutiny")


def email_of(username: str) -> str:
    return f"{username}@{EMAIL_DOMAIN}"
