"""Reading a CSV download in a test, as a spreadsheet would."""

import csv
import io


def response_text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode("utf-8-sig")


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download, the header first; asserts it is one."""
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response_text(response))))


def csv_column(response, header: str) -> list[str]:
    """One column of a CSV download, by its header."""
    head, *rows = csv_rows(response)
    index = head.index(header)
    return [row[index] for row in rows]
