"""The return as a spreadsheet: download per role, upload per role, and every refusal."""

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from indicators.enums import Unit
from indicators.models import IndicatorValue
from reporting.models import QuarterlyReturn, ReturnRound
from reporting.returns.selectors.workbook import return_page_url, return_workbook
from reporting.returns.services import Commentary, ValueEntry, return_save
from reporting.returns.workbook import (
    XLSX_CONTENT_TYPE,
    build_return_workbook,
    columns,
)
from tests import factories as f

State = QuarterlyReturn.State
COL = {c.key: get_column_letter(n) for n, c in enumerate(columns(period_code="2025-26-Q2"), 1)}
NOTE_FORMULA = '=HYPERLINK("http://example.com","x")'


# --- Fixtures and helpers -----------------------------------------------------------------


@pytest.fixture
def area(db):
    return f.PartnershipAreaFactory()


@pytest.fixture
def q2_round(db):
    return f.ReturnRoundFactory(period=f.period("2025-26-Q2"), state=ReturnRound.State.OPEN)


@pytest.fixture
def pct(outcome):
    """A percentage to one decimal place, with a numerator and denominator."""
    return f.IndicatorFactory(
        primary_outcome=outcome, code="CYP 01", title="Pupils with good attendance"
    )


@pytest.fixture
def count(outcome):
    return f.IndicatorFactory(
        primary_outcome=outcome,
        code="CYP 02",
        title="Children in care",
        unit=Unit.NUMBER,
        decimal_places=0,
    )


@pytest.fixture
def qr(q2_round, outcome, pct, count, area, lead_role):
    """The lead's return for Q2 2025-26, a draft, for an outcome with two indicators."""
    return f.QuarterlyReturnFactory(
        round=q2_round, outcome=outcome, state=State.DRAFT, progress_summary="On track."
    )


@pytest.fixture
def other_qr(q2_round, other_outcome, area, other_lead_role):
    f.IndicatorFactory(primary_outcome=other_outcome, code="P 001")
    return f.QuarterlyReturnFactory(round=q2_round, outcome=other_outcome, state=State.DRAFT)


def workbook_url(qr):
    return reverse("return_workbook", args=[qr.pk])


def upload_url(qr):
    return reverse("return_upload", args=[qr.pk])


def download(client, qr) -> bytes:
    response = client.get(workbook_url(qr))
    assert response.status_code == 200
    return response.content


def edit(content: bytes, cells: dict, sheet: str = "Return") -> bytes:
    """The workbook with ``cells`` ({"J2": "12.5"}) set, as a person would type them."""
    workbook = load_workbook(io.BytesIO(content))
    for ref, value in cells.items():
        cell = workbook[sheet][ref]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, qr, content: bytes, name: str = "return.xlsx"):
    file = SimpleUploadedFile(name, content, content_type=XLSX_CONTENT_TYPE)
    return client.post(upload_url(qr), {"workbook": file})


def row_of(content: bytes, code: str) -> int:
    sheet = load_workbook(io.BytesIO(content))["Return"]
    for row in range(2, sheet.max_row + 1):
        if sheet[f"A{row}"].value == code:
            return row
    raise AssertionError(f"{code} not in the sheet")


def errors_of(response) -> list[str]:
    return list(response.context["form"].errors.get("workbook", []))


def snapshot(qr):
    """Everything an upload could change."""
    qr.refresh_from_db()
    values = sorted(
        IndicatorValue.objects.values_list("indicator_id", "period_id", "value", "status", "note")
    )
    return values, qr.version, qr.state, qr.missing_values


def fill_all(client, qr, pct, count, **extra) -> bytes:
    """The downloaded workbook with a good value for each indicator."""
    content = download(client, qr)
    cells = {
        f"{COL['value']}{row_of(content, pct.code)}": 62.5,
        f"{COL['value']}{row_of(content, count.code)}": 14,
        **extra,
    }
    return edit(content, cells)


# --- Download -----------------------------------------------------------------------------


