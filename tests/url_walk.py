"""What the URL matrix walks: every URL pattern of the project, the people who ask, and the
demo with one draft value in it (see ``tests/test_url_matrix.py``)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.text import slugify
from openpyxl import load_workbook

from accounts.tokens import make_token
from indicators.enums import Unit
from indicators.imports.services import import_preview
from partnership.models import Block, FundingStream, Organisation, Role
from reporting.exception_reports.services import exception_report_send
from reporting.models import QuarterlyReturn
from reporting.packs.services.build import pack_build
from reporting.packs.services.requests import pack_request
from reporting.returns.selectors.common import indicators_collected
from reporting.returns.services.drafts import Commentary, ValueEntry, return_save
from reporting.scorecard.selectors.rows import Scope
from risks.models import EscalationProposal, Risk
from targets.framework_import.selectors import template_workbook
from targets.framework_import.services import framework_import_preview
from tests import factories as f

TODAY = date(2026, 11, 21)  # the round for Q2 2026-27 is open (as tests/demo/test_load_demo)
DRAFT_OUTCOMES = ("CYP 1", "CYP 3")  # led by the demo's ``lead``, at the council
DRAFT_VALUE = Decimal("98765")  # a count: a whole number
# Every way a page, file or API could write it: 98765, 98,765, 98765.000000, 98,765.0
DRAFT_SHOWN = re.compile(r"98,?765")

# The people who ask, by the name the table gives them; ``anonymous`` is not signed in.
# ``lead_org_officer`` and ``nobody`` are added to the demo; ``board`` also sits on the
# board of the draft's block (Children and Young People), so its board view is walked.
USERNAMES = {
    "nobody": "nobody",  # signed in, with no role
    "lead": "lead",  # outcome lead of CYP 1 and CYP 3, at the council
    "lead_org_officer": "council.analyst",  # performance officer for the council only
    "officer": "officer",  # the performance team
    "admin": "admin",  # administrator (staff, superuser)
    "board": "board",  # partnership board member, at the police
    "psb": "psb",  # Public Service Board member, at the PCT
    "scrutiny": "scrutiny",  # scrutiny, at the council: reads, sees no drafts
    "other_lead": "karen.lloyd",  # an outcome lead at the police
    "other_officer": "dan.okoro",  # performance officer for the police only
}
ROLES = ("anonymous", *USERNAMES)
DRAFT_READERS = frozenset({"lead", "lead_org_officer", "officer", "admin"})


# --------------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class Route:
    """One URL pattern: its key in the table, the name to reverse and what it takes."""

    key: str
    name: str | None
    route: str
    params: frozenset[str]
    positional: int

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("/admin/")


def _walk(resolver: URLResolver, prefix: str, namespace: str) -> list[Route]:
    routes = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes += _walk(entry, prefix + str(entry.pattern), inner)
            continue
        assert isinstance(entry, URLPattern)
        regex = entry.pattern.regex
        params = frozenset(regex.groupindex)
        name = f"{namespace}{entry.name}" if entry.name else None
        route = prefix + str(entry.pattern)
        key = name or route
        if "format" in params:  # Django REST framework's .json twin of a pattern
            key += ".<format>"
        positional = regex.groups - len(params)
        routes.append(Route(key, name, route, params - {"format"}, positional))
    return routes


def all_routes() -> list[Route]:
    return _walk(get_resolver(), "/", "")


def address(route: Route, kwargs: dict[str, Any]) -> str:
    """The address of ``route`` with ``kwargs`` (and ``format=json`` for a .json twin)."""
    assert set(kwargs) == route.params, (route.key, sorted(kwargs), sorted(route.params))
    if route.name is None:  # the admin's catch-all
        return route.route.split("(")[0] + "no-such-page/"
    if route.key.endswith(".<format>"):
        kwargs = {**kwargs, "format": "json"}
    args = ["1"] * route.positional
    return reverse(route.name, args=args) if args else reverse(route.name, kwargs=kwargs)


# -------------------------------------------------------------------------- responses


def response_text(response: Any) -> str:
    """What a person reads in a response: a page's text, or a workbook's cell values."""
    body = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if body[:2] == b"PK":  # an .xlsx workbook
        return _cell_values(body)
    return body.decode("utf-8", errors="replace")


@functools.lru_cache(maxsize=8)
def _cell_values(workbook: bytes) -> str:
    """Every cell's value (the same pack is read by several roles: read once)."""
    book = load_workbook(BytesIO(workbook), read_only=True)
    cells = (c for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for c in row if c is not None)  # fmt: skip
    return "\n".join(str(c) for c in cells)


def shows_draft(response: Any) -> bool:
    return bool(DRAFT_SHOWN.search(response_text(response)))


# ------------------------------------------------------------------------------ data


@dataclass(frozen=True)
class Site:
    users: dict[str, Any]  # role → user
    objects: dict[str, dict[str, Any]]  # object key of the table → the pattern's kwargs
    draft_return: QuarterlyReturn
    draft_pages: tuple[str, ...]  # more addresses that could show the draft


