"""The start page's items are links: each opens what it names, and opens for that person.

A return opens its page; a count of returns opens the list of returns filtered to what
it counts; the PSB's figures open the exception dashboard; a block opens its board view;
scrutiny gets the latest published quarter with its exceptions, blocks and indicators.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from partnership.models import Role
from partnership.periods import Period as PeriodRef
from reporting.models import QuarterlyReturn, ReturnRound
from tests import factories as f
from tests.reporting.start.test_start_page import section, start_page_for, text_of

State = QuarterlyReturn.State
ROLES = ["lead_role", "officer", "council_officer", "board", "psb", "scrutiny", "admin_user"]


def links_in(fragment: str) -> dict[str, str]:
    """Each link's text and address, in a piece of the page."""
    found = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', fragment, re.S)
    return {text_of(text): html.unescape(href) for href, text in found}


def main_of(response) -> str:
    return re.search(r'<main[^>]*id="main-content">(.*?)</main>', response.text, re.S).group(1)


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def follow(client, href: str):
    """The page a link opens, without its #fragment; it must open."""
    response = client.get(href.split("#")[0])
    assert response.status_code == 200, href
    return response


@pytest.fixture
def earlier_round(open_round, other_outcome, outcome):
    """The quarter before the open round, closed, with both outcomes' returns approved."""
    earlier = f.ReturnRoundFactory(
        period=f.period(PeriodRef.parse(open_round.period.code).previous().code),
        state=ReturnRound.State.CLOSED,
    )
    for o in (outcome, other_outcome):
        f.QuarterlyReturnFactory(round=earlier, outcome=o, state=State.APPROVED)
    return earlier


# --- Each role's links --------------------------------------------------------------------


def test_the_leads_return_opens_from_the_start_page(client, lead_role, lead_return):
    response = start_page_for(client, lead_role.user)
    outcome = lead_return.outcome
    quarter = PeriodRef.parse(lead_return.round.period.code).label

    links = links_in(section(response, "lead"))

    href = links[f"{outcome.code} {outcome.title}, return for {quarter}"]
    assert href == f"/returns/{lead_return.pk}/"
    assert follow(client, href).context["page"].header.outcome_code == outcome.code
    assert links["See all your returns"] == "/returns/"
    follow(client, "/returns/")


def test_the_officers_counts_open_the_round_filtered_to_each_state(
    client, officer, lead_return, other_return
):
    code = lead_return.round.period.code
    response = start_page_for(client, officer)
    counts = section(response, "officer").split("Late returns", 1)[0]

    hrefs = {
        query_of(href)["state"][0]: href for href in links_in(counts).values() if "state=" in href
    }

    assert set(hrefs) == {s.value for s in State}
    for state, href in hrefs.items():
        assert query_of(href) == {"round": [code], "state": [state]}
        listed = follow(client, href).context["page"].officer.returns
        expected = {r.pk for r in (lead_return, other_return) if r.state == state}
        assert {row.pk for row in listed} == expected
    assert links_in(counts)["2 returns"] == f"/returns/?round={code}"


def test_the_officers_late_returns_open_each_return_and_the_late_list(
    client, officer, lead_return, other_return
):
    code = lead_return.round.period.code
    links = links_in(section(start_page_for(client, officer), "officer").split("Late returns")[1])
    outcome = lead_return.outcome

    assert links[f"{outcome.code} {outcome.title}"] == f"/returns/{lead_return.pk}/"
    follow(client, f"/returns/{lead_return.pk}/")
    late = links["See the late returns in the list of returns"]
    assert query_of(late) == {"round": [code], "late": ["on"]}
    assert [row.pk for row in follow(client, late).context["page"].officer.returns] == [
        lead_return.pk
    ]


def test_a_council_officers_counts_open_only_the_councils_returns(
    client, council_officer, lead_return, other_return
):
    links = links_in(section(start_page_for(client, council_officer), "officer"))

    submitted = next(href for href in links.values() if "state=submitted" in href)
    not_started = next(href for href in links.values() if "state=not_started" in href)
    assert follow(client, submitted).context["page"].officer.returns == ()
    assert [r.pk for r in follow(client, not_started).context["page"].officer.returns] == [
        lead_return.pk
    ]


