"""A board's view of its block (/blocks/<slug>/) and the list of blocks (/blocks/)."""

from __future__ import annotations

import re

import pytest

from reporting.dashboards.selectors.board import BOARD_RISKS, board_page
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.scorecard.selectors import RagCounts
from risks.models import Risk
from risks.rules import RiskLevel
from targets.models import Action, Target
from tests import factories as f
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round, add_target, grow

State = QuarterlyReturn.State
# The most queries the board view or the list of blocks may run, whatever the data.
MAX_QUERIES = 26  # 21st: risks proposed to the board; 22nd, 23rd: its funding streams;
# 24th, 25th: the actions' targets and quarterly updates; 26th: how many open risks in all


def url(block) -> str:
    return f"/blocks/{block.slug}/"


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def get(client, user, path, query=""):
    client.force_login(user)
    return client.get(path + (f"?{query}" if query else ""))


@pytest.fixture
def the_round(db):
    return a_round()


@pytest.fixture
def block_targets(outcome, other_outcome, the_round):
    """Three targets of the lead's block (green, amber, stretch) and one of another block."""
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=State.APPROVED,
        progress_summary="Good progress on school readiness",
        concerns_and_actions="Attendance in two schools",
        forecast_rag="green",
    )
    return {
        "green": add_target(outcome, value=50, last_year=45),
        "amber": add_target(outcome, value=44, last_year=40),
        "stretch": add_target(outcome, value=52, kind=Target.Kind.STRETCH),
        "other block": add_target(other_outcome, value=30),
    }


def page_for(user, block):
    return board_page(user=user, block=block, period=f.period(Q2), today=TODAY)


# --- What the board view shows ---------------------------------------------------------------


def test_every_target_of_the_block_is_shown_whatever_its_rag(board, block, block_targets):
    page = page_for(board, block)

    (card,) = page.outcomes
    shown = {t.row.target_id for t in card.targets}
    assert shown == {block_targets[n].pk for n in ("green", "amber", "stretch")}
    assert card.counts == RagCounts(green=2, amber=1)
    assert page.counts == RagCounts(green=2, amber=1)


def test_each_target_has_value_milestone_target_rag_direction_and_link(
    client, board, block, block_targets
):
    response = get(client, board, url(block))
    text = text_of(response.text)
    green = block_targets["green"].indicator

    assert response.status_code == 200
    assert f'id="target-{green.slug}"' in response.text
    assert f'href="/indicators/{green.slug}/"' in response.text
    assert f"{green.code} {green.title}" in text
    assert "50.0% 45.0% 60.0% by 2026-27 Green Improving" in text
    assert "Stretch: 60% of the planned improvement achieved" in text


def test_the_outcomes_forecast_and_commentary_are_shown(client, board, block, block_targets):
    text = text_of(get(client, board, url(block)).text)

    assert "Good progress on school readiness" in text
    assert "Attendance in two schools" in text
    assert "Forecast year-end RAG Green" in text


def test_balanced_scorecard_counts_each_outcome_with_its_return(
    client, board, block, outcome, block_targets
):
    extra = f.OutcomeFactory(block=block, code="CYP 9")
    response = get(client, board, url(block))
    page = response.context["page"]

    cards = {card.outcome.outcome_id: card for card in page.outcomes}
    assert cards[outcome.pk].outcome.state == State.APPROVED
    assert cards[outcome.pk].outcome.forecast_rag == "green"
    assert cards[extra.pk].counts == RagCounts()
    assert not cards[extra.pk].outcome.has_return
    assert 'id="scorecard-table"' in response.text
    chart = response.context["chart"]
    assert chart.table.rows == ((outcome.code, "2", "1", "0", "0", "3"),)