def test_lead_downloads_a_protected_workbook_with_validated_inputs(client, qr, pct, count, lead):
    client.force_login(lead)
    response = client.get(workbook_url(qr))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert f'filename="{qr.outcome.code}-2025-26-Q2.xlsx"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Instructions", "Return", "About"]
    assert workbook["About"].sheet_state == "veryHidden"
    sheet = workbook["Return"]
    assert sheet.protection.sheet is True
    assert workbook["Instructions"].protection.sheet is True
    assert sheet.freeze_panes == "C2"
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["Code", "Indicator", "Unit", "Decimal places", "Polarity"]
    assert headers[5:9] == [
        "Q2 2024-25 (same quarter last year)",
        "Q3 2024-25",
        "Q4 2024-25",
        "Q1 2025-26",
    ]
    assert headers[9:] == [
        "Value",
        "Numerator",
        "Denominator",
        "Status",
        "Note",
        "Reason if not available",
        "Expected date (if not available)",
    ]
    assert [sheet[f"A{r}"].value for r in (2, 3)] == ["CYP 01", "CYP 02"]
    pct_row, count_row = 2, 3
    for key in ("code", "title", "unit", "decimal_places", "polarity", "history_0", "history_3"):
        assert sheet[f"{COL[key]}{pct_row}"].protection.locked is True
    for key in ("value", "numerator", "denominator", "status", "note", "reason", "expected_on"):
        assert sheet[f"{COL[key]}{pct_row}"].protection.locked is False
    # A count has no numerator or denominator: those cells stay locked.
    assert sheet[f"{COL['numerator']}{count_row}"].protection.locked is True
    assert sheet[f"{COL['value']}{count_row}"].protection.locked is False
    assert sheet[f"{COL['title']}{pct_row}"].alignment.wrap_text is True
    assert sheet.column_dimensions[COL["title"]].width > 30

    rules = {}
    for validation in sheet.data_validations.dataValidation:
        for ref in str(validation.sqref).split():
            rules[ref] = validation
    percentage = rules[f"{COL['value']}{pct_row}"]
    assert (percentage.type, percentage.formula1, percentage.formula2) == ("decimal", "0", "100")
    whole = rules[f"{COL['value']}{count_row}"]
    assert whole.type == "whole"
    status = rules[f"{COL['status']}{pct_row}"]
    assert (status.type, status.formula1) == ("list", '"provisional,final,estimated"')
    assert rules[f"{COL['expected_on']}{pct_row}"].type == "date"

    about = {row[0].value: row[1].value for row in workbook["About"].iter_rows()}
    assert about["Return id"] == qr.pk
    assert about["Period"] == "2025-26-Q2"
    assert about["Version"] == qr.version
    instructions = " ".join(
        str(c.value) for row in workbook["Instructions"].iter_rows() for c in row if c.value
    )
    assert "DRAFT" in instructions
    assert "provisional, final or estimated" in instructions
    assert "Reason if not available" in instructions
    assert qr.outcome.code in instructions
    assert "2025-26-Q2" in instructions
    assert f"number {qr.pk}, version {qr.version}" in instructions
    assert lead.get_full_name() in instructions


def test_workbook_is_prefilled_with_history_current_values_and_missing_reasons(
    client, qr, pct, count, area, lead
):
    f.IndicatorValueFactory(indicator=pct, area=area, period=f.period("2024-25-Q2"), value=51)
    f.IndicatorValueFactory(indicator=pct, area=area, period=f.period("2025-26-Q1"), value=55)
    f.IndicatorValueFactory(
        indicator=pct,
        area=area,
        period=f.period("2025-26-Q2"),
        value=Decimal("57.3"),
        numerator=Decimal("573"),
        denominator=Decimal("1000"),
        status="estimated",
        note="From the autumn census.",
        is_approved=False,
    )
    qr.missing_values = {
        str(count.pk): {"reason": "Not yet published", "expected_on": "2025-11-30"}
    }
    qr.save()
    client.force_login(lead)

    sheet = load_workbook(io.BytesIO(download(client, qr)))["Return"]

    assert sheet[f"{COL['history_0']}2"].value == 51
    assert sheet[f"{COL['history_3']}2"].value == 55
    assert sheet[f"{COL['value']}2"].value == 57.3
    assert sheet[f"{COL['numerator']}2"].value == 573
    assert sheet[f"{COL['denominator']}2"].value == 1000
    assert sheet[f"{COL['status']}2"].value == "estimated"
    assert sheet[f"{COL['note']}2"].value == "From the autumn census."
    assert sheet[f"{COL['value']}3"].value is None
    assert sheet[f"{COL['reason']}3"].value == "Not yet published"
    assert sheet[f"{COL['expected_on']}3"].value.date() == date(2025, 11, 30)
    assert sheet[f"{COL['unit']}2"].value == "percentage"
    assert sheet[f"{COL['polarity']}2"].value == "Higher is better"


