"""The funding pages, per role: /funding/ and /funding/<pk>/ for everyone with a role;
adding and editing for the performance team only; 404 for no such stream; a constant
number of queries whatever the number of streams."""

from __future__ import annotations

from decimal import Decimal

import pytest

from partnership.models import FundingAmount, FundingStream
from tests import factories as f
from tests.reporting.funding.conftest import make_action, make_stream, years

pytestmark = pytest.mark.django_db

READERS = ["officer", "council_officer", "lead_role", "board", "psb", "scrutiny", "admin_user"]
NOT_THE_TEAM = ["council_officer", "lead_role", "board", "psb", "scrutiny"]


def sign_in(request, client, person):
    someone = request.getfixturevalue(person)
    user = getattr(someone, "user", someone)  # lead_role is the lead's role assignment
    client.force_login(user)
    return user


# --- Who may read -------------------------------------------------------------------------


@pytest.mark.parametrize("person", READERS)
def test_everyone_with_a_role_reads_the_funding_streams(request, client, streams, person):
    sign_in(request, client, person)
    html = client.get("/funding/").content.decode()
    assert "Area Based Grant" in html
    assert "Early Years Grant" in html
    assert "Safer Communities Fund" in html
    stream = client.get(f"/funding/{streams['aligned'].pk}/")
    assert stream.status_code == 200
    assert "£300,000.50" in stream.content.decode()


@pytest.mark.parametrize("person", READERS)
def test_only_the_performance_team_is_offered_the_edit_buttons(request, client, streams, person):
    sign_in(request, client, person)
    listed = client.get("/funding/").content.decode()
    page = client.get(f"/funding/{streams['aligned'].pk}/").content.decode()
    team = person in ("officer", "admin_user")
    assert ('id="add-stream"' in listed) is team
    assert ('id="edit-stream"' in page) is team