def test_the_blocks_open_risks_and_actions_are_listed(
    board, block, outcome, other_outcome, block_targets, council
):
    on_block = f.RiskFactory(level=RiskLevel.BLOCK, outcome=None, block=block, title="On block")
    on_outcome = f.RiskFactory(level=RiskLevel.OUTCOME, outcome=outcome, title="On outcome")
    on_target = f.RiskFactory(
        level=RiskLevel.TARGET, outcome=None, target=block_targets["amber"], title="On target"
    )
    f.RiskFactory(outcome=outcome, status=Risk.Status.CLOSED, title="Closed")
    f.RiskFactory(outcome=other_outcome, title="Other block")
    Action.objects.create(outcome=outcome, description="Outcome action", lead_organisation=council)
    Action.objects.create(
        outcome=outcome, description="Target action", lead_organisation=council
    ).targets.add(block_targets["green"])
    Action.objects.create(
        outcome=other_outcome, description="Elsewhere", lead_organisation=council
    ).targets.add(block_targets["other block"])

    page = page_for(board, block)

    assert {r.title for r in page.risks} == {on_block.title, on_outcome.title, on_target.title}
    on_target_line = next(r for r in page.risks if r.title == "On target")
    assert on_target_line.hangs_on == f"{block_targets['amber'].indicator.code} target"
    assert {a.description for a in page.actions} == {"Outcome action", "Target action"}


def test_a_board_reads_its_highest_scoring_risks_and_the_register_has_them_all(
    client, board, block, the_round, monkeypatch
):
    monkeypatch.setattr("reporting.dashboards.selectors.board.BOARD_RISKS", 2)
    for title, likelihood in (("Low", 1), ("Highest", 5), ("Middle", 3)):
        f.RiskFactory(
            level=RiskLevel.BLOCK,
            outcome=None,
            block=block,
            title=title,
            current_likelihood=likelihood,
            current_impact=4,
        )

    response = get(client, board, url(block))

    assert [r.title for r in response.context["page"].risks] == ["Highest", "Middle"]
    text = text_of(response.text)
    assert "The 2 highest-scoring of 3 open risks of the block" in text
    assert f'href="/risks/?block={block.slug}">All 3 open risks of the block' in response.text


def test_each_risk_links_to_its_page(client, board, block, the_round):
    risk = f.RiskFactory(level=RiskLevel.BLOCK, outcome=None, block=block, title="On block")

    html = get(client, board, url(block)).text

    assert f'<a class="govuk-link" href="/risks/{risk.pk}/">On block</a>' in html


def test_heading_and_browser_title_name_the_block_and_quarter(client, board, block, the_round):
    block.description = "Every child ready for school"
    block.save()

    html = get(client, board, url(block)).text

    heading = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
    assert heading == f"{block.name} Q2 2025-26"
    assert f"<title>{block.name} – Q2 2025-26 – Partnership Performance</title>" in html
    assert '<p class="govuk-body-l">Every child ready for school</p>' in html


def test_with_no_round_yet_the_heading_and_title_still_name_the_block(client, board, block):
    html = get(client, board, url(block)).text

    assert re.search(rf'<h1 class="govuk-heading-xl">{block.name}</h1>', html)
    assert f"<title>{block.name} – Partnership Performance</title>" in html


def test_a_block_with_no_risks_or_actions_says_so(client, board, block, block_targets):
    text = text_of(get(client, board, url(block)).text)

    assert "The block has no open risks." in text
    assert "The block has no actions recorded." in text


# --- Who sees what ---------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client, block):
    response = client.get(url(block))

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url(block)}"


def test_person_with_no_role_is_refused(client, nobody, block, the_round):
    assert get(client, nobody, url(block)).status_code == 403
    assert get(client, nobody, "/blocks/").status_code == 403


@pytest.mark.parametrize(
    "person", ["psb", "board", "scrutiny", "officer", "lead_role", "admin_user"]
)
def test_everyone_with_a_role_reads_any_block(request, client, other_block, block_targets, person):
    user = request.getfixturevalue(person)
    user = getattr(user, "user", user)

    response = get(client, user, url(other_block))

    assert response.status_code == 200
    assert response.context["page"].name == other_block.name


def test_board_member_reads_another_block_and_edits_nothing(
    client, board, other_block, block_targets
):
    response = get(client, board, url(other_block))

    content = response.text.split('id="board-view"')[1]
    assert response.status_code == 200
    assert 'method="post"' not in content


def test_an_unknown_block_is_not_found(client, psb, the_round):
    assert get(client, psb, "/blocks/no-such-block/").status_code == 404


@pytest.mark.parametrize("period", ["2025-26-Q5", "2025-26", "2031-32-Q1", "x"])
def test_a_malformed_or_unknown_quarter_is_not_found(client, psb, block, the_round, period):
    f.period("2025-26")

    assert get(client, psb, url(block), f"period={period}").status_code == 404
    assert get(client, psb, "/blocks/", f"period={period}").status_code == 404


