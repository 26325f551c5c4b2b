"""The start page: one section per role held, and nothing from roles not held."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from partnership.models import Outcome, Role
from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn
from reporting.rules.timeliness import LateCounts, Timeliness
from reporting.start import selectors
from tests import factories as f

SECTIONS = {"lead", "officer", "board", "psb", "scrutiny", "administration"}


def sections_of(response) -> set[str]:
    """The role sections the start page shows, by their ids."""
    return set(re.findall(r'class="app-start-section"[^>]*\bid="([a-z]+)"', response.text))


def section(response, name: str) -> str:
    """The HTML of one section of the start page."""
    match = re.search(
        rf'<section class="app-start-section"[^>]*\bid="{name}">(.*?)</section>',
        response.text,
        re.S,
    )
    assert match, f"no {name} section"
    return match.group(1)


def text_of(html: str) -> str:
    words = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return re.sub(r" ([,.:;])", r"\1", words)


def label(period) -> str:
    """How the page names a stored period: ``Q2 2026-27``."""
    return PeriodRef.parse(period.code).label


def start_page_for(client, user):
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response


# --- Timeliness rule --------------------------------------------------------------------


# --- Who gets in ------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/"


# --- Each role sees its own section -----------------------------------------------------


def test_lead_sees_their_return_with_state_due_date_and_late(
    client, lead_role, lead_return, other_return
):
    response = start_page_for(client, lead_role.user)

    assert sections_of(response) == {"lead"}
    returns = text_of(section(response, "lead"))
    outcome = lead_return.outcome
    assert f"{outcome.code} {outcome.title}" in returns
    assert label(lead_return.round.period) in returns
    assert "Not started" in returns
    assert f"{lead_return.round.due_on:%-d %B %Y}" in returns
    assert "Late" in returns
    assert other_return.outcome.code not in returns


def test_lead_sees_a_return_submitted_after_its_due_date_as_submitted_late(
    client, lead_role, lead_return, today
):
    QuarterlyReturn.objects.filter(pk=lead_return.pk).update(
        state=QuarterlyReturn.State.SUBMITTED, submitted_at=timezone.now()
    )

    response = start_page_for(client, lead_role.user)

    [line] = response.context["page"].lead_returns
    assert line.timeliness is Timeliness.SUBMITTED_LATE
    assert "Submitted late" in text_of(section(response, "lead"))


def test_lead_sees_due_soon_before_the_due_date(client, lead_role, lead_return, today):
    lead_return.round.due_on = today + timedelta(days=3)
    lead_return.round.save()

    returns = text_of(section(start_page_for(client, lead_role.user), "lead"))

    assert "Due soon" in returns
    assert "Late" not in returns


def test_lead_does_not_see_returns_of_a_closed_round(client, lead_role, lead_return):
    lead_return.round.state = "closed"
    lead_return.round.save()

    returns = text_of(section(start_page_for(client, lead_role.user), "lead"))

    assert lead_return.outcome.code not in returns
    assert "no round is open" in returns


def test_lead_does_not_see_the_officers_round_counts(client, lead_role, lead_return):
    response = start_page_for(client, lead_role.user)

    assert "officer" not in sections_of(response)
    assert "Current round" not in response.text


def test_officer_sees_round_counts_and_late_returns_for_the_whole_partnership(
    client, officer, lead_return, other_return
):
    response = start_page_for(client, officer)

    assert sections_of(response) == {"officer"}
    summary = response.context["page"].officer
    assert summary.quarter == label(lead_return.round.period)
    assert summary.scope == "the whole partnership"
    assert summary.total == 2
    counts = {c.state: c.count for c in summary.counts}
    assert counts == {"not_started": 1, "draft": 0, "submitted": 1, "approved": 0, "returned": 0}
    late = text_of(section(response, "officer")).split("Late returns", 1)[1]
    assert f"{lead_return.outcome.code} {lead_return.outcome.title} Council Not started" in late
    assert other_return.outcome.code not in late


def test_council_officer_sees_only_the_councils_returns(
    client, council_officer, council, lead_return, other_return
):
    response = start_page_for(client, council_officer)

    assert sections_of(response) == {"officer"}
    summary = response.context["page"].officer
    assert summary.scope == council.name
    assert summary.total == 1
    html = section(response, "officer")
    assert lead_return.outcome.code in html
    assert other_return.outcome.code not in html


def test_board_member_sees_their_block_with_its_counts(
    client, board, block, other_block, lead_return, other_return
):
    f.IndicatorFactory(primary_outcome=lead_return.outcome)
    f.IndicatorFactory(primary_outcome=lead_return.outcome)
    f.IndicatorFactory(primary_outcome=lead_return.outcome, is_active=False)
    approved = f.QuarterlyReturnFactory(
        round=lead_return.round,
        outcome=f.OutcomeFactory(block=block),
        state=QuarterlyReturn.State.APPROVED,
    )

    response = start_page_for(client, board)

    assert sections_of(response) == {"board"}
    (line,) = response.context["page"].board.blocks
    assert (line.name, line.outcomes, line.indicators) == (block.name, 2, 2)
    assert (line.approved_in_round, line.returns_in_round) == (1, 2)
    html = text_of(section(response, "board"))
    assert f"{block.name} 2 2 1 of 2" in html
    assert other_block.name not in html
    assert label(approved.round.period) in html


def test_psb_member_sees_missing_and_late_returns_and_the_psbs_risks(
    client, psb, lead_return, other_return, partnership_risk
):
    f.RiskFactory(level="partnership", outcome=None, status="closed")
    f.RiskFactory()  # held at outcome level

    response = start_page_for(client, psb)

    assert sections_of(response) == {"psb"}
    summary = response.context["page"].psb
    assert summary.quarter == label(lead_return.round.period)
    assert (summary.total, summary.not_submitted) == (2, 1)
    assert summary.late == LateCounts(missing=1, submitted_late=0)
    assert summary.partnership_risks == 1
    assert "Risks held by the PSB" in section(response, "psb")


def test_scrutiny_sees_the_latest_quarter_with_approved_returns(
    client, scrutiny, lead_return, other_return
):
    earlier = f.ReturnRoundFactory(
        period=f.period(PeriodRef.parse(lead_return.round.period.code).previous().code),
        state="closed",
    )
    for state in ("approved", "approved", "submitted"):
        f.QuarterlyReturnFactory(round=earlier, state=state)

    response = start_page_for(client, scrutiny)

    assert sections_of(response) == {"scrutiny"}
    html = text_of(section(response, "scrutiny"))
    assert f"latest published quarter is {label(earlier.period)}, with 2 approved returns" in html


def test_administrator_sees_links_to_the_admin(client, admin_user):
    response = start_page_for(client, admin_user)

    assert sections_of(response) == {"administration"}
    html = section(response, "administration")
    assert 'href="/admin/auth/user/"' in html
    assert 'href="/admin/"' in html


def test_the_performance_team_is_offered_the_imports_and_no_one_else(
    client, officer, council_officer, admin_user
):
    html = section(start_page_for(client, officer), "officer")
    assert 'href="/data/import/"' in html
    assert 'href="/data/framework/"' in html
    assert 'href="/data/framework/"' in section(
        start_page_for(client, admin_user), "administration"
    )
    assert "/data/framework/" not in start_page_for(client, council_officer).text


def test_person_with_no_role_is_told_to_contact_the_performance_team(
    client, nobody, lead_return, other_return
):
    response = start_page_for(client, nobody)

    assert sections_of(response) == set()
    assert "Contact the performance team" in response.text
    assert lead_return.outcome.code not in response.text
    assert other_return.outcome.code not in response.text


def test_person_with_several_roles_sees_a_section_for_each(
    client, lead_role, block, lead_return, partnership_risk
):
    lead = lead_role.user
    f.assign(lead, Role.BOARD_MEMBER, block=block)
    f.assign(lead, Role.PSB_MEMBER)

    response = start_page_for(client, lead)

    assert sections_of(response) == {"lead", "board", "psb"}


# --- Header and navigation --------------------------------------------------------------


def test_header_shows_who_is_signed_in_with_their_roles_and_a_sign_out_button(client, lead_role):
    html = start_page_for(client, lead_role.user).text

    assert "Partnership Performance" in html
    assert "Anycity Partnership" in html
    assert f"Signed in as <strong>{lead_role.user.get_full_name()}</strong>" in html
    assert "(Outcome lead)" in html
    assert re.search(r'<form method="post" action="/accounts/logout/"', html)
    assert "<title>Start – Partnership Performance</title>" in html


def test_menu_offers_admin_only_to_administrators(client, lead_role, admin_user):
    lead_menu = start_page_for(client, lead_role.user).context["navigation_items"]
    admin_menu = start_page_for(client, admin_user).context["navigation_items"]

    lead_labels = [item["label"] for item in lead_menu]
    admin_labels = [item["label"] for item in admin_menu]
    assert lead_labels[0] == "Start"
    assert "Admin" not in lead_labels
    assert admin_labels[-1] == "Admin"
    # Officers' pages (Packs, Exception reports) are the only others an administrator has
    # beyond the lead's.
    officers_pages = ("Packs", "Exception reports")
    assert [label for label in admin_labels[:-1] if label not in officers_pages] == lead_labels
    assert {"Packs", "Exception reports"} <= set(admin_labels)
    assert not {"Packs", "Exception reports"} & set(lead_labels)
    assert lead_menu[0]["current"]


def test_menu_skips_pages_that_do_not_exist_yet(client, lead_role, monkeypatch):
    from partnership import context_processors as cp

    monkeypatch.setattr(
        cp,
        "NAVIGATION",
        (*cp.NAVIGATION, cp.NavItem("Not built", "page-not-built-yet", lambda user: True)),
    )

    menu = start_page_for(client, lead_role.user).context["navigation_items"]

    labels = [item["label"] for item in menu]
    assert "Not built" not in labels
    assert "Risks" in labels
    not_for_leads = ("Packs", "Exception reports", "Admin")
    shown_to_everyone = [n.label for n in cp.NAVIGATION if n.label not in not_for_leads]
    assert labels == [label for label in shown_to_everyone if label != "Not built"]


# --- Query count ------------------------------------------------------------------------


@pytest.fixture
def every_role(lead_role, block, other_block):
    """One person holding every role, so that every section's queries are counted."""
    person = lead_role.user
    for role, scope in [
        (Role.PERFORMANCE_OFFICER, {}),
        (Role.BOARD_MEMBER, {"block": block}),
        (Role.BOARD_MEMBER, {"block": other_block}),
        (Role.PSB_MEMBER, {}),
        (Role.SCRUTINY, {}),
        (Role.ADMINISTRATOR, {}),
    ]:
        f.assign(person, role, **scope)
    return person


