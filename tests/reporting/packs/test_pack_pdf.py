"""The pack as a person opens and prints it: a realistic pack converted to PDF by
LibreOffice Calc (which prints a workbook's page setup as Excel does), then read back page
by page with poppler's ``pdftotext``, its words with their places on the page.

One pack is built and converted for the module (a conversion takes some seconds).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import transaction

from indicators.enums import Frequency
from partnership.models import Role
from reporting.models import QuarterlyReturn
from reporting.packs.selectors.data import PackData, pack_data
from reporting.packs.workbook.build import build_pack_workbook
from reporting.scorecard.selectors import quarter_named
from risks.models import Escalation
from risks.rules import RiskLevel
from targets.models import Target
from tests import factories as f
from tests.conftest import skip_or_fail
from tests.reporting.scorecard.test_scorecard import Q2, TODAY, a_round, add_target, grow

pytestmark = [pytest.mark.office, pytest.mark.django_db]

BLOCK = "Children and Young People"
COMMENTARY = (
    "Attendance at the early help hubs rose again this quarter after the new outreach "
    "workers started in July; the waiting list is down to 42 families from 67. Two schools "
    "joined the pilot in September and the council has agreed to fund the hubs to March. "
    "The health visiting service now refers families directly, which has cut the time from "
    "referral to first visit from 19 working days to 8. Concerns remain about recruitment "
    "of family support workers in the north of the city, where two posts are still vacant."
)
WHY_ESCALATED = (
    "The score has stayed at 20 for three quarters despite the mitigating actions; the "
    "Board cannot fund the shortfall and asks the Public Service Board to agree a "
    "partnership-wide response before the budget is set in February."
)
LONG_TITLE = (
    "Children achieving a good level of development at the end of the early years foundation stage"
)
A4_LANDSCAPE = (841.9, 595.3)  # points
PAGE_HEADER = 40.0  # points from the top: the page's header (sheet name, pack), not the sheet
READABLE = 7.0  # points: the least height of a word's box (text of about 6 points)


# --- Reading the PDF ----------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    text: str  # as laid out on the page (pdftotext -layout)
    words: tuple[Word, ...]

    @property
    def sheet(self) -> str:
        """The sheet printed on the page: the page header's left part."""
        first = next(line for line in self.text.splitlines() if line.strip())
        return re.split(r"\s{2,}", first.strip())[0]

    def phrases(self, text: str) -> list[Word]:
        """The first word of each place ``text`` is written on the sheet (not in the
        page's header), in reading order."""
        wanted = text.split()
        words = [w for w in self.words if w.y0 > PAGE_HEADER]
        return [
            words[i]
            for i in range(len(words) - len(wanted) + 1)
            if [w.text for w in words[i : i + len(wanted)]] == wanted
        ]

    def phrase(self, text: str) -> Word:
        """The first word of the first place ``text`` is written on the sheet."""
        found = self.phrases(text)
        assert found, f"{text!r} is not on page {self.number}"
        return found[0]

    def has(self, text: str) -> bool:
        try:
            self.phrase(text)
        except AssertionError:
            return False
        return True

    def between(self, *, left: float, right: float, top: float, bottom: float) -> str:
        """The words whose left edge is in the column from ``left`` to ``right``, written
        wholly in the band from ``top`` to ``bottom`` (a word running over ``bottom`` is
        not in it), in reading order."""
        found = [
            w
            for w in self.words
            if left <= w.x0 < right and top - 0.5 <= w.y0 and w.y1 <= bottom + 0.5
        ]
        return " ".join(w.text for w in sorted(found, key=lambda w: (round(w.y0), w.x0)))

    def line_of(self, word: Word) -> list[Word]:
        """The words on the same line as ``word``, left to right."""
        return sorted((w for w in self.words if abs(w.y0 - word.y0) < 1), key=lambda w: w.x0)

    def next_row(self, word: Word, column: Word) -> float:
        """The top of the next row under ``word``'s: the first word below it that starts
        where ``column`` starts and reads as ``column`` does (each row's first word there),
        or the page's foot."""
        tops = [
            w.y0
            for w in self.words
            if abs(w.x0 - column.x0) < 1 and w.text == column.text and w.y0 > word.y0 + 1
        ]
        return min(tops, default=self.height)


def read_pdf(pdf: Path) -> list[Page]:
    texts = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    boxes = pdf.with_suffix(".html")
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(boxes)], check=True)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for n, page in enumerate(ET.parse(boxes).getroot().iterfind(".//x:page", ns)):
        words = tuple(
            Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iterfind(".//x:word", ns)
        )
        pages.append(
            Page(n + 1, float(page.get("width")), float(page.get("height")), texts[n], words)
        )
    return pages