def test_a_formula_like_note_or_title_is_written_as_text(client, qr, pct, area, lead):
    pct.title = "=1+2 pupils"
    pct.save()
    f.IndicatorValueFactory(
        indicator=pct, area=area, period=f.period("2025-26-Q2"), note=NOTE_FORMULA
    )
    client.force_login(lead)

    sheet = load_workbook(io.BytesIO(download(client, qr)))["Return"]

    note = sheet[f"{COL['note']}2"]
    assert note.data_type == "s"
    assert note.value == NOTE_FORMULA
    assert sheet[f"{COL['title']}2"].data_type == "s"
    assert sheet[f"{COL['title']}2"].value == "=1+2 pupils"


def test_officer_downloads_any_return(client, qr, officer):
    client.force_login(officer)
    assert client.get(workbook_url(qr)).status_code == 200


@pytest.mark.parametrize("who", ["other_lead_role", "board", "psb", "scrutiny", "nobody"])
def test_people_outside_the_lead_organisation_cannot_download_a_draft(request, client, qr, who):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    assert client.get(workbook_url(qr)).status_code == 404


def test_board_downloads_an_approved_return_with_only_approved_values(client, qr, pct, area, board):
    f.IndicatorValueFactory(indicator=pct, area=area, period=f.period("2025-26-Q1"), value=55)
    f.IndicatorValueFactory(
        indicator=pct, area=area, period=f.period("2024-25-Q4"), value=44, is_approved=False
    )
    qr.state = State.APPROVED
    qr.save()
    client.force_login(board)

    response = client.get(workbook_url(qr))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Return"]
    assert sheet[f"{COL['history_3']}2"].value == 55
    assert sheet[f"{COL['history_2']}2"].value is None  # not approved: not for the board
    instructions = load_workbook(io.BytesIO(response.content))["Instructions"]
    text = " ".join(str(c.value) for row in instructions.iter_rows() for c in row if c.value)
    assert "an upload of this spreadsheet would be refused" in text


def test_anonymous_is_sent_to_sign_in(client, qr):
    response = client.get(workbook_url(qr))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_return_that_does_not_exist_is_not_found(client, lead, db):
    client.force_login(lead)
    assert client.get(reverse("return_workbook", args=[999999])).status_code == 404
    assert client.get(reverse("return_upload", args=[999999])).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_workbook_rows_are_read_in_a_fixed_number_of_queries(
    django_assert_max_num_queries, qr, outcome, area, lead, size
):
    for n in range(size):
        indicator = f.IndicatorFactory(primary_outcome=outcome, code=f"Q {n:03d}")
        for code in ("2024-25-Q2", "2025-26-Q1", "2025-26-Q2"):
            f.IndicatorValueFactory(indicator=indicator, area=area, period=f.period(code))
    quarterly_return = QuarterlyReturn.objects.select_related(
        "round__period", "outcome__lead_organisation"
    ).get(pk=qr.pk)

    with django_assert_max_num_queries(5):
        data = return_workbook(
            quarterly_return=quarterly_return, user=lead, generated_at=timezone.localtime()
        )

    assert len(data.rows) == size + 2
    assert build_return_workbook(data)[:2] == b"PK"


# --- Upload page, per role ------------------------------------------------------------------


def test_lead_sees_the_upload_form(client, qr, lead):
    client.force_login(lead)
    response = client.get(upload_url(qr))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' in html
    assert "An .xlsx file downloaded from this return" in html
    assert 'enctype="multipart/form-data"' in html
    assert workbook_url(qr) in html


