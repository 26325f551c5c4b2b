"""The risk register (/risks/), its filters, counts by band, heat map and CSV download."""

import csv
import io

import pytest

from risks.rules import RiskLevel
from tests import factories as f
from tests.risks.conftest import ROLES, person

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [row.title for row in response.context["page"].rows]


def get(client, user, query: str = ""):
    client.force_login(user)
    return client.get(f"/risks/{query}")


# --- Who may see it ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_every_open_risk_highest_score_first(request, client, risks, role):
    response = get(client, person(request, role))

    assert response.status_code == 200
    assert titles(response) == [
        "Foster carers leave",  # 20
        "Patrol cover thins",  # 12
        "School places fall short",  # 9
        "Partners withdraw funding",  # 4
    ]
    assert 'href="/risks/"' in response.text  # the menu names the register


def test_someone_with_no_role_is_told_so(client, nobody, risks):
    response = get(client, nobody)

    assert response.status_code == 403
    assert "You do not have a role yet" in response.text
    assert "Foster carers leave" not in response.text


def test_someone_with_no_role_gets_no_csv(client, nobody, risks):
    response = get(client, nobody, "register.csv")

    assert response.status_code == 403
    assert b"Foster carers leave" not in response.content


@pytest.mark.parametrize("path", ["/risks/", "/risks/register.csv"])
def test_anonymous_is_sent_to_sign_in(client, risks, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_no_menu_item_for_someone_with_no_role(client, nobody):
    client.force_login(nobody)
    assert 'href="/risks/"' not in client.get("/").text


# --- Filters -----------------------------------------------------------------------------


def test_closed_risks_only_when_asked_for(client, officer, risks):
    assert "Old closed risk" not in titles(get(client, officer))
    assert "Old closed risk" in titles(get(client, officer, "?closed=on"))
    assert titles(get(client, officer, "?status=closed")) == ["Old closed risk"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?level=target", ["Foster carers leave"]),
        ("?level=partnership", ["Partners withdraw funding"]),
        ("?block=children-and-young-people", ["Foster carers leave", "School places fall short"]),
        ("?block=safer-and-stronger", ["Patrol cover thins"]),
        ("?band=very_high", ["Foster carers leave"]),
        ("?band=high", ["Patrol cover thins"]),
        ("?band=medium", ["School places fall short"]),
        ("?band=low", ["Partners withdraw funding"]),
        ("?overdue=on", ["School places fall short"]),
        ("?level=outcome&band=low", []),
    ],
)
def test_filters(client, officer, risks, query, expected):
    assert titles(get(client, officer, query)) == expected


def test_filters_by_outcome_include_its_targets_risks(client, officer, risks, outcome):
    response = get(client, officer, f"?outcome={outcome.pk}")
    assert titles(response) == ["Foster carers leave", "School places fall short"]


def test_filters_by_owner_and_organisation(client, officer, risks, lead, police):
    assert titles(get(client, officer, f"?owner={lead.pk}")) == ["School places fall short"]
    assert titles(get(client, officer, f"?organisation={police.pk}")) == ["Patrol cover thins"]


def test_filters_stay_in_the_form(client, officer, risks):
    response = get(client, officer, "?band=high&overdue=on")

    assert '<option value="high" selected>High</option>' in response.text
    assert 'id="id_overdue" name="overdue" type="checkbox" value="on" checked' in response.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?band=purple", "Select a band from the list"),
        ("?level=galaxy", "Select a level from the list"),
        ("?block=no-such-block", "Select a block from the list"),
        ("?outcome=abc", "Select an outcome from the list"),
        ("?outcome=999999", "Select an outcome from the list"),
        ("?owner=-1", "Select an owner from the list"),
        ("?likelihood=9", "Likelihood is 1 to 5"),
        ("?position=sideways", "Select current, inherent or target"),
        ("?position=target&impact=3", "A target position is a score"),
    ],
)
def test_a_bad_filter_is_an_error_and_filters_nothing(client, officer, risks, query, message):
    response = get(client, officer, query)

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message in response.text
    assert len(titles(response)) == 4


# --- Counts and the heat map ---------------------------------------------------------------


def test_counts_by_band_of_what_is_shown(client, officer, risks):
    counts = dict(get(client, officer).context["page"].band_counts)
    assert [counts[b] for b in counts] == [1, 1, 1, 1]

    counts = dict(get(client, officer, "?level=outcome").context["page"].band_counts)
    assert {band.value: n for band, n in counts.items()} == {
        "very_high": 0,
        "high": 0,
        "medium": 1,
        "low": 0,
    }


def cell(response, likelihood, impact):
    matrix = response.context["matrix"]
    return next(
        c for line in matrix.rows for c in line if (c.likelihood, c.impact) == (likelihood, impact)
    )


