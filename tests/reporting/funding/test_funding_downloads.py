"""The funding pages' tables as CSV (``?format=csv&table=``): the rows the pages show,
amounts as numbers, for everyone who reads the pages; nobody else."""

from __future__ import annotations

import pytest

from tests.csv_helpers import csv_column, csv_rows
from tests.reporting.funding.conftest import make_action, make_stream, years

pytestmark = pytest.mark.django_db

READERS = ["officer", "council_officer", "lead_role", "board", "psb", "scrutiny", "admin_user"]


def sign_in(request, client, person):
    someone = request.getfixturevalue(person)
    client.force_login(getattr(someone, "user", someone))


def csv(client, path, table=""):
    return client.get(path, {"format": "csv", **({"table": table} if table else {})})


@pytest.mark.parametrize("person", READERS)
def test_the_funding_list_downloads_its_totals_and_each_blocks_streams(
    request, client, streams, block, other_block, person
):
    sign_in(request, client, person)
    y = years()

    totals = csv(client, "/funding/", "totals")
    mine = csv(client, "/funding/", f"streams-{block.slug}")
    theirs = csv(client, "/funding/", f"streams-{other_block.slug}")

    assert totals["Content-Disposition"] == 'attachment; filename="funding-totals.csv"'
    assert csv_rows(totals) == [
        ["Financial year", "Aligned", "Pooled", "Total", "Pooled share (%)"],
        [y[0], "0.00", "1000000.00", "1000000.00", "100"],
        [y[1], "250000.00", "1100000.00", "1350000.00", "81"],
        [y[2], "300000.50", "1275000.00", "1575000.50", "81"],
    ]
    assert csv_column(mine, "Stream") == ["Area Based Grant", "Early Years Grant"]
    assert csv_column(mine, y[2]) == ["1200000.00", "300000.50"]
    assert csv_column(mine, y[0]) == ["1000000.00", ""]  # no amount recorded: blank
    assert csv_column(theirs, "Stream") == ["Safer Communities Fund"]


def test_the_chart_table_downloads_as_shown_and_the_page_links_each_table(
    client, officer, streams, block
):
    client.force_login(officer)
    chart = csv(client, "/funding/", "funding-chart")
    html = client.get("/funding/").content.decode()

    assert csv_rows(chart)[0] == ["Block and year", "Aligned", "Pooled", "Total"]
    assert csv_rows(chart)[1][1:] == ["£0", "£1,000,000", "£1,000,000"]
    for table in ("totals", "funding-chart", f"streams-{block.slug}"):
        assert f'data-table="{table}"' in html
        assert f"format=csv&amp;table={table}" in html


@pytest.mark.parametrize("person", READERS)
def test_a_stream_downloads_its_amounts_and_the_actions_drawing_on_it(
    request, client, streams, outcome, person
):
    stream = streams["aligned"]
    make_action(stream, outcome=outcome, amount="12500", description="Peer supporters")
    sign_in(request, client, person)
    y = years()
    path = f"/funding/{stream.pk}/"

    amounts = csv(client, path, "amounts")
    actions = csv(client, path, "actions")

    assert csv_rows(amounts) == [
        ["Financial year", "Amount"],
        [y[1], "250000.00"],
        [y[2], "300000.50"],
    ]
    assert csv_rows(actions)[1] == ["Peer supporters", str(outcome), "12500.00", "Not started"]
    assert 'data-table="amounts"' in client.get(path).content.decode()


def test_someone_with_no_role_downloads_nothing(client, nobody, streams):
    client.force_login(nobody)
    for path in ("/funding/", f"/funding/{streams['pooled'].pk}/"):
        assert csv(client, path).status_code == 403


def test_signed_out_goes_to_sign_in(client, streams):
    for path in ("/funding/", f"/funding/{streams['pooled'].pk}/"):
        assert csv(client, path)["Location"].startswith("/accounts/login/")


def test_a_table_the_page_has_not_is_a_404(client, officer, streams):
    client.force_login(officer)
    assert csv(client, "/funding/", "streams-nowhere").status_code == 404
    assert csv(client, f"/funding/{streams['pooled'].pk}/", "history").status_code == 404
    assert csv(client, "/funding/999999/", "amounts").status_code == 404


def test_the_downloads_read_a_constant_number_of_queries(
    client, officer, streams, outcome, block, django_assert_max_num_queries
):
    client.force_login(officer)
    stream = f"/funding/{streams['aligned'].pk}/"
    for size in (1, 6):
        for n in range(size):
            make_action(streams["aligned"], outcome=outcome, amount=n, description=f"Act {n}")
            make_stream(f"Stream {size}-{n}", block=block, amounts={years()[2]: 10})
        for path, table in (("/funding/", f"streams-{block.slug}"), (stream, "actions")):
            with django_assert_max_num_queries(12):
                csv_rows(csv(client, path, table))
