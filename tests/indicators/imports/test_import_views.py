"""/data/import/: the performance team uploads, previews, adds areas and saves."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import IndicatorValue, ValueImport
from partnership.models import Area
from tests.indicators.imports.conftest import csv_bytes

WIDE = csv_bytes(
    "Area Code,Area Name,2025-26-Q1,2025-26-Q2",
    "E06000001,Hartlepool,20,21",
    "E06000003,Redcar and Cleveland,30,31",
)


def _upload(client, content=WIDE, name="comparators.csv", **data):
    data = {"layout": "", "indicator": "NI 116", **data}
    return client.post(reverse("value_import"), {"file": SimpleUploadedFile(name, content), **data})


def test_the_officer_previews_adds_an_area_and_saves(client, world, officer):
    client.force_login(officer)
    assert client.get(reverse("value_import")).status_code == 200
    response = _upload(client)
    record = ValueImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("value_import_detail", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert "2 values to add" in page
    assert "E06000003 (rows 3)" in page
    assert "Save these values" not in page  # an unknown area holds the save
    response = client.post(
        reverse("value_import_area", args=[record.pk]),
        {"code": "E06000003", "name": "Redcar and Cleveland", "kind": "comparator",
         "parent": world["region"].pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert Area.objects.get(code="E06000003").parent == world["region"]
    page = client.get(reverse("value_import_detail", args=[record.pk])).content.decode()
    assert "4 values to add" in page
    assert "Save these values" in page
    response = client.post(
        reverse("value_import_save", args=[record.pk]), {"sha256": record.sha256}
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.filter(is_approved=True).count() == 4
    record.refresh_from_db()
    assert (record.status, record.added) == ("saved", 4)
    page = client.get(reverse("value_import_detail", args=[record.pk])).content.decode()
    assert f"Import #{record.pk}: comparators.csv" in page
    listing = client.get(reverse("value_imports")).content.decode()
    assert "comparators.csv" in listing
    assert f'href="{reverse("value_import_detail", args=[record.pk])}"' in listing


def test_a_bad_file_shows_the_error_and_keeps_the_choices(client, world, officer):
    client.force_login(officer)
    response = _upload(client, b"Name,Colour\r\nAnn,red\r\n", layout="long")
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "is not in the long layout: it has no &quot;Indicator&quot; or &quot;Area&quot;" in page
    assert 'value="long" checked' in page
    assert '<option value="NI 116" selected>' in page
    assert IndicatorValue.objects.count() == 0


def test_a_file_with_bad_rows_lists_them_and_cannot_be_saved(client, world, officer):
    client.force_login(officer)
    content = csv_bytes("Indicator,Area,Period,Value", "NI 116,E06000001,2025-26-Q1,n/a",
                        "NI 116,E06000001,06/07,20")  # fmt: skip
    _upload(client, content, indicator="")
    record = ValueImport.objects.get()
    page = client.get(reverse("value_import_detail", args=[record.pk])).content.decode()
    assert "Nothing can be saved until the file is put right" in page
    assert "&quot;n/a&quot;: enter a number, like 42.5" in page
    assert "could be read more than one way" in page
    response = client.post(
        reverse("value_import_save", args=[record.pk]), {"sha256": record.sha256}, follow=True
    )
    assert "Nothing was saved" in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, world, officer, settings):
    settings.VALUE_IMPORT_MAX_BYTES = 100
    client.force_login(officer)
    response = _upload(client, WIDE * 10)
    assert response.status_code == 400
    assert "The selected file is larger than 1 KB: split it" in response.content.decode()
    assert ValueImport.objects.count() == 0


def test_no_file_chosen_is_a_form_error(client, world, officer):
    client.force_login(officer)
    response = client.post(reverse("value_import"), {"layout": ""})
    assert response.status_code == 400
    assert "Choose a CSV or .xlsx file to import" in response.content.decode()


@pytest.mark.parametrize("who", ["lead", "board", "psb", "scrutiny", "nobody", "council_officer"])
def test_only_the_performance_team_may_import(client, world, request, who, lead_role):
    person = request.getfixturevalue(who)
    client.force_login(person)
    for response in (
        client.get(reverse("value_import")),
        _upload(client),
        client.get(reverse("value_imports")),
    ):
        assert response.status_code == 403
        assert "Only the performance team can import values." in response.content.decode()
    assert ValueImport.objects.count() == 0


def test_an_administrator_may_import(client, world, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("value_import")).status_code == 200


def test_someone_signed_out_is_sent_to_sign_in(client, world):
    response = client.get(reverse("value_import"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_an_import_that_does_not_exist_is_not_found(client, world, officer):
    client.force_login(officer)
    assert client.get(reverse("value_import_detail", args=[999])).status_code == 404
    assert client.post(reverse("value_import_save", args=[999])).status_code == 404


@pytest.mark.parametrize("rows", [2, 150])
def test_the_preview_page_takes_the_same_queries_whatever_the_rows(
    client, world, officer, rows, django_assert_max_num_queries
):
    client.force_login(officer)
    header = "Area," + ",".join(f"Q{(n % 4) + 1} {2000 + n // 4}-{(n // 4 + 1) % 100:02d}"
                                for n in range(rows))  # fmt: skip
    content = csv_bytes(header, "E06000001," + ",".join(str(n % 100) for n in range(rows)))
    _upload(client, content)
    record = ValueImport.objects.get()
    with django_assert_max_num_queries(14):
        page = client.get(reverse("value_import_detail", args=[record.pk]))
    assert f"{rows} values to add" in page.content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_of_imports_takes_the_same_queries_whatever_their_number(
    client, world, officer, count, django_assert_max_num_queries
):
    for n in range(count):
        ValueImport.objects.create(
            created_by=officer, file_name=f"file{n}.csv", size=1, sha256="0" * 64, content=b"x"
        )
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("value_imports"))
    assert page.content.decode().count("file") >= count
