"""A block's indicators by sub-area (/blocks/<slug>/sub-areas/), linked from the board view.

The Children and Young People block has CYP 01 (quarterly, a percentage) and CYP 02
(annual, a number) and CYP 03 (no value by sub-area). Anycity North and South have
approved values for CYP 01 in Q3 and Q4 2025-26, and North a draft for Q1 2026-27 that
nobody sees here (the board view shows approved values only, whoever reads it). The
Safer and Stronger block's indicator has a value by sub-area that this page never shows.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from indicators.enums import Frequency, Unit
from indicators.models import IndicatorValue
from partnership.models import Area
from partnership.periods import Period as PeriodRef
from partnership.periods import last_quarters
from tests import factories as f
from tests.csv_helpers import csv_rows, response_text

URL = "/blocks/children-and-young-people/sub-areas/"
# The session, the person and their roles (2), the block, the partnership area, the
# indicators and the values.
QUERIES = 8


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def value(indicator, area, code, amount, **extra):
    return f.IndicatorValueFactory(
        indicator=indicator, area=area, period=f.period(code), value=Decimal(amount), **extra
    )


@pytest.fixture
def area(db):
    return f.PartnershipAreaFactory()


@pytest.fixture
def world(outcome, other_outcome, area):
    north = f.SubAreaFactory(code="AC01", name="Anycity North", parent=area)
    south = f.SubAreaFactory(code="AC02", name="Anycity South", parent=area)
    cyp1 = f.IndicatorFactory(primary_outcome=outcome, code="CYP 01", title="Good schools")
    cyp2 = f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 02", title="Young carers", unit=Unit.NUMBER,
        decimal_places=0, frequency=Frequency.ANNUAL,
    )  # fmt: skip
    f.IndicatorFactory(primary_outcome=outcome, code="CYP 03", title="Free school meals")
    other = f.IndicatorFactory(primary_outcome=other_outcome, code="SSC 01", title="Crime")
    value(cyp1, area, "2025-26-Q4", "48")
    for code, n, s in (("2025-26-Q3", "50", "40"), ("2025-26-Q4", "52", "39")):
        value(cyp1, north, code, n)
        value(cyp1, south, code, s)
    value(cyp1, north, "2026-27-Q1", "77.7", is_approved=False)
    value(cyp2, north, "2024-25", "120")
    value(other, south, "2025-26-Q4", "99.9")
    return {"north": north, "south": south}


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_someone_without_a_role_is_refused(client, world, nobody):
    client.force_login(nobody)
    response = client.get(URL)
    assert response.status_code == 403
    assert "You do not have a role yet" in text_of(response)


def test_an_unknown_block_is_not_found(client, world, psb):
    client.force_login(psb)
    assert client.get("/blocks/no-such-block/sub-areas/").status_code == 404


@pytest.mark.parametrize(
    "person", ["psb", "board", "scrutiny", "lead", "colleague", "officer", "admin_user"]
)
def test_everyone_with_a_role_sees_the_latest_approved_values_by_sub_area(
    client, world, person, request, lead_role
):
    client.force_login(request.getfixturevalue(person))
    response = client.get(URL)
    assert response.status_code == 200
    text = text_of(response)
    assert "Indicators by sub-area" in text
    assert "Indicator Period Anycity Anycity North Anycity South" in text
    assert "CYP 01 Good schools Q4 2025-26 48.0% 52.0% 39.0%" in text
    assert "CYP 02 Young carers 2024-25 – 120 –" in text
    assert "Indicators with no approved value by sub-area CYP 03 Free school meals" in text
    assert "77.7" not in text  # a draft, even for the lead's organisation
    assert "SSC 01" not in text  # another block's
    assert "99.9" not in text


def test_each_indicator_links_to_its_page_by_sub_area(client, world, board):
    client.force_login(board)
    html = client.get(URL).content.decode()
    assert 'href="/indicators/cyp-01/#sub-areas"' in html


def test_the_board_view_links_to_it(client, world, board):
    client.force_login(board)
    html = client.get("/blocks/children-and-young-people/").content.decode()
    assert f'href="{URL}"' in html


def test_a_block_without_values_by_sub_area_says_so(client, world, psb):
    IndicatorValue.objects.filter(area__kind=Area.Kind.SUB_AREA).delete()
    client.force_login(psb)
    text = text_of(client.get(URL))
    assert "None of this block's indicators has an approved value by sub-area yet" in text
    assert "CYP 01 Good schools" in text  # listed among those without


def _sized(outcome, area, *, indicators: int, sub_areas: int, quarters: int) -> None:
    codes = [p.code for p in last_quarters(PeriodRef.parse("2025-26-Q4"), quarters)]
    periods = {code: f.period(code) for code in codes}
    places = [
        Area.objects.create(
            code=f"W{n:05d}", name=f"Ward {n:02d}", kind=Area.Kind.SUB_AREA, parent=area
        )  # fmt: skip
        for n in range(sub_areas)
    ]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator,
            area=place,
            period=periods[code],
            value=Decimal(40 + n),
            is_approved=True,
        )  # fmt: skip
        for indicator in [f.IndicatorFactory(primary_outcome=outcome) for _ in range(indicators)]
        for place in [area, *places]
        for n, code in enumerate(codes)
    )


@pytest.mark.parametrize(("indicators", "sub_areas", "quarters"), [(1, 2, 2), (12, 20, 8)])
@pytest.mark.parametrize("person", ["board", "officer"])
def test_the_page_runs_the_same_queries_whatever_the_size(
    client, outcome, area, indicators, sub_areas, quarters, person, request,
    django_assert_max_num_queries,
):  # fmt: skip
    _sized(outcome, area, indicators=indicators, sub_areas=sub_areas, quarters=quarters)
    client.force_login(request.getfixturevalue(person))
    with django_assert_max_num_queries(QUERIES):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<th scope="row"') == indicators
    assert html.count("Ward ") == sub_areas


# --- The table as CSV (?format=csv&table=sub-areas) --------------------------------------

ROLES = ["psb", "board", "scrutiny", "lead", "colleague", "officer", "admin_user"]


def download(client, table="sub-areas"):
    return client.get(URL, {"format": "csv", "table": table})


@pytest.mark.parametrize("person", ROLES)
def test_everyone_with_a_role_downloads_the_table_as_shown_without_the_draft(
    client, world, person, request, lead_role
):
    client.force_login(request.getfixturevalue(person))
    response = download(client)
    assert response["Content-Disposition"] == (
        'attachment; filename="children-and-young-people-sub-areas.csv"'
    )
    assert csv_rows(response) == [
        ["Indicator", "Title", "Period", "Anycity", "Anycity North", "Anycity South"],
        ["CYP 01", "Good schools", "Q4 2025-26", "48.0%", "52.0%", "39.0%"],
        ["CYP 02", "Young carers", "2024-25", "–", "120", "–"],
    ]
    assert "77.7" not in response_text(response)  # a draft, even for the lead's organisation
    assert "99.9" not in response_text(response)  # another block's
    assert 'data-table="sub-areas"' in client.get(URL).content.decode()


def test_the_download_is_refused_as_the_page_is(client, world, nobody):
    assert download(client)["Location"].startswith("/accounts/login/")
    client.force_login(nobody)
    assert download(client).status_code == 403
    client.force_login(f.UserFactory(is_superuser=True))
    assert download(client, table="risks").status_code == 404
    assert client.get("/blocks/no-such-block/sub-areas/?format=csv").status_code == 404


@pytest.mark.parametrize(("indicators", "sub_areas", "quarters"), [(1, 2, 2), (12, 20, 8)])
def test_the_download_runs_the_same_queries_whatever_the_size(
    client, outcome, area, indicators, sub_areas, quarters, officer,
    django_assert_max_num_queries,
):  # fmt: skip
    _sized(outcome, area, indicators=indicators, sub_areas=sub_areas, quarters=quarters)
    client.force_login(officer)
    with django_assert_max_num_queries(QUERIES):
        rows = csv_rows(download(client))
    assert len(rows) == indicators + 1