def test_the_board_members_block_opens_its_board_view_and_its_approved_returns(
    client, board, block, lead_return
):
    approved = f.QuarterlyReturnFactory(
        round=lead_return.round, outcome=f.OutcomeFactory(block=block), state=State.APPROVED
    )
    code = lead_return.round.period.code
    links = links_in(section(start_page_for(client, board), "board"))

    board_view = follow(client, links[block.name])
    assert links[block.name] == f"/blocks/{block.slug}/"
    assert board_view.context["page"].name == block.name
    returns = links[f"1 of 2 returns of {block.name} approved"]
    assert query_of(returns) == {"round": [code], "block": [block.slug]}
    published = follow(client, returns).context["page"].published.returns
    assert [row.pk for row in published] == [approved.pk]


def test_the_psbs_figures_open_the_exception_dashboard_for_the_quarter(
    client, psb, lead_return, other_return, partnership_risk
):
    code = lead_return.round.period.code
    links = links_in(section(start_page_for(client, psb), "psb"))
    quarter = PeriodRef.parse(code).label

    assert links[f"See the exceptions for {quarter}"] == f"/exceptions/?period={code}"
    late = links["1 Late returns: 1 missing, 0 submitted late"]
    assert late == f"/exceptions/?period={code}#exceptions"
    assert links["1 Not yet submitted, of 2"] == late
    assert links["1 Risks held by the PSB"] == late
    dashboard = follow(client, late)
    assert dashboard.context["page"].period_code == code
    assert 'id="exceptions"' in dashboard.text
    assert lead_return.outcome.title in text_of(main_of(dashboard))


def test_scrutiny_gets_the_published_quarter_its_exceptions_blocks_and_indicators(
    client, scrutiny, block, other_block, lead_return, other_return, earlier_round
):
    code = earlier_round.period.code
    quarter = PeriodRef.parse(code).label
    response = start_page_for(client, scrutiny)
    html_ = section(response, "scrutiny")
    links = links_in(html_)

    assert f"The latest published quarter is {quarter}, with 2 approved returns" in text_of(html_)
    assert links[f"Exceptions for {quarter}"] == f"/exceptions/?period={code}"
    assert follow(client, links[f"Exceptions for {quarter}"]).context["page"].period_code == code
    approved = links[f"Approved returns for {quarter}"]
    assert approved == f"/returns/?round={code}"
    assert len(follow(client, approved).context["page"].published.returns) == 2
    assert links["Indicators"] == "/indicators/"
    follow(client, "/indicators/")
    for b in (block, other_block):
        assert links[b.name] == f"/blocks/{b.slug}/?period={code}"
        assert follow(client, links[b.name]).context["page"].period_code == code
    rows = text_of(html_.split('id="published-blocks"')[1])
    assert f"{block.name} 1 1" in rows
    assert f"{other_block.name} 1 1" in rows


def test_scrutiny_reads_the_closed_quarter_not_the_open_one_with_a_first_approval(
    client, scrutiny, lead_return, other_return, earlier_round
):
    """The open quarter has one return approved already: scrutiny is still given the
    latest closed quarter, as the dashboards are (issue 9, point 3)."""
    other_return.state = State.APPROVED
    other_return.save()

    page = start_page_for(client, scrutiny).context["page"].scrutiny

    assert page.quarter == PeriodRef.parse(earlier_round.period.code).label
    assert page.approved == 2
    assert earlier_round.period.code in page.exceptions_href


def test_scrutiny_sees_no_draft_and_only_the_blocks_it_covers(
    client, block, other_block, lead_return, earlier_round
):
    covering = f.UserFactory(username="covering")
    f.assign(covering, Role.SCRUTINY, block=block)
    lead_return.state = State.DRAFT  # in the open round: not published
    lead_return.save()

    page = start_page_for(client, covering).context["page"].scrutiny

    assert page.quarter == PeriodRef.parse(earlier_round.period.code).label
    assert page.approved == 1
    assert [b.name for b in page.blocks] == [block.name]


def test_with_nothing_published_scrutiny_still_gets_the_blocks_and_indicators(
    client, scrutiny, block, lead_return
):
    response = start_page_for(client, scrutiny)
    links = links_in(section(response, "scrutiny"))

    assert "nothing is published" in section(response, "scrutiny")
    assert links["See the indicators"] == "/indicators/"
    assert links[block.name] == f"/blocks/{block.slug}/"
    follow(client, links[block.name])


# --- Every link opens for the person it is shown to ------------------------------------------


@pytest.mark.parametrize("person", ROLES)
def test_every_link_on_each_roles_start_page_opens_for_them(
    request, client, block, lead_return, other_return, earlier_round, partnership_risk, person
):
    user = request.getfixturevalue(person)
    user = getattr(user, "user", user)

    links = links_in(main_of(start_page_for(client, user)))

    assert links, "the start page offers nothing to open"
    for href in set(links.values()):
        follow(client, href)
