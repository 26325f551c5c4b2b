"""Writing a performance pack: an .xlsx workbook from :class:`PackData`, in one pass.

The workbook is written with openpyxl's write-only (streaming) worksheets, so a pack of
the whole partnership at national scale (hundreds of thousands of values on its Data
sheet) is written row by row without holding its cells in memory. Each sheet's layout
is set before its first row: frozen headers, column widths; then its rows; then its
autofilter, print titles and page setup (A4, landscape, fitted to the page's width; what
prints, and how high each row of wrapped text is, so that the pack reads on paper as on
screen: see :mod:`.table` and :mod:`.fit`).

Every text cell goes through :mod:`reporting.formats.cells`, so that text people typed
that begins with "=", "+", "-" or "@" stays text, never a formula. Numbers are written
as numbers, with a number format by the indicator's unit. A RAG rating is a filled cell
holding its word ("Green", "Amber", "Red", "No data"), so it reads without colour too.

Each sheet is written by the sibling module named after it: :mod:`.cover`,
:mod:`.summary` (with :mod:`.exceptions`), :mod:`.blocks`, :mod:`.commentary`,
:mod:`.stretch`, :mod:`.comparators`, :mod:`.risks`, :mod:`.actions`,
:mod:`.funding` and :mod:`.data_sheet`; their cells,
styles and tables are :mod:`.cells`, :mod:`.styles` and :mod:`.table`. This module writes
the workbook, and the names other modules import are importable from here too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import IO

from openpyxl import Workbook

from reporting.packs.selectors.data import PackData
from reporting.packs.workbook.actions import write_actions
from reporting.packs.workbook.blocks import write_block
from reporting.packs.workbook.cells import number_format
from reporting.packs.workbook.commentary import outcome_rows, write_commentary
from reporting.packs.workbook.comparators import write_comparators
from reporting.packs.workbook.cover import sheet_list, write_cover
from reporting.packs.workbook.data_sheet import write_data
from reporting.packs.workbook.funding import write_funding
from reporting.packs.workbook.progress import PROGRESS_STEP, WRITING_SHARE, Progress
from reporting.packs.workbook.risks import write_risks
from reporting.packs.workbook.sheet_names import FIXED_SHEETS, sheet_name
from reporting.packs.workbook.stretch import write_stretch
from reporting.packs.workbook.summary import write_summary

SUMMARY_WORK = 20  # the Cover and Summary, as a share of the work


def build_pack_workbook(
    data: PackData, out: str | IO[bytes], *, progress: Callable[[int], None] | None = None
) -> None:
    """Write the pack of ``data`` to ``out`` (a path or a binary file).

    ``progress`` is called with the share done (5, 10... 90, then 100 once saved).
    """
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "Partnership Performance"
    workbook.properties.title = f"{data.partnership_name} performance pack, {data.period.label}"
    taken = {name.lower() for name in FIXED_SHEETS}
    block_sheets = [(block, sheet_name(block.name, taken)) for block in data.blocks]
    sheets = sheet_list(data, [name for _, name in block_sheets])
    work = Progress(total=_work(data), report=progress)

    try:
        write_cover(workbook, data, sheets)
        write_summary(workbook, data)
        work.advance(SUMMARY_WORK)
        for block, name in block_sheets:
            write_block(workbook, name, block, data, work)
        if data.rows:
            write_commentary(workbook, data, work)
        if data.stretch:
            write_stretch(workbook, data, work)
        write_comparators(workbook, data, work)
        if data.risks:
            write_risks(workbook, data, work)
        if data.actions:
            write_actions(workbook, data, work)
        if data.funding.streams:
            write_funding(workbook, data, work)
        write_data(workbook, data, work)
        workbook.save(out)
    except BaseException:
        _discard(workbook)
        raise
    if progress is not None:
        progress(100)


def _work(data: PackData) -> int:
    """The work of writing the pack: a unit a row, ten a chart."""
    return (
        len(data.rows)
        + len(outcome_rows(data))
        + len(data.stretch) * 10
        + data.comparator_count
        + len(data.risks)
        + len(data.actions)
        + data.funding.streams
        + data.data_count
        + SUMMARY_WORK
    )


def _discard(workbook: Workbook) -> None:
    """Close the sheets of a workbook that will not be saved and remove their temporary
    files, so that a failed build leaves nothing behind in a long-running worker."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        try:
            if not sheet.closed:
                sheet.close()
            if writer is not None and os.path.exists(writer.out):
                writer.cleanup()
        except Exception:  # noqa: BLE001, S110 - best effort: the build's own error matters
            pass


__all__ = [
    "PROGRESS_STEP",
    "WRITING_SHARE",
    "build_pack_workbook",
    "number_format",
    "sheet_name",
]
