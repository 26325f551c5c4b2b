"""The checks of a whole row of the framework workbook, beyond each of its cells: what
the database's constraints and the models' rules would refuse, said in the users' words
with the column to put right. A row to add starts from :func:`defaults`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from indicators.enums import Unit
from partnership.periods import Period as PeriodRef
from targets.framework_import import sheets as s
from targets.framework_import.cells import key
from targets.framework_import.current import Framework

DEFAULT_DECIMAL_PLACES = 1
MAX_DECIMAL_PLACES = 6
TOLERANCE_PLACES = 2  # as the target keeps it


def defaults(sheet: str) -> dict[str, Any]:
    """The values of a new row for the columns a sheet leaves out."""
    values: dict[str, Any] = {}
    for column in s.COLUMNS[sheet]:
        values[column.key] = "" if column.kind in (s.TEXT, s.LONG_TEXT) else None
    if sheet == s.INDICATORS:
        values["decimal_places"] = DEFAULT_DECIMAL_PLACES
    return values


def row_problems(sheet: str, values: dict[str, Any], framework: Framework) -> list[tuple[str, str]]:
    """Each problem of the row as (column, message); fills in what a blank cell means."""
    if sheet == s.INDICATORS:
        return _indicator(values, framework)
    if sheet == s.TARGETS:
        return _target(values)
    if sheet == s.MILESTONES:
        return _milestone(values, framework)
    return []


def _outcome_partner(code: str, framework: Framework) -> Any:
    planned = framework.planned_outcomes.get(key(code))
    if planned is not None:
        return planned["lead_organisation"]
    return framework.rows[s.OUTCOMES][(key(code),)].lead_organisation


def _indicator(values: dict[str, Any], framework: Framework) -> list[tuple[str, str]]:
    problems = []
    if values["decimal_places"] is None:
        values["decimal_places"] = DEFAULT_DECIMAL_PLACES
    if values["decimal_places"] > MAX_DECIMAL_PLACES:
        problems.append(("Decimal places", f"must be from 0 to {MAX_DECIMAL_PLACES}"))
    if values["unit"] == Unit.RATE.value and not values["rate_per"]:
        problems.append(("Rate per", "a rate needs per how many, such as 1000 or 100000"))
    if values["lead_organisation"] is None:
        values["lead_organisation"] = _outcome_partner(values["primary_outcome"], framework)
    return problems


def _target(values: dict[str, Any]) -> list[tuple[str, str]]:
    problems = []
    if values["kind"] == "stretch" and values["standard_target_value"] is None:
        problems.append(("Standard target", "a stretch target needs the target without it"))
    baseline, target = values["baseline_period"], values["target_period"]
    if PeriodRef.parse(target) <= PeriodRef.parse(baseline):
        problems.append(("Target period", f"{target} is not after the baseline period {baseline}"))
    tolerance = values["tolerance_pct"]
    if tolerance is not None and not Decimal(0) <= tolerance <= Decimal(100):
        problems.append(("Tolerance %", "must be from 0 to 100"))
    elif tolerance is not None and -int(tolerance.as_tuple().exponent) > TOLERANCE_PLACES:
        problems.append(("Tolerance %", f"has more than {TOLERANCE_PLACES} decimal places"))
    return problems


def _milestone(values: dict[str, Any], framework: Framework) -> list[tuple[str, str]]:
    target = (key(values["indicator"]), values["area"].pk)
    if target in framework.rows[s.TARGETS] or target in framework.planned_targets:
        return []
    return [
        (
            "",
            f"there is no target for {values['indicator']} in {values['area'].code}: "
            "add it to the Targets sheet",
        )
    ]
