"""/api/values/?format=csv: the same values as the JSON, by the same rules, in one file."""

import pytest
from django.test import Client

from accounts.tokens import make_token
from tests import factories as f
from tests.csv_helpers import csv_column, csv_rows
from tests.reporting.api.test_api import VALUES, signed_in

CSV = f"{VALUES}?format=csv"
pytestmark = pytest.mark.usefixtures("values")


@pytest.mark.parametrize("role", ["psb", "board", "scrutiny", "council_scrutiny"])
def test_readers_get_approved_values_but_not_drafts(request, role):
    response = signed_in(request.getfixturevalue(role)).get(CSV)

    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="values.csv"'
    head, *rows = csv_rows(response)
    assert head == [
        "indicator", "area", "period", "value", "numerator", "denominator", "status", "note",
        "is_approved",
    ]  # fmt: skip
    assert [row[0] for row in rows] == ["NI 116"]
    assert rows[0][3] == "21.300000"
    assert b"12.5" not in b"".join(signed_in(request.getfixturevalue(role)).get(CSV))


@pytest.mark.parametrize("role", ["officer", "council_officer", "lead"])
def test_the_lead_organisation_and_officers_get_the_draft_too(request, lead_role, role):
    user = lead_role.user if role == "lead" else request.getfixturevalue(role)

    codes = csv_column(signed_in(user).get(CSV), "indicator")

    assert sorted(codes) == ["L 900", "NI 116"]


def test_the_other_partners_lead_does_not_get_the_councils_draft(other_lead_role):
    assert csv_column(signed_in(other_lead_role.user).get(CSV), "indicator") == ["NI 116"]


def test_someone_with_no_role_is_forbidden(nobody):
    response = signed_in(nobody).get(CSV)

    assert response.status_code == 403
    assert b"21.3" not in response.content


def test_anonymous_is_refused():
    assert Client().get(CSV).status_code in (401, 403)


def test_a_token_gets_the_csv_filtered_as_the_json(officer):
    _token, key = make_token(user=officer, name="Script")

    response = Client().get(
        VALUES, {"format": "csv", "indicator": "L 900"}, HTTP_AUTHORIZATION=f"Token {key}"
    )

    assert csv_column(response, "indicator") == ["L 900"]


def test_the_csv_holds_every_value_not_a_page(officer):
    response = signed_in(officer).get(VALUES, {"format": "csv", "limit": 1})

    assert len(csv_column(response, "indicator")) == 2


def test_one_value_and_an_error_are_csv_too(officer, values):
    client = signed_in(officer)

    one = client.get(f"{VALUES}{values['approved'].pk}/?format=csv")
    missing = client.get(f"{VALUES}999999/?format=csv")

    assert csv_column(one, "indicator") == ["NI 116"]
    assert missing.status_code == 404
    assert missing.content.decode("utf-8-sig").splitlines()[0] == "detail"


def test_text_that_reads_as_a_formula_stays_text(officer, values):
    values["draft"].note = "=HYPERLINK(1)"
    values["draft"].save()

    notes = csv_column(
        signed_in(officer).get(VALUES, {"format": "csv", "indicator": "L 900"}), "note"
    )

    assert notes == ["'=HYPERLINK(1)"]


@pytest.mark.parametrize("size", [3, 30])
def test_the_csv_takes_the_same_queries_whatever_the_number(
    outcome, officer, size, django_assert_max_num_queries
):
    for indicator in f.IndicatorFactory.create_batch(size, primary_outcome=outcome):
        f.IndicatorValueFactory(indicator=indicator, is_approved=False)
    client = signed_in(officer)

    # Session, user, roles, profile; then every value in one query.
    with django_assert_max_num_queries(5):
        codes = csv_column(client.get(CSV), "indicator")

    assert len(codes) == size + 2
