"""Hostile spreadsheets uploaded to a quarterly return, beyond those in
tests/reporting/returns/test_return_workbook.py (a text file renamed, a corrupt or
truncated zip, a part that unpacks to more than 20 MB, another return's or quarter's
file): a sheet that declares a huge size, 10 MB of shared strings, formulas in the
value cells, a macro workbook. Each is refused with a clear message, nothing is stored,
and the read stays within a bounded amount of memory (measured with tracemalloc).
"""

import io
import re
import tracemalloc
import zipfile

from openpyxl import load_workbook

from tests.reporting.returns import test_return_workbook as wb
from tests.reporting.returns.test_return_workbook import (
    COL,
    download,
    errors_of,
    fill_all,
    row_of,
    snapshot,
    upload,
)

# The return and its two indicators, as the workbook tests make them.
area, q2_round, pct, count, qr = wb.area, wb.q2_round, wb.pct, wb.count, wb.qr

MB = 1024 * 1024
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def rezip(content: bytes, *, replace=None, add=None) -> bytes:
    """The workbook's zip again, parts changed by ``replace`` (name: function of the
    bytes) and parts added from ``add`` (name: bytes)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info.filename, (replace or {}).get(info.filename, lambda d: d)(data))
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return buffer.getvalue()


def upload_measured(client, qr, content: bytes):
    """The upload's response, and the most memory (bytes) Python held while it ran."""
    tracemalloc.start()
    try:
        response = upload(client, qr, content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, peak


def refused(client, qr, content: bytes, *, max_mb: int) -> str:
    """Upload; assert a refusal on the page, nothing stored, memory bounded; the message."""
    before = snapshot(qr)
    response, peak = upload_measured(client, qr, content)
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert snapshot(qr) == before
    assert peak < max_mb * MB, f"the upload held {peak / MB:.1f} MB"
    return errors_of(response)[0]


def test_a_sheet_that_declares_the_largest_size_excel_allows_is_read_in_bounded_memory(
    client, qr, pct, count, lead
):
    client.force_login(lead)
    good = download(client, qr)  # no values: refused for the blank rows, after reading

    def huge(data: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', data)

    sheets = [n for n in zipfile.ZipFile(io.BytesIO(good)).namelist() if "worksheets/" in n]
    content = rezip(good, replace=dict.fromkeys(sheets, huge))
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(content)).read(sheets[0]) + b"".join(
        zipfile.ZipFile(io.BytesIO(content)).read(n) for n in sheets
    )

    before = snapshot(qr)
    response, peak = upload_measured(client, qr, content)

    assert response.status_code in (200, 302)
    assert peak < 10 * MB, f"the upload held {peak / MB:.1f} MB"
    if response.status_code == 200:
        assert snapshot(qr) == before


def test_a_workbook_with_10_mb_of_shared_strings_is_refused_before_they_are_read(
    client, qr, pct, count, lead
):
    client.force_login(lead)
    strings = b"".join(b"<si><t>%d %s</t></si>" % (n, b"y" * 90) for n in range(105_000))
    part = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main">' + strings + b"</sst>"
    )
    assert len(part) > 10 * MB
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS}" />'
    content = rezip(
        fill_all(client, qr, pct, count),
        replace={
            "[Content_Types].xml": lambda d: d.replace(b"</Types>", override.encode() + b"</Types>")
        },
        add={"xl/sharedStrings.xml": part},
    )
    assert len(content) < 2 * MB  # it passes the size of the upload

    message = refused(client, qr, content, max_mb=4)

    assert message.startswith("The selected file holds more text than a return can")


def test_formulas_in_the_value_cells_are_refused_as_not_values(client, qr, pct, count, lead):
    client.force_login(lead)
    good = fill_all(client, qr, pct, count)
    workbook = load_workbook(io.BytesIO(good))
    workbook["Return"][f"{COL['value']}{row_of(good, pct.code)}"] = "=40+22.5"  # a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert any(b"<f>" in archive.read(n) for n in archive.namelist() if "worksheets/" in n)

    message = refused(client, qr, content, max_mb=10)

    assert message.startswith("The selected file has formulas in it")


def test_a_macro_workbook_is_refused(client, qr, pct, count, lead):
    client.force_login(lead)
    content = rezip(
        fill_all(client, qr, pct, count),
        replace={
            "[Content_Types].xml": lambda d: d.replace(SHEET_MAIN.encode(), MACRO_MAIN.encode())
        },
        add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048},
    )

    message = refused(client, qr, content, max_mb=10)

    assert message.startswith("The selected file contains macros")


def test_a_workbook_with_only_a_macro_part_added_is_refused(client, qr, pct, count, lead):
    client.force_login(lead)
    content = rezip(
        fill_all(client, qr, pct, count),
        add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048},
    )

    assert refused(client, qr, content, max_mb=10).startswith("The selected file contains macros")
