"""The preview of a framework import as lines of text, for the command line (the page
shows the same sections as tables)."""

from __future__ import annotations

from targets.framework_import.plan import Plan


def preview_lines(plan: Plan, *, limit: int = 50) -> list[str]:
    """What the import would do, sheet by sheet, at most ``limit`` lines in each part."""
    lines = [
        f"To add: {plan.added:,}. To change: {plan.changed:,}. "
        f"Left alone (the same): {plan.unchanged:,}. Problems: {len(plan.problems):,}."
    ]
    for name, part in plan.sheets.items():
        lines.append(
            f"{name}: {len(part.added):,} to add, {len(part.changed):,} to change, "
            f"{len(part.unchanged):,} left alone."
        )
    sections: list[tuple[str, list[str]]] = [("Problems", [f"  {p}" for p in plan.problems])]
    for name, part in plan.sheets.items():
        changes = [
            f'  {name} row {row.row}: {row.label}, {c.column}: "{c.old}" to "{c.new}"'
            for row in part.changed
            for c in row.changes
        ]
        sections.append((f"{name} to change", changes))
        sections.append(
            (f"{name} to add", [f"  row {r.row}: {r.label}: {r.summary}" for r in part.added])
        )
    for title, items in sections:
        if not items:
            continue
        lines.append(f"{title}:")
        lines.extend(items[:limit])
        if len(items) > limit:
            lines.append(f"  ... and {len(items) - limit:,} more")
    return lines