def test_heat_map_counts_current_positions_and_links_each_cell(client, officer, risks):
    response = get(client, officer, "?band=very_high")

    assert cell(response, 5, 4).count == 1
    assert response.context["matrix"].total == 1
    assert 'href="?band=very_high&amp;likelihood=5&amp;impact=4"' in response.text
    # The band is written, not only coloured.
    assert "20 Very high" in response.text
    assert response.context["chart"].table.rows[0] == ("5", "0", "0", "0", "1", "0")


def test_heat_map_inherent_positions(client, officer, risks):
    response = get(client, officer, "?position=inherent")

    assert cell(response, 5, 5).count == 1  # the target risk, inherently 5 x 5
    assert cell(response, 4, 4).count == 3  # the factory's default inherent 4 x 4
    assert 'href="?position=inherent&amp;likelihood=4&amp;impact=4"' in response.text


def test_a_cell_link_shows_the_risks_in_it(client, officer, risks):
    assert titles(get(client, officer, "?likelihood=5&impact=4")) == ["Foster carers leave"]
    response = get(client, officer, "?position=inherent&likelihood=4&impact=4")
    assert "Foster carers leave" not in titles(response)
    assert len(titles(response)) == 3


def test_target_positions_are_counted_by_band(client, officer, risks):
    response = get(client, officer, "?position=target")

    assert dict(response.context["target_counts"]) == {
        "Very high": 0,
        "High": 0,
        "Medium": 1,  # the target risk's target score of 8
        "Low": 0,
        "No target score": 3,
    }


# --- CSV -------------------------------------------------------------------------------------


def test_csv_is_what_is_shown(client, officer, risks):
    client.force_login(officer)
    response = client.get("/risks/register.csv?block=children-and-young-people")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Risk", "Level", "Hangs on"]
    assert [r[0] for r in rows[1:]] == ["Foster carers leave", "School places fall short"]
    overdue = rows[2]
    assert overdue[10:12] == ["9", "Medium"]
    assert overdue[-1] == "Yes"


def test_the_page_links_its_csv_with_the_same_filters(client, officer, risks):
    response = get(client, officer, "?band=high")
    assert 'href="/risks/register.csv?band=high"' in response.text


# --- Queries -----------------------------------------------------------------------------


def grow(n: int, outcome) -> None:
    for i in range(n):
        owner = f.UserFactory()
        target = f.TargetFactory(indicator=f.IndicatorFactory(primary_outcome=outcome))
        f.RiskFactory(level=RiskLevel.TARGET, outcome=None, target=target, owner=owner)
        f.RiskFactory(outcome=outcome, owner=owner, current_likelihood=1 + i % 5)
        f.RiskFactory(level=RiskLevel.BLOCK, outcome=None, block=outcome.block)


@pytest.mark.parametrize("query", ["", "?band=high&block=children-and-young-people"])
def test_query_count_does_not_grow_with_risks(
    client, officer, outcome, django_assert_max_num_queries, query
):
    client.force_login(officer)
    grow(1, outcome)
    with django_assert_max_num_queries(17) as small:  # 17th: any proposals to decide (the link)
        client.get(f"/risks/{query}")
        client.get(f"/risks/register.csv{query}")
    grow(10, outcome)
    with django_assert_max_num_queries(len(small)):
        response = client.get(f"/risks/{query}")
        client.get(f"/risks/register.csv{query}")
    if not query:
        assert len(response.context["page"].rows) == 33


# --- Pages of the list ---------------------------------------------------------------------


def test_a_long_register_is_listed_fifty_at_a_time_and_counted_in_full(client, officer, outcome):
    for i in range(55):
        f.RiskFactory(outcome=outcome, title=f"Risk {i:02d}", current_likelihood=1 + i % 5)
    client.force_login(officer)

    first = client.get("/risks/?band=low")
    low = len(first.context["page"].rows)
    assert low == 11  # likelihood 1 x impact 3: the only low score here
    assert len(first.context["shown"]) == low
    assert 'id="pagination"' not in first.text

    everything = client.get("/risks/")
    assert len(everything.context["shown"]) == 50
    assert "showing 1 to 50" in everything.text
    assert 'href="?page=2"' in everything.text
    assert everything.context["matrix"].total == 55
    last = client.get("/risks/?page=2")
    assert len(last.context["shown"]) == 5
    # A page past the end, or not a number, shows the nearest page rather than failing.
    assert client.get("/risks/?page=99").context["shown"].number == 2
    assert client.get("/risks/?page=abc").context["shown"].number == 1
    csv_rows = client.get("/risks/register.csv").content.decode("utf-8-sig").splitlines()
    assert len(csv_rows) == 56


def test_csv_text_never_reads_as_a_formula(client, officer, outcome):
    f.RiskFactory(outcome=outcome, title='=HYPERLINK("http://example.com")')
    f.RiskFactory(outcome=outcome, title="-5 pupils a term", current_likelihood=1)
    client.force_login(officer)
    response = client.get("/risks/register.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ['\'=HYPERLINK("http://example.com")', "'-5 pupils a term"]
    assert rows[1][10] == "9"  # numbers stay numbers
