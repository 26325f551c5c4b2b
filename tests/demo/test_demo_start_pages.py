"""The demo, loaded today: every role's start page shows what to act on, each a link that
opens for that person.

It loads the demo as at the real today (as ``make run`` does), not at a fixed date, so it
checks that whatever the day, the open round and its returns give each role something.
"""

from __future__ import annotations

import html
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.content.people import DEMO_LOGINS

# The six demo logins, a partner's own performance officer, and a lead who sits on a board:
# the section each must see, and a link that section must offer (a pattern of its address).
EXPECTED = {
    "admin": {"administration": r"^/admin/auth/user/$"},
    "officer": {"officer": r"^/returns/\?round=[\d-]+Q\d&state=submitted$"},
    "lead": {"lead": r"^/returns/\d+/$"},
    "board": {"board": r"^/blocks/safer-and-stronger-communities/$"},
    "psb": {"psb": r"^/exceptions/\?period=[\d-]+Q\d#exceptions$"},
    "scrutiny": {"scrutiny": r"^/exceptions/\?period=[\d-]+Q\d$"},
    "dan.okoro": {"officer": r"^/returns/\?round=[\d-]+Q\d&state=submitted$"},
    "fiona.campbell": {"lead": r"^/returns/\d+/$", "board": r"^/blocks/[a-z-]+/$"},
}
START_PAGE_MAX_QUERIES = 15  # as for one person holding every role (test_start_page)


def section(page: str, name: str) -> str:
    match = re.search(
        rf'<section class="app-start-section"[^>]*\bid="{name}">(.*?)</section>', page, re.S
    )
    assert match, f"no {name} section"
    return match.group(1)


def assert_something_to_act_on(page, sections) -> None:
    """Not only links: the figures behind them give the role something to do or read."""
    if "lead" in sections:  # a return to complete
        assert any(line.state in ("not_started", "draft") for line in page.lead_returns)
    if "officer" in sections:  # returns to review or to chase
        assert any(c.count for c in page.officer.counts if c.state != "approved")
    if "board" in sections:
        assert page.board.blocks
    if "psb" in sections:  # the quarter being collected
        assert page.psb.quarter is not None
    if "scrutiny" in sections:  # a published quarter
        assert page.scrutiny.quarter is not None
        assert page.scrutiny.approved > 0


def hrefs(fragment: str) -> set[str]:
    return {html.unescape(h) for h in re.findall(r'<a [^>]*href="([^"]+)"', fragment)}


@pytest.mark.django_db
def test_every_roles_start_page_in_todays_demo_has_links_that_open(
    client, django_assert_max_num_queries
):
    call_command("load_demo", stdout=StringIO())
    assert set(DEMO_LOGINS) <= set(EXPECTED)
    users = get_user_model().objects.in_bulk(list(EXPECTED), field_name="username")

    for username, sections in EXPECTED.items():
        client.force_login(users[username])
        with django_assert_max_num_queries(START_PAGE_MAX_QUERIES):
            response = client.get("/")
        assert response.status_code == 200
        page = response.text
        main = re.search(r'<main[^>]*id="main-content">(.*?)</main>', page, re.S).group(1)

        for name, pattern in sections.items():
            offered = hrefs(section(page, name))
            assert any(re.match(pattern, h) for h in offered), (username, name, offered)
        assert_something_to_act_on(response.context["page"], sections)
        for href in sorted(hrefs(main)):
            opened = client.get(href.split("#")[0])
            assert opened.status_code == 200, (username, href, opened.status_code)
