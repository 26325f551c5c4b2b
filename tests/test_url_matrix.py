"""Every URL pattern of the project, asked for by anonymous and by every role: the status
each gets, and no draft value shown to anyone outside the lead's organisation and the
performance team.

``MATRIX`` has one row per URL pattern (a new pattern without a row fails
``test_every_pattern_has_a_row``, and a row naming a pattern that is gone fails too): the
object its address names (an id of the demo, see ``tests/url_walk.py``) and the status
each role gets for a GET. A pattern that only takes a POST answers a GET with 405, and
its row gives the status of a POST (``post=``) for each role refused; a POST is never
made for a role that may, so nothing is changed. For every other pattern, a role refused
the GET is refused a POST too (sent to sign in, 401, 403, 404, or 405 from a page that
takes no POST; never a redirect once signed in).

The admin's own patterns (every model's list, add, change, delete and history pages) are
one rule, not a row each: anyone not staff is sent to the admin's sign-in (302) from every
one of them, and the administrator opens its index, every app and every list and add page
(200; 403 for an add page the model's admin refuses).
``tests/test_admin.py`` opens each model's change, delete and history pages for real
objects.

The demo is loaded once for the module, as at ``TODAY``, and the lead saves a draft
with ``DRAFT_VALUE`` in their return. Every response to a role outside ``DRAFT_READERS``
is searched for it (workbooks by their cells), and it is shown to the lead, so the search
is not vacuous.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client, RequestFactory

from tests.url_walk import DRAFT_READERS, ROLES, Route, Site, address, all_routes, build_site
from tests.url_walk import shows_draft as draft_in

# --------------------------------------------------------------------------- the table


def by_role(default: int, **statuses: int) -> dict[str, int]:
    """A status for each role: ``default`` unless named."""
    assert set(statuses) <= set(ROLES), sorted(set(statuses) - set(ROLES))
    return {role: statuses.get(role, default) for role in ROLES}


OK = 200
ALLOWED = 0  # in a POST profile: a role that may, never posted (nothing is changed)
DRAFT_SEERS = dict.fromkeys(sorted(DRAFT_READERS), OK)
DRAFT_EDITORS = dict.fromkeys(sorted(DRAFT_READERS), ALLOWED)
ANYONE = by_role(OK)
SIGNED_IN = by_role(OK, anonymous=302)
WITH_A_ROLE = by_role(OK, anonymous=302, nobody=403)
TEAM_ONLY = by_role(403, anonymous=302, officer=OK, admin=OK)  # the performance team
TEAM_ONLY_404 = by_role(403, anonymous=302, nobody=404, officer=OK, admin=OK)
TEAM_POST = by_role(403, anonymous=302, officer=ALLOWED, admin=ALLOWED)
OFFICERS = by_role(403, anonymous=302, lead_org_officer=OK, officer=OK, admin=OK, other_officer=OK)
OFFICERS_POST = by_role(
    403, anonymous=302, lead_org_officer=ALLOWED, officer=ALLOWED, admin=ALLOWED,
    other_officer=ALLOWED,
)  # fmt: skip
REPORT_READERS = by_role(
    403, anonymous=302, lead_org_officer=OK, officer=OK, admin=OK, psb=OK, other_officer=OK
)
# A pattern that takes only a POST: 405 to a GET once signed in.
POST_ONLY = by_role(405, anonymous=302)
# The API answers 401 with no credentials (it takes a token) and only reads.
API = by_role(OK, anonymous=401, nobody=403)
API_POST = by_role(405, anonymous=401, nobody=403)
VALUE_DETAIL = by_role(404, anonymous=401, nobody=403, **DRAFT_SEERS)  # the draft value
PLAN_EDITORS = by_role(403, anonymous=302, lead=OK, lead_org_officer=OK, officer=OK, admin=OK)
PLAN_EDITORS_POST = by_role(
    403, anonymous=302, lead=ALLOWED, lead_org_officer=ALLOWED, officer=ALLOWED, admin=ALLOWED
)
VALUES_POST = by_role(403, anonymous=401, officer=ALLOWED, admin=ALLOWED)
TOKEN_POST = by_role(404, anonymous=302, nobody=403, lead=ALLOWED)  # the token is the lead's
# The risk is on a target of the lead's outcome, owned by none of these: 404 with no role.
RISK_ADDERS = by_role(OK, anonymous=302, nobody=403, lead_org_officer=403, scrutiny=403)
RISK_KEEPERS = by_role(403, anonymous=302, nobody=404, lead=OK, officer=OK, admin=OK)
RISK_KEEPERS_POST = by_role(
    403, anonymous=302, nobody=404, lead=ALLOWED, officer=ALLOWED, admin=ALLOWED
)
# The proposal is to the board of a block the board member sits on.
DECIDERS_POST = by_role(
    403, anonymous=302, nobody=404, officer=ALLOWED, admin=ALLOWED, board=ALLOWED
)
# The lead's draft return: not found for anyone who may not see it; the lead cannot review it.
DRAFT_RETURN = by_role(404, anonymous=302, **DRAFT_SEERS)
EDITORS_POST = by_role(404, anonymous=302, **DRAFT_EDITORS)
REVIEW_POST = by_role(
    404, anonymous=302, lead=403, lead_org_officer=ALLOWED, officer=ALLOWED, admin=ALLOWED
)


class Row:
    def __init__(self, objects: str, get: dict[str, int], post: dict[str, int] | None = None):
        self.objects, self.get, self.post = objects, get, post


# pattern name: Row(object its address names, GET status by role[, POST status by role])
MATRIX: dict[str, Row] = {
    # Django's sign-in and password pages, and the account
    "login": Row("none", ANYONE),
    "logout": Row("none", by_role(405), post=by_role(ALLOWED)),
    "password_change": Row("none", SIGNED_IN),
    "password_change_done": Row("none", SIGNED_IN),
    "password_reset": Row("none", ANYONE),
    "password_reset_done": Row("none", ANYONE),
    "password_reset_confirm": Row("reset", ANYONE),
    "password_reset_complete": Row("none", ANYONE),
    "account": Row("none", SIGNED_IN),
    "sign_out_everywhere_else": Row("none", POST_ONLY, post=by_role(ALLOWED, anonymous=302)),
    "api_tokens": Row("none", WITH_A_ROLE),
    "revoke_api_token": Row("token", POST_ONLY, post=TOKEN_POST),
    # the API (the draft is a value of the indicator named); it reads only: 405 to a POST
    "schema": Row("none", API, post=API_POST),
    "api-docs": Row("none", API, post=API_POST),
    "api-root": Row("none", API, post=API_POST),
    "api-root.<format>": Row("none", API, post=API_POST),
    "indicator-list": Row("none", API, post=API_POST),
    "indicator-list.<format>": Row("none", API, post=API_POST),
    "indicator-detail": Row("api_indicator", API, post=API_POST),
    "indicator-detail.<format>": Row("api_indicator", API, post=API_POST),
    # the performance team posts values (answered 400 for an empty post, never posted here)
    "value-list": Row("none", API, post=VALUES_POST),
    "value-list.<format>": Row("none", API, post=VALUES_POST),
    "value-detail": Row("value", VALUE_DETAIL, post=API_POST),
    "value-detail.<format>": Row("value", VALUE_DETAIL, post=API_POST),
    # importing values
    "value_import": Row("none", TEAM_ONLY),
    "value_imports": Row("none", TEAM_ONLY),
    "value_import_detail": Row("import", TEAM_ONLY),
    "value_import_save": Row("import", POST_ONLY, post=TEAM_POST),
    "value_import_area": Row("import", POST_ONLY, post=TEAM_POST),
    "values_export": Row("none", WITH_A_ROLE),  # approved values only
    # importing the framework
    "framework_import": Row("none", TEAM_ONLY),
    "framework_imports": Row("none", TEAM_ONLY),
    "framework_template": Row("none", TEAM_ONLY),
    "framework_import_detail": Row("framework_import", TEAM_ONLY),
    "framework_import_save": Row("framework_import", POST_ONLY, post=TEAM_POST),
    # delivery plans: the draft's outcome, led by ``lead`` at the council
    "outcome_plan": Row("outcome", WITH_A_ROLE),
    "plan_edit": Row("outcome", PLAN_EDITORS),
    "action_add": Row("outcome", PLAN_EDITORS),
    "action_edit": Row("plan_action", PLAN_EDITORS),
    "action_complete": Row("plan_action", POST_ONLY, post=PLAN_EDITORS_POST),
    # funding streams
    "funding": Row("none", WITH_A_ROLE),
    "funding_stream": Row("stream", WITH_A_ROLE),
    "funding_stream_new": Row("none", TEAM_ONLY),
    "funding_stream_edit": Row("stream", TEAM_ONLY),
    # the public pages: no sign-in, approved values of published indicators only
    "public:home": Row("none", ANYONE),
    "public:indicator": Row("indicator", ANYONE),
    "public:data_csv": Row("none", ANYONE),
    "public:data_json": Row("none", ANYONE),
    "public:feed": Row("none", ANYONE),
    "public:manage": Row("none", TEAM_ONLY),
    "public:manage_indicator": Row("indicator", POST_ONLY, post=TEAM_POST),
    # risks
    "risks": Row("none", WITH_A_ROLE),
    "risks_csv": Row("none", WITH_A_ROLE),
    "risk_new": Row("none", RISK_ADDERS),
    "risk_detail": Row("risk", by_role(OK, anonymous=302, nobody=404)),
    "risk_edit": Row("risk", RISK_KEEPERS),
    "risk_review": Row("risk", RISK_KEEPERS),
    "risk_action_new": Row("risk", RISK_KEEPERS),
    "risk_action_edit": Row("risk_action", RISK_KEEPERS),
    "risk_action_done": Row("risk_action", POST_ONLY, post=RISK_KEEPERS_POST),
    "risks_proposed": Row("none", WITH_A_ROLE),
    "proposal_decide": Row("proposal", POST_ONLY, post=DECIDERS_POST),
    # the start page, returns and rounds (the return is the lead's draft)
    "start": Row("none", SIGNED_IN),  # with no role: a page saying so
    "cycle": Row("none", TEAM_ONLY),
    "cycle_run": Row("none", POST_ONLY, post=TEAM_POST),
    "returns": Row("none", WITH_A_ROLE),
    "returns_bulk_approve": Row("none", POST_ONLY, post=OFFICERS_POST),
    "rounds": Row("none", TEAM_ONLY),
    "round_open": Row("none", POST_ONLY, post=TEAM_POST),
    "round_extend": Row("round", TEAM_ONLY),
    "round_close": Row("round", TEAM_ONLY),
    "return_detail": Row("return", DRAFT_RETURN),
    "return_live_rag": Row("return_indicator", POST_ONLY, post=EDITORS_POST),
    "return_approve": Row("return", POST_ONLY, post=REVIEW_POST),
    "return_send_back": Row("return", POST_ONLY, post=REVIEW_POST),
    "return_reopen": Row("return", POST_ONLY, post=REVIEW_POST),
    "return_workbook": Row("return", DRAFT_RETURN),
    "return_upload": Row("return", DRAFT_RETURN),
    # what people read (the block and indicator of the draft)
    "exceptions": Row("none", WITH_A_ROLE),
    "blocks": Row("none", WITH_A_ROLE),
    "block_detail": Row("block", WITH_A_ROLE),
    "block_sub_areas": Row("block", WITH_A_ROLE),
    "indicators": Row("none", WITH_A_ROLE),
    "indicator_detail": Row("indicator", WITH_A_ROLE),
    "indicator_process": Row("indicator", TEAM_ONLY_404),
    # packs (the pack is the performance officer's) and exception reports
    "packs": Row("none", OFFICERS),
    "pack_progress": Row("pack", by_role(404, anonymous=302, officer=OK, admin=OK)),
    "pack_download": Row("pack", by_role(404, anonymous=302, officer=OK, admin=OK)),
    "exception_reports": Row("none", REPORT_READERS),
    "exception_report": Row("report", REPORT_READERS),
    "exception_report_pack": Row("report", REPORT_READERS),
}  # fmt: skip

# The admin's patterns: one rule (see the module's docstring).
# The administrator's statuses other than 200: signed in already, a GET, no search term.
ADMIN_FOR_ADMINISTRATOR = {"admin:login": 302, "admin:logout": 405, "admin:autocomplete": 403}
ADMIN_NOT_FOUND = 404  # the admin's catch-all, for an address it does not know

ROUTES = {route.key: route for route in all_routes()}
PAGES = [route for route in ROUTES.values() if not route.is_admin]
ADMIN_PAGES = [route for route in ROUTES.values() if route.is_admin]


# ------------------------------------------------------------------------------ setup


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker) -> Site:
    """The demo with its draft, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


