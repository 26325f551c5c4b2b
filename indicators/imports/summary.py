"""The preview of an import as lines of text, for the command line (the page shows the
same sections as tables)."""

from __future__ import annotations

from indicators.imports.plan import Plan, PlannedValue

LAYOUT_NAMES = {"long": "long", "wide": "wide", "fingertips": "OHID Fingertips"}


def _number(value: object) -> str:
    return "" if value is None else f"{value:f}".rstrip("0").rstrip(".")


def _value_line(v: PlannedValue, *, old: bool = False) -> str:
    was = f" (was {_number(v.old)})" if old else ""
    return (
        f"  row {v.row}: {v.indicator.code}, {v.area.name} ({v.area.code}), {v.period_code}: "
        f"{_number(v.value)}{was}"
    )


def preview_lines(plan: Plan, *, limit: int = 50) -> list[str]:
    """What the import would do, section by section, at most ``limit`` lines in each."""
    lines = [
        f"Layout: {LAYOUT_NAMES.get(plan.layout, plan.layout)}; {plan.rows_read:,} rows read.",
        f"To add: {len(plan.added):,}. To change: {len(plan.changed):,}. "
        f"Left alone (the same): {len(plan.unchanged):,}. "
        f"Conflicts (an approved return's value, kept): {len(plan.conflicts):,}. "
        f"Problems: {len(plan.problems):,}. Unknown areas: {len(plan.unknown_areas):,}.",
    ]
    for note, count in sorted(plan.mapped.items()):
        lines.append(f"Mapped: {note} ({count:,} value{'s' if count != 1 else ''}).")
    sections: list[tuple[str, list[str]]] = [
        ("Problems", [f"  {p}" for p in sorted(plan.problems, key=lambda p: (p.row, p.column))]),
        (
            "Unknown areas",
            [
                f"  {a.code} ({a.name}), rows {', '.join(map(str, a.rows[:10]))}"
                + ("" if a.creatable else ": not a GSS code, so not created")
                for a in plan.unknown_areas.values()
            ],
        ),
        ("Conflicts", [_value_line(v, old=True) for v in plan.conflicts]),
        ("To change", [_value_line(v, old=True) for v in plan.changed]),
        ("To add", [_value_line(v) for v in plan.added]),
    ]
    for title, items in sections:
        if not items:
            continue
        lines.append(f"{title}:")
        lines.extend(items[:limit])
        if len(items) > limit:
            lines.append(f"  ... and {len(items) - limit:,} more")
    return lines