@pytest.mark.parametrize("who", ["officer", "council_officer"])
def test_officers_for_the_lead_organisation_may_upload(request, client, qr, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(upload_url(qr)).status_code == 200


@pytest.mark.parametrize("who", ["other_lead_role", "board", "scrutiny"])
def test_people_who_cannot_see_a_draft_get_not_found_on_upload(request, client, qr, who):
    person = request.getfixturevalue(who)
    client.force_login(getattr(person, "user", person))
    assert client.get(upload_url(qr)).status_code == 404
    assert upload(client, qr, b"x").status_code == 404


def test_board_may_see_an_approved_return_but_not_upload_to_it(client, qr, board):
    qr.state = State.APPROVED
    qr.save()
    client.force_login(board)
    assert client.get(upload_url(qr)).status_code == 403
    assert upload(client, qr, b"x").status_code == 403


@pytest.mark.parametrize("state", [State.SUBMITTED, State.APPROVED])
def test_lead_cannot_upload_to_a_return_that_is_not_editable(client, qr, lead, state):
    qr.state = state
    qr.save()
    client.force_login(lead)
    assert client.get(upload_url(qr)).status_code == 403


def test_anonymous_is_sent_to_sign_in_from_upload(client, qr):
    response = client.get(upload_url(qr))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- Upload: saved --------------------------------------------------------------------------


def test_a_right_workbook_saves_a_draft_of_the_one_value_rows(client, qr, pct, count, area, lead):
    f.IndicatorValueFactory(
        indicator=count, area=area, period=f.period("2025-26-Q2"), value=13, is_approved=False
    )
    client.force_login(lead)
    version = qr.version
    content = fill_all(client, qr, pct, count, **{f"{COL['note']}2": "Checked with schools."})

    response = upload(client, qr, content)

    assert response.status_code == 302
    expected = return_page_url(qr.pk) or upload_url(qr)
    assert response.url == expected
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your spreadsheet was uploaded and saved as a draft"
    ]
    qr.refresh_from_db()
    assert qr.state == State.DRAFT
    assert qr.version == version + 1
    assert qr.progress_summary == "On track."  # the commentary is kept
    q2 = f.period("2025-26-Q2")
    assert IndicatorValue.objects.filter(indicator=pct, area=area, period=q2).count() == 1
    assert IndicatorValue.objects.filter(indicator=count, area=area, period=q2).count() == 1
    saved = IndicatorValue.objects.get(indicator=pct, area=area, period=q2)
    assert (saved.value, saved.status, saved.note) == (
        Decimal("62.5"),
        "provisional",
        "Checked with schools.",
    )
    assert saved.is_approved is False
    assert saved.entered_by == lead
    assert IndicatorValue.objects.get(indicator=count, area=area, period=q2).value == 14


def test_a_value_worked_out_from_numerator_and_denominator(client, qr, pct, count, area, lead):
    client.force_login(lead)
    content = fill_all(
        client,
        qr,
        pct,
        count,
        **{f"{COL['value']}2": None, f"{COL['numerator']}2": 45, f"{COL['denominator']}2": 60},
    )

    assert upload(client, qr, content).status_code == 302

    saved = IndicatorValue.objects.get(indicator=pct, period__code="2025-26-Q2")
    assert (saved.value, saved.numerator, saved.denominator) == (75, 45, 60)


def test_a_missing_value_with_its_reason_and_date_is_kept_on_the_return(
    client, qr, pct, count, lead
):
    client.force_login(lead)
    content = fill_all(
        client,
        qr,
        pct,
        count,
        **{
            f"{COL['value']}3": None,
            f"{COL['reason']}3": "Not yet published",
            f"{COL['expected_on']}3": "30/11/2025",
        },
    )

    assert upload(client, qr, content).status_code == 302

    qr.refresh_from_db()
    assert qr.missing_values[str(count.pk)] == {
        "reason": "Not yet published",
        "expected_on": "2025-11-30",
    }
    assert not IndicatorValue.objects.filter(indicator=count).exists()