@pytest.mark.parametrize(
    ("person", "returns_seen"), [("officer", 30), ("council_officer", 14), ("every_role", 30)]
)
def test_start_page_query_count_does_not_grow_with_outcomes(
    request, client, add_outcomes, django_assert_max_num_queries, person, returns_seen
):
    user = request.getfixturevalue(person)
    client.force_login(user)

    def add(n):
        add_outcomes(n)
        if person == "every_role":  # and the lead of every outcome
            Outcome.objects.update(lead_person=user)

    add(3)
    # 15 for the page and one for the previous sign-in.
    with django_assert_max_num_queries(16) as three_outcomes:
        client.get("/")
    add(27)
    with django_assert_max_num_queries(len(three_outcomes)) as thirty_outcomes:
        response = client.get("/")

    assert len(thirty_outcomes) == len(three_outcomes)
    assert response.context["page"].officer.total == returns_seen
    if person == "every_role":
        assert len(response.context["page"].lead_returns) == 30


def test_selector_takes_today_as_an_argument(lead_role, lead_return):
    due = lead_return.round.due_on

    before = selectors.start_page(user=lead_role.user, today=due - timedelta(days=10))
    after = selectors.start_page(user=lead_role.user, today=due + timedelta(days=1))

    assert before.lead_returns[0].timeliness is Timeliness.ON_TIME
    assert after.lead_returns[0].timeliness is Timeliness.LATE