def test_another_quarter_is_chosen_in_the_address(client, psb, block, outcome, the_round):
    a_round(code="2025-26-Q1", state=ReturnRound.State.CLOSED)

    response = get(client, psb, url(block), "period=2025-26-Q1")

    assert response.context["page"].period_code == "2025-26-Q1"
    assert '<option value="2025-26-Q1" selected>' in response.text


@pytest.mark.parametrize("person", ["psb", "board", "scrutiny"])
def test_a_draft_value_never_shows_its_number(request, client, block, outcome, the_round, person):
    add_target(outcome, value="87.3", last_year="99.1", approved=False, kind="stretch")
    f.QuarterlyReturnFactory(
        round=the_round, outcome=outcome, state=State.DRAFT, progress_summary="Draft words"
    )

    response = get(client, request.getfixturevalue(person), url(block))

    assert "87.3" not in response.text
    assert "Draft words" not in response.text
    assert "shown once the return is approved" in response.text


def test_with_no_round_yet_there_is_nothing_to_show(client, psb, block):
    response = get(client, psb, url(block))

    assert response.status_code == 200
    assert 'id="nothing-yet"' in response.text


# --- The list of blocks ----------------------------------------------------------------------


def test_blocks_lists_every_block_with_its_targets_by_rag(
    client, scrutiny, block, other_block, block_targets
):
    response = get(client, scrutiny, "/blocks/")
    lines = {line.slug: line for line in response.context["page"].blocks}

    assert response.status_code == 200
    assert lines[block.slug].counts == RagCounts(green=2, amber=1)
    assert lines[other_block.slug].counts == RagCounts(red=1)
    assert f'href="/blocks/{block.slug}/?period={Q2}"' in response.text


# --- Queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["board", "admin_user"])
def test_query_count_does_not_grow_with_targets_risks_actions_or_areas(
    request, client, django_assert_max_num_queries, block, council, the_round, person
):
    client.force_login(request.getfixturevalue(person))
    grow(3, block=block, partner=council, round_=the_round)

    with django_assert_max_num_queries(MAX_QUERIES) as small:
        client.get(url(block))
    with django_assert_max_num_queries(MAX_QUERIES) as small_list:
        client.get("/blocks/")
    grow(27, block=block, partner=council, round_=the_round)
    with django_assert_max_num_queries(len(small)) as large:
        response = client.get(url(block))
    with django_assert_max_num_queries(len(small_list)):
        client.get("/blocks/")

    page = response.context["page"]
    assert page.counts.total == 30
    assert (len(page.risks), page.risk_count) == (BOARD_RISKS, 60)
    assert len(page.actions) == 30
    assert len(large) == len(small)


# --- The delivery plans ----------------------------------------------------------------------


def test_actions_carry_their_flags_and_each_outcome_its_plan_state(
    client, board, block, outcome, block_targets, council
):
    from datetime import date

    from django.utils.text import slugify

    late = Action.objects.create(
        outcome=outcome,
        description="Late action",
        lead_organisation=council,
        due_date=date(2025, 10, 1),  # before TODAY: overdue
        status=Action.Status.ON_TRACK,
    )
    late.updates.create(period=f.period(Q2), status="on_track", progress="Reported")
    Action.objects.create(
        outcome=outcome,
        description="Unreported action",
        lead_organisation=council,
        due_date=date(2099, 1, 1),
        status=Action.Status.ON_TRACK,
    ).targets.add(block_targets["green"])

    page = page_for(board, block)

    flags = {a.description: a.flags for a in page.actions}
    assert flags == {
        "Late action": ("Overdue",),
        "Unreported action": ("No progress reported this quarter",),
    }
    card = next(c for c in page.outcomes if c.outcome.outcome_id == outcome.pk)
    states = {t.row.code: t.row.plan_state.label for t in card.targets}
    assert states[block_targets["green"].indicator.code] == "1 live action"
    assert states[block_targets["amber"].indicator.code] == "Off track with no action plan"
    html = get(client, board, url(block), f"period={Q2}").text
    assert f'href="/outcomes/{slugify(outcome.code)}/"' in html
    assert text_of(html).count("Off track with no action plan") == 1