def test_a_percentage_typed_with_a_percent_sign_in_excel_is_read_as_typed(
    client, qr, pct, count, lead
):
    client.force_login(lead)
    content = fill_all(client, qr, pct, count)
    workbook = load_workbook(io.BytesIO(content))
    cell = workbook["Return"][f"{COL['value']}2"]
    cell.value = 0.455  # what Excel stores for "45.5%"
    cell.number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert upload(client, qr, buffer.getvalue()).status_code == 302

    assert IndicatorValue.objects.get(indicator=pct).value == Decimal("45.5")


def test_a_flagged_value_needs_a_note_and_a_note_confirms_it(client, qr, pct, count, area, lead):
    f.IndicatorValueFactory(indicator=pct, area=area, period=f.period("2025-26-Q1"), value=30)
    client.force_login(lead)
    before = snapshot(qr)
    content = fill_all(client, qr, pct, count)

    response = upload(client, qr, content)

    assert response.status_code == 200
    assert snapshot(qr) == before
    problems = errors_of(response)
    assert any(p.startswith(f"Return!{COL['note']}2 (CYP 01): It has risen") for p in problems)

    confirmed = edit(content, {f"{COL['note']}2": "New attendance officers in post."})
    assert upload(client, qr, confirmed).status_code == 302
    assert IndicatorValue.objects.get(indicator=pct, period__code="2025-26-Q2").value == 62.5


# --- Upload: refused, nothing saved -----------------------------------------------------------


def test_a_workbook_with_two_bad_rows_saves_nothing_and_lists_both_cells(
    client, qr, pct, count, lead
):
    client.force_login(lead)
    before = snapshot(qr)
    content = fill_all(
        client, qr, pct, count, **{f"{COL['value']}2": 150, f"{COL['value']}3": "12.5"}
    )

    response = upload(client, qr, content)

    assert response.status_code == 200
    assert snapshot(qr) == before
    problems = errors_of(response)
    assert problems[0].startswith("Nothing was saved: the spreadsheet has 2 problems")
    assert f"Return!{COL['value']}2 (CYP 01): A percentage is from 0 to 100" in problems
    assert f"Return!{COL['value']}3 (CYP 02): A count is a whole number" in problems
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert f"Return!{COL['value']}2" in html
    assert "<title>Error: " in html


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"{status}2": "maybe"}, "Return!{status}2 (CYP 01): Choose provisional, final or"),
        (
            {"{value}3": None, "{expected_on}3": "30/11/2025"},
            "Return!{reason}3 (CYP 02): Say why the value is not available",
        ),
        (
            {"{value}3": None, "{reason}3": "Late", "{expected_on}3": "next week"},
            "Return!{expected_on}3 (CYP 02): Enter the expected date as a date",
        ),
        ({"{numerator}2": 5}, "Return!{denominator}2 (CYP 01): Give both the numerator and"),
        ({"A3": "XX 99"}, "Return!A3: There is no indicator with the code 'XX 99'"),
        ({"A3": "cyp 01"}, "Return!A3: CYP 01 is in the sheet twice (also in row 2)"),
        ({"A4": None, "{value}4": 3}, "Return!A4: Enter the indicator's code, or clear this row"),
    ],
)
def test_each_bad_cell_is_named_and_nothing_is_saved(client, qr, pct, count, lead, cells, expected):
    client.force_login(lead)
    before = snapshot(qr)
    cells = {ref.format(**COL): value for ref, value in cells.items()}
    expected = expected.format(**COL)
    content = fill_all(client, qr, pct, count, **cells)

    response = upload(client, qr, content)

    assert response.status_code == 200
    assert snapshot(qr) == before
    assert any(p.startswith(expected) for p in errors_of(response)), errors_of(response)


