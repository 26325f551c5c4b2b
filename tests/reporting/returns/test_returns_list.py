"""The list of returns (/returns/): what each role sees, filters, counts and bulk approval."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone

from partnership.models import Outcome, Role
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors import returns_list as selectors
from reporting.returns.selectors.returns_list import Filters, RoundNotFound, returns_page
from reporting.rules.timeliness import Timeliness
from tests import factories as f

State = QuarterlyReturn.State
URL = "/returns/"
APPROVE_URL = "/returns/approve/"
Q2 = "2025-26-Q2"
DUE = date(2025, 10, 22)  # the round's due date: long past, so outstanding returns are late

# A URL configuration with a stand-in for the return's own page (built elsewhere), so that
# the links to it can be tested before it lands.
urlpatterns = [
    path("returns/<int:pk>/", lambda request, pk: HttpResponse(), name="return_detail"),
    path("", include("config.urls")),
]


# --- Fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def area(db):
    """The partnership's own area: approving a return approves its values there."""
    return f.PartnershipAreaFactory()


@pytest.fixture
def the_round(db):
    return f.ReturnRoundFactory(
        period=f.period(Q2),
        opens_on=date(2025, 10, 1),
        due_on=DUE,
        closes_on=date(2025, 11, 5),
        state=ReturnRound.State.OPEN,
    )


@pytest.fixture
def round_returns(the_round, outcome, other_outcome, block, other_block, council, police, lead):
    """Six returns of the round, three per partner, across both blocks and every state.

    Council: CYP 1 (the lead's, draft), CYP 2 (submitted), CYP 3 (not started, other block).
    Police: SSC 1 (submitted), SSC 2 (approved), SSC 3 (returned, in the lead's block).
    """
    Outcome.objects.filter(pk=outcome.pk).update(code="CYP 1", title="Children safe at home")
    Outcome.objects.filter(pk=other_outcome.pk).update(code="SSC 1", title="Less crime")
    outcome.refresh_from_db()
    other_outcome.refresh_from_db()
    now = timezone.now()

    def add(code, title, the_block, partner, state, existing=None, **fields):
        found = existing or f.OutcomeFactory(
            code=code, title=title, block=the_block, lead_organisation=partner
        )
        return f.QuarterlyReturnFactory(round=the_round, outcome=found, state=state, **fields)

    return {
        "CYP 1": add("", "", None, None, State.DRAFT, existing=outcome),
        "CYP 2": add(
            "CYP 2",
            "Fewer children absent",
            block,
            council,
            State.SUBMITTED,
            submitted_by=lead,
            submitted_at=now,
        ),
        "CYP 3": add("CYP 3", "More young people in work", other_block, council, State.NOT_STARTED),
        "SSC 1": add("", "", None, None, State.SUBMITTED, existing=other_outcome, submitted_at=now),
        "SSC 2": add(
            "SSC 2",
            "Fewer burglaries",
            other_block,
            police,
            State.APPROVED,
            submitted_at=now,
            approved_at=now,
        ),
        "SSC 3": add(
            "SSC 3",
            "Safer roads near schools",
            block,
            police,
            State.RETURNED,
            returned_reason="Check the figure for June.",
        ),
    }


@pytest.fixture
def indicator_lead(db, council):
    user = f.UserFactory(username="indicator_lead", organisation=council)
    f.assign(user, Role.INDICATOR_LEAD, indicator=f.IndicatorFactory())
    return user


def get(client, user, query=""):
    client.force_login(user)
    return client.get(URL + (f"?{query}" if query else ""))


def codes(rows) -> list[str]:
    return sorted(row.outcome_code for row in rows)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- Who gets in --------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={URL}"


def test_person_with_no_role_is_refused_and_told_to_contact_the_performance_team(
    client, nobody, round_returns
):
    response = get(client, nobody)

    assert response.status_code == 403
    assert "Contact the performance team" in response.text
    assert "CYP 1" not in response.text


def test_indicator_lead_without_returns_is_told_there_is_nothing_for_them(
    client, indicator_lead, round_returns
):
    response = get(client, indicator_lead)

    assert response.status_code == 200
    assert 'id="nothing-to-show"' in response.text
    assert "contact the performance team" in response.text