def client_for(site: Site, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(site.users[role])
    return client


def url(site: Site, route: Route) -> str:
    return address(route, site.objects[MATRIX[route.key].objects])


def assert_refused(response, status: int, path: str) -> None:
    assert response.status_code == status, (path, response.status_code)
    if status == 302:  # to sign in, and back
        assert response["Location"].startswith("/accounts/login/?next="), response["Location"]


# ------------------------------------------------------------------------------ tests


def test_every_pattern_has_a_row():
    """A new page fails here until its row says who gets what; a row for a pattern
    that is gone fails too."""
    assert sorted(set(MATRIX) - {r.key for r in PAGES}) == [], "rows for no pattern"
    assert sorted({r.key for r in PAGES} - set(MATRIX)) == [], "patterns without a row"


def test_every_row_names_what_its_pattern_takes(site):
    for key, row in MATRIX.items():
        assert set(site.objects[row.objects]) == ROUTES[key].params, key
        assert set(row.get) == set(ROLES), key
        assert row.post is None or set(row.post) == set(ROLES), key


GETS = [(key, role) for key in MATRIX for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "role"), GETS, ids=[f"{k}-{r}" for k, r in GETS])
def test_get(site, key, role):
    path = url(site, ROUTES[key])
    response = client_for(site, role).get(path)
    expected = MATRIX[key].get[role]
    assert_refused(response, expected, path)
    if role not in DRAFT_READERS and expected == OK:
        assert not draft_in(response), f"{path} shows the draft to {role}"