# --- Sign in and sign out ---------------------------------------------------------------


@pytest.mark.django_db
def test_sign_in_page_has_labels_autocomplete_and_title(client):
    html = client.get("/accounts/login/?next=/").text

    assert "<title>Sign in – Partnership Performance</title>" in html
    assert '<label class="govuk-label govuk-label--s" for="id_username">Username</label>' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert "govuk-error-summary" not in html


def test_wrong_password_shows_the_error_summary_and_keeps_the_username(client, lead):
    response = client.post(
        "/accounts/login/", {"username": "lead", "password": "not-the-password", "next": "/"}
    )

    assert response.status_code == 200
    html = response.text
    assert "<title>Error: Sign in – Partnership Performance</title>" in html
    assert 'class="govuk-error-summary"' in html
    assert "There is a problem" in html
    assert '<a href="#id_username">Please enter a correct username and password.' in html
    assert 'value="lead"' in html
    assert 'aria-describedby="username-error"' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_empty_sign_in_form_shows_an_error_for_each_field(client):
    html = client.post("/accounts/login/", {"username": "", "password": ""}).text

    assert '<a href="#id_username">This field is required.</a>' in html
    assert '<a href="#id_password">This field is required.</a>' in html


def test_sign_in_then_sign_out(client, lead_role):
    signed_in = client.post(
        "/accounts/login/", {"username": "lead", "password": f.PASSWORD, "next": "/"}
    )
    assert signed_in.status_code == 302
    assert signed_in.url == "/"
    assert client.get("/").status_code == 200

    signed_out = client.post("/accounts/logout/")

    assert signed_out.status_code == 302
    assert signed_out.url == "/accounts/login/"
    assert client.get("/").status_code == 302


def test_sign_out_by_get_is_refused(client, lead_role):
    client.force_login(lead_role.user)

    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/").status_code == 200