@pytest.mark.parametrize(
    "person", ["lead_role", "officer", "council_officer", "board", "psb", "scrutiny", "admin_user"]
)
def test_unknown_round_is_not_found(request, client, round_returns, person):
    user = request.getfixturevalue(person)
    user = getattr(user, "user", user)

    assert get(client, user, "round=2019-20-Q1").status_code == 404
    assert get(client, user, "round=rubbish").status_code == 404


def test_menu_offers_returns_to_everyone_with_a_role(client, lead_role, nobody):
    lead_menu = get(client, lead_role.user).context["navigation_items"]
    nobody_menu = get(client, nobody).context["navigation_items"]

    assert [item["label"] for item in lead_menu][:2] == ["Start", "Returns"]
    assert next(i for i in lead_menu if i["label"] == "Returns")["current"]
    assert "Returns" not in [item["label"] for item in nobody_menu]


# --- Outcome lead ---------------------------------------------------------------------------


def test_lead_sees_each_return_they_must_complete_with_state_quarter_and_due_date(
    client, lead_role, round_returns
):
    response = get(client, lead_role.user)

    assert response.status_code == 200
    page = response.context["page"]
    assert codes(page.lead.current) == ["CYP 1"]
    assert page.officer is None
    assert page.published is None
    html = text_of(response.text)
    assert "CYP 1 Children safe at home" in html
    assert "Q2 2025-26" in html
    assert "Draft" in html
    assert "22 October 2025" in html
    assert "Late" in html
    # Other people's returns, and the bulk approval, are not theirs.
    assert "CYP 2" not in html
    assert "SSC 1" not in html
    assert "Approve selected returns" not in html


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (DUE - timedelta(days=12), Timeliness.ON_TIME),
        (DUE - timedelta(days=2), Timeliness.DUE_SOON),
        (DUE, Timeliness.DUE_SOON),
        (DUE + timedelta(days=1), Timeliness.LATE),
    ],
    ids=["on time 12 days before", "due soon 2 days before", "due soon on the day", "late after"],
)
def test_lead_sees_whether_their_return_is_on_time_due_soon_or_late(
    lead_role, round_returns, today, expected
):
    page = returns_page(user=lead_role.user, today=today)

    (row,) = page.lead.current
    assert row.timeliness is expected


def test_lead_sees_a_submitted_return_as_on_time_after_the_due_date(lead_role, round_returns):
    QuarterlyReturn.objects.filter(pk=round_returns["CYP 1"].pk).update(state=State.SUBMITTED)

    page = returns_page(user=lead_role.user, today=DUE + timedelta(days=10))

    assert page.lead.current[0].timeliness is Timeliness.ON_TIME


def test_a_return_submitted_after_its_due_date_is_shown_as_submitted_late(
    client, lead_role, round_returns
):
    """Due on 22 October and submitted on 2 December: late, not "On time"."""
    submitted = timezone.make_aware(datetime(2025, 12, 2, 10, 0))
    QuarterlyReturn.objects.filter(pk=round_returns["CYP 1"].pk).update(
        state=State.SUBMITTED, submitted_at=submitted
    )

    page = returns_page(user=lead_role.user, today=date(2025, 12, 3))

    assert page.lead.current[0].timeliness is Timeliness.SUBMITTED_LATE
    row = text_of(get(client, lead_role.user).text).split("CYP 1", 1)[1]
    assert "Submitted late" in row
    assert "On time" not in row


def test_lead_sees_the_reason_a_return_was_sent_back(client, lead_role, round_returns):
    QuarterlyReturn.objects.filter(pk=round_returns["CYP 1"].pk).update(
        state=State.RETURNED, returned_reason="The June figure looks too high."
    )

    html = text_of(get(client, lead_role.user).text)

    assert "Returned" in html
    assert "Sent back: The June figure looks too high." in html


def test_lead_sees_earlier_returns_of_closed_rounds_below(
    client, lead_role, outcome, round_returns
):
    closed = f.ReturnRoundFactory(
        period=f.period("2025-26-Q1"),
        opens_on=date(2025, 7, 1),
        due_on=date(2025, 7, 22),
        closes_on=date(2025, 7, 29),
        state=ReturnRound.State.CLOSED,
    )
    f.QuarterlyReturnFactory(round=closed, outcome=outcome, state=State.APPROVED)

    response = get(client, lead_role.user)

    page = response.context["page"]
    assert [r.quarter for r in page.lead.current] == ["Q2 2025-26"]
    assert [(r.quarter, r.state) for r in page.lead.earlier] == [("Q1 2025-26", "approved")]
    assert "Your earlier returns" in response.text