REFUSALS = (302, 401, 403, 404, 405)


def post_cases() -> list[tuple[str, str, int | None]]:
    """(pattern, role, status): the status a POST-only row gives, or None for any refusal."""
    cases: list[tuple[str, str, int | None]] = []
    for key, row in MATRIX.items():
        for role in ROLES:
            if row.post is not None and row.post[role] != ALLOWED:
                cases.append((key, role, row.post[role]))
            elif row.post is None and row.get[role] in REFUSALS:
                cases.append((key, role, None))
    return cases


POSTS = post_cases()


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "role", "status"), POSTS, ids=[f"{k}-{r}" for k, r, _ in POSTS])
def test_post_refused(site, key, role, status):
    """A role refused a page cannot post to it either (with an empty form; nothing changes):
    a POST-only pattern answers as its row says; any other refuses the way it can (sent to
    sign in, 403, not found, or 405 for a page that takes no POST)."""
    path = url(site, ROUTES[key])
    response = client_for(site, role).post(path, {})
    if status is None:
        status = response.status_code
        assert status in REFUSALS, (path, status)
        assert status != 302 or role == "anonymous", (path, response["Location"])
    assert_refused(response, status, path)


# ------------------------------------------------------------------------------ admin

ADMIN_EXAMPLE = {"object_id": "1", "content_type_id": "1", "id": "1", "app_label": "partnership",
                 "url": "no-such-page/"}  # fmt: skip