def office() -> str:
    """LibreOffice's command; the test is skipped (failed in CI) without it or pdftotext."""
    command = shutil.which("libreoffice") or shutil.which("soffice")
    if command is None or shutil.which("pdftotext") is None:
        skip_or_fail(
            "LibreOffice Calc or pdftotext is missing: apt-get install libreoffice-calc "
            "poppler-utils"
        )
    return str(command)


def convert_to_pdf(command: str, xlsx: Path, profile: Path) -> Path:
    """The workbook as LibreOffice Calc prints it, with a profile of its own so that runs
    side by side do not share one."""
    subprocess.run(
        [
            command,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(xlsx.parent),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = xlsx.with_suffix(".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


# --- The pack -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    data: PackData
    pages: list[Page]
    annual_code: str
    long_title_code: str

    def of_sheet(self, name: str) -> list[Page]:
        return [page for page in self.pages if page.sheet == name]


def a_realistic_pack() -> tuple[PackData, str, str]:
    """A block of eight targets: an annual stretch target, one with a long title, six more
    (some red, some stretch); an outcome's long commentary; a risk escalated to the Public
    Service Board with a long reason."""
    council = f.OrganisationFactory(name="Anycity Council", short_name="Council")
    block = f.BlockFactory(name=BLOCK, slug="children-and-young-people")
    lead = f.UserFactory(username="lead", organisation=council)
    outcome = f.OutcomeFactory(block=block, lead_organisation=council, lead_person=lead)
    officer = f.UserFactory(username="officer", organisation=council)
    f.assign(officer, Role.PERFORMANCE_OFFICER)
    the_round = a_round()
    grow(6, block=block, partner=council, round_=the_round)
    annual = add_target(
        outcome,
        kind=Target.Kind.STRETCH,
        frequency=Frequency.ANNUAL,
        title="Adults who are physically active",
    )
    for code, value in (("2023-24", 38), ("2024-25", 41)):
        f.IndicatorValueFactory(
            indicator=annual.indicator, area=annual.area, period=f.period(code), value=value
        )
    long_title = add_target(outcome, value=44, previous=43, last_year=40, title=LONG_TITLE)
    f.QuarterlyReturnFactory(
        round=the_round,
        outcome=outcome,
        state=QuarterlyReturn.State.APPROVED,
        progress_summary=COMMENTARY,
        forecast_rag="green",
    )
    risk = f.RiskFactory(
        level=RiskLevel.PARTNERSHIP,
        outcome=outcome,
        title="Early help funding ends in March",
        current_likelihood=5,
        current_impact=4,
    )
    Escalation.objects.create(
        risk=risk, from_level="block", to_level="partnership", reason=WHY_ESCALATED, score=20
    )
    data = pack_data(
        user=officer,
        period=quarter_named(Q2),
        today=TODAY,
        generated_at=datetime(2025, 11, 21, 9, 30, tzinfo=UTC),
        partnership_name="Anycity Partnership",
    )
    return data, annual.indicator.code, long_title.indicator.code


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker, tmp_path_factory) -> Printed:
    command = office()
    folder = tmp_path_factory.mktemp("pack")
    with django_db_blocker.unblock(), transaction.atomic():
        data, annual_code, long_title_code = a_realistic_pack()
        build_pack_workbook(data, str(folder / "pack.xlsx"))
        transaction.set_rollback(True)
    pdf = convert_to_pdf(command, folder / "pack.xlsx", folder / "profile")
    return Printed(data, read_pdf(pdf), annual_code, long_title_code)


# --- Block sheets -------------------------------------------------------------------------


def test_a_block_sheet_prints_the_boards_columns_then_the_quarters_on_a4_landscape(printed):
    pages = printed.of_sheet(BLOCK)
    rows = printed.data.blocks[0].rows

    assert len(pages) == 2  # eight targets: the board's columns, then the eight quarters
    board, quarters = pages
    for page in pages:
        assert (round(page.width, 1), round(page.height, 1)) == A4_LANDSCAPE
    for header in ("Indicator", "Title", "Value", "Milestone", "Target", "RAG", "Forecast"):
        assert board.has(header), header
    assert not board.has("Q3 2023-24")
    rag = min(board.phrases("RAG"), key=lambda w: (round(w.y0), w.x0))  # not "Forecast RAG"
    for row in rows:  # each target's code, and its RAG under "RAG", on one line, readable
        code = board.phrase(row.row.code)
        under = min(board.line_of(code), key=lambda w: abs(w.x0 + w.x1 - rag.x0 - rag.x1))
        assert under.text in row.row.rag.label.split(), row.row.code
        assert code.y1 - code.y0 >= READABLE
    labels = [p.label for p in printed.data.history_periods]
    assert all(quarters.has(label) for label in labels)
    assert all(quarters.has(row.row.code) for row in rows)  # repeated at the left
    assert not quarters.has("Milestone this quarter")


def test_a_long_title_wraps_within_its_row(printed):
    board = printed.of_sheet(BLOCK)[0]
    code = board.phrase(printed.long_title_code)

    assert board.between(
        left=board.phrase("Title").x0 - 1,
        right=board.phrase("Outcome").x0 - 1,
        top=code.y0,
        bottom=board.next_row(code, column=code),
    ) == " ".join(LONG_TITLE.split())


# --- Commentary ---------------------------------------------------------------------------


def test_long_commentary_is_printed_whole_within_its_row(printed):
    opening = " ".join(COMMENTARY.split()[:5])
    [page] = [p for p in printed.of_sheet("Commentary") if p.has(opening)]
    first = page.phrase(opening)
    outcome = next(w for w in page.line_of(first) if w.text == "OC")  # each row starts "OC"

    assert page.between(
        left=page.phrase("Commentary").x0 - 1,
        right=page.width,
        top=first.y0,
        bottom=page.next_row(first, column=outcome),
    ) == " ".join(COMMENTARY.split())


# --- Summary ------------------------------------------------------------------------------


def test_the_summarys_headers_sit_over_their_numbers(printed):
    [page] = [p for p in printed.of_sheet("Summary") if p.has("All targets")]
    totals = printed.data.totals
    all_targets = page.phrase("All targets")
    numbers = [w for w in page.line_of(all_targets) if w.text.isdigit()]
    # The table's header: the nearest line above the totals holding "Amber".
    amber = max((w for w in page.phrases("Amber") if w.y0 < all_targets.y0), key=lambda w: w.y0)
    header = page.line_of(amber)

    assert [int(w.text) for w in numbers] == [
        totals.green,
        totals.amber,
        totals.red,
        totals.grey,
        totals.total,
    ]
    titles = {w.text: w for w in header}
    for title, number in zip(("Green", "Amber", "Red", "data", "Total"), numbers, strict=True):
        assert abs(titles[title].x1 - number.x1) < 2, title  # both to the right of the column


def test_why_a_risk_was_escalated_is_printed_whole(printed):
    summary = printed.of_sheet("Summary")
    opening = " ".join(WHY_ESCALATED.split()[:5])
    [page] = [p for p in summary if p.has(opening)]
    first = page.phrase(opening)
    # The table's header may end the page before: the columns are where they are on it.
    heading = next(p for p in summary if p.has("Why escalated"))
    header = heading.phrase("Why escalated")
    block = page.line_of(first)[0]  # "Children", where each risk's row starts

    assert abs(first.x0 - header.x0) < 1
    assert page.between(
        left=header.x0 - 1,
        right=heading.phrase("Hangs on").x0 - 1,
        top=first.y0,
        bottom=page.next_row(first, column=block),
    ) == " ".join(WHY_ESCALATED.split())


# --- Stretch targets ----------------------------------------------------------------------


def test_each_stretch_target_has_a_page_with_its_table_and_whole_chart(printed):
    pages = printed.of_sheet("Stretch targets")
    codes = [chart.row.code for chart in printed.data.stretch]

    assert printed.annual_code in codes
    assert len(pages) == len(codes)
    for page, chart in zip(pages, printed.data.stretch, strict=True):
        code = chart.row.code
        assert page.has(f"{code} {chart.row.title}")
        # The chart's title and legend are on the page: the chart is not cut across two.
        assert page.has(f"{code}: value against trajectory")
        assert page.has("Milestone (trajectory)")
        assert not any(p.has(f"{code}: value") for p in pages if p is not page)


def test_a_block_sheet_prints_each_targets_variation_and_assurance_under_their_headers(printed):
    board = printed.of_sheet(BLOCK)[0]
    variation, assurance = board.phrase("Variation"), board.phrase("Assurance")
    forecast = board.phrase("Forecast")

    for item in printed.data.blocks[0].rows:
        code = board.phrase(item.row.code)
        bottom = board.next_row(code, column=code)
        assert board.between(
            left=variation.x0 - 1, right=assurance.x0 - 1, top=code.y0, bottom=bottom
        ) == " ".join(item.row.spc_variation.label.split())
        assert board.between(
            left=assurance.x0 - 1, right=forecast.x0 - 1, top=code.y0, bottom=bottom
        ) == " ".join(item.row.spc_assurance.label.split())
        assert code.y1 - code.y0 >= READABLE


def test_the_cover_prints_the_variation_and_assurance_key(printed):
    [cover] = printed.of_sheet("Cover")[:1]

    assert cover.has("Variation and assurance key")
    for word in ("Special cause concern", "Consistently fail", "Hit and miss"):
        assert cover.has(word), word