def test_lead_with_no_open_round_is_told_so(client, lead_role, the_round, outcome):
    the_round.state = ReturnRound.State.CLOSED
    the_round.save()
    f.QuarterlyReturnFactory(round=the_round, outcome=outcome)

    response = get(client, lead_role.user)

    assert response.context["page"].lead.current == ()
    assert 'id="lead-nothing-due"' in response.text


def test_named_lead_person_sees_their_returns_without_the_lead_role(
    client, council_scrutiny, round_returns
):
    Outcome.objects.filter(code="CYP 3").update(lead_person=council_scrutiny)

    page = get(client, council_scrutiny).context["page"]

    assert codes(page.lead.current) == ["CYP 3"]
    # A scrutiny member too: they read the approved returns of the round.
    assert codes(page.published.returns) == ["SSC 2"]


@pytest.mark.urls(__name__)
def test_lead_links_to_each_return_page(client, lead_role, round_returns):
    response = get(client, lead_role.user)

    pk = round_returns["CYP 1"].pk
    assert response.context["page"].lead.current[0].href == f"/returns/{pk}/"
    assert f'href="/returns/{pk}/"' in response.text


def test_rows_have_no_link_while_the_return_page_is_not_there(
    client, lead_role, round_returns, monkeypatch
):
    def no_page(*args, **kwargs):
        raise selectors.NoReverseMatch("return_detail")

    monkeypatch.setattr(selectors, "reverse", no_page)

    response = get(client, lead_role.user)

    assert response.status_code == 200
    assert response.context["page"].lead.current[0].href is None


# --- Performance officers -------------------------------------------------------------------


def test_officer_sees_every_return_of_the_round_with_counts_by_state(
    client, officer, round_returns
):
    response = get(client, officer)

    page = response.context["page"]
    assert page.round.code == Q2
    assert codes(page.officer.returns) == sorted(round_returns)
    assert {c.state: c.count for c in page.officer.counts} == {
        "not_started": 1,
        "draft": 1,
        "submitted": 2,
        "approved": 1,
        "returned": 1,
    }
    assert page.officer.total == 6
    assert page.officer.late == 3
    assert page.officer.scope == "the whole partnership"
    assert "Returns for Q2 2025-26" in response.text


def test_officer_sees_counts_by_partner_and_state(client, officer, round_returns):
    partners = get(client, officer).context["page"].officer.partners

    table = {p.name: {c.state: c.count for c in p.counts if c.count} for p in partners}
    assert table == {
        "Council": {"draft": 1, "submitted": 1, "not_started": 1},
        "Police": {"submitted": 1, "approved": 1, "returned": 1},
    }
    assert [p.total for p in partners] == [3, 3]


def test_officer_sees_who_leads_submitted_and_approved_each_return(
    client, officer, round_returns, lead
):
    QuarterlyReturn.objects.filter(pk=round_returns["SSC 2"].pk).update(approved_by=officer)

    rows = {r.outcome_code: r for r in get(client, officer).context["page"].officer.returns}

    assert rows["CYP 2"].submitted_by == lead.get_full_name()
    assert rows["CYP 2"].submitted_at is not None
    assert rows["CYP 1"].lead_person == lead.get_full_name()
    assert rows["CYP 1"].lead_organisation == "Council"
    assert rows["CYP 3"].block_name == "Safer and Stronger Communities"
    assert rows["SSC 2"].approved_by == officer.get_full_name()


