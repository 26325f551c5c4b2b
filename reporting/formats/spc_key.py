"""The key to the variation and assurance words of statistical process control
(:mod:`targets.spc`), the same on the board view and in the pack's block sheets.

Each entry is the word a row shows and what it means to a board, in plain English.
"""

from __future__ import annotations

from targets.spc import MIN_POINTS, Assurance, Variation

VARIATION_KEY: tuple[tuple[str, str], ...] = (
    (
        Variation.COMMON_CAUSE.label,
        "The latest value is within what the process usually does: noise, not a reason to "
        "react on its own.",
    ),
    (
        Variation.IMPROVEMENT.label,
        "A signal that the process has changed for the better (a value outside the process "
        "limits, a shift, a trend, or two of three values close to a limit).",
    ),
    (Variation.CONCERN.label, "A signal that the process has changed for the worse: look into it."),
    (
        Variation.NEUTRAL.label,
        "A signal of change in an indicator with no better direction.",
    ),
    (
        Variation.NOT_ENOUGH_DATA.label,
        f"Fewer than {MIN_POINTS} approved values: judge by RAG alone.",
    ),
)
ASSURANCE_KEY: tuple[tuple[str, str], ...] = (
    (
        Assurance.PASS.label,
        "The target is outside the process limits on the good side: as the process runs, "
        "it will be met every time.",
    ),
    (
        Assurance.FAIL.label,
        "The target is outside the process limits on the wrong side: it will not be met "
        "without changing the process.",
    ),
    (
        Assurance.HIT_AND_MISS.label,
        "The target is inside the process limits: it will be met at some times and missed "
        "at others, at random.",
    ),
    (
        Assurance.NOT_ASSESSED.label,
        "Not enough data, no target, or an indicator with no better direction.",
    ),
)
SPC_NOTE = (
    "Variation and assurance come from a statistical process control (XmR) chart of the "
    "partnership area's approved values up to the quarter, as on each indicator's page."
)
# For a template: {% include "reporting/dashboards/spc_key.html" %} with this as spc_key.
SPC_KEY = {"note": SPC_NOTE, "variation": VARIATION_KEY, "assurance": ASSURANCE_KEY}
