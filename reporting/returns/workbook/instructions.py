"""What the Instructions sheet of the return spreadsheet says, as (style, text) lines.

A line's style is "title", "heading" or "text"; the builder sets the fonts. Column
letters are those of the Return sheet for the return's quarter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reporting.returns.workbook.layout import RETURN_SHEET, columns, letters

if TYPE_CHECKING:
    from reporting.returns.selectors.workbook import ReturnWorkbook

Line = tuple[str, str]


def instruction_lines(data: ReturnWorkbook) -> list[Line]:
    """The Instructions sheet, as (style, text) lines: "title", "heading" or "text"."""
    cols = letters(columns(period_code=data.period_code))
    return [
        ("title", f"Quarterly return: {data.outcome_code} {data.outcome_title}"),
        ("text", f"{data.period_label}. Lead partner: {data.lead_organisation}."),
        *_purpose(data),
        *_what_to_fill_in(cols),
        *_missing_values(cols),
        *_uploading(cols),
        *_this_spreadsheet(data),
    ]


def _purpose(data: ReturnWorkbook) -> list[Line]:
    return [
        ("heading", "What this spreadsheet is for"),
        (
            "text",
            "Use it to fill in this quarterly return offline. When you have filled it in, "
            "upload it on the return's page, under 'Upload a spreadsheet'.",
        ),
        (
            "text",
            "Uploading saves the return as a DRAFT. It is not submitted: check it in the "
            "browser, add the commentary, and submit it there by the due date, "
            f"{data.due_on.day} {data.due_on:%B %Y}.",
        ),
    ]


def _what_to_fill_in(cols: dict[str, str]) -> list[Line]:
    return [
        ("heading", "What to fill in"),
        (
            "text",
            f"Fill in the white cells of the '{RETURN_SHEET}' sheet: one row per indicator. "
            "The grey columns (code, indicator, unit, decimal places, polarity and the "
            "values of the last four quarters, the first of them the same quarter last "
            "year) are there to help you and cannot be changed.",
        ),
        (
            "text",
            "The sheet is protected so that only the white cells can be edited. There is no "
            "password, but do not unprotect it, and do not change its headers, rows or codes.",
        ),
        (
            "text",
            f"Value (column {cols['value']}): a number in the indicator's unit, with no more "
            "decimal places than its 'Decimal places' column says. A percentage is from 0 "
            "to 100 (type 45 for 45%); a count is a whole number; a yes/no indicator takes "
            "yes or no.",
        ),
        (
            "text",
            f"Numerator and Denominator (columns {cols['numerator']} and "
            f"{cols['denominator']}), for indicators that have them: give both or neither. "
            "With both, you may leave the value blank: it is worked out as the numerator "
            "divided by the denominator, times 100 for a percentage or N for a rate per N.",
        ),
        (
            "text",
            f"Status (column {cols['status']}): one of provisional, final or estimated.",
        ),
        (
            "text",
            f"Note (column {cols['note']}): anything a reader should know about the value. "
            "A value that moves a lot from the previous comparable period, or is far "
            "outside the indicator's past values, must be confirmed: say in the note why "
            "it is right. A filled-in note is taken as your confirmation.",
        ),
    ]


def _missing_values(cols: dict[str, str]) -> list[Line]:
    return [
        ("heading", "Missing values"),
        (
            "text",
            "If you have no value for an indicator, leave its value, numerator and "
            f"denominator blank, say why in 'Reason if not available' (column "
            f"{cols['reason']}), for example 'Not yet published', and give the date you "
            f"expect it in column {cols['expected_on']}. You may upload the spreadsheet "
            "with values still blank and no reason: it is saved as a draft, and the return "
            "lists the indicators still without a value or a reason. Each needs one before "
            "the return is submitted.",
        ),
        (
            "text",
            "Leaving a value blank removes a value saved before in this return, unless "
            "that value has been approved.",
        ),
    ]


def _uploading(cols: dict[str, str]) -> list[Line]:
    return [
        ("heading", "When you upload it"),
        (
            "text",
            "Every row is checked. If anything is wrong, nothing is saved, and you are "
            f"shown each cell to correct, such as {RETURN_SHEET}!{cols['value']}7.",
        ),
        (
            "text",
            "If someone saves the return after you download this spreadsheet, the upload "
            "is refused, so that their changes are not lost: download it again and copy "
            "your figures across.",
        ),
        (
            "text",
            "A spreadsheet for another return or another quarter is refused. Upload the "
            ".xlsx file as you saved it, no larger than 2 MB. The commentary and the "
            "forecast are not in this spreadsheet: enter them on the return's page.",
        ),
    ]


def _this_spreadsheet(data: ReturnWorkbook) -> list[Line]:
    at = data.generated_at
    generated = f"{at.day} {at:%B %Y} at {at:%H:%M}"
    state = f"{data.state_label} when downloaded."
    if not data.editable:
        state += (
            " You cannot change it now, so an upload of this spreadsheet would be refused "
            "until the return can be edited again."
        )
    return [
        ("heading", "This spreadsheet"),
        ("text", f"Outcome: {data.outcome_code} {data.outcome_title}"),
        ("text", f"Quarter: {data.period_code} ({data.period_label})"),
        ("text", f"Return: number {data.return_id}, version {data.version}"),
        ("text", f"State: {state}"),
        ("text", f"Downloaded: {generated} by {data.generated_by}"),
    ]