def test_a_spreadsheet_with_values_left_blank_saves_a_draft_listing_them(
    client, qr, pct, count, lead
):
    client.force_login(lead)
    content = fill_all(client, qr, pct, count, **{f"{COL['value']}3": None})

    response = upload(client, qr, content)

    assert (response.status_code, response.url) == (302, return_page_url(qr.pk))
    qr.refresh_from_db()
    assert qr.state == State.DRAFT
    assert IndicatorValue.objects.get(indicator=pct).value == Decimal("62.5")
    assert not IndicatorValue.objects.filter(indicator=count).exists()
    assert str(count.pk) not in qr.missing_values
    page = client.get(response.url).content.decode()
    still = re.search(r'id="still-to-give".*?</ul>', page, re.S)
    assert still, "the page does not list the indicators still without a value"
    assert "1 indicator still has no value and no reason why not" in still.group(0)
    assert "CYP 02 Children in care" in still.group(0)
    assert f'href="#id_v{count.pk}_value"' in still.group(0)
    assert "CYP 01" not in still.group(0)


def test_a_bad_value_beside_a_blank_one_saves_nothing_and_lists_only_the_bad_cell(
    client, qr, pct, count, lead
):
    client.force_login(lead)
    before = snapshot(qr)
    content = fill_all(
        client, qr, pct, count, **{f"{COL['value']}2": 150, f"{COL['value']}3": None}
    )

    response = upload(client, qr, content)

    assert response.status_code == 200
    assert snapshot(qr) == before
    assert errors_of(response) == [
        "Nothing was saved: the spreadsheet has 1 problem. Correct it and upload it again",
        f"Return!{COL['value']}2 (CYP 01): A percentage is from 0 to 100",
    ]


def test_an_indicator_collected_by_another_outcome_is_refused(
    client, qr, pct, count, other_outcome, lead
):
    f.IndicatorFactory(primary_outcome=other_outcome, code="P 009")
    client.force_login(lead)
    content = fill_all(client, qr, pct, count, **{"A4": "P 009", f"{COL['value']}4": 10})

    problems = errors_of(upload(client, qr, content))

    assert any(
        p.startswith("Return!A4: P 009 is not collected by this return") and other_outcome.code in p
        for p in problems
    )


def test_a_missing_row_is_a_problem(client, qr, pct, count, lead):
    client.force_login(lead)
    content = fill_all(client, qr, pct, count)
    workbook = load_workbook(io.BytesIO(content))
    workbook["Return"].delete_rows(3)
    buffer = io.BytesIO()
    workbook.save(buffer)

    problems = errors_of(upload(client, qr, buffer.getvalue()))

    assert "Return: There is no row for CYP 02 Children in care" in problems[1]


def test_changed_headers_are_refused(client, qr, pct, count, lead):
    client.force_login(lead)
    before = snapshot(qr)
    content = fill_all(client, qr, pct, count, **{f"{COL['value']}1": "Figure"})

    response = upload(client, qr, content)

    assert snapshot(qr) == before
    problems = errors_of(response)
    assert problems[0].startswith("Nothing was saved: the columns of the Return sheet")
    assert f"Return!{COL['value']}1: The header should be 'Value', not 'Figure'" in problems


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Code,Value\nCYP 01,50\n", id="text-file-renamed"),
        pytest.param(b"PK\x03\x04 not really a zip", id="corrupt-zip"),
        pytest.param(_zip({"hello.txt": b"hello"}), id="zip-that-is-not-a-workbook"),
        pytest.param(
            _zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<"}),
            id="broken-workbook-xml",
        ),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, id="old-xls"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(client, qr, lead, content):
    client.force_login(lead)
    before = snapshot(qr)

    response = upload(client, qr, content)

    assert response.status_code == 200
    assert snapshot(qr) == before
    assert errors_of(response)[0].startswith("The selected file is not an Excel workbook")