def test_someone_with_no_role_is_refused(client, nobody, streams):
    client.force_login(nobody)
    for url in ("/funding/", f"/funding/{streams['pooled'].pk}/", "/funding/new/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "You do not have a role yet" in response.content.decode()


def test_signed_out_goes_to_sign_in(client, streams):
    for url in ("/funding/", f"/funding/{streams['pooled'].pk}/", "/funding/new/",
                f"/funding/{streams['pooled'].pk}/edit/"):  # fmt: skip
        assert client.get(url)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("person", ["officer", "scrutiny"])
def test_no_such_stream_is_a_404(request, client, person, db):
    sign_in(request, client, person)
    assert client.get("/funding/999999/").status_code == 404
    assert client.get("/funding/999999/edit/").status_code == 404
    assert client.post("/funding/999999/edit/", {"name": "X"}).status_code == 404


# --- Who may change -----------------------------------------------------------------------


@pytest.mark.parametrize("person", NOT_THE_TEAM)
def test_only_the_performance_team_adds_or_edits_a_stream(request, client, streams, block, person):
    sign_in(request, client, person)
    stream = streams["pooled"]
    edit = f"/funding/{stream.pk}/edit/"
    data = {"name": "Taken", "kind": "pooled", "belongs": f"block-{block.pk}", "version": "1",
            "year_0": years()[-1], "amount_0": "5"}  # fmt: skip
    for url in ("/funding/new/", edit):
        assert client.get(url).status_code == 403
        refused = client.post(url, data)
        assert refused.status_code == 403
        assert "Only the performance team adds and changes funding streams" in (
            refused.content.decode()
        )
    assert not FundingStream.objects.filter(name="Taken").exists()
    assert FundingAmount.objects.filter(stream=stream).count() == 3


@pytest.mark.parametrize("person", ["officer", "admin_user"])
def test_the_performance_team_opens_the_forms(request, client, streams, person):
    sign_in(request, client, person)
    assert client.get("/funding/new/").status_code == 200
    html = client.get(f"/funding/{streams['aligned'].pk}/edit/").content.decode()
    assert 'value="Early Years Grant"' in html
    assert 'value="300000.50"' in html  # the amount as typed, not as shown


# --- What the pages say -------------------------------------------------------------------


def test_the_list_groups_streams_by_block_with_totals_aligned_against_pooled(
    client, officer, streams, block
):
    client.force_login(officer)
    html = client.get("/funding/").content.decode()
    y = years()
    block_section = html.split(f'id="block-{block.slug}"')[1].split("</section>")[0]
    # The block's own stream first, then its outcome's; the other block's elsewhere.
    assert block_section.index("Area Based Grant") < block_section.index("Early Years Grant")
    assert "Safer Communities Fund" not in block_section
    assert "£1,500,000.50" in block_section  # this year: 1,200,000 pooled + 300,000.50 aligned
    assert "£300,000.50 aligned" in block_section
    assert "£1,200,000 pooled" in block_section
    # The partnership's totals: a chart with its table, and a table by year.
    assert 'id="funding-chart"' in html
    assert f"{block.name}, {y[2]}" in html
    totals = html.split('id="partnership-totals"')[1].split("</table>")[0]
    assert "£1,575,000.50" in totals  # this year, all blocks
    assert "£1,275,000" in totals  # pooled this year


def test_the_list_says_when_there_is_no_funding(client, officer, block):
    client.force_login(officer)
    html = client.get("/funding/").content.decode()
    assert "No funding has been recorded yet." in html
    assert "No funding stream is recorded for this block or its outcomes." in html


def test_a_stream_shows_the_actions_drawing_on_it(client, scrutiny, streams, outcome):
    make_action(streams["aligned"], outcome=outcome, amount=120_000, description="Door knocking")
    make_action(streams["aligned"], outcome=outcome, description="Outreach", status="at_risk")
    client.force_login(scrutiny)
    html = client.get(f"/funding/{streams['aligned'].pk}/").content.decode()
    assert "Door knocking" in html
    assert "£120,000" in html
    assert "Outreach" in html
    assert "Not recorded" in html
    assert "At risk" in html
    assert str(outcome) in html
    listed = client.get("/funding/").content.decode()
    assert "2 actions drawing £120,000" in listed


def test_a_stream_with_nothing_yet_says_so(client, scrutiny, block):
    stream = make_stream("New grant", block=block)
    client.force_login(scrutiny)
    html = client.get(f"/funding/{stream.pk}/").content.decode()
    assert "No amount has been recorded for this stream yet." in html
    assert "No action draws on this stream yet." in html


# --- A constant number of queries -------------------------------------------------------


def add_streams(n, outcome, block):
    y = years()
    for i in range(n):
        stream = make_stream(
            f"Grant {i}", kind="pooled" if i % 2 else "aligned",
            block=block if i % 3 == 0 else None, outcome=None if i % 3 == 0 else outcome,
            provider=f.OrganisationFactory(), amounts=dict.fromkeys(y, 1000 * (i + 1)),
        )  # fmt: skip
        make_action(stream, outcome=outcome, amount=10, description=f"Action {i}")


@pytest.mark.parametrize("n", [2, 12])
def test_the_list_reads_in_a_constant_number_of_queries(
    client, officer, outcome, block, other_block, n, django_assert_max_num_queries
):
    add_streams(n, outcome, block)
    client.force_login(officer)
    client.get("/funding/")  # the session and roles
    with django_assert_max_num_queries(8):
        html = client.get("/funding/").content.decode()
    assert f"Grant {n - 1}" in html


@pytest.mark.parametrize("n", [1, 10])
def test_a_stream_page_reads_in_a_constant_number_of_queries(
    client, officer, outcome, block, n, django_assert_max_num_queries
):
    stream = make_stream("Big grant", block=block, provider=f.OrganisationFactory(),
                         amounts=dict.fromkeys(years(n), 5))  # fmt: skip
    for i in range(n):
        make_action(stream, outcome=outcome, amount=i, description=f"Action {i}")
        amount = stream.amounts.first()
        amount.amount += 1
        amount.save()
    client.force_login(officer)
    client.get(f"/funding/{stream.pk}/")
    # The session and roles (4), the stream, amounts, actions, two of history, and one for
    # each kind of name the history holds (blocks, outcomes, partners): at most 12.
    with django_assert_max_num_queries(12):
        html = client.get(f"/funding/{stream.pk}/").content.decode()
    assert f"Action {n - 1}" in html


@pytest.mark.parametrize("n", [1, 8])
def test_the_edit_form_reads_in_a_constant_number_of_queries(
    client, officer, block, n, django_assert_max_num_queries
):
    stream = make_stream("Big grant", block=block, amounts=dict.fromkeys(years(n), 5))
    client.force_login(officer)
    client.get(f"/funding/{stream.pk}/edit/")
    with django_assert_max_num_queries(9):
        html = client.get(f"/funding/{stream.pk}/edit/").content.decode()
    assert f'id="id_year_{n + 1}"' in html  # two spare rows
    assert Decimal(5) == stream.amounts.first().amount