def test_officer_sees_late_returns_marked(client, officer, round_returns):
    response = get(client, officer)

    late = {r.outcome_code for r in response.context["page"].officer.returns if r.late}
    assert late == {"CYP 1", "CYP 3", "SSC 3"}
    assert response.text.count("app-return--late") == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=submitted", ["CYP 2", "SSC 1"]),
        ("state=returned", ["SSC 3"]),
        ("partner={police}", ["SSC 1", "SSC 2", "SSC 3"]),
        ("block=safer-and-stronger", ["CYP 3", "SSC 1", "SSC 2"]),
        ("late=on", ["CYP 1", "CYP 3", "SSC 3"]),
        ("partner={council}&late=on", ["CYP 1", "CYP 3"]),
        ("state=submitted&block=children-and-young-people", ["CYP 2"]),
    ],
    ids=[
        "state submitted",
        "state returned",
        "partner police",
        "block safer and stronger",
        "late only",
        "council and late",
        "submitted in a block",
    ],
)
def test_officer_filters_the_returns(
    client, officer, round_returns, council, police, query, expected
):
    query = query.format(police=police.pk, council=council.pk)

    response = get(client, officer, query)

    page = response.context["page"]
    assert codes(page.officer.returns) == expected
    assert page.filters.active
    # The counts stay those of the whole round.
    assert page.officer.total == 6
    assert f"{len(expected)} of 6 returns match the filters" in text_of(response.text)


def test_filters_are_kept_in_the_form_and_can_be_cleared(client, officer, round_returns, police):
    html = get(client, officer, f"state=submitted&partner={police.pk}&late=on").text

    assert '<option value="submitted" selected>' in html
    assert f'<option value="{police.pk}" selected>Police</option>' in html
    assert 'id="id_late" name="late" type="checkbox" value="on" checked' in html
    assert "Apply filters" in html
    assert f'href="/returns/?round={Q2}">Clear filters</a>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("state=lost", "Select a state from the list"),
        ("partner=abc", "Select a partner from the list"),
        ("block=%20%3C", "Select a block from the list"),
    ],
)
def test_a_filter_that_is_not_valid_is_shown_as_an_error_and_filters_nothing(
    client, officer, round_returns, query, message
):
    response = get(client, officer, query)

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert len(response.context["page"].officer.returns) == 6


def test_council_officer_sees_only_the_councils_returns(client, council_officer, round_returns):
    page = get(client, council_officer).context["page"]

    assert codes(page.officer.returns) == ["CYP 1", "CYP 2", "CYP 3"]
    assert [p.name for p in page.officer.partners] == ["Council"]
    assert page.officer.scope == "Anycity Council"


def test_officer_chooses_another_round(client, officer, round_returns, outcome):
    earlier = f.ReturnRoundFactory(
        period=f.period("2025-26-Q1"),
        opens_on=date(2025, 7, 1),
        due_on=date(2025, 7, 22),
        closes_on=date(2025, 7, 29),
        state=ReturnRound.State.CLOSED,
    )
    f.QuarterlyReturnFactory(round=earlier, outcome=outcome, state=State.APPROVED)

    response = get(client, officer, "round=2025-26-Q1")

    page = response.context["page"]
    assert page.round.code == "2025-26-Q1"
    assert codes(page.officer.returns) == ["CYP 1"]
    assert [r.code for r in page.rounds] == [Q2, "2025-26-Q1"]
    assert '<option value="2025-26-Q1" selected>' in response.text


def test_officer_sees_the_latest_open_round_by_default_else_the_latest_round(
    client, officer, the_round
):
    later = f.ReturnRoundFactory(
        period=f.period("2025-26-Q3"),
        opens_on=date(2026, 1, 1),
        due_on=date(2026, 1, 22),
        closes_on=date(2026, 1, 29),
        state=ReturnRound.State.SCHEDULED,
    )
    assert get(client, officer).context["page"].round.code == Q2

    ReturnRound.objects.filter(pk=the_round.pk).update(state=ReturnRound.State.CLOSED)

    assert get(client, officer).context["page"].round.code == later.period.code


def test_officer_with_no_round_yet_is_offered_to_open_one(client, officer, council_officer):
    response = get(client, officer)

    assert response.context["page"].round is None
    assert 'id="no-round"' in response.text
    assert 'href="/returns/rounds/">Open a round</a>' in response.text
    assert "Open a round" not in get(client, council_officer).text


