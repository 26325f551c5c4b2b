"""A quarterly return as a spreadsheet: built to fill in offline, read back when uploaded.

Building takes the plain data of ``reporting.returns.selectors.workbook`` and gives the
bytes of an ``.xlsx`` workbook (openpyxl) with three sheets: "Instructions"; "Return",
one row per indicator, whose grey context columns are locked and whose white input
columns carry data validation; and a very hidden "About" sheet naming the return, its
quarter and the version it was downloaded at, so that an upload can be checked.

Reading never trusts the file. Its size is checked before it is opened, then how large
it unpacks to; it is opened read only, with values not formulas; whatever goes wrong
inside openpyxl is a refusal with a message, never a server error. Every row is checked
by the same rules as the return form (``indicators.validation``), and each problem is
named by its cell, as ``Return!K7``. Only when every row is right are the values saved,
as a draft, through ``return_save``, which refuses a workbook downloaded before someone
else saved the return.
"""

from reporting.returns.workbook.build import build_return_workbook
from reporting.returns.workbook.layout import (
    MAX_UPLOAD_BYTES,
    TOO_LARGE,
    XLSX_CONTENT_TYPE,
    columns,
)
from reporting.returns.workbook.read import WorkbookRefused

__all__ = [
    "MAX_UPLOAD_BYTES",
    "TOO_LARGE",
    "XLSX_CONTENT_TYPE",
    "WorkbookRefused",
    "build_return_workbook",
    "columns",
]
