"""The performance packs page (``/packs/``): who may make and download packs, the form and its
errors, a small pack downloading at once, a large one's progress, and the file's headers."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from partnership.access import forget_roles
from partnership.models import RoleAssignment
from reporting.models import PerformancePack
from reporting.packs.services.requests import pack_request
from reporting.scorecard.selectors import Scope
from targets.models import Target
from tests import factories as f
from tests.csv_helpers import csv_rows
from tests.reporting.scorecard.test_scorecard import Q2, a_round, add_target

pytestmark = pytest.mark.django_db

URL = "/packs/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The most queries the page may run: a fixed number whatever the number of packs.
MAX_QUERIES = 12


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def quarter(db):
    a_round()
    return f.period(Q2)


@pytest.fixture
def targets(outcome, other_outcome, quarter):
    return [
        add_target(outcome, value=50, kind=Target.Kind.STRETCH),
        add_target(other_outcome, value=30),
    ]


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def get(client, user, url=URL):
    client.force_login(user)
    return client.get(url)


def post(client, user, **data):
    client.force_login(user)
    return client.post(URL, {"period": Q2, "scope": "whole", **data})


def a_pack(user, quarter, **scope):
    return pack_request(user=user, period=quarter, scope=Scope(**scope))


def downloaded(response):
    return load_workbook(BytesIO(b"".join(response.streaming_content)))


# --- Who may use it --------------------------------------------------------------------------


def test_the_url_is_named_packs():
    assert reverse("packs") == URL
    assert reverse("pack_progress", args=[7]) == "/packs/7/progress/"
    assert reverse("pack_download", args=[7]) == "/packs/7/download/"


@pytest.mark.parametrize("person", ["officer", "council_officer", "admin_user"])
def test_officers_and_administrators_see_the_page(request, client, quarter, person):
    response = get(client, request.getfixturevalue(person))

    assert response.status_code == 200
    assert "Performance packs" in text_of(response)


@pytest.mark.parametrize("person", ["lead", "board", "psb", "scrutiny", "nobody"])
def test_everyone_else_is_refused(request, client, quarter, person):
    response = get(client, request.getfixturevalue(person))

    assert response.status_code == 403
    assert "Only officers make performance packs" in text_of(response)


@pytest.mark.parametrize("person", ["lead", "board", "psb", "scrutiny"])
def test_everyone_else_cannot_make_a_pack(request, client, quarter, person):
    response = post(client, request.getfixturevalue(person))

    assert response.status_code == 403
    assert not PerformancePack.objects.exists()


@pytest.mark.parametrize("url", [URL, "/packs/1/progress/", "/packs/1/download/"])
def test_a_visitor_who_is_not_signed_in_is_asked_to_sign_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_menu_shows_packs_to_officers_only(client, officer, lead, quarter):
    assert 'href="/packs/"' in get(client, officer, "/packs/").content.decode()
    client.logout()
    assert 'href="/packs/"' not in get(client, lead, "/exceptions/").content.decode()


# --- The form --------------------------------------------------------------------------------


def test_the_form_offers_the_quarters_blocks_and_partners(client, officer, block, police, quarter):
    response = get(client, officer)

    html = response.content.decode()
    assert f'<option value="{Q2}" selected>Q2 2025-26</option>' in html
    assert f'<option value="{block.slug}">{block.name}</option>' in html
    assert f'<option value="{police.pk}">{police.name}</option>' in html
    assert 'id="id_scope_0" name="scope" type="radio" value="whole" checked' in html
    assert 'data-reveals="conditional-block"' in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"scope": "block", "block": ""}, "id_block", "Select a block"),
        ({"scope": "organisation"}, "id_organisation", "Select a partner organisation"),
        ({"scope": ""}, "id_scope_0", "Select what the pack should cover"),
        ({"period": "2031-32-Q1"}, "id_period", "Select a quarter from the list"),
        ({"scope": "block", "block": "no-such-block"}, "id_block", "Select a block from the list"),
    ],
)
def test_a_form_with_a_mistake_shows_the_error_summary_and_keeps_the_choices(
    client, officer, quarter, data, field, message
):
    response = post(client, officer, **data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'<a href="#{field}">{message}</a>' in html
    assert response.context["form"].errors
    assert html.count(message) >= 2  # in the summary and by the field
    assert "<title>Error: Performance packs" in html
    assert not PerformancePack.objects.exists()
    if data.get("scope") == "block":
        assert 'value="block" data-reveals="conditional-block" checked' in html


def test_performance_team_is_told_their_packs_hold_submitted_values(client, officer, quarter):
    assert "values submitted but not yet approved" in text_of(get(client, officer))


def test_a_partners_officer_is_told_their_packs_hold_approved_values_only(
    client, council_officer, quarter
):
    assert "Your packs hold approved values only." in text_of(get(client, council_officer))


# --- Making a pack ---------------------------------------------------------------------------


def test_a_small_pack_downloads_at_once(client, officer, targets):
    response = post(client, officer)

    pack = PerformancePack.objects.get()
    assert response.status_code == 302
    assert response.url == f"/packs/{pack.pk}/download/"
    assert pack.state == PerformancePack.State.READY
    assert pack.requested_by == officer
    download = client.get(response.url)
    assert download.status_code == 200
    assert download["Content-Type"] == XLSX
    assert download["Content-Disposition"] == (
        'attachment; filename="Performance pack Q2 2025-26 Whole partnership.xlsx"'
    )
    assert download["Cache-Control"] == "private, no-store"
    assert downloaded(download).sheetnames[:2] == ["Cover", "Summary"]


def test_a_pack_of_one_block_has_only_that_blocks_sheet(client, officer, block, targets):
    response = post(client, officer, scope="block", block=block.slug)

    workbook = downloaded(client.get(response.url))
    assert block.name in workbook.sheetnames
    assert targets[1].indicator.primary_outcome.block.name not in workbook.sheetnames


def test_a_pack_of_one_partner_holds_the_targets_it_leads(client, officer, police, targets):
    response = post(client, officer, scope="organisation", organisation=str(police.pk))

    pack = PerformancePack.objects.get()
    assert pack.organisation == police
    workbook = downloaded(client.get(response.url))
    data = [row[0] for row in workbook["Data"].iter_rows(min_row=2, values_only=True)]
    assert set(data) == {targets[1].indicator.code}


def test_a_pack_of_stretch_targets_only(client, officer, targets):
    response = post(client, officer, scope="stretch")

    assert PerformancePack.objects.get().stretch_only
    workbook = downloaded(client.get(response.url))
    assert "Stretch targets" in workbook.sheetnames
    data = {row[0] for row in workbook["Data"].iter_rows(min_row=2, values_only=True)}
    assert data == {targets[0].indicator.code}


def test_a_large_pack_shows_its_progress_until_it_is_ready(
    client, settings, monkeypatch, officer, targets
):
    settings.PACK_SYNC_MAX_TARGETS = 0
    queued = []
    monkeypatch.setattr("reporting.tasks.build_pack.delay", queued.append)

    response = post(client, officer)

    pack = PerformancePack.objects.get()
    assert response.status_code == 302
    assert response.url == URL
    page = client.get(URL)
    html = page.content.decode()
    assert "Your pack is being built" in html
    assert f'hx-get="/packs/{pack.pk}/progress/" hx-trigger="every 1s"' in html
    assert f'<progress id="pack-progress-{pack.pk}"' in html
    assert 'max="100" value="0"' in html
    assert "Queued: 0%" in text_of(page)
    assert 'aria-live="polite"' in html
    assert queued == []  # on commit: the test's transaction never commits

    PerformancePack.objects.filter(pk=pack.pk).update(state="building", progress=40)
    fragment = client.get(f"/packs/{pack.pk}/progress/")
    assert "Building: 40%" in text_of(fragment)
    assert "hx-trigger" in fragment.content.decode()

    from reporting.packs.services.build import pack_build

    pack_build(pack_id=pack.pk)
    fragment = client.get(f"/packs/{pack.pk}/progress/")
    html = fragment.content.decode()
    assert "hx-trigger" not in html  # polling stops
    assert f'href="/packs/{pack.pk}/download/"' in html
    assert "Ready" in text_of(fragment)


def test_a_failed_pack_says_so(client, monkeypatch, officer, targets):
    def broken(*args, **kwargs):
        raise RuntimeError("no space left")

    monkeypatch.setattr("reporting.packs.services.build.build_pack_workbook", broken)

    response = post(client, officer)

    assert response.url == URL
    page = text_of(client.get(URL))
    assert "The pack could not be built" in page
    assert "Failed" in page


# --- Whose packs -----------------------------------------------------------------------------


def test_the_list_shows_who_made_each_pack_when_and_a_download_link(
    client, council_officer, targets
):
    pack = a_pack(council_officer, f.period(Q2))

    response = get(client, council_officer)

    row = text_of(response).split("Status", 1)[1]
    assert council_officer.get_full_name() in row
    assert "Whole partnership" in row
    assert "Approved values only" in row
    assert f"{pack.requested_at:%-d %b %Y}" in row
    assert "Ready" in row
    assert "Download the pack for Q2 2025-26, Whole partnership (Excel," in row
    assert f'href="/packs/{pack.pk}/download/"' in response.content.decode()


def test_someone_elses_pack_is_not_found(client, council_officer, officer, admin_user, targets):
    theirs = a_pack(officer, f.period(Q2))

    for url in (f"/packs/{theirs.pk}/download/", f"/packs/{theirs.pk}/progress/"):
        assert get(client, council_officer, url).status_code == 404
    assert f"pack-{theirs.pk}" not in get(client, council_officer).content.decode()


def test_the_performance_team_may_download_anyones_pack(
    client, council_officer, officer, admin_user, targets
):
    theirs = a_pack(council_officer, f.period(Q2))

    for person in (officer, admin_user):
        response = get(client, person, f"/packs/{theirs.pk}/download/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")


def test_an_officer_who_loses_the_role_can_no_longer_download(client, council_officer, targets):
    pack = a_pack(council_officer, f.period(Q2))
    RoleAssignment.objects.filter(user=council_officer).delete()
    forget_roles(council_officer)

    assert get(client, council_officer, f"/packs/{pack.pk}/download/").status_code == 404


@pytest.mark.parametrize("person", ["lead", "psb"])
def test_people_who_may_not_make_packs_cannot_download_one(
    request, client, officer, targets, person
):
    pack = a_pack(officer, f.period(Q2))

    response = get(client, request.getfixturevalue(person), f"/packs/{pack.pk}/download/")

    assert response.status_code == 404


def test_a_pack_that_does_not_exist_is_not_found(client, officer, quarter):
    assert get(client, officer, "/packs/999/download/").status_code == 404
    assert get(client, officer, "/packs/999/progress/").status_code == 404


def test_a_pack_not_ready_yet_cannot_be_downloaded(client, settings, officer, targets):
    settings.PACK_SYNC_MAX_TARGETS = 0
    pack = a_pack(officer, f.period(Q2))  # queued: the test's transaction never commits

    assert get(client, officer, f"/packs/{pack.pk}/download/").status_code == 404


def test_the_page_reads_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, officer, targets
):
    client.force_login(officer)
    a_pack(officer, f.period(Q2))
    with django_assert_max_num_queries(MAX_QUERIES) as few:
        client.get(URL)
    for _ in range(5):
        a_pack(officer, f.period(Q2), block=targets[0].indicator.primary_outcome.block.slug)
    with django_assert_max_num_queries(len(few)):
        response = client.get(URL)

    assert len(response.context["page"].packs) == 6


# --- The list as CSV (?format=csv) ----------------------------------------------------------


def packs_csv(client, user, **query):
    client.force_login(user)
    return client.get(URL, {"format": "csv", **query})


def test_an_officer_downloads_their_own_packs_only(client, council_officer, officer, targets):
    a_pack(council_officer, f.period(Q2))
    a_pack(officer, f.period(Q2))

    response = packs_csv(client, council_officer)

    assert response["Content-Disposition"] == 'attachment; filename="performance-packs.csv"'
    head, *rows = csv_rows(response)
    assert head == ["Quarter", "Covers", "Values", "Made by", "Made", "Status", "Size"]
    assert [r[:4] for r in rows] == [
        ["Q2 2025-26", "Whole partnership", "Approved only", council_officer.get_full_name()]
    ]
    assert rows[0][5] == "Ready"
    assert 'data-table="packs"' in get(client, council_officer).content.decode()


@pytest.mark.parametrize("person", ["officer", "admin_user"])
def test_the_performance_team_downloads_everyones_packs(
    request, client, council_officer, officer, targets, person
):
    a_pack(council_officer, f.period(Q2))
    a_pack(officer, f.period(Q2))

    rows = csv_rows(packs_csv(client, request.getfixturevalue(person)))[1:]

    assert sorted(r[3] for r in rows) == sorted(
        [council_officer.get_full_name(), officer.get_full_name()]
    )


@pytest.mark.parametrize("person", ["lead", "board", "psb", "scrutiny", "nobody"])
def test_everyone_else_downloads_no_list(request, client, officer, targets, person):
    a_pack(officer, f.period(Q2))
    response = packs_csv(client, request.getfixturevalue(person))
    assert response.status_code == 403
    assert b"Whole partnership" not in response.content


def test_the_list_download_needs_signing_in_and_a_known_table(client, officer, quarter):
    assert client.get(URL, {"format": "csv"})["Location"].startswith("/accounts/login/")
    assert packs_csv(client, officer, table="values").status_code == 404