def test_officer_can_tick_each_submitted_return_for_approval(client, officer, round_returns):
    response = get(client, officer)

    html = response.text
    for code in ("CYP 2", "SSC 1"):
        pk = round_returns[code].pk
        assert f'id="approve-{pk}" name="returns" type="checkbox" value="{pk}"' in html
        assert f'<label class="govuk-label govuk-checkboxes__label" for="approve-{pk}">' in html
        assert f"Select {code} for approval" in html
    for code in ("CYP 1", "CYP 3", "SSC 2", "SSC 3"):
        assert f'id="approve-{round_returns[code].pk}"' not in html
    assert "Approve selected returns" in html


def test_council_officer_cannot_tick_a_police_return(client, council_officer, round_returns):
    html = get(client, council_officer).text

    assert f'id="approve-{round_returns["CYP 2"].pk}"' in html
    assert f'id="approve-{round_returns["SSC 1"].pk}"' not in html


# --- Boards, the PSB and scrutiny -----------------------------------------------------------


@pytest.mark.parametrize("person", ["board", "psb", "scrutiny", "council_scrutiny"])
def test_readers_see_only_the_approved_returns_read_only(request, client, round_returns, person):
    user = request.getfixturevalue(person)

    response = get(client, user)

    page = response.context["page"]
    assert response.status_code == 200
    assert page.officer is None
    assert codes(page.published.returns) == ["SSC 2"]
    html = response.text
    assert "Approved returns for Q2 2025-26" in html
    assert "Approve selected returns" not in html
    assert 'name="returns"' not in html
    for code in ("CYP 1", "CYP 2", "CYP 3", "SSC 1", "SSC 3"):
        assert code not in html


def test_readers_filter_the_approved_returns_by_block_and_partner(
    client, board, round_returns, police
):
    assert (
        get(client, board, "block=children-and-young-people").context["page"].published.returns
        == ()
    )
    page = get(client, board, f"partner={police.pk}&block=safer-and-stronger").context["page"]
    assert codes(page.published.returns) == ["SSC 2"]


# --- Bulk approval --------------------------------------------------------------------------


def approve(client, user, *returns, query=""):
    client.force_login(user)
    return client.post(APPROVE_URL, {"returns": [r.pk for r in returns], "query": query})


def state_of(quarterly_return) -> str:
    quarterly_return.refresh_from_db()
    return quarterly_return.state


def test_officer_approves_the_selected_submitted_returns(client, officer, round_returns, area):
    response = approve(client, officer, round_returns["CYP 2"], round_returns["SSC 1"])

    assert response.status_code == 302
    assert response.url == URL
    assert state_of(round_returns["CYP 2"]) == State.APPROVED
    assert state_of(round_returns["SSC 1"]) == State.APPROVED
    assert round_returns["CYP 2"].approved_by == officer
    page = client.get(response.url)
    assert "Approved 2 returns" in page.text
    assert "govuk-notification-banner--success" in page.text
    assert "not approved" not in page.text


def test_bulk_approval_lists_each_return_refused_with_its_reason(
    client, officer, round_returns, area
):
    response = approve(
        client, officer, round_returns["CYP 2"], round_returns["CYP 1"], round_returns["SSC 2"]
    )

    assert state_of(round_returns["CYP 2"]) == State.APPROVED
    assert state_of(round_returns["CYP 1"]) == State.DRAFT
    page = client.get(response.url)
    html = text_of(page.text)
    assert "Approved 1 return" in html
    assert "2 returns not approved" in html
    assert (
        "CYP 1 Children safe at home: Only a submitted return can be approved or sent back; "
        "this one is draft." in html
    )
    assert "SSC 2 Fewer burglaries: Only a submitted return can be approved" in html
    assert f'href="#return-{round_returns["CYP 1"].pk}"' in page.text
    # Shown once: going back to the list again does not repeat it.
    assert "not approved" not in client.get(URL).text


def test_council_officer_cannot_approve_a_police_return(
    client, council_officer, round_returns, area
):
    response = approve(client, council_officer, round_returns["SSC 1"], round_returns["CYP 2"])

    assert state_of(round_returns["SSC 1"]) == State.SUBMITTED
    assert state_of(round_returns["CYP 2"]) == State.APPROVED
    html = text_of(client.get(response.url).text)
    assert "Approved 1 return" in html
    assert "1 selected return: Not found" in html
    # The police return's existence is not given away.
    assert "SSC 1" not in html


