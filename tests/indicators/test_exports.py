"""The data hub export (/data/export.csv, ``manage.py export_values``): every approved
value in the long layout, for everyone with a role; drafts never leave."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.imports.layouts import LONG, detect_layout, rows_of
from indicators.imports.plan import plan_import
from indicators.imports.read import read_table
from tests import factories as f
from tests.csv_helpers import csv_column, csv_rows, response_text

URL = "/data/export.csv"
ROLES = ["psb", "board", "scrutiny", "council_scrutiny", "lead", "officer", "council_officer"]
HEADER = [
    "Indicator", "Area code", "Area name", "Period", "Value", "Numerator", "Denominator",
    "Status", "Source",
]  # fmt: skip


@pytest.fixture
def values(db, outcome, other_outcome):
    home = f.PartnershipAreaFactory()
    nearby = f.AreaFactory(code="E06000001", name="Hartlepool")
    ni116 = f.IndicatorFactory(code="NI 116", primary_outcome=outcome)
    f.IndicatorValueFactory(
        indicator=ni116, area=home, period=f.period("2025-26-Q1"), value=Decimal("20.5"),
        numerator=Decimal("41"), denominator=Decimal("200"), source="Council records",
    )  # fmt: skip
    f.IndicatorValueFactory(
        indicator=ni116, area=nearby, period=f.period("2025-26-Q1"), value=Decimal("19"),
        source="=HYPERLINK(1)",
    )  # fmt: skip
    # A draft of the council's return: the lead's organisation sees it on the pages, but
    # it is not published, so the data hub never gives it.
    f.IndicatorValueFactory(
        indicator=ni116, area=home, period=f.period("2025-26-Q2"), value=Decimal("777.7"),
        is_approved=False,
    )  # fmt: skip


def person(request, role):
    if role == "lead":
        return request.getfixturevalue("lead_role").user
    return request.getfixturevalue(role)


def get(client, user):
    client.force_login(user)
    return client.get(URL)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_with_a_role_gets_every_approved_value_and_no_draft(request, client, values, role):
    response = get(client, person(request, role))

    rows = csv_rows(response)
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="approved-values.csv"'
    assert rows == [
        HEADER,
        ["NI 116", "E06000001", "Hartlepool", "2025-26-Q1", "19", "", "", "final",
         "'=HYPERLINK(1)"],
        ["NI 116", "E08000099", "Anycity", "2025-26-Q1", "20.5", "41", "200", "final",
         "Council records"],
    ]  # fmt: skip
    assert "777.7" not in response_text(get(client, person(request, role)))


def test_someone_with_no_role_is_refused(client, values, nobody):
    response = get(client, nobody)

    assert response.status_code == 403
    assert b"20.5" not in response.content


def test_anonymous_is_sent_to_sign_in(client, values):
    assert client.get(URL).status_code == 302


def test_the_file_imports_again_as_the_values_it_came_from(client, values, psb):
    content = b"".join(get(client, psb).streaming_content)
    table = read_table(content, file_name="export.csv", max_bytes=10**6, max_rows=1000)

    assert detect_layout(table.headers) == LONG
    plan = plan_import(rows_of(table, layout=LONG), layout=LONG)
    assert (len(plan.problems), len(plan.added)) == (0, 0)
    # The same values; the only change is the source that read as a formula, which comes
    # back with its apostrophe.
    assert [v.area.code for v in plan.unchanged] == ["E08000099"]
    assert [v.source for v in plan.changed] == ["'=HYPERLINK(1)"]


def test_the_command_writes_the_same_file(values, tmp_path, capsys):
    path = tmp_path / "values.csv"

    call_command("export_values", str(path))

    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ",".join(HEADER)
    assert "20.5" in text
    assert "777.7" not in text
    assert "Wrote 2 approved values" in capsys.readouterr().out


def add_values(count: int) -> None:
    indicator = f.IndicatorFactory()
    for number in range(count):
        f.IndicatorValueFactory(indicator=indicator, area=f.AreaFactory(), value=Decimal(number))


@pytest.mark.parametrize("count", [3, 30])
def test_the_export_reads_in_the_same_queries_however_many_values(
    client, psb, django_assert_max_num_queries, count
):
    add_values(count)
    client.force_login(psb)

    # Session, user, roles, profile; then the values in one query.
    with django_assert_max_num_queries(6):
        rows = csv_column(client.get(URL), "Value")

    assert len(rows) == count