def admin_address(route: Route) -> str:
    return address(route, {name: ADMIN_EXAMPLE[name] for name in route.params})


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_admin_is_shut_to_all_but_staff(site, role):
    """Every one of the admin's patterns sends anyone not staff to the admin's sign-in."""
    client = client_for(site, role)
    for route in ADMIN_PAGES:
        path = admin_address(route)
        response = client.get(path)
        if route.key == "admin:login":
            assert response.status_code == OK, path
            continue
        assert response.status_code == 302, (path, response.status_code)
        to_sign_in = "/admin/" if route.key == "admin:logout" else "/admin/login/?next="
        assert response["Location"].startswith(to_sign_in), (path, response["Location"])


def adds_refused(user) -> set[str]:
    """The add pages the admin itself refuses (records the system keeps, a calendar
    already made), as each model's admin says."""
    request = RequestFactory().get("/admin/")
    request.user = user
    return {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_add"
        for model, model_admin in admin.site._registry.items()
        if not model_admin.has_add_permission(request)
    }


@pytest.mark.django_db
def test_admin_opens_for_the_administrator(site):
    """The index, every app and every model's list and add page open for the administrator
    (but the add pages the admin refuses)."""
    client = client_for(site, "admin")
    refused_adds = adds_refused(site.users["admin"])
    wrong = []
    for route in ADMIN_PAGES:
        if route.params - {"app_label", "url"} or route.positional:
            continue  # a page of one object: tests/test_admin.py
        path = admin_address(route)
        expected = ADMIN_FOR_ADMINISTRATOR.get(route.key, OK if route.name else ADMIN_NOT_FOUND)
        if route.key in refused_adds:
            expected = 403
        response = client.get(path)
        if response.status_code != expected:
            wrong.append((path, response.status_code))
    assert wrong == [], "\n".join(f"{p} {s}" for p, s in wrong)


# ------------------------------------------------------------------------------ drafts


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_the_draft_outside_the_lead_organisation_and_the_team(site, role):
    """More addresses that could show the draft (filtered to its quarter, its block, its
    indicator; a pack made by another partner's officer): searched for every role that
    opens them. The matrix searches every pattern's own page the same way."""
    client = client_for(site, role)
    for path in site.draft_pages:
        response = client.get(path)
        if response.status_code == OK and role not in DRAFT_READERS:
            assert not draft_in(response), f"{path} shows the draft to {role}"


DRAFT_SHOWN_TO_LEAD = ("return_detail", "return_workbook", "value-detail", "indicator_detail")


@pytest.mark.django_db
@pytest.mark.parametrize("key", DRAFT_SHOWN_TO_LEAD)
def test_the_lead_sees_the_draft(site, key):
    """The search finds the draft where it belongs, so finding none elsewhere means something."""
    response = client_for(site, "lead").get(url(site, ROUTES[key]))
    assert response.status_code == OK, key
    assert draft_in(response), key
