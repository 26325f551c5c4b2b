"""What a framework workbook would do, worked out before anything is written: the preview.

Each sheet's rows are read column by column (:mod:`.cells`), checked as a row
(:mod:`.checks`), and compared with the kept outcome, indicator, target or milestone of
the same code: to be added, changed (each column's old and new text), or left alone.
Every problem is listed with its sheet, row and column. A column the sheet does not have
is left as it is kept. Rows name rows of earlier sheets (an indicator its outcome, a
milestone its target) whether kept or in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from indicators.imports.read import ImportRefused, Problem, Table
from targets.framework_import import sheets as s
from targets.framework_import.cells import CellProblem, key, parse, show
from targets.framework_import.checks import defaults, row_problems
from targets.framework_import.current import Framework, current_values, row_key


@dataclass(frozen=True)
class Change:
    column: str
    old: str
    new: str


@dataclass
class PlannedRow:
    sheet: str
    row: int
    values: dict[str, Any]
    existing: Any = None
    changes: list[Change] = field(default_factory=list)

    @property
    def label(self) -> str:
        columns = {c.key: c for c in s.COLUMNS[self.sheet]}
        return ", ".join(show(columns[k], self.values[k]) for k in s.KEYS[self.sheet])

    @property
    def summary(self) -> str:
        """What the preview says of a row to add: its title, or its figures."""
        v, columns = self.values, {c.key: c for c in s.COLUMNS[self.sheet]}
        if self.sheet in (s.OUTCOMES, s.INDICATORS):
            return str(v["title"])
        if self.sheet == s.TARGETS:
            baseline = show(columns["baseline_value"], v["baseline_value"])
            target = show(columns["target_value"], v["target_value"])
            return (
                f"{show(columns['kind'], v['kind'])}: from {baseline} in {v['baseline_period']}"
                f" to {target} in {v['target_period']}"
            )
        return show(columns["value"], v["value"])


@dataclass
class SheetPlan:
    sheet: str
    columns: tuple[s.Column, ...] = ()  # the columns the file gives
    added: list[PlannedRow] = field(default_factory=list)
    changed: list[PlannedRow] = field(default_factory=list)
    unchanged: list[PlannedRow] = field(default_factory=list)


@dataclass
class Plan:
    sheets: dict[str, SheetPlan]
    problems: list[Problem] = field(default_factory=list)
    # The kept framework's rows by sheet and key, for the save to name.
    kept: dict[str, dict[tuple[Any, ...], Any]] = field(default_factory=dict)

    @property
    def can_save(self) -> bool:
        return not self.problems

    @property
    def added(self) -> int:
        return sum(len(p.added) for p in self.sheets.values())

    @property
    def changed(self) -> int:
        return sum(len(p.changed) for p in self.sheets.values())

    @property
    def unchanged(self) -> int:
        return sum(len(p.unchanged) for p in self.sheets.values())

    @property
    def refused_rows(self) -> int:
        return len({(p.sheet, p.row) for p in self.problems if p.row})

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            name: {"added": len(p.added), "changed": len(p.changed),
                   "unchanged": len(p.unchanged)}
            for name, p in self.sheets.items()
        }  # fmt: skip


def sheet_columns(sheet: str, table: Table) -> dict[int, s.Column]:
    """The columns of a sheet by their position; ImportRefused for a header not known or
    a needed column missing."""
    known = s.column_by_header(sheet)
    found: dict[int, s.Column] = {}
    for index, header in enumerate(table.headers):
        if not header:
            continue
        column = known.get(s.header_key(header))
        if column is None:
            raise ImportRefused(
                f'The {sheet} sheet has a column "{header}" that is not one of its columns: '
                + ", ".join(f'"{c.header}"' for c in s.COLUMNS[sheet])
            )
        if column in found.values():
            raise ImportRefused(f'The {sheet} sheet has two "{column.header}" columns')
        found[index] = column
    missing = [c.header for c in s.COLUMNS[sheet] if c.required and c not in found.values()]
    if missing:
        raise ImportRefused(
            f"The {sheet} sheet has no " + ", ".join(f'"{h}"' for h in missing) + " column"
        )
    return found


def _read_row(
    sheet: str, number: int, cells: tuple[str, ...], columns: dict[int, s.Column],
    framework: Framework, problems: list[Problem],
) -> PlannedRow | None:  # fmt: skip
    """The row's values: those the file gives over those kept (or, for a row to add, the
    defaults), checked; None and its problems listed when it has any."""
    given: dict[str, Any] = {}
    bad = False
    for index, column in columns.items():
        text = cells[index] if index < len(cells) else ""
        try:
            given[column.key] = parse(column, text, framework.refs)
        except CellProblem as problem:
            problems.append(Problem(number, column.header, problem.message, sheet))
            bad = True
    if bad:
        return None
    existing = framework.rows[sheet].get(row_key(sheet, given))
    base = defaults(sheet) if existing is None else current_values(sheet, existing)
    values = {**base, **given}
    found = row_problems(sheet, values, framework)
    problems.extend(Problem(number, header, message, sheet) for header, message in found)
    return None if found else PlannedRow(sheet, number, values, existing=existing)


def _compare(planned: PlannedRow, given: tuple[s.Column, ...]) -> None:
    kept = current_values(planned.sheet, planned.existing)
    for column in given:
        if column.key in s.KEYS[planned.sheet]:
            continue  # the row is known by it: "ni 116" names NI 116, and keeps its code
        old, new = show(column, kept[column.key]), show(column, planned.values[column.key])
        if old != new:
            planned.changes.append(Change(column.header, old, new))


def plan_sheet(sheet: str, table: Table, framework: Framework, plan: Plan) -> None:
    columns = sheet_columns(sheet, table)
    sheet_plan = plan.sheets[sheet] = SheetPlan(sheet, columns=tuple(columns.values()))
    first: dict[tuple[Any, ...], int] = {}
    for number, cells in table.rows:
        planned = _read_row(sheet, number, cells, columns, framework, plan.problems)
        if planned is None:
            continue
        found = row_key(sheet, planned.values)
        if found in first:
            label = planned.label
            plan.problems.append(
                Problem(number, "", f"a second {s.ROW_NOUNS[sheet]} {label} (the first is on "
                        f"row {first[found]}): keep one", sheet)
            )  # fmt: skip
            continue
        first[found] = number
        if planned.existing is None:
            sheet_plan.added.append(planned)
            continue
        _compare(planned, sheet_plan.columns)
        (sheet_plan.changed if planned.changes else sheet_plan.unchanged).append(planned)
    _remember(sheet, sheet_plan, framework)


def _remember(sheet: str, sheet_plan: SheetPlan, framework: Framework) -> None:
    """What later sheets may name: the outcomes, indicators and targets of this one."""
    for planned in sheet_plan.added + sheet_plan.changed + sheet_plan.unchanged:
        values = planned.values
        if sheet == s.OUTCOMES:
            framework.refs.outcomes.setdefault(key(values["code"]), values["code"])
            framework.planned_outcomes[key(values["code"])] = values
        elif sheet == s.INDICATORS:
            framework.refs.indicators.setdefault(key(values["code"]), values["code"])
        elif sheet == s.TARGETS:
            framework.planned_targets.add(row_key(sheet, values))


def plan_framework(tables: dict[str, Table], framework: Framework) -> Plan:
    """What importing the sheets would do, and every problem, without writing anything."""
    plan = Plan(sheets={}, kept=framework.rows)
    for sheet in s.SHEETS:
        plan_sheet(sheet, tables[sheet], framework, plan)
    plan.problems.sort(key=lambda p: (s.SHEETS.index(p.sheet), p.row, p.column))
    return plan