def test_a_workbook_truncated_in_the_middle_is_refused(client, qr, pct, count, lead):
    client.force_login(lead)
    content = fill_all(client, qr, pct, count)

    response = upload(client, qr, content[: len(content) // 2])

    assert errors_of(response)[0].startswith("The selected file is not an Excel workbook")


def test_a_workbook_not_downloaded_from_a_return_is_refused(client, qr, lead):
    client.force_login(lead)
    buffer = io.BytesIO()
    from openpyxl import Workbook

    Workbook().save(buffer)

    response = upload(client, qr, buffer.getvalue())

    assert errors_of(response)[0].startswith("The selected file is not a spreadsheet downloaded")


def test_a_file_larger_than_2_mb_is_refused_unopened(client, qr, lead):
    client.force_login(lead)
    before = snapshot(qr)

    response = upload(client, qr, b"PK" + b"\0" * (2 * 1024 * 1024))

    assert response.status_code == 200
    assert snapshot(qr) == before
    assert errors_of(response) == ["The selected file must be smaller than 2 MB"]


def test_no_file_or_an_empty_one_is_refused(client, qr, lead):
    client.force_login(lead)
    assert client.post(upload_url(qr), {}).context["form"].errors["workbook"] == [
        "Select the spreadsheet to upload"
    ]
    assert errors_of(upload(client, qr, b"")) == ["The selected file is empty"]


def test_the_workbook_of_another_return_is_refused(client, qr, other_qr, officer):
    client.force_login(officer)
    before = snapshot(qr)
    content = download(client, other_qr)

    response = upload(client, qr, content)

    assert snapshot(qr) == before
    message = errors_of(response)[0]
    assert message.startswith("The selected file is the spreadsheet for another return")
    assert other_qr.outcome.code in message


def test_the_workbook_of_another_quarter_is_refused(client, qr, outcome, lead):
    q1_round = f.ReturnRoundFactory(period=f.period("2025-26-Q1"), state=ReturnRound.State.OPEN)
    q1_return = f.QuarterlyReturnFactory(round=q1_round, outcome=outcome, state=State.DRAFT)
    client.force_login(lead)
    before = snapshot(qr)

    response = upload(client, qr, download(client, q1_return))

    assert snapshot(qr) == before
    assert errors_of(response)[0].startswith(
        "The selected file is the spreadsheet for Q1 2025-26, but this return is for Q2 2025-26"
    )


def test_a_workbook_downloaded_before_someone_else_saved_is_refused(
    client, qr, pct, count, lead, officer
):
    client.force_login(lead)
    content = fill_all(client, qr, pct, count)
    return_save(
        quarterly_return=qr,
        version=qr.version,
        values=[ValueEntry(indicator_id=pct.pk, value=Decimal("40"))],
        commentary=Commentary(),
        actor=officer,
    )
    before = snapshot(qr)

    response = upload(client, qr, content)

    assert response.status_code == 200
    assert snapshot(qr) == before
    assert errors_of(response)[0].startswith("Someone else saved this return since you opened it")
    assert IndicatorValue.objects.get(indicator=pct).value == 40


# --- No input gives a 500 ---------------------------------------------------------------------

CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30
) | st.sampled_from(["", "50", "1e3", "NaN", "-0", "100.05", "1,000", "=1+1", "45%", "yes"])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=CELL_TEXT, second=CELL_TEXT)
def test_random_text_in_the_value_cells_never_gives_a_server_error(
    client, qr, pct, count, lead, first, second
):
    client.force_login(lead)
    content = download(client, qr)
    content = edit(
        content,
        {
            f"{COL['value']}2": first,
            f"{COL['value']}3": second,
            f"{COL['reason']}2": "Not yet known",
            f"{COL['reason']}3": "Not yet known",
        },
    )
    before = snapshot(qr)

    response = upload(client, qr, content)

    assert response.status_code in (200, 302)
    event("saved" if response.status_code == 302 else "refused")
    if response.status_code == 200:
        assert errors_of(response)
        assert snapshot(qr) == before
    else:
        qr.refresh_from_db()
        assert qr.version == before[1] + 1


def test_a_file_that_unpacks_to_more_than_20_mb_is_refused_unopened(client, qr, lead):
    client.force_login(lead)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (21 * 1024 * 1024))

    response = upload(client, qr, buffer.getvalue())

    assert errors_of(response) == ["The selected file must be smaller than 2 MB"]


def test_a_sheet_with_too_many_rows_is_refused(client, qr, pct, count, lead, monkeypatch):
    monkeypatch.setattr("reporting.returns.workbook.read.MAX_ROWS", 3)
    client.force_login(lead)
    content = fill_all(client, qr, pct, count, **{"A9": "CYP 01"})

    response = upload(client, qr, content)

    assert errors_of(response) == [
        "The Return sheet has more than 3 rows: upload the spreadsheet downloaded from this return"
    ]