def test_bulk_approval_goes_back_to_the_filtered_list(client, officer, round_returns, area):
    query = f"round={Q2}&state=submitted"

    response = approve(client, officer, round_returns["CYP 2"], query=query)

    assert response.url == f"{URL}?round=2025-26-Q2&state=submitted"


def test_bulk_approval_goes_back_only_to_the_list(client, officer, round_returns, area):
    response = approve(client, officer, round_returns["CYP 2"], query="//evil.example/")

    assert response.url.startswith(f"{URL}?")
    assert "//evil" not in response.url


@pytest.mark.parametrize("sent", [[], ["abc"], ["-1"]])
def test_bulk_approval_with_nothing_selected_says_so(client, officer, round_returns, sent):
    client.force_login(officer)

    response = client.post(APPROVE_URL, {"returns": sent}, follow=True)

    assert response.status_code == 200
    assert "Select at least one return to approve." in response.text


@pytest.mark.parametrize(
    "person", ["lead_role", "other_lead_role", "board", "psb", "scrutiny", "nobody"]
)
def test_only_officers_may_approve_returns(request, client, round_returns, area, person):
    user = request.getfixturevalue(person)
    user = getattr(user, "user", user)

    response = approve(client, user, round_returns["CYP 2"])

    assert response.status_code == 403
    assert state_of(round_returns["CYP 2"]) == State.SUBMITTED


def test_bulk_approval_only_takes_a_post(client, officer):
    client.force_login(officer)

    assert client.get(APPROVE_URL).status_code == 405


@pytest.mark.django_db
def test_bulk_approval_needs_sign_in(client):
    response = client.post(APPROVE_URL, {"returns": ["1"]})

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


# --- The selector and its queries -----------------------------------------------------------


def test_selector_refuses_an_unknown_round(officer, round_returns):
    with pytest.raises(RoundNotFound):
        returns_page(user=officer, today=DUE, round_code="2019-20-Q1")


def test_selector_filters_with_the_date_it_is_given(officer, round_returns):
    before = returns_page(user=officer, today=DUE, filters=Filters(late=True))
    after = returns_page(user=officer, today=DUE + timedelta(days=1), filters=Filters(late=True))

    assert before.officer.returns == ()
    assert codes(after.officer.returns) == ["CYP 1", "CYP 3", "SSC 3"]


@pytest.fixture
def add_returns(the_round, block, other_block, council, police):
    """Add ``n`` outcomes with a return in the round: states, partners and blocks cycle."""
    states = list(State)
    leads = [f.UserFactory(), f.UserFactory()]

    def add(n):
        for i in range(n):
            outcome = f.OutcomeFactory(
                block=block if i % 2 else other_block,
                lead_organisation=council if i % 2 else police,
                lead_person=leads[i % 2],
            )
            state = states[i % len(states)]
            f.QuarterlyReturnFactory(
                round=the_round,
                outcome=outcome,
                state=state,
                returned_reason="Check the figures." if state == State.RETURNED else "",
                submitted_by=leads[0] if state in (State.SUBMITTED, State.APPROVED) else None,
                approved_by=leads[1] if state == State.APPROVED else None,
            )

    return add


@pytest.mark.parametrize(
    ("person", "query"),
    [
        ("officer", ""),
        ("officer", "state=submitted&late=on&block=safer-and-stronger"),
        ("council_officer", ""),
        ("board", ""),
        ("every_role", ""),
    ],
)
def test_returns_list_query_count_does_not_grow_with_returns(
    request, client, add_returns, django_assert_max_num_queries, person, query, lead_role
):
    if person == "every_role":
        user = lead_role.user
        f.assign(user, Role.PERFORMANCE_OFFICER)
        f.assign(user, Role.SCRUTINY)
    else:
        user = request.getfixturevalue(person)
    client.force_login(user)

    def add(n):
        add_returns(n)
        if person == "every_role":
            Outcome.objects.update(lead_person=user)

    add(3)
    with django_assert_max_num_queries(15) as three:
        client.get(URL + "?" + query)
    add(27)
    with django_assert_max_num_queries(len(three)) as thirty:
        response = client.get(URL + "?" + query)

    assert response.status_code == 200
    assert len(thirty) == len(three)
    page = response.context["page"]
    if person == "officer" and not query:
        assert page.officer.total == 30
    if person == "every_role":
        assert len(page.lead.current) == 30