def _people() -> dict[str, Any]:
    council = Organisation.objects.get(short_name="Council")
    f.UserFactory(username="nobody")
    analyst = f.UserFactory(username="council.analyst", organisation=council)
    f.assign(analyst, Role.PERFORMANCE_OFFICER, organisation=council)
    users = get_user_model().objects.in_bulk(list(USERNAMES.values()), field_name="username")
    f.assign(users["board"], Role.BOARD_MEMBER,
             block=Block.objects.get(slug="children-and-young-people"))  # fmt: skip
    return {role: users[username] for role, username in USERNAMES.items()}


def _draft(users: dict[str, Any]) -> tuple[QuarterlyReturn, Any]:
    """The lead saves their return as a draft with ``DRAFT_VALUE`` for an indicator that
    may hold it (not a percentage)."""
    for qr in QuarterlyReturn.objects.filter(
        outcome__code__in=DRAFT_OUTCOMES, round__state="open"
    ).order_by("outcome__code"):
        collected = indicators_collected(outcome_id=qr.outcome_id, period=qr.round.period)
        counts = [i for i in collected if i.unit in (Unit.NUMBER, Unit.MONEY, Unit.RATE)]
        if counts:
            break
    entry = ValueEntry(
        counts[0].pk, DRAFT_VALUE, note="Checked twice: a new way of counting.", confirmed=True
    )
    return_save(quarterly_return=qr, version=qr.version, values=[entry],
                commentary=Commentary(), actor=users["lead"])  # fmt: skip
    qr.refresh_from_db()
    return qr, counts[0]


def _risk(lead: Any, people: list[Any]) -> Risk:
    """A risk on a target of the lead's outcomes, with actions, owned by no one who asks."""
    risks = Risk.objects.filter(actions__isnull=False).exclude(owner__in=people)
    return risks.filter(target__indicator__primary_outcome__lead_person=lead).order_by("pk")[0]


def build_site() -> Site:
    """The demo as at ``TODAY``, its people, a draft, and one of every object a page names."""
    call_command("load_demo", today=TODAY.isoformat(), stdout=StringIO())
    users = _people()
    qr, indicator = _draft(users)
    value = indicator.values.get(period=qr.round.period, is_approved=False)
    period = qr.round.period
    risk = _risk(users["lead"], list(users.values()))
    proposal = EscalationProposal.objects.filter(status="pending").order_by("pk").first()
    token, _ = make_token(user=users["lead"], name="Matrix")
    csv = f"Indicator,Area,Period,Value\n{indicator.code},E08999001,2026-27-Q2,11\n"
    imported = import_preview(
        content=csv.encode(), file_name="values.csv", actor=users["officer"]
    ).record
    # Built here: the request's job waits for a commit that this rolled-back data never makes.
    pack = pack_request(user=users["officer"], period=period, scope=Scope())
    other_pack = pack_request(user=users["other_officer"], period=period, scope=Scope())
    for each in (pack, other_pack):
        pack_build(pack_id=each.pk, notify=False)
    report = exception_report_send(period=period, today=TODAY)
    framework = framework_import_preview(
        content=template_workbook(filled=True), file_name="framework.xlsx", actor=users["officer"]
    ).record
    outcome = indicator.primary_outcome  # the draft's, led by ``lead``
    objects = {
        "none": {},
        "return": {"pk": qr.pk},
        "return_indicator": {"pk": qr.pk, "indicator_id": indicator.pk},
        "round": {"pk": qr.round_id},
        "risk": {"pk": risk.pk},
        "risk_action": {"pk": risk.pk, "action_pk": risk.actions.order_by("pk").first().pk},
        "proposal": {"pk": proposal.risk_id, "proposal_pk": proposal.pk},
        "block": {"slug": indicator.primary_outcome.block.slug},
        "indicator": {"slug": indicator.slug},
        "api_indicator": {"slug": indicator.slug},
        "value": {"pk": value.pk},
        "token": {"pk": token.pk},
        "import": {"pk": imported.pk},
        "pack": {"pk": pack.pk},
        "report": {"code": report.period.code},
        "reset": {"uidb64": "MQ", "token": "set-password"},
        "stream": {"pk": FundingStream.objects.order_by("pk").first().pk},
        "outcome": {"slug": slugify(outcome.code)},
        "plan_action": {"slug": slugify(outcome.code), "pk": outcome.actions.order_by("pk")[0].pk},
        "framework_import": {"pk": framework.pk},
    }
    slug, code = objects["block"]["slug"], period.code
    draft_pages = (
        f"/exceptions/?period={code}",
        f"/blocks/{slug}/?period={code}",
        f"/returns/?round={code}",
        f"/returns/?round={code}&state=draft",
        f"/api/values/?indicator={indicator.code}",
        f"/api/values/?period={code}",
        f"/packs/{other_pack.pk}/download/",  # the police officer's own pack
    )
    return Site(users=users, objects=objects, draft_return=qr, draft_pages=draft_pages)
