"""A framework workbook with anything in any cell: the preview either lists problems by
sheet, row and column or plans the rows, and saving a clean plan writes what it said;
never a server error, never a half save."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from indicators.imports.read import ImportRefused
from partnership.errors import ApplicationError
from targets.framework_import import sheets as s
from targets.framework_import.selectors import file_plan
from targets.framework_import.services import framework_import_preview, framework_import_save
from targets.models import Milestone, Target
from tests.fuzz.strategies import ANY
from tests.targets.framework_import.conftest import (
    framework,  # noqa: F401 - the fixture
    indicator_row,
    milestone_row,
    target_row,
    workbook,
)

FUZZ = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CELL = ANY.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)).filter(
    lambda text: not text.startswith("=")
)
COLUMNS = [(sheet, c.header) for sheet in (s.INDICATORS, s.TARGETS, s.MILESTONES)
           for c in s.COLUMNS[sheet]]  # fmt: skip
ROWS = {s.INDICATORS: indicator_row("L 900"), s.TARGETS: target_row("L 900"),
        s.MILESTONES: milestone_row("L 900")}  # fmt: skip


def _stored():
    return (Target.objects.count(), Milestone.objects.count(), Target.history.count())


@FUZZ
@given(column=st.sampled_from(COLUMNS), text=CELL)
def test_any_cell_is_planned_or_listed_as_a_problem(framework, officer, tried, column, text):  # noqa: F811
    tried()
    sheet, header = column
    rows = {name: [dict(row)] for name, row in ROWS.items()}
    rows[sheet][0][header] = text
    content = workbook(rows)
    before = _stored()
    try:
        plan = file_plan(content, file_name="framework.xlsx")
    except ImportRefused:
        return
    for problem in plan.problems:
        assert problem.sheet in s.SHEETS
        assert problem.row >= 2
    preview = framework_import_preview(content=content, file_name="f.xlsx", actor=officer)
    try:
        framework_import_save(record=preview.record, sha256=preview.record.sha256, actor=officer)
    except ApplicationError:
        assert plan.problems
        assert _stored() == before
        return
    assert not plan.problems
    # Saved as previewed: the same file again would change nothing.
    again = file_plan(content, file_name="framework.xlsx")
    assert (again.added, again.changed, again.problems) == (0, 0, [])
