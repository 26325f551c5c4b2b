"""The names of a pack's sheets: its fixed sheets', and a valid, unique one for each block."""

from __future__ import annotations

COVER = "Cover"
SUMMARY = "Summary"
COMMENTARY = "Commentary"
STRETCH = "Stretch targets"
COMPARATORS = "Comparators"
RISKS = "Risks"
ACTIONS = "Actions"
FUNDING = "Funding"
DATA = "Data"
FIXED_SHEETS = (COVER, SUMMARY, COMMENTARY, STRETCH, COMPARATORS, RISKS, ACTIONS, FUNDING, DATA)
MAX_SHEET_NAME = 31
NOT_IN_SHEET_NAMES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name for ``name``: at most 31 characters, none of []:*?/\\,
    not beginning or ending with an apostrophe, unlike any in ``taken`` (any case)."""
    base = " ".join(name.translate(NOT_IN_SHEET_NAMES).split()).strip("'").strip()
    base = base[:MAX_SHEET_NAME].strip() or "Block"
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
    taken.add(candidate.lower())
    return candidate
