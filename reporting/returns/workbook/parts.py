"""What an uploaded workbook holds, checked from its zip before openpyxl parses any of
it: no macros, no more shared text than a return can hold, no formulas.

The sizes read are those the zip declares for each part, already checked against the
limits in :mod:`.layout`; zipfile reads no more of a part than its declared size.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence

from reporting.returns.workbook.layout import (
    FORMULAS,
    MACROS,
    MAX_SHARED_STRINGS_BYTES,
    SHARED_STRINGS_TOO_LARGE,
    TOO_LARGE,
)
from reporting.returns.workbook.raw import WorkbookRefused

CONTENT_TYPES = "[Content_Types].xml"
MAX_CONTENT_TYPES_BYTES = 256 * 1024
CHUNK = 1024 * 1024
# A cell's formula element, <f> or <f t="shared" ...> or <x:f>, in a worksheet's XML.
FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def check_parts(archive: zipfile.ZipFile, parts: Sequence[zipfile.ZipInfo]) -> None:
    """Refuse a macro workbook, too much shared text, or a formula in any sheet."""
    names = {p.filename.lower(): p for p in parts}
    if any(name.endswith("vbaproject.bin") for name in names):
        raise WorkbookRefused(MACROS)
    types = names.get(CONTENT_TYPES.lower())
    if types is not None:
        if types.file_size > MAX_CONTENT_TYPES_BYTES:
            raise WorkbookRefused(TOO_LARGE)
        if b"macroenabled" in archive.read(types).lower():
            raise WorkbookRefused(MACROS)
    if sum(p.file_size for n, p in names.items() if "sharedstrings" in n) > (
        MAX_SHARED_STRINGS_BYTES
    ):
        raise WorkbookRefused(SHARED_STRINGS_TOO_LARGE)
    for name, part in names.items():
        if (
            name.startswith("xl/worksheets/")
            and name.endswith(".xml")
            and _has_formula(archive, part)
        ):
            raise WorkbookRefused(FORMULAS)


def _has_formula(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether the sheet's XML has a formula, read a chunk at a time."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            if FORMULA.search(tail + chunk):
                return True
            tail = chunk[-32:]
    return False
