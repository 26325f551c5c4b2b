"""/data/framework/: the performance team downloads the template, uploads, previews and
saves; everyone else is refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from partnership.models import Outcome
from targets.framework_import import sheets as s
from targets.models import FrameworkImport
from tests.csv_helpers import csv_rows
from tests.targets.framework_import.conftest import indicator_row, outcome_row, workbook

GOOD = workbook(
    {
        s.OUTCOMES: [outcome_row("CYP 2")],
        s.INDICATORS: [indicator_row("NI 116", Title="Children in low-income homes")],
    }
)


def _upload(client, content=GOOD, name="framework.xlsx"):
    return client.post(reverse("framework_import"), {"file": SimpleUploadedFile(name, content)})


def test_the_officer_previews_and_saves(client, framework, officer):
    client.force_login(officer)
    page = client.get(reverse("framework_import")).content.decode()
    assert "Download the template (.xlsx)" in page
    response = _upload(client)
    record = FrameworkImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("framework_import_detail", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert "Preview of framework.xlsx" in page
    assert "Outcomes to add (1)" in page
    assert "Indicators to change (1)" in page
    assert "Children in poverty" in page
    assert "Children in low-income homes" in page
    assert "Save the framework" in page
    response = client.post(
        reverse("framework_import_save", args=[record.pk]), {"sha256": record.sha256},
        follow=True,
    )  # fmt: skip
    assert "Saved: 1 added, 1 changed" in response.content.decode()
    assert Outcome.objects.filter(code="CYP 2").exists()
    listing = client.get(reverse("framework_imports")).content.decode()
    assert f"#{record.pk} framework.xlsx" in listing
    assert f'href="{reverse("framework_import_detail", args=[record.pk])}"' in listing


def test_a_bad_file_shows_the_error_and_saves_nothing(client, framework, officer):
    client.force_login(officer)
    response = _upload(client, workbook(leave_out=[s.MILESTONES]))
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "has no &quot;Milestones&quot; sheet" in page
    assert FrameworkImport.objects.get().status == "refused"


def test_a_file_with_bad_rows_lists_them_and_has_no_save(client, framework, officer):
    client.force_login(officer)
    _upload(client, workbook({s.INDICATORS: [indicator_row(Polarity="up")]}))
    record = FrameworkImport.objects.get()
    page = client.get(reverse("framework_import_detail", args=[record.pk])).content.decode()
    assert "Nothing can be saved until the file is put right" in page
    assert "&quot;up&quot; is not one of: higher is better, lower is better, neither" in page
    assert "Save the framework" not in page
    response = client.post(
        reverse("framework_import_save", args=[record.pk]), {"sha256": record.sha256},
        follow=True,
    )  # fmt: skip
    assert "Nothing was saved" in response.content.decode()


def test_a_stale_preview_says_so_and_refuses_the_save(client, framework, officer):
    client.force_login(officer)
    _upload(client)
    record = FrameworkImport.objects.get()
    framework["outcome"].title = "Changed meanwhile"
    framework["outcome"].save()
    page = client.get(reverse("framework_import_detail", args=[record.pk])).content.decode()
    assert "The framework has changed since this file was previewed" in page
    assert "Save the framework" not in page
    response = client.post(
        reverse("framework_import_save", args=[record.pk]), {"sha256": record.sha256},
        follow=True,
    )  # fmt: skip
    assert "The framework has changed since this file was previewed" in response.content.decode()
    assert not Outcome.objects.filter(code="CYP 2").exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"PK\x03\x04garbage", "broken.xlsx"), (b"\x00\xff" * 50, "x.xlsx"),
     (b"Code,Title\r\n", "outcomes.csv")],
)  # fmt: skip
def test_a_file_that_is_not_a_workbook_is_a_message_never_an_error(
    client, framework, officer, content, name
):
    client.force_login(officer)
    response = _upload(client, content, name)
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert FrameworkImport.objects.get().status == "refused"


def test_no_file_chosen_is_a_form_error(client, framework, officer):
    client.force_login(officer)
    response = client.post(reverse("framework_import"), {})
    assert response.status_code == 400
    assert "Choose an .xlsx file to import" in response.content.decode()
    response = _upload(client, b"", "empty.xlsx")
    assert response.status_code == 400
    assert "The selected file is empty" in response.content.decode()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, framework, officer,
                                                                settings):  # fmt: skip
    settings.VALUE_IMPORT_MAX_BYTES = 100
    client.force_login(officer)
    response = _upload(client)
    assert response.status_code == 400
    assert "The selected file is larger than 1 KB: split it" in response.content.decode()
    assert FrameworkImport.objects.count() == 0


@pytest.mark.parametrize("filled", [False, True])
def test_the_template_has_a_sheet_each_with_headers(client, framework, officer, filled):
    client.force_login(officer)
    url = reverse("framework_template") + ("?filled=1" if filled else "")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Instructions", *s.SHEETS]
    indicators = book["Indicators"]
    assert [c.value for c in indicators[1]] == [c.header for c in s.COLUMNS[s.INDICATORS]]
    lists = [v.formula1 for v in indicators.data_validations.dataValidation]
    assert '"higher is better,lower is better,neither"' in lists
    assert indicators.max_row == (2 if filled else 1)
    if filled:
        assert indicators["A2"].value == "NI 116"
        assert indicators["H2"].value == "higher is better"


@pytest.mark.parametrize("who", ["lead", "board", "psb", "scrutiny", "nobody", "council_officer"])
def test_only_the_performance_team_may_import(client, framework, request, who):
    client.force_login(request.getfixturevalue(who))
    for response in (
        client.get(reverse("framework_import")),
        _upload(client),
        client.get(reverse("framework_imports")),
        client.get(reverse("framework_template")),
        client.get(reverse("framework_template") + "?filled=1"),
    ):
        assert response.status_code == 403
        assert "Only the performance team can import the framework." in response.content.decode()
    assert FrameworkImport.objects.count() == 0


def test_someone_else_cannot_see_or_save_an_import(client, framework, officer, lead):
    client.force_login(officer)
    _upload(client)
    record = FrameworkImport.objects.get()
    client.force_login(lead)
    assert client.get(reverse("framework_import_detail", args=[record.pk])).status_code == 403
    response = client.post(
        reverse("framework_import_save", args=[record.pk]), {"sha256": record.sha256}
    )
    assert response.status_code == 403
    assert not Outcome.objects.filter(code="CYP 2").exists()


def test_an_administrator_may_import(client, framework, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("framework_import")).status_code == 200
    assert _upload(client).status_code == 302


def test_someone_signed_out_is_sent_to_sign_in(client, framework):
    for url in (reverse("framework_import"), reverse("framework_template")):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response.url


def test_an_import_that_does_not_exist_is_not_found(client, framework, officer):
    client.force_login(officer)
    assert client.get(reverse("framework_import_detail", args=[999])).status_code == 404
    assert client.post(reverse("framework_import_save", args=[999])).status_code == 404


def test_saving_is_a_post(client, framework, officer):
    client.force_login(officer)
    _upload(client)
    record = FrameworkImport.objects.get()
    assert client.get(reverse("framework_import_save", args=[record.pk])).status_code == 405


def test_the_value_import_page_links_to_the_framework_import(client, framework, officer):
    client.force_login(officer)
    page = client.get(reverse("value_import")).content.decode()
    assert reverse("framework_import") in page


# --- The record of imports as CSV (?format=csv) -------------------------------------------


def imports_csv(client, **query):
    return client.get(reverse("framework_imports"), {"format": "csv", **query})


@pytest.mark.parametrize("who", ["officer", "admin_user"])
def test_the_performance_team_downloads_the_record_of_imports(client, framework, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    _upload(client)
    _upload(client, name="second.xlsx")
    first, second = FrameworkImport.objects.order_by("pk")

    response = imports_csv(client)

    assert response["Content-Disposition"] == 'attachment; filename="framework-imports.csv"'
    head, *rows = csv_rows(response)
    assert head == ["Import", "File", "When", "Who", "Status", "Added", "Changed", "Refused rows"]
    assert [(r[0], r[1]) for r in rows] == [
        (str(second.pk), "second.xlsx"), (str(first.pk), "framework.xlsx")
    ]  # fmt: skip
    assert rows[0][3] == (user.get_full_name() or user.username)
    assert 'data-table="imports"' in client.get(reverse("framework_imports")).content.decode()


@pytest.mark.parametrize("who", ["lead", "board", "psb", "scrutiny", "nobody", "council_officer"])
def test_everyone_else_downloads_no_record(client, framework, request, officer, who):
    client.force_login(officer)
    _upload(client)
    client.force_login(request.getfixturevalue(who))
    response = imports_csv(client)
    assert response.status_code == 403
    assert b"framework.xlsx" not in response.content


def test_the_record_download_needs_signing_in_and_a_known_table(client, framework, officer):
    assert "/accounts/login/" in imports_csv(client)["Location"]
    client.force_login(officer)
    assert imports_csv(client, table="rows").status_code == 404
