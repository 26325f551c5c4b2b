"""POST /api/values/: the performance team's script sends values, saved as a value import
by the import's own rules, all or nothing, with the import's messages."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from accounts.tokens import make_token
from indicators.imports.layouts import LONG, rows_of
from indicators.imports.plan import plan_import
from indicators.imports.read import read_table
from indicators.models import IndicatorValue, ValueImport
from tests import factories as f
from tests.reporting.api.test_api import VALUES

FORBIDDEN = ["psb", "board", "scrutiny", "council_scrutiny", "council_officer", "lead", "nobody"]


@pytest.fixture
def world(db, outcome):
    home = f.PartnershipAreaFactory()
    nearby = f.AreaFactory(code="E06000001", name="Hartlepool")
    ni116 = f.IndicatorFactory(code="NI 116", primary_outcome=outcome, decimal_places=1)
    return {"home": home, "nearby": nearby, "ni116": ni116}


def token_client(user) -> Client:
    _token, key = make_token(user=user, name="Script")
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def post(user, body, content_type="application/json"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return token_client(user).post(VALUES, data=data, content_type=content_type)


def value(**fields):
    return {"indicator": "NI 116", "area": "E06000001", "period": "2025-26-Q1", "value": 20.5,
            **fields}  # fmt: skip


def kept():
    return {
        (v.area.code, v.period.code): v.value
        for v in IndicatorValue.objects.select_related("area", "period")
    }


# --- Who may post -----------------------------------------------------------------------


def test_the_performance_team_saves_values_as_an_import(world, officer):
    response = post(officer, [value(), value(period="2025-26-Q2", value=21, source="ONS")])

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["added"], body["changed"], body["unchanged"]) == (2, 0, 0)
    assert kept() == {
        ("E06000001", "2025-26-Q1"): Decimal("20.5"),
        ("E06000001", "2025-26-Q2"): Decimal("21"),
    }
    record = ValueImport.objects.get(pk=body["import"])
    assert (record.status, record.created_by, record.layout) == ("saved", officer, LONG)
    assert record.file_name == "api-values-json.csv"
    saved = IndicatorValue.objects.get(period__code="2025-26-Q2")
    assert saved.is_approved  # a comparator's published figure
    assert saved.history.first().history_user == officer
    assert str(record.pk) in saved.history.first().history_change_reason


@pytest.mark.parametrize("role", FORBIDDEN)
def test_nobody_else_may_post_values(request, world, lead_role, role):
    user = lead_role.user if role == "lead" else request.getfixturevalue(role)

    response = post(user, [value()])

    assert response.status_code == 403
    assert kept() == {}
    assert not ValueImport.objects.exists()


def test_anonymous_is_refused(world):
    response = Client().post(VALUES, data=json.dumps([value()]), content_type="application/json")

    assert response.status_code == 401
    assert kept() == {}


def test_a_signed_in_page_cannot_post_without_its_csrf_token(world, officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)

    response = client.post(VALUES, data=json.dumps([value()]), content_type="application/json")

    assert response.status_code == 403
    assert kept() == {}


# --- All or nothing, with the import's messages -----------------------------------------


def test_one_bad_value_saves_nothing_and_names_its_row(world, officer):
    response = post(officer, [value(), value(period="2025-26-Q2", value="lots")])

    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("Nothing was saved")
    [problem] = body["problems"]
    assert (problem["row"], problem["column"]) == (2, "value")
    assert problem["text"].startswith('row 2, column "value": "lots"')
    assert kept() == {}
    record = ValueImport.objects.get(pk=body["import"])
    assert record.status == "refused"
    assert record.problems[0]["message"] == problem["message"]


def test_the_messages_are_the_imports_own(world, officer):
    file = (
        b"Indicator,Area,Period,Value\r\n"
        b"NI 116,E06000001,2025-26-Q9,1\r\nNI 999,E06000001,2025-26-Q1,1\r\n"
    )
    table = read_table(file, file_name="x.csv", max_bytes=10**6, max_rows=10)
    expected = [p.message for p in plan_import(rows_of(table, layout=LONG), layout=LONG).problems]

    response = post(
        officer, [value(period="2025-26-Q9", value=1), value(indicator="NI 999", value=1)]
    )

    assert [p["message"] for p in response.json()["problems"]] == expected
    assert [p["row"] for p in response.json()["problems"]] == [1, 2]


def test_an_approved_return_value_of_the_partnerships_area_is_never_overwritten(world, officer):
    f.IndicatorValueFactory(
        indicator=world["ni116"], area=world["home"], period=f.period("2025-26-Q1"),
        value=Decimal("30"), is_approved=True,
    )  # fmt: skip

    response = post(officer, [value(area="E08000099", value=31), value()])

    assert response.status_code == 400
    [problem] = response.json()["problems"]
    assert problem["row"] == 1
    assert "approved return's value (30): an import never overwrites it" in problem["message"]
    assert kept() == {("E08000099", "2025-26-Q1"): Decimal("30")}


def test_an_unknown_area_refuses_the_post(world, officer):
    response = post(officer, [value(area="E06000999")])

    assert response.status_code == 400
    assert '"E06000999" is not an area we know' in response.json()["problems"][0]["message"]
    assert kept() == {}


def test_a_csv_file_in_the_long_layout_is_read_as_the_upload(world, officer):
    file = "Indicator,Area code,Period,Value\r\nNI 116,E06000001,2025-26-Q1,20.5\r\n"

    response = post(officer, file.encode(), content_type="text/csv")

    assert response.status_code == 201, response.content
    assert kept() == {("E06000001", "2025-26-Q1"): Decimal("20.5")}
    assert ValueImport.objects.get().file_name == "api-values.csv"


def test_a_bad_csv_row_is_named_as_in_the_file(world, officer):
    file = "Indicator,Area,Period,Value\r\nNI 116,E06000001,2025-26-Q1,=1+1\r\n"

    response = post(officer, file, content_type="text/csv")

    assert response.status_code == 400
    assert response.json()["problems"][0]["row"] == 2  # the file's own row
    assert kept() == {}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"indicator": "NI 116"}, 'Send a list of values, or an object with a "values" list'),
        ([], "Send at least one value"),
        ({"values": []}, "Send at least one value"),
        (["NI 116"], "Value 1 is not an object with indicator, area, period, value"),
        ([{**value(), "colour": "red"}], 'Value 1 has "colour", which is not a field'),
        ([{"indicator": "NI 116", "area": "E06000001", "value": 1}], 'Value 1 has no "period"'),
        ([value(value=[1])], 'Value 1\'s "value" is not a number or text'),
    ],
)
def test_a_body_that_is_not_values_is_refused_with_why(world, officer, body, message):
    response = post(officer, body)

    assert response.status_code == 400
    assert response.json()["detail"].startswith(message)
    assert kept() == {}


def test_values_in_an_object_are_read_too(world, officer):
    response = post(officer, {"values": [value()]})

    assert response.status_code == 201, response.content
    assert kept() == {("E06000001", "2025-26-Q1"): Decimal("20.5")}
